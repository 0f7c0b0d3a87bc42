# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Literals7 - String, list and map literals

  Scenario: [1] Escapes in single quoted strings
    Given any graph
    When executing query:
      """
      RETURN 'a\tb' = 'a' + '\u0009' + 'b' AS tab, 'it\'s' AS q, '\\' = '\u005C' AS bs, size('\\') AS n, '\u0041' AS u, 'a"b' AS dq
      """
    Then the result should be, in any order:
      | tab  | q        | bs   | n | u   | dq    |
      | true | 'it\'s' | true | 1 | 'A' | 'a"b' |
    And no side effects

  Scenario: [2] Double quoted strings
    Given any graph
    When executing query:
      """
      RETURN "it's" AS a, "say \"hi\"" AS b, "" AS c
      """
    Then the result should be, in any order:
      | a       | b            | c  |
      | 'it\'s' | 'say "hi"'  | '' |
    And no side effects

  Scenario: [3] Size of strings with escapes and non-ASCII characters
    Given any graph
    When executing query:
      """
      RETURN size('\n') AS a, size('\u00e9') AS b, size('héllo') AS c
      """
    Then the result should be, in any order:
      | a | b | c |
      | 1 | 1 | 5 |
    And no side effects

  Scenario: [4] Fail on an invalid escape
    Given any graph
    When executing query:
      """
      RETURN '\q' AS s
      """
    Then a SyntaxError should be raised at compile time: *

  Scenario: [5] Nested list and map literals
    Given any graph
    When executing query:
      """
      RETURN [1, [2, [3, []]], {a: [{b: null}]}] AS l, {`a b`: 1, c: {d: [true]}} AS m
      """
    Then the result should be, in any order:
      | l                                  | m                           |
      | [1, [2, [3, []]], {a: [{b: null}]}] | {`a b`: 1, c: {d: [true]}} |
    And no side effects

  Scenario: [6] A map literal with a duplicated key keeps the last value
    Given any graph
    When executing query:
      """
      RETURN {a: 1, a: 2} AS m
      """
    Then the result should be, in any order:
      | m      |
      | {a: 2} |
    And no side effects

  Scenario: [7] Keys that are keywords
    Given any graph
    When executing query:
      """
      RETURN {match: 1, return: 2, null: 3}.match AS m
      """
    Then the result should be, in any order:
      | m |
      | 1 |
    And no side effects

  Scenario: [8] An empty list and an empty map
    Given any graph
    When executing query:
      """
      RETURN [] AS l, {} AS m, size([]) AS s
      """
    Then the result should be, in any order:
      | l  | m  | s |
      | [] | {} | 0 |
    And no side effects
