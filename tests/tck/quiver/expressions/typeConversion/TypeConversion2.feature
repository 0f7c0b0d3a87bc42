# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: TypeConversion2 - To integer, float, string and boolean

  Scenario Outline: [1] toInteger()
    Given any graph
    When executing query:
      """
      RETURN toInteger(<v>) AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | v         | r    |
      | 42        | 42   |
      | 4.9       | 4    |
      | -4.9      | -4   |
      | '42'      | 42   |
      | ' 42 '    | 42   |
      | '4.9'     | 4    |
      | '-12'     | -12  |
      | 'abc'     | null |
      | ''        | null |
      | null      | null |

  Scenario Outline: [2] toFloat()
    Given any graph
    When executing query:
      """
      RETURN toFloat(<v>) AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | v       | r      |
      | 1       | 1.0    |
      | 1.5     | 1.5    |
      | '1.5'   | 1.5    |
      | '1e3'   | 1000.0 |
      | '-2'    | -2.0   |
      | 'abc'   | null   |
      | null    | null   |

  Scenario Outline: [3] toString()
    Given any graph
    When executing query:
      """
      RETURN toString(<v>) AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | v      | r       |
      | 42     | '42'    |
      | -1     | '-1'    |
      | 1.5    | '1.5'   |
      | 1.0    | '1.0'   |
      | true   | 'true'  |
      | false  | 'false' |
      | 'abc'  | 'abc'   |
      | null   | null    |

  Scenario Outline: [4] toBoolean()
    Given any graph
    When executing query:
      """
      RETURN toBoolean(<v>) AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | v        | r     |
      | true     | true  |
      | 'true'   | true  |
      | 'TRUE'   | true  |
      | 'false'  | false |
      | ' true ' | true  |
      | 'yes'    | null  |
      | ''       | null  |
      | null     | null  |

  Scenario: [5] Fail on toInteger() of a list
    Given any graph
    When executing query:
      """
      UNWIND [[1]] AS l
      RETURN toInteger(l) AS r
      """
    Then a TypeError should be raised at runtime: InvalidArgumentValue

  Scenario: [6] Fail on toFloat() of a map
    Given any graph
    When executing query:
      """
      UNWIND [{a: 1}] AS m
      RETURN toFloat(m) AS r
      """
    Then a TypeError should be raised at runtime: InvalidArgumentValue

  Scenario: [7] Fail on toString() of a node
    Given an empty graph
    And having executed:
      """
      CREATE ()
      """
    When executing query:
      """
      MATCH (n)
      RETURN toString(n) AS r
      """
    Then a TypeError should be raised at any time: *

  Scenario: [8] Conversions of property values
    Given an empty graph
    And having executed:
      """
      CREATE ({s: '12', f: 2.7, b: 'false'})
      """
    When executing query:
      """
      MATCH (n)
      RETURN toInteger(n.s) + 1 AS i, toInteger(n.f) AS f, toString(n.f) AS s, toBoolean(n.b) AS b
      """
    Then the result should be, in any order:
      | i  | f | s     | b     |
      | 13 | 2 | '2.7' | false |
    And no side effects
