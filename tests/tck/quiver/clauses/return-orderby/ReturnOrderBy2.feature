# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: ReturnOrderBy2 - Order by expressions

  Scenario: [1] ORDER BY a negated expression
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x
      RETURN x
      ORDER BY -x
      """
    Then the result should be, in order:
      | x |
      | 3 |
      | 2 |
      | 1 |
    And no side effects

  Scenario: [2] ORDER BY an expression of an alias
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x
      RETURN x * 10 AS y
      ORDER BY y % 20, y
      """
    Then the result should be, in order:
      | y  |
      | 20 |
      | 10 |
      | 30 |
    And no side effects

  Scenario: [3] ORDER BY several keys in mixed directions
    Given any graph
    When executing query:
      """
      UNWIND [[1, 'b'], [2, 'a'], [1, 'a'], [2, 'b']] AS p
      RETURN p[0] AS n, p[1] AS s
      ORDER BY n DESC, s ASC
      """
    Then the result should be, in order:
      | n | s   |
      | 2 | 'a' |
      | 2 | 'b' |
      | 1 | 'a' |
      | 1 | 'b' |
    And no side effects

  Scenario: [4] ORDER BY an aggregate
    Given any graph
    When executing query:
      """
      UNWIND ['a', 'b', 'b', 'c', 'c', 'c'] AS s
      RETURN s, count(*) AS c
      ORDER BY c DESC
      """
    Then the result should be, in order:
      | s   | c |
      | 'c' | 3 |
      | 'b' | 2 |
      | 'a' | 1 |
    And no side effects

  Scenario: [5] Fail when ordering by an aggregate that is not projected
    Given any graph
    When executing query:
      """
      UNWIND ['a', 'b', 'b'] AS s
      RETURN s
      ORDER BY count(*) DESC
      """
    Then a SyntaxError should be raised at compile time: InvalidAggregation

  Scenario: [6] ORDER BY after DISTINCT on the projected item
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 3, 2] AS x
      RETURN DISTINCT x
      ORDER BY x DESC
      """
    Then the result should be, in order:
      | x |
      | 3 |
      | 2 |
      | 1 |
    And no side effects

  Scenario: [7] Fail when ordering by a variable that is not projected after DISTINCT
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x
      RETURN DISTINCT x % 2 AS k
      ORDER BY x
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [8] Fail when ordering by a variable that is not projected after aggregation
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x
      RETURN count(*) AS c
      ORDER BY x
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [9] ORDER BY a CASE expression
    Given any graph
    When executing query:
      """
      UNWIND ['x', 'y', 'z'] AS s
      RETURN s
      ORDER BY CASE s WHEN 'y' THEN 0 ELSE 1 END, s DESC
      """
    Then the result should be, in order:
      | s   |
      | 'y' |
      | 'z' |
      | 'x' |
    And no side effects

  Scenario: [10] ORDER BY is stable with respect to LIMIT
    Given any graph
    When executing query:
      """
      UNWIND [5, 3, 4, 1, 2] AS x
      RETURN x
      ORDER BY x DESC
      LIMIT 2
      """
    Then the result should be, in order:
      | x |
      | 5 |
      | 4 |
    And no side effects
