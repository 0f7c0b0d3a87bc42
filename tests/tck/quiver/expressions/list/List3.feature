# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: List3 - List indexing and slicing

  Scenario Outline: [1] Indexing a list
    Given any graph
    When executing query:
      """
      RETURN [1, 2, 3][<i>] AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | i    | r    |
      | 0    | 1    |
      | 2    | 3    |
      | 3    | null |
      | -1   | 3    |
      | -3   | 1    |
      | -4   | null |
      | null | null |

  Scenario Outline: [2] Slicing a list
    Given any graph
    When executing query:
      """
      RETURN [1, 2, 3, 4][<slice>] AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | slice   | r            |
      | 1..3    | [2, 3]       |
      | 1..     | [2, 3, 4]    |
      | ..2     | [1, 2]       |
      | ..-1    | [1, 2, 3]    |
      | -2..    | [3, 4]       |
      | -10..10 | [1, 2, 3, 4] |
      | 3..1    | []           |
      | 2..2    | []           |
      | null..2 | null         |
      | 1..null | null         |

  Scenario: [3] Indexing null gives null
    Given any graph
    When executing query:
      """
      WITH null AS l
      RETURN l[0] AS a, l[1..2] AS b
      """
    Then the result should be, in any order:
      | a    | b    |
      | null | null |
    And no side effects

  Scenario: [4] Fail when indexing a list with a float
    Given any graph
    When executing query:
      """
      WITH [1, 2, 3] AS l, 1.0 AS i
      RETURN l[i]
      """
    Then a TypeError should be raised at any time: *

  Scenario: [5] Indexing a list with an expression
    Given any graph
    When executing query:
      """
      WITH ['a', 'b', 'c'] AS l
      UNWIND range(0, size(l) - 1) AS i
      RETURN l[size(l) - 1 - i] AS x
      """
    Then the result should be, in order:
      | x   |
      | 'c' |
      | 'b' |
      | 'a' |
    And no side effects

  Scenario: [6] Indexing a nested list
    Given any graph
    When executing query:
      """
      RETURN [[1, [2, 3]], 4][0][1][-1] AS x
      """
    Then the result should be, in any order:
      | x |
      | 3 |
    And no side effects
