# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: List11 - List comprehensions

  Scenario: [1] Filtering and mapping
    Given any graph
    When executing query:
      """
      RETURN [x IN [1, 2, 3] WHERE x > 1 | x * 10] AS a,
             [x IN [1, 2, 3] WHERE x > 1] AS b,
             [x IN [1, 2, 3] | x] AS c,
             [x IN [] | x] AS d,
             [x IN null | x] AS e
      """
    Then the result should be, in any order:
      | a        | b      | c         | d  | e    |
      | [20, 30] | [2, 3] | [1, 2, 3] | [] | null |
    And no side effects

  Scenario: [2] A null predicate drops the element
    Given any graph
    When executing query:
      """
      RETURN [x IN [1, null, 3] WHERE x > 1] AS a, [x IN [1, null] WHERE x IS NULL] AS b
      """
    Then the result should be, in any order:
      | a   | b      |
      | [3] | [null] |
    And no side effects

  Scenario: [3] Nested list comprehensions
    Given any graph
    When executing query:
      """
      RETURN [x IN [1, 2] | [y IN [10, 20] | x + y]] AS r
      """
    Then the result should be, in any order:
      | r                      |
      | [[11, 21], [12, 22]]   |
    And no side effects

  Scenario: [4] A comprehension can use outer variables
    Given any graph
    When executing query:
      """
      WITH 100 AS k
      RETURN [x IN [1, 2] | x + k] AS r
      """
    Then the result should be, in any order:
      | r          |
      | [101, 102] |
    And no side effects

  Scenario: [5] A comprehension over nodes
    Given an empty graph
    And having executed:
      """
      CREATE ({n: 1}), ({n: 2}), ({n: 3})
      """
    When executing query:
      """
      MATCH (a)
      WITH collect(a) AS ns
      RETURN [x IN ns WHERE x.n >= 2 | x.n] AS r
      """
    Then the result should be, in any order (ignoring element order for lists):
      | r      |
      | [2, 3] |
    And no side effects

  Scenario: [6] The comprehension variable does not leak
    Given any graph
    When executing query:
      """
      RETURN [x IN [1] | x] AS l, x
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [7] Fail on an aggregate inside a list comprehension
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS y
      RETURN [x IN [1] | count(x)] AS r
      """
    Then a SyntaxError should be raised at compile time: *
