# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: ReturnSkipLimit2 - Skip and limit with parameters and expressions

  Scenario: [1] SKIP and LIMIT from parameters
    Given any graph
    And parameters are:
      | s | 1 |
      | l | 2 |
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      ORDER BY x
      SKIP $s
      LIMIT $l
      """
    Then the result should be, in order:
      | x |
      | 2 |
      | 3 |
    And no side effects

  Scenario: [2] SKIP with an arithmetic expression
    Given any graph
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      ORDER BY x
      SKIP 1 + 2
      """
    Then the result should be, in order:
      | x |
      | 4 |
      | 5 |
    And no side effects

  Scenario: [3] LIMIT with a function call
    Given any graph
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      ORDER BY x
      LIMIT toInteger(ceil(1.5))
      """
    Then the result should be, in order:
      | x |
      | 1 |
      | 2 |
    And no side effects

  Scenario: [4] LIMIT 0 returns no rows
    Given any graph
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      LIMIT 0
      """
    Then the result should be, in any order:
      | x |
    And no side effects

  Scenario: [5] SKIP beyond the end returns no rows
    Given any graph
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      SKIP 10
      """
    Then the result should be, in any order:
      | x |
    And no side effects

  Scenario: [6] Fail on a negative LIMIT literal
    Given any graph
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      LIMIT -1
      """
    Then a SyntaxError should be raised at compile time: NegativeIntegerArgument

  Scenario: [7] Fail on a float LIMIT literal
    Given any graph
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      LIMIT 1.5
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [8] Fail on a LIMIT that depends on a variable
    Given any graph
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      LIMIT x
      """
    Then a SyntaxError should be raised at compile time: NonConstantExpression

  Scenario: [9] Fail on a negative LIMIT parameter
    Given any graph
    And parameters are:
      | l | -2 |
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      LIMIT $l
      """
    Then a SyntaxError should be raised at runtime: NegativeIntegerArgument

  Scenario: [10] Fail on a float LIMIT parameter
    Given any graph
    And parameters are:
      | l | 1.5 |
    When executing query:
      """
      UNWIND range(1, 5) AS x
      RETURN x
      LIMIT $l
      """
    Then a SyntaxError should be raised at runtime: InvalidArgumentType

  Scenario: [11] SKIP and LIMIT on WITH before an aggregation
    Given any graph
    When executing query:
      """
      UNWIND range(1, 10) AS x
      WITH x ORDER BY x DESC SKIP 2 LIMIT 3
      RETURN collect(x) AS xs
      """
    Then the result should be, in any order:
      | xs        |
      | [8, 7, 6] |
    And no side effects

  Scenario: [12] LIMIT after aggregation and ORDER BY
    Given any graph
    When executing query:
      """
      UNWIND [1, 1, 2, 3, 3, 3] AS x
      RETURN x, count(*) AS c
      ORDER BY c DESC, x
      LIMIT 2
      """
    Then the result should be, in order:
      | x | c |
      | 3 | 3 |
      | 1 | 2 |
    And no side effects
