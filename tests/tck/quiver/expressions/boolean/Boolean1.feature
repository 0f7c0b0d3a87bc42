# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Boolean1 - And logical operations

  Scenario Outline: [1] Conjunction of two truth values
    Given any graph
    When executing query:
      """
      RETURN <a> AND <b> AS result
      """
    Then the result should be, in any order:
      | result   |
      | <result> |
    And no side effects

    Examples:
      | a     | b     | result |
      | true  | true  | true   |
      | true  | false | false  |
      | false | true  | false  |
      | false | false | false  |
      | true  | null  | null   |
      | null  | true  | null   |
      | false | null  | false  |
      | null  | false | false  |
      | null  | null  | null   |

  Scenario: [2] Conjunction is associative with nulls
    Given any graph
    When executing query:
      """
      RETURN (null AND true) AND false AS a, null AND (true AND false) AS b, true AND true AND null AS c
      """
    Then the result should be, in any order:
      | a     | b     | c    |
      | false | false | null |
    And no side effects

  Scenario: [3] Fail on AND with a non-boolean operand
    Given any graph
    When executing query:
      """
      RETURN 1 AND true
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [4] Fail at runtime on AND with a non-boolean value
    Given any graph
    When executing query:
      """
      UNWIND [1] AS x
      WITH [x, 'a'][1] AS v
      RETURN v AND true
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType
