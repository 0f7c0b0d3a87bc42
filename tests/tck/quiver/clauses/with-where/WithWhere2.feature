# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: WithWhere2 - Filter multiple variables

  Scenario: [1] Filter nodes with a predicate on two variables
    Given an empty graph
    And having executed:
      """
      CREATE (:A {id: 1}), (:A {id: 2}), (:B {id: 1}), (:B {id: 3})
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      WITH a, b
      WHERE a.id = b.id
      RETURN a.id AS id
      """
    Then the result should be, in any order:
      | id |
      | 1  |
    And no side effects

  Scenario: [2] Filter with OR over two variables
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS a
      UNWIND [1, 2] AS b
      WITH a, b
      WHERE a = 1 OR b = 1
      RETURN a, b
      """
    Then the result should be, in any order:
      | a | b |
      | 1 | 1 |
      | 1 | 2 |
      | 2 | 1 |
    And no side effects

  Scenario: [3] Filter on an aggregate and a grouping key
    Given any graph
    When executing query:
      """
      UNWIND [1, 1, 2, 2, 2, 3] AS x
      WITH x, count(*) AS c
      WHERE c > 1 AND x > 1
      RETURN x, c
      """
    Then the result should be, in any order:
      | x | c |
      | 2 | 3 |
    And no side effects

  Scenario: [4] WHERE can use variables of the previous scope that WITH dropped
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 3] AS x
      WITH x AS y
      WHERE x > 1
      RETURN y
      """
    Then the result should be, in any order:
      | y |
      | 2 |
      | 3 |
    And no side effects

  Scenario: [5] Filter comparing a relationship property to a node property
    Given an empty graph
    And having executed:
      """
      CREATE (:A {w: 1})-[:T {w: 1}]->(), (:A {w: 2})-[:T {w: 3}]->()
      """
    When executing query:
      """
      MATCH (a:A)-[r:T]->()
      WITH a, r
      WHERE a.w = r.w
      RETURN a.w AS w
      """
    Then the result should be, in any order:
      | w |
      | 1 |
    And no side effects
