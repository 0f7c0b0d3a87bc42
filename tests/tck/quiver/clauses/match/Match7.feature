# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Match7 - Optional match

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (a:A {name: 'a'})-[:T]->(b:B {name: 'b'}),
             (a)-[:T]->(c:C {name: 'c'}),
             (:D {name: 'd'})
      """

  Scenario: [1] Optional match that finds nothing returns a null row
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | null |
    And no side effects

  Scenario: [2] Optional match keeps rows without a match
    When executing query:
      """
      MATCH (x)
      OPTIONAL MATCH (x)-[:T]->(y)
      RETURN x.name AS x, y.name AS y
      """
    Then the result should be, in any order:
      | x   | y    |
      | 'a' | 'b'  |
      | 'a' | 'c'  |
      | 'b' | null |
      | 'c' | null |
      | 'd' | null |
    And no side effects

  Scenario: [3] WHERE on an optional match filters the match, not the rows
    When executing query:
      """
      MATCH (a:A)
      OPTIONAL MATCH (a)-[:T]->(y)
        WHERE y.name = 'zzz'
      RETURN a.name AS a, y
      """
    Then the result should be, in any order:
      | a   | y    |
      | 'a' | null |
    And no side effects

  Scenario: [4] WHERE on an optional match keeps the matches that pass
    When executing query:
      """
      MATCH (a:A)
      OPTIONAL MATCH (a)-[:T]->(y)
        WHERE y:C
      RETURN y.name AS y
      """
    Then the result should be, in any order:
      | y   |
      | 'c' |
    And no side effects

  Scenario: [5] Counting an optional match that finds nothing
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      RETURN count(n) AS c, count(*) AS rows
      """
    Then the result should be, in any order:
      | c | rows |
      | 0 | 1    |
    And no side effects

  Scenario: [6] Optional match from a null node
    When executing query:
      """
      OPTIONAL MATCH (a:Missing)
      OPTIONAL MATCH (a)-->(b)
      RETURN a, b
      """
    Then the result should be, in any order:
      | a    | b    |
      | null | null |
    And no side effects

  Scenario: [7] An optional path that does not exist is null
    When executing query:
      """
      MATCH (a:A)
      OPTIONAL MATCH p = (a)-->(:Z)
      RETURN p
      """
    Then the result should be, in any order:
      | p    |
      | null |
    And no side effects

  Scenario: [8] All parts of an optional pattern must match together
    When executing query:
      """
      MATCH (a:A)
      OPTIONAL MATCH (a)-->(b), (c:Missing)
      RETURN b, c
      """
    Then the result should be, in any order:
      | b    | c    |
      | null | null |
    And no side effects

  Scenario: [9] Optional relationship is null when missing
    When executing query:
      """
      MATCH (d:D)
      OPTIONAL MATCH (d)-[r]-()
      RETURN d.name AS d, r
      """
    Then the result should be, in any order:
      | d   | r    |
      | 'd' | null |
    And no side effects

  Scenario: [10] Optional variable length match
    When executing query:
      """
      MATCH (a:A)
      OPTIONAL MATCH (a)-[*2..]->(x)
      RETURN x
      """
    Then the result should be, in any order:
      | x    |
      | null |
    And no side effects

  Scenario: [11] Optional match with an incoming direction
    When executing query:
      """
      MATCH (b:B)
      OPTIONAL MATCH (b)<-[:T]-(x)
      RETURN x.name AS x
      """
    Then the result should be, in any order:
      | x   |
      | 'a' |
    And no side effects

  Scenario: [12] Aggregating over optional matches groups the missing ones
    When executing query:
      """
      MATCH (x)
      OPTIONAL MATCH (x)-[:T]->(y)
      RETURN x.name AS x, count(y) AS c
      ORDER BY x
      """
    Then the result should be, in order:
      | x   | c |
      | 'a' | 2 |
      | 'b' | 0 |
      | 'c' | 0 |
      | 'd' | 0 |
    And no side effects

  Scenario: [13] Properties of a null optional node are null
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      RETURN n.name AS name, labels(n) AS l
      """
    Then the result should be, in any order:
      | name | l    |
      | null | null |
    And no side effects

  Scenario: [14] Optional match on both ends bound
    When executing query:
      """
      MATCH (a:A), (d:D)
      OPTIONAL MATCH (a)-[r]->(d)
      RETURN r
      """
    Then the result should be, in any order:
      | r    |
      | null |
    And no side effects

  Scenario: [15] Optional match after WITH
    When executing query:
      """
      MATCH (n)
      WITH n WHERE n.name IN ['b', 'd']
      OPTIONAL MATCH (n)<-[:T]-(m)
      RETURN n.name AS n, m.name AS m
      """
    Then the result should be, in any order:
      | n   | m    |
      | 'b' | 'a'  |
      | 'd' | null |
    And no side effects
