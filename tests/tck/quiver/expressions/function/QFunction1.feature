# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
# An argument whose type is known before running (a literal) and is not one
# the function takes fails at compile time, as SyntaxError
# InvalidArgumentType, the way the TCK words `properties(1)` (Graph9 [5]).
# A value of the right type but out of range stays a runtime ArgumentError.
Feature: QFunction1 - Literal arguments of the wrong type

  Scenario Outline: [1] Fail at compile time on a literal argument of the wrong type
    Given any graph
    When executing query:
      """
      RETURN <call> AS r
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

    Examples:
      | call                     |
      | range(1, 10, 1.5)        |
      | range('1', 10)           |
      | range(1, true)           |
      | toUpper(1)               |
      | toLower([1])             |
      | trim(true)               |
      | substring('abc', 1.5)    |
      | substring(1, 1)          |
      | left('abc', '1')         |
      | right({a: 1}, 1)         |
      | replace('a', 1, 'b')     |
      | split('a,b', 1)          |
      | abs('a')                 |
      | sqrt([4])                |
      | atan2(1, 'x')            |
      | round(1.5, 0.5)          |
      | head('abc')              |
      | last(1)                  |
      | tail({a: 1})             |
      | reverse(1)               |
      | id(1)                    |
      | sum('a')                 |
      | avg(true)                |
      | percentileDisc(1, 'a')   |

  Scenario Outline: [2] A null literal argument is not a type error
    Given any graph
    When executing query:
      """
      RETURN <call> AS r
      """
    Then the result should be, in any order:
      | r    |
      | null |
    And no side effects

    Examples:
      | call                  |
      | range(1, null)        |
      | toUpper(null)         |
      | substring('a', null)  |
      | head(null)            |

  Scenario: [3] An argument whose type is known only at runtime fails at runtime
    Given any graph
    When executing query:
      """
      WITH [1, 'a'] AS xs
      UNWIND xs AS x
      RETURN toUpper(x) AS r
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario: [4] A zero step is a runtime ArgumentError, not a type error
    Given any graph
    When executing query:
      """
      RETURN range(1, 10, 0) AS r
      """
    Then a ArgumentError should be raised at runtime: NumberOutOfRange
