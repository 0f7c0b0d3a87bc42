# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Union3 - Union details

  Scenario: [1] UNION removes duplicates within a single branch too
    Given any graph
    When executing query:
      """
      UNWIND [1, 1] AS x
      RETURN x
      UNION
      RETURN 2 AS x
      """
    Then the result should be, in any order:
      | x |
      | 1 |
      | 2 |
    And no side effects

  Scenario: [2] UNION ALL keeps every row
    Given any graph
    When executing query:
      """
      UNWIND [1, 1] AS x
      RETURN x
      UNION ALL
      RETURN 1 AS x
      """
    Then the result should be, in any order:
      | x |
      | 1 |
      | 1 |
      | 1 |
    And no side effects

  Scenario: [3] UNION keeps one null
    Given any graph
    When executing query:
      """
      RETURN null AS x
      UNION
      RETURN null AS x
      """
    Then the result should be, in any order:
      | x    |
      | null |
    And no side effects

  Scenario: [4] UNION of lists and maps
    Given any graph
    When executing query:
      """
      RETURN [1, 2] AS x
      UNION
      RETURN [1, 2] AS x
      UNION
      RETURN {a: 1} AS x
      """
    Then the result should be, in any order:
      | x      |
      | [1, 2] |
      | {a: 1} |
    And no side effects

  Scenario: [5] Fail when mixing UNION and UNION ALL
    Given any graph
    When executing query:
      """
      RETURN 1 AS x
      UNION
      RETURN 2 AS x
      UNION ALL
      RETURN 3 AS x
      """
    Then a SyntaxError should be raised at compile time: InvalidClauseComposition

  Scenario: [6] Fail when the columns have different names
    Given any graph
    When executing query:
      """
      RETURN 1 AS a
      UNION
      RETURN 1 AS b
      """
    Then a SyntaxError should be raised at compile time: DifferentColumnsInUnion

  Scenario: [7] UNION of nodes matched in different ways
    Given an empty graph
    And having executed:
      """
      CREATE (:A {n: 1})-[:T]->(:B {n: 2})
      """
    When executing query:
      """
      MATCH (a:A)
      RETURN a AS x
      UNION
      MATCH (b)<-[:T]-()
      RETURN b AS x
      UNION
      MATCH (c {n: 1})
      RETURN c AS x
      """
    Then the result should be, in any order:
      | x           |
      | (:A {n: 1}) |
      | (:B {n: 2}) |
    And no side effects

  Scenario: [8] Each branch of a UNION aggregates on its own
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 3] AS x
      RETURN count(x) AS c
      UNION ALL
      UNWIND [] AS y
      RETURN count(y) AS c
      """
    Then the result should be, in any order:
      | c |
      | 3 |
      | 0 |
    And no side effects

  Scenario: [9] UNION over three branches removes duplicates across all of them
    Given any graph
    When executing query:
      """
      RETURN 1 AS x
      UNION
      RETURN 1 AS x
      UNION
      RETURN 'a' AS x
      """
    Then the result should be, in any order:
      | x   |
      | 1   |
      | 'a' |
    And no side effects
