# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Unwind2 - Unwind details

  Scenario: [1] Unwinding nested lists one level at a time
    Given any graph
    When executing query:
      """
      UNWIND [[1, 2], [3, [4]], null, []] AS x
      UNWIND x AS y
      RETURN y
      """
    Then the result should be, in order:
      | y   |
      | 1   |
      | 2   |
      | 3   |
      | [4] |
    And no side effects

  Scenario: [2] Unwinding null gives no rows
    Given any graph
    When executing query:
      """
      UNWIND null AS x
      RETURN x
      """
    Then the result should be, in any order:
      | x |
    And no side effects

  Scenario: [3] Unwinding an empty list gives no rows
    Given any graph
    When executing query:
      """
      UNWIND [] AS x
      RETURN x
      """
    Then the result should be, in any order:
      | x |
    And no side effects

  Scenario: [4] Unwinding a list with nulls keeps the nulls
    Given any graph
    When executing query:
      """
      UNWIND [1, null, 2] AS x
      RETURN x
      """
    Then the result should be, in order:
      | x    |
      | 1    |
      | null |
      | 2    |
    And no side effects

  Scenario: [5] Unwinding a value that is not a list gives it once
    Given any graph
    When executing query:
      """
      UNWIND 5 AS x
      RETURN x
      """
    Then the result should be, in any order:
      | x |
      | 5 |
    And no side effects

  Scenario: [6] Unwinding a parameter list
    Given any graph
    And parameters are:
      | events | [{id: 1}, {id: 2}] |
    When executing query:
      """
      UNWIND $events AS e
      RETURN e.id AS id
      """
    Then the result should be, in order:
      | id |
      | 1  |
      | 2  |
    And no side effects

  Scenario: [7] Unwinding an empty list removes the rows of other variables
    Given any graph
    When executing query:
      """
      WITH 1 AS a
      UNWIND [] AS x
      RETURN a, x
      """
    Then the result should be, in any order:
      | a | x |
    And no side effects

  Scenario: [8] Unwinding the result of collect restores the rows
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x
      WITH collect(x) AS xs
      UNWIND xs AS y
      RETURN y
      """
    Then the result should be, in any order:
      | y |
      | 3 |
      | 1 |
      | 2 |
    And no side effects

  Scenario: [9] Cartesian product of two unwinds
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS a
      UNWIND ['x', 'y'] AS b
      RETURN a, b
      """
    Then the result should be, in order:
      | a | b   |
      | 1 | 'x' |
      | 1 | 'y' |
      | 2 | 'x' |
      | 2 | 'y' |
    And no side effects

  Scenario: [10] Unwinding a list that depends on the row
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 3] AS n
      UNWIND range(1, n) AS i
      RETURN n, count(i) AS c
      """
    Then the result should be, in any order:
      | n | c |
      | 1 | 1 |
      | 2 | 2 |
      | 3 | 3 |
    And no side effects

  Scenario: [11] Fail when the unwound variable is already bound
    Given any graph
    When executing query:
      """
      WITH [1, 2] AS x
      UNWIND x AS x
      RETURN x
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [12] Unwinding a list of nodes and relationships
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:T]->(:B)
      """
    When executing query:
      """
      MATCH p = (:A)-->()
      UNWIND nodes(p) + relationships(p) AS e
      RETURN e
      """
    Then the result should be, in order:
      | e    |
      | (:A) |
      | (:B) |
      | [:T] |
    And no side effects

  Scenario: [13] Unwinding a range with a negative step
    Given any graph
    When executing query:
      """
      UNWIND range(5, 1, -2) AS x
      RETURN x
      """
    Then the result should be, in order:
      | x |
      | 5 |
      | 3 |
      | 1 |
    And no side effects
