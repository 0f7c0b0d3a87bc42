# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Match4 - Match variable length patterns

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (:A {name: 'a'})-[:T {w: 1}]->(:B {name: 'b'})-[:T {w: 2}]->(:C {name: 'c'})-[:T {w: 3}]->(:D {name: 'd'})
      """

  Scenario: [1] Unbounded variable length pattern
    When executing query:
      """
      MATCH (:A)-[:T*]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'b'  |
      | 'c'  |
      | 'd'  |
    And no side effects

  Scenario: [2] Variable length pattern with a zero lower bound includes the start node
    When executing query:
      """
      MATCH (:A)-[:T*0..]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'a'  |
      | 'b'  |
      | 'c'  |
      | 'd'  |
    And no side effects

  Scenario: [3] Variable length pattern with only an upper bound
    When executing query:
      """
      MATCH (:A)-[:T*..2]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'b'  |
      | 'c'  |
    And no side effects

  Scenario: [4] Variable length pattern with a fixed length
    When executing query:
      """
      MATCH (:A)-[:T*2]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'c'  |
    And no side effects

  Scenario: [5] Variable length pattern with both bounds
    When executing query:
      """
      MATCH (:A)-[:T*2..3]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'c'  |
      | 'd'  |
    And no side effects

  Scenario: [6] Variable length pattern towards a labelled end node
    When executing query:
      """
      MATCH (x)-[:T*]->(:D)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'a'  |
      | 'b'  |
      | 'c'  |
    And no side effects

  Scenario: [7] Undirected variable length pattern does not reuse relationships
    When executing query:
      """
      MATCH (:B)-[:T*1..2]-(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'a'  |
      | 'c'  |
      | 'd'  |
    And no side effects

  Scenario: [8] Variable length pattern between two bound nodes
    When executing query:
      """
      MATCH (a:A), (d:D)
      MATCH p = (a)-[:T*]->(d)
      RETURN length(p) AS len
      """
    Then the result should be, in any order:
      | len |
      | 3   |
    And no side effects

  Scenario: [9] The relationship variable of a variable length pattern is a list
    When executing query:
      """
      MATCH (:A)-[r:T*]->(:D)
      RETURN [x IN r | x.w] AS ws
      """
    Then the result should be, in any order:
      | ws        |
      | [1, 2, 3] |
    And no side effects

  Scenario: [10] A zero-length variable length relationship is an empty list
    When executing query:
      """
      MATCH (:A)-[r*0..0]->(x)
      RETURN x.name AS name, r
      """
    Then the result should be, in any order:
      | name | r  |
      | 'a'  | [] |
    And no side effects

  Scenario: [11] Handling fixed-length variable length pattern
    When executing query:
      """
      MATCH (:A)-[r:T*1..1]->(x)
      RETURN r
      """
    Then the result should be, in any order:
      | r              |
      | [[:T {w: 1}]]  |
    And no side effects

  Scenario: [12] Variable length pattern with a property predicate applies it to every relationship
    When executing query:
      """
      MATCH (:A)-[:T* {w: 1}]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'b'  |
    And no side effects

  Scenario: [13] Zero-length variable length pattern in the middle of the pattern
    When executing query:
      """
      MATCH (:A)-[:T]->(b)-[*0..1]->(c)
      RETURN b.name AS b, c.name AS c
      """
    Then the result should be, in any order:
      | b   | c   |
      | 'b' | 'b' |
      | 'b' | 'c' |
    And no side effects

  Scenario: [14] Variable length pattern going against the direction finds nothing
    When executing query:
      """
      MATCH (:A)<-[:T*]-(x)
      RETURN x
      """
    Then the result should be, in any order:
      | x |
    And no side effects

  Scenario: [15] Variable length pattern with a type that does not exist
    When executing query:
      """
      MATCH (:A)-[:NOPE*0..]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'a'  |
    And no side effects

  Scenario: [16] Relationships are not reused across the parts of a pattern
    When executing query:
      """
      MATCH (x)-[r1]->(y), (y)<-[r2]-(x)
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 0 |
    And no side effects

  Scenario: [17] Counting all variable length paths
    When executing query:
      """
      MATCH p = ()-[:T*]->()
      RETURN count(p) AS c
      """
    Then the result should be, in any order:
      | c |
      | 6 |
    And no side effects

  Scenario: [18] Undirected variable length paths of length exactly two
    When executing query:
      """
      MATCH (x)-[:T*2]-(y)
      RETURN x.name AS x, y.name AS y
      """
    Then the result should be, in any order:
      | x   | y   |
      | 'a' | 'c' |
      | 'c' | 'a' |
      | 'b' | 'd' |
      | 'd' | 'b' |
    And no side effects

  Scenario: [19] Variable length pattern with multiple relationship types
    Given having executed:
      """
      MATCH (d:D) CREATE (d)-[:U]->(:E {name: 'e'})
      """
    When executing query:
      """
      MATCH (:C)-[:T|U*]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'd'  |
      | 'e'  |
    And no side effects

  Scenario: [20] Variable length pattern on a cycle stops when relationships run out
    Given having executed:
      """
      MATCH (d:D), (a:A) CREATE (d)-[:T {w: 4}]->(a)
      """
    When executing query:
      """
      MATCH p = (:A)-[:T*]->(x)
      RETURN x.name AS name, length(p) AS len
      """
    Then the result should be, in any order:
      | name | len |
      | 'b'  | 1   |
      | 'c'  | 2   |
      | 'd'  | 3   |
      | 'a'  | 4   |
    And no side effects

  Scenario: [21] Variable length path with a self-loop
    Given having executed:
      """
      MATCH (d:D) CREATE (d)-[:T {w: 9}]->(d)
      """
    When executing query:
      """
      MATCH (:C)-[r:T*]->(x)
      RETURN x.name AS name, size(r) AS hops
      """
    Then the result should be, in any order:
      | name | hops |
      | 'd'  | 1    |
      | 'd'  | 2    |
    And no side effects

  Scenario: [22] Matching a self-loop once with an undirected pattern
    Given having executed:
      """
      CREATE (n:L)-[:R]->(n)
      """
    When executing query:
      """
      MATCH (n:L)-[r]-(m)
      RETURN count(r) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And no side effects
