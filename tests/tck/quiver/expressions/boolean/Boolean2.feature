# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Boolean2 - OR, XOR and NOT logical operations

  Scenario Outline: [1] Disjunction, exclusive disjunction and negation
    Given any graph
    When executing query:
      """
      RETURN <a> OR <b> AS o, <a> XOR <b> AS x, NOT <a> AS n
      """
    Then the result should be, in any order:
      | o    | x     | n     |
      | <or> | <xor> | <not> |
    And no side effects

    Examples:
      | a     | b     | or    | xor   | not   |
      | true  | true  | true  | false | false |
      | true  | false | true  | true  | false |
      | false | true  | true  | true  | true  |
      | false | false | false | false | true  |
      | true  | null  | true  | null  | false |
      | null  | true  | true  | null  | null  |
      | false | null  | null  | null  | true  |
      | null  | false | null  | null  | null  |
      | null  | null  | null  | null  | null  |

  Scenario: [2] NOT binds weaker than comparison
    Given any graph
    When executing query:
      """
      RETURN NOT 1 = 2 AS a, NOT (1 = 1) AS b, NOT NOT true AS c
      """
    Then the result should be, in any order:
      | a    | b     | c    |
      | true | false | true |
    And no side effects

  Scenario: [3] AND binds tighter than XOR which binds tighter than OR
    Given any graph
    When executing query:
      """
      RETURN true OR true XOR true AS a, true XOR true AND false AS b, false AND true OR true AS c
      """
    Then the result should be, in any order:
      | a    | b    | c    |
      | true | true | true |
    And no side effects

  Scenario: [4] Fail on NOT of a string
    Given any graph
    When executing query:
      """
      RETURN NOT 'a'
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [5] Filtering with a three-valued predicate keeps only true rows
    Given any graph
    When executing query:
      """
      UNWIND [true, false, null] AS a
      UNWIND [true, false, null] AS b
      WITH a, b
      WHERE a OR b
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 5 |
    And no side effects
