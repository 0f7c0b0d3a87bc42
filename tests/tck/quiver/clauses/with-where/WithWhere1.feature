# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: WithWhere1 - Filter single variable

  Scenario: [1] Filter node with property predicate on a single variable with multiple bindings
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'A'}), ({name: 'B'}), ({name: 'C'})
      """
    When executing query:
      """
      MATCH (a)
      WITH a
      WHERE a.name = 'B'
      RETURN a
      """
    Then the result should be, in any order:
      | a             |
      | ({name: 'B'}) |
    And no side effects

  Scenario: [2] Filter by a renamed variable
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 3] AS x
      WITH x AS y
      WHERE y > 1
      RETURN y
      """
    Then the result should be, in any order:
      | y |
      | 2 |
      | 3 |
    And no side effects

  Scenario: [3] Filter by a label after WITH
    Given an empty graph
    And having executed:
      """
      CREATE (:A {n: 1}), (:B {n: 2})
      """
    When executing query:
      """
      MATCH (x)
      WITH x
      WHERE x:B
      RETURN x.n AS n
      """
    Then the result should be, in any order:
      | n |
      | 2 |
    And no side effects

  Scenario: [4] Filter with a null predicate drops the row
    Given any graph
    When executing query:
      """
      UNWIND [1, null, 3] AS x
      WITH x
      WHERE x > 1
      RETURN x
      """
    Then the result should be, in any order:
      | x |
      | 3 |
    And no side effects

  Scenario: [5] Filter on a pattern predicate after WITH
    Given an empty graph
    And having executed:
      """
      CREATE (:A {n: 1})-[:T]->(:B), (:A {n: 2})
      """
    When executing query:
      """
      MATCH (a:A)
      WITH a
      WHERE (a)-[:T]->()
      RETURN a.n AS n
      """
    Then the result should be, in any order:
      | n |
      | 1 |
    And no side effects

  Scenario: [6] Filter on a negated pattern predicate after WITH
    Given an empty graph
    And having executed:
      """
      CREATE (:A {n: 1})-[:T]->(:B), (:A {n: 2})
      """
    When executing query:
      """
      MATCH (a:A)
      WITH a
      WHERE NOT (a)-[:T]->()
      RETURN a.n AS n
      """
    Then the result should be, in any order:
      | n |
      | 2 |
    And no side effects
