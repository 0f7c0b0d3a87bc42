# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: List9 - List functions

  Scenario: [1] head(), last() and tail()
    Given any graph
    When executing query:
      """
      RETURN head([1, 2, 3]) AS h, last([1, 2, 3]) AS l, tail([1, 2, 3]) AS t,
             head([]) AS he, last([]) AS le, tail([]) AS te, head(null) AS hn, tail([1]) AS t1
      """
    Then the result should be, in any order:
      | h | l | t      | he   | le   | te | hn   | t1 |
      | 1 | 3 | [2, 3] | null | null | [] | null | [] |
    And no side effects

  Scenario: [2] size() of lists
    Given any graph
    When executing query:
      """
      RETURN size([1, null]) AS a, size([]) AS b, size([[1, 2]]) AS c, size(null) AS d
      """
    Then the result should be, in any order:
      | a | b | c | d    |
      | 2 | 0 | 1 | null |
    And no side effects

  Scenario: [3] reverse() of a list
    Given any graph
    When executing query:
      """
      RETURN reverse([1, 'a', null, [2]]) AS r, reverse([]) AS e
      """
    Then the result should be, in any order:
      | r                  | e  |
      | [[2], null, 'a', 1] | [] |
    And no side effects

  Scenario Outline: [4] range()
    Given any graph
    When executing query:
      """
      RETURN range(<args>) AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | args      | r               |
      | 0, 3      | [0, 1, 2, 3]    |
      | 0, 10, 3  | [0, 3, 6, 9]    |
      | 5, 1, -2  | [5, 3, 1]       |
      | 1, 0      | []              |
      | 0, 0      | [0]             |
      | -2, 2, 2  | [-2, 0, 2]      |
      | 1, 5, -1  | []              |

  Scenario: [5] Fail on range() with a zero step
    Given any graph
    When executing query:
      """
      RETURN range(1, 2, 0) AS r
      """
    Then a ArgumentError should be raised at runtime: NumberOutOfRange

  Scenario: [6] List concatenation
    Given any graph
    When executing query:
      """
      RETURN [1] + [2, 3] AS a, [1, 2] + 3 AS b, 0 + [1] AS c, [[1]] + [2] AS d, [1] + [[2]] AS e, [] + [] AS f
      """
    Then the result should be, in any order:
      | a         | b         | c      | d        | e        | f  |
      | [1, 2, 3] | [1, 2, 3] | [0, 1] | [[1], 2] | [1, [2]] | [] |
    And no side effects

  Scenario: [7] Concatenating null with a list gives null
    Given any graph
    When executing query:
      """
      RETURN [1] + null AS a, null + [1] AS b
      """
    Then the result should be, in any order:
      | a    | b    |
      | null | null |
    And no side effects

  Scenario: [8] reduce()
    Given any graph
    When executing query:
      """
      RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x) AS a,
             reduce(s = '', x IN ['a', 'b'] | s + x) AS b,
             reduce(a = 0, x IN [] | a + x) AS c,
             reduce(a = 1, x IN null | a + x) AS d,
             reduce(l = [], x IN [1, 2] | [x] + l) AS e
      """
    Then the result should be, in any order:
      | a | b    | c | d    | e      |
      | 6 | 'ab' | 0 | null | [2, 1] |
    And no side effects

  Scenario: [9] keys() of a map literal and of a node
    Given an empty graph
    And having executed:
      """
      CREATE ({b: 1, a: 2})
      """
    When executing query:
      """
      MATCH (n)
      RETURN keys(n) AS k, keys({x: 1, y: null}) AS m
      """
    Then the result should be, in any order (ignoring element order for lists):
      | k          | m          |
      | ['a', 'b'] | ['x', 'y'] |
    And no side effects
