# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: String1 - String functions

  Scenario: [1] substring()
    Given any graph
    When executing query:
      """
      RETURN substring('hello', 1, 3) AS a, substring('hello', 2) AS b, substring('abc', 5) AS c,
             substring('abc', 1, 10) AS d, substring('abc', 0, 0) AS e, substring(null, 1) AS f
      """
    Then the result should be, in any order:
      | a     | b     | c  | d    | e  | f    |
      | 'ell' | 'llo' | '' | 'bc' | '' | null |
    And no side effects

  Scenario: [2] left() and right()
    Given any graph
    When executing query:
      """
      RETURN left('hello', 2) AS a, right('hello', 2) AS b, left('abc', 10) AS c, right('abc', 0) AS d, left(null, 1) AS e
      """
    Then the result should be, in any order:
      | a    | b    | c     | d  | e    |
      | 'he' | 'lo' | 'abc' | '' | null |
    And no side effects

  Scenario: [3] Fail on a negative substring start
    Given any graph
    When executing query:
      """
      UNWIND [-1] AS i
      RETURN substring('abc', i) AS s
      """
    Then a ArgumentError should be raised at runtime: *

  Scenario: [4] trim(), ltrim() and rtrim()
    Given any graph
    When executing query:
      """
      RETURN trim('  a b  ') AS a, ltrim('  a ') AS b, rtrim(' a  ') AS c, trim('') AS d, trim(null) AS e
      """
    Then the result should be, in any order:
      | a     | b    | c    | d  | e    |
      | 'a b' | 'a ' | ' a' | '' | null |
    And no side effects

  Scenario: [5] toUpper() and toLower()
    Given any graph
    When executing query:
      """
      RETURN toUpper('abC') AS a, toLower('AbC') AS b, toUpper('é') AS c, toLower(null) AS d
      """
    Then the result should be, in any order:
      | a     | b     | c   | d    |
      | 'ABC' | 'abc' | 'É' | null |
    And no side effects

  Scenario: [6] replace()
    Given any graph
    When executing query:
      """
      RETURN replace('aaa', 'a', 'bb') AS a, replace('hello', 'l', '') AS b, replace('abc', 'x', 'y') AS c, replace(null, 'a', 'b') AS d, replace('a', null, 'b') AS e
      """
    Then the result should be, in any order:
      | a        | b     | c     | d    | e    |
      | 'bbbbbb' | 'heo' | 'abc' | null | null |
    And no side effects

  Scenario: [7] split()
    Given any graph
    When executing query:
      """
      RETURN split('a,b,,c', ',') AS a, split('abc', ',') AS b, split('', ',') AS c, split('a--b', '--') AS d, split(null, ',') AS e
      """
    Then the result should be, in any order:
      | a                   | b       | c    | d          | e    |
      | ['a', 'b', '', 'c'] | ['abc'] | [''] | ['a', 'b'] | null |
    And no side effects

  Scenario: [8] reverse() and size() of strings
    Given any graph
    When executing query:
      """
      RETURN reverse('abc') AS a, reverse('') AS b, size('héllo') AS c, size('') AS d
      """
    Then the result should be, in any order:
      | a     | b  | c | d |
      | 'cba' | '' | 5 | 0 |
    And no side effects

  Scenario: [9] String concatenation
    Given any graph
    When executing query:
      """
      RETURN 'a' + 'b' AS a, 'a' + 1 AS b, 1 + 'a' AS c, 'a' + 1.5 AS d, 'a' + null AS e
      """
    Then the result should be, in any order:
      | a    | b    | c    | d      | e    |
      | 'ab' | 'a1' | '1a' | 'a1.5' | null |
    And no side effects

  Scenario: [10] Fail on toUpper() of a number
    Given any graph
    When executing query:
      """
      UNWIND [1] AS x
      RETURN toUpper(x) AS s
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario Outline: [11] Fail on concatenating a string and a boolean
    Given any graph
    When executing query:
      """
      RETURN <expr> AS s
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

    Examples:
      | expr       |
      | 'x' + true |
      | false + 'x' |
