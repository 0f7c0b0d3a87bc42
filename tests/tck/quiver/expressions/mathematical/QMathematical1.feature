# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: QMathematical1 - Unary operators and static type errors of arithmetic

  Scenario Outline: [1] Unary minus separated from its operand by whitespace
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
      | expr        | r    |
      | - 1         | -1   |
      | - 1.5       | -1.5 |
      | - 0x10      | -16  |
      | 3 - - 1     | 4    |
      | -  (1 + 1)  | -2   |
      | + 1         | 1    |

  Scenario Outline: [2] Fail on arithmetic with operands of a known wrong type
    Given any graph
    When executing query:
      """
      RETURN <expr> AS r
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

    Examples:
      | expr        |
      | 1 + true    |
      | true + true |
      | {a: 1} + 1  |
      | 1 + {a: 1}  |
      | -'a'        |
      | -true       |
      | 'a' - 1     |
      | 2 * 'a'     |
      | [1] / 2     |
      | true % 2    |
      | 'a' ^ 2     |

  Scenario: [3] Fail at runtime on arithmetic with operands of a wrong type
    Given any graph
    When executing query:
      """
      UNWIND [true] AS b
      WITH [b][0] AS v
      RETURN 1 + v AS r
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType
