# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Mathematical2 - Arithmetic operators

  Scenario Outline: [1] Integer and float arithmetic
    Given any graph
    When executing query:
      """
      RETURN <expr> AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | expr       | r                  |
      | 10 / 3     | 3                  |
      | -10 / 3    | -3                 |
      | 10 / 3.0   | 3.3333333333333335 |
      | 7 % 3      | 1                  |
      | 7 % -3     | 1                  |
      | -7 % 3     | -1                 |
      | 7.5 % 2    | 1.5                |
      | 10 % 3.0   | 1.0                |
      | 2 ^ 3      | 8.0                |
      | 2 ^ -1     | 0.5                |
      | 4 ^ 0.5    | 2.0                |
      | 1 + 2.0    | 3.0                |
      | 3 - 5      | -2                 |
      | 2 * 3      | 6                  |
      | 2 * 1.5    | 3.0                |
      | 0.1 + 0.2  | 0.30000000000000004 |
      | --1        | 1                  |
      | -(-1)      | 1                  |
      | 2 + 3 * 4  | 14                 |
      | (2 + 3) * 4 | 20                |
      | 2 * 3 ^ 2  | 18.0               |
      | -2 ^ 2     | 4.0                |
      | 12 / 2 / 3 | 2                  |
      | 2 ^ 3 ^ 2  | 64.0               |

  Scenario: [2] Float division by zero
    Given any graph
    When executing query:
      """
      RETURN 1.0 / 0 AS a, -1.0 / 0 AS b, 0.0 / 0.0 AS c, 5.0 % 0 AS d
      """
    Then the result should be, in any order:
      | a        | b         | c   | d   |
      | Infinity | -Infinity | NaN | NaN |
    And no side effects

  Scenario: [3] Fail on integer division by zero
    Given any graph
    When executing query:
      """
      UNWIND [0] AS z
      RETURN 1 / z AS r
      """
    Then a ArgumentError should be raised at runtime: DivisionByZero

  Scenario: [4] Fail on integer modulo by zero
    Given any graph
    When executing query:
      """
      UNWIND [0] AS z
      RETURN 1 % z AS r
      """
    Then a ArgumentError should be raised at runtime: DivisionByZero

  Scenario: [5] Arithmetic with null
    Given any graph
    When executing query:
      """
      RETURN 1 + null AS a, null * 2 AS b, null / 0 AS c, -null AS d, null ^ 2 AS e, null % 2 AS f
      """
    Then the result should be, in any order:
      | a    | b    | c    | d    | e    | f    |
      | null | null | null | null | null | null |
    And no side effects

  Scenario: [6] Fail on integer overflow in addition
    Given any graph
    When executing query:
      """
      UNWIND [9223372036854775807] AS x
      RETURN x + 1 AS r
      """
    Then a ArgumentError should be raised at runtime: IntegerOverflow

  Scenario: [7] Fail on adding a boolean to a number
    Given any graph
    When executing query:
      """
      RETURN 1 + true AS r
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [8] Fail at runtime on subtracting a string
    Given any graph
    When executing query:
      """
      UNWIND [['a', 1]] AS pair
      RETURN pair[1] - pair[0] AS r
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario: [9] Unary minus of the smallest integer literal
    Given any graph
    When executing query:
      """
      RETURN -9223372036854775808 AS r
      """
    Then the result should be, in any order:
      | r                    |
      | -9223372036854775808 |
    And no side effects
