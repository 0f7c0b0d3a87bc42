# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Comparison1 - Equality

  Scenario Outline: [1] Equality and inequality across values
    Given any graph
    When executing query:
      """
      RETURN <lhs> = <rhs> AS eq, <lhs> <> <rhs> AS ne
      """
    Then the result should be, in any order:
      | eq   | ne   |
      | <eq> | <ne> |
    And no side effects

    Examples:
      | lhs           | rhs           | eq    | ne    |
      | 1             | 1.0           | true  | false |
      | 1             | '1'           | false | true  |
      | 'a'           | 'a'           | true  | false |
      | true          | 1             | false | true  |
      | null          | null          | null  | null  |
      | 1             | null          | null  | null  |
      | [1, 2]        | [1, 2.0]      | true  | false |
      | [1, null]     | [1, null]     | null  | null  |
      | [1, 2]        | [1, null]     | null  | null  |
      | [1, 2]        | [3, null]     | false | true  |
      | [1]           | [1, 2]        | false | true  |
      | []            | []            | true  | false |
      | {a: 1}        | {a: 1.0}      | true  | false |
      | {a: null}     | {a: null}     | null  | null  |
      | {a: 1}        | {b: 1}        | false | true  |
      | {a: 1}        | {a: 1, b: 2}  | false | true  |
      | {}            | {}            | true  | false |
      | []            | {}            | false | true  |
      | [[1]]         | [[1.0]]       | true  | false |
      | 0.0 / 0.0     | 0.0 / 0.0     | false | true  |
      | 0.0           | -0.0          | true  | false |

  Scenario: [2] Comparing nodes for equality
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B)
      """
    When executing query:
      """
      MATCH (a:A), (b:B), (c:A)
      RETURN a = b AS ab, a = c AS ac, a <> b AS nab
      """
    Then the result should be, in any order:
      | ab    | ac   | nab  |
      | false | true | true |
    And no side effects

  Scenario: [3] Comparing paths for equality
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:T]->(:B)
      """
    When executing query:
      """
      MATCH p = (:A)-->()
      MATCH q = (:A)-->()
      RETURN p = q AS eq
      """
    Then the result should be, in any order:
      | eq   |
      | true |
    And no side effects

  Scenario: [4] A node is not equal to a map of its properties
    Given an empty graph
    And having executed:
      """
      CREATE ({k: 1})
      """
    When executing query:
      """
      MATCH (n)
      RETURN n = {k: 1} AS eq
      """
    Then the result should be, in any order:
      | eq    |
      | false |
    And no side effects

  Scenario Outline: [5] Ordering comparisons across values
    Given any graph
    When executing query:
      """
      RETURN <lhs> < <rhs> AS lt, <lhs> >= <rhs> AS ge
      """
    Then the result should be, in any order:
      | lt   | ge   |
      | <lt> | <ge> |
    And no side effects

    Examples:
      | lhs        | rhs        | lt    | ge    |
      | 1          | 2.5        | true  | false |
      | 'a'        | 'b'        | true  | false |
      | 'Z'        | 'a'        | true  | false |
      | 'a'        | 'aa'       | true  | false |
      | false      | true       | true  | false |
      | 1          | 'a'        | null  | null  |
      | null       | 1          | null  | null  |
      | [1, 2]     | [1, 3]     | true  | false |
      | [1]        | [1, 2]     | true  | false |
      | [1, null]  | [2, 0]     | true  | false |
      | {a: 1}     | {a: 2}     | null  | null  |
      | 0.0 / 0.0  | 1          | false | false |
      | 1          | 0.0 / 0.0  | false | false |

  Scenario: [6] Chained comparisons
    Given any graph
    When executing query:
      """
      RETURN 1 < 2 < 3 AS a, 3 > 2 > 1 AS b, 1 < 3 < 2 AS c, 1 < 2 = true AS d
      """
    Then the result should be, in any order:
      | a    | b    | c     | d    |
      | true | true | false | false |
    And no side effects

  Scenario: [7] IN with nulls
    Given any graph
    When executing query:
      """
      RETURN 1 IN [1, null] AS a, 2 IN [1, null] AS b, null IN [] AS c, null IN [1] AS d,
             [1] IN [[1, null]] AS e, [1, 2] IN [[1, 2]] AS f, 1 IN null AS g, 1.0 IN [1] AS h
      """
    Then the result should be, in any order:
      | a    | b    | c     | d    | e     | f    | g    | h    |
      | true | null | false | null | false | true | null | true |
    And no side effects

  Scenario: [8] IS NULL and IS NOT NULL
    Given any graph
    When executing query:
      """
      RETURN null IS NULL AS a, [] IS NULL AS b, null IS NOT NULL AS c, [null] IS NOT NULL AS d
      """
    Then the result should be, in any order:
      | a    | b     | c     | d    |
      | true | false | false | true |
    And no side effects
