# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Return3 - Return multiple expressions and column names

  Scenario: [1] Returning multiple expressions keeps their text as column names
    Given any graph
    When executing query:
      """
      RETURN 1 + 2, 'a' + 'b', [1, 2][0]
      """
    Then the result should be, in any order:
      | 1 + 2 | 'a' + 'b' | [1, 2][0] |
      | 3     | 'ab'      | 1         |
    And no side effects

  Scenario: [2] Returning a property of a node and the node
    Given an empty graph
    And having executed:
      """
      CREATE (:A {name: 'x'})
      """
    When executing query:
      """
      MATCH (a)
      RETURN a.name, a
      """
    Then the result should be, in any order:
      | a.name | a                   |
      | 'x'    | (:A {name: 'x'})    |
    And no side effects

  Scenario: [3] Column names of backticked aliases
    Given any graph
    When executing query:
      """
      RETURN 1 AS `a b`, 2 AS `x``y`
      """
    Then the result should be, in any order:
      | a b | x`y |
      | 1   | 2   |
    And no side effects

  Scenario: [4] RETURN * orders columns by name
    Given any graph
    When executing query:
      """
      WITH 1 AS b, 2 AS a, 3 AS c
      RETURN *
      """
    Then the result should be, in any order:
      | a | b | c |
      | 2 | 1 | 3 |
    And no side effects

  Scenario: [5] RETURN * with further expressions
    Given any graph
    When executing query:
      """
      WITH 1 AS b
      RETURN *, b + 1 AS a
      """
    Then the result should be, in any order:
      | b | a |
      | 1 | 2 |
    And no side effects

  Scenario: [6] Fail on duplicate column names
    Given any graph
    When executing query:
      """
      RETURN 1 AS a, 2 AS a
      """
    Then a SyntaxError should be raised at compile time: ColumnNameConflict

  Scenario: [7] Fail on RETURN * with nothing in scope
    Given any graph
    When executing query:
      """
      RETURN *
      """
    Then a SyntaxError should be raised at compile time: NoVariablesInScope

  Scenario: [8] Returning DISTINCT maps and lists
    Given any graph
    When executing query:
      """
      UNWIND [{a: 1}, {a: 1}, {a: 2}, [1], [1], [1.0]] AS x
      RETURN DISTINCT x
      """
    Then the result should be, in any order:
      | x      |
      | {a: 1} |
      | {a: 2} |
      | [1]    |
    And no side effects

  Scenario: [9] Returning DISTINCT nulls gives one row
    Given any graph
    When executing query:
      """
      UNWIND [null, null, 1] AS x
      RETURN DISTINCT x
      """
    Then the result should be, in any order:
      | x    |
      | null |
      | 1    |
    And no side effects

  Scenario: [10] Returning DISTINCT nodes
    Given an empty graph
    And having executed:
      """
      CREATE (a:A)-[:T]->(:B), (a)-[:T]->(:B)
      """
    When executing query:
      """
      MATCH (a)-[:T]->()
      RETURN DISTINCT a
      """
    Then the result should be, in any order:
      | a    |
      | (:A) |
    And no side effects

  Scenario: [11] Fail when returning an undefined variable
    Given any graph
    When executing query:
      """
      MATCH (a)
      RETURN b
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [12] Returning a property of null is null
    Given any graph
    When executing query:
      """
      WITH null AS n
      RETURN n.name AS name
      """
    Then the result should be, in any order:
      | name |
      | null |
    And no side effects

  Scenario: [13] Keywords are case insensitive and so are function names
    Given any graph
    When executing query:
      """
      unwind [1, 2] as x
      return TOUPPER('a') AS a, Size([1]) AS b, CoUnT(*) AS c
      """
    Then the result should be, in any order:
      | a   | b | c |
      | 'A' | 1 | 2 |
    And no side effects

  Scenario: [14] Comments are ignored
    Given any graph
    When executing query:
      """
      RETURN 1 /* one */ + // two
        2 AS x
      """
    Then the result should be, in any order:
      | x |
      | 3 |
    And no side effects
