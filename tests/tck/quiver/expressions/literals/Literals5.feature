# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Literals5 - Float and integer literals

  Scenario Outline: [1] Float literals
    Given any graph
    When executing query:
      """
      RETURN <literal> AS literal
      """
    Then the result should be, in any order:
      | literal  |
      | <result> |
    And no side effects

    Examples:
      | literal  | result  |
      | 1.0      | 1.0     |
      | .5       | 0.5     |
      | -.5      | -0.5    |
      | 1e-10    | 1e-10   |
      | 1E3      | 1000.0  |
      | 1e+2     | 100.0   |
      | .5e2     | 50.0    |
      | 3.0e0    | 3.0     |
      | 0.0      | 0.0     |
      | -0.0     | -0.0    |
      | 1.5e-5   | 0.000015 |
      | 1.7976931348623157e308 | 1.7976931348623157e308 |

  Scenario Outline: [2] Hexadecimal and octal integer literals
    Given any graph
    When executing query:
      """
      RETURN <literal> AS literal
      """
    Then the result should be, in any order:
      | literal  |
      | <result> |
    And no side effects

    Examples:
      | literal             | result               |
      | 0x1F                | 31                   |
      | 0xabc               | 2748                 |
      | -0x10               | -16                  |
      | 0x7FFFFFFFFFFFFFFF  | 9223372036854775807  |
      | -0x8000000000000000 | -9223372036854775808 |
      | 0o17                | 15                   |
      | -0o10               | -8                   |
      | 0o777               | 511                  |

  Scenario: [3] The smallest and largest integers
    Given any graph
    When executing query:
      """
      RETURN 9223372036854775807 AS max, -9223372036854775808 AS min
      """
    Then the result should be, in any order:
      | max                 | min                  |
      | 9223372036854775807 | -9223372036854775808 |
    And no side effects

  Scenario: [4] Fail on an integer that is too large
    Given any graph
    When executing query:
      """
      RETURN 9223372036854775808 AS x
      """
    Then a SyntaxError should be raised at compile time: IntegerOverflow

  Scenario: [5] Fail on a hexadecimal integer that is too large
    Given any graph
    When executing query:
      """
      RETURN 0x8000000000000000 AS x
      """
    Then a SyntaxError should be raised at compile time: IntegerOverflow

  Scenario: [6] Fail on an incomplete hexadecimal literal
    Given any graph
    When executing query:
      """
      RETURN 0x AS x
      """
    Then a SyntaxError should be raised at compile time: InvalidNumberLiteral

  Scenario: [7] Fail on a float literal that is too large
    Given any graph
    When executing query:
      """
      RETURN 1.34E999 AS x
      """
    Then a SyntaxError should be raised at compile time: FloatingPointOverflow
