# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
# A variable-length relationship whose variable is already bound to a list
# of relationships matches exactly that sequence, walked in pattern order.
Feature: QMatch2 - A bound relationship list as a variable-length pattern

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (a:A), (b:B), (c:C)
      CREATE (a)-[:Y]->(b),
             (b)-[:Y]->(c)
      """

  Scenario: [1] Matching relationships into a list and matching variable length using the list
    When executing query:
      """
      MATCH ()-[r1]->()-[r2]->()
      WITH [r1, r2] AS rs
        LIMIT 1
      MATCH (first)-[rs*]->(second)
      RETURN first, second
      """
    Then the result should be, in any order:
      | first | second |
      | (:A)  | (:C)   |
    And no side effects

  Scenario: [2] The list of a matched path, with bound nodes
    When executing query:
      """
      MATCH p = (a:A)-[:Y*]->(c:C)
      WITH relationships(p) AS rs, a, c
      MATCH (a)-[rs*]->(c)
      RETURN a, c
      """
    Then the result should be, in any order:
      | a    | c    |
      | (:A) | (:C) |
    And no side effects

  Scenario: [3] Bound nodes the wrong way round match nothing
    When executing query:
      """
      MATCH (a)-[r1]->()-[r2]->(b)
      WITH [r1, r2] AS rs, a AS second, b AS first
        LIMIT 1
      MATCH (first)-[rs*]->(second)
      RETURN first, second
      """
    Then the result should be empty
    And no side effects

  Scenario: [4] A list out of order matches nothing
    When executing query:
      """
      MATCH ()-[r1]->()-[r2]->()
      WITH [r2, r1] AS rs
        LIMIT 1
      MATCH (first)-[rs*]->(second)
      RETURN count(*) AS n
      """
    Then the result should be, in any order:
      | n |
      | 0 |
    And no side effects

  Scenario: [5] Walked leftwards and undirected
    When executing query:
      """
      MATCH ()-[r1]->()-[r2]->()
      WITH [r1, r2] AS rs
        LIMIT 1
      OPTIONAL MATCH (x)<-[rs*]-(y)
      WITH rs, x, y
      MATCH (u)-[rs*]-(v)
      RETURN x, y, u, v
      """
    Then the result should be, in any order:
      | x    | y    | u    | v    |
      | null | null | (:A) | (:C) |
    And no side effects

  Scenario: [6] The list is walked with the pattern's length and types
    When executing query:
      """
      MATCH ()-[r1]->()-[r2]->()
      WITH [r1, r2] AS rs
        LIMIT 1
      OPTIONAL MATCH (a)-[rs:Y*1..1]->(b)
      OPTIONAL MATCH (c)-[rs:X*]->(d)
      OPTIONAL MATCH (e)-[rs:Y*2]->(f)
      RETURN a, b, c, d, e, f
      """
    Then the result should be, in any order:
      | a    | b    | c    | d    | e    | f    |
      | null | null | null | null | (:A) | (:C) |
    And no side effects
