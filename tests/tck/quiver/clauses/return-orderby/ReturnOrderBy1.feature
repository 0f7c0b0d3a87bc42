# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: ReturnOrderBy1 - Order by a single variable

  Scenario: [1] ORDER BY booleans
    Given any graph
    When executing query:
      """
      UNWIND [true, false, null] AS b
      RETURN b
      ORDER BY b
      """
    Then the result should be, in order:
      | b     |
      | false |
      | true  |
      | null  |
    And no side effects

  Scenario: [2] ORDER BY booleans descending
    Given any graph
    When executing query:
      """
      UNWIND [true, false, null] AS b
      RETURN b
      ORDER BY b DESC
      """
    Then the result should be, in order:
      | b     |
      | null  |
      | true  |
      | false |
    And no side effects

  Scenario: [3] ORDER BY strings
    Given any graph
    When executing query:
      """
      UNWIND ['b', 'B', 'a', '', 'aa', 'ab'] AS s
      RETURN s
      ORDER BY s
      """
    Then the result should be, in order:
      | s    |
      | ''   |
      | 'B'  |
      | 'a'  |
      | 'aa' |
      | 'ab' |
      | 'b'  |
    And no side effects

  Scenario: [4] ORDER BY integers and floats together
    Given any graph
    When executing query:
      """
      UNWIND [3, 1.5, -2, 0.0, 2, 1] AS x
      RETURN x
      ORDER BY x
      """
    Then the result should be, in order:
      | x   |
      | -2  |
      | 0.0 |
      | 1   |
      | 1.5 |
      | 2   |
      | 3   |
    And no side effects

  Scenario: [5] ORDER BY with NaN and infinities
    Given any graph
    When executing query:
      """
      UNWIND [0.0 / 0.0, 1.0, -1.0 / 0.0, 1.0 / 0.0, null, -5] AS x
      RETURN x
      ORDER BY x
      """
    Then the result should be, in order:
      | x         |
      | -Infinity |
      | -5        |
      | 1.0       |
      | Infinity  |
      | NaN       |
      | null      |
    And no side effects

  Scenario: [6] ORDER BY lists
    Given any graph
    When executing query:
      """
      UNWIND [[2, 1], [1], [], [1, 'a'], [null], [1, null], [1, 2]] AS l
      RETURN l
      ORDER BY l
      """
    Then the result should be, in order:
      | l         |
      | []        |
      | [1]       |
      | [1, 'a']  |
      | [1, 2]    |
      | [1, null] |
      | [2, 1]    |
      | [null]    |
    And no side effects

  Scenario: [7] ORDER BY values of different types
    Given any graph
    When executing query:
      """
      UNWIND [1, 'a', true, [1], {a: 1}, null, 2.5, 'b', false] AS x
      RETURN x
      ORDER BY x
      """
    Then the result should be, in order:
      | x      |
      | {a: 1} |
      | [1]    |
      | 'a'    |
      | 'b'    |
      | false  |
      | true   |
      | 1      |
      | 2.5    |
      | null   |
    And no side effects

  Scenario: [8] ORDER BY nodes, relationships and paths against other types
    Given an empty graph
    And having executed:
      """
      CREATE (:N)-[:R]->(:M)
      """
    When executing query:
      """
      MATCH p = (n:N)-[r]->()
      UNWIND [p, 'a', r, [1], n, {k: 1}, 1] AS x
      RETURN x
      ORDER BY x
      """
    Then the result should be, in order:
      | x                  |
      | {k: 1}             |
      | (:N)               |
      | [:R]               |
      | [1]                |
      | <(:N)-[:R]->(:M)>  |
      | 'a'                |
      | 1                  |
    And no side effects

  Scenario: [9] ORDER BY a variable that is not returned
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'a', age: 3}), ({name: 'b', age: 1}), ({name: 'c', age: 2})
      """
    When executing query:
      """
      MATCH (n)
      RETURN n.name AS name
      ORDER BY n.age
      """
    Then the result should be, in order:
      | name |
      | 'b'  |
      | 'c'  |
      | 'a'  |
    And no side effects

  Scenario: [10] ORDER BY a missing property puts those nodes last
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'a', age: 3}), ({name: 'b'}), ({name: 'c', age: 2})
      """
    When executing query:
      """
      MATCH (n)
      RETURN n.name AS name
      ORDER BY n.age
      """
    Then the result should be, in order:
      | name |
      | 'c'  |
      | 'a'  |
      | 'b'  |
    And no side effects
