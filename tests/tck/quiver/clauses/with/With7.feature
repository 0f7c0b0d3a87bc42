# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: With7 - Chains of WITH and scoping

  Scenario: [1] Variables not carried by WITH go out of scope
    Given any graph
    When executing query:
      """
      WITH 1 AS a, 2 AS b
      WITH a
      RETURN b
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [2] Swapping variables with WITH
    Given any graph
    When executing query:
      """
      WITH 1 AS x, 2 AS y
      WITH y AS x, x AS y
      RETURN x, y
      """
    Then the result should be, in any order:
      | x | y |
      | 2 | 1 |
    And no side effects

  Scenario: [3] WITH * keeps everything and can add more
    Given any graph
    When executing query:
      """
      WITH 1 AS a
      WITH *, a + 1 AS b
      WITH *, a + b AS c
      RETURN a, b, c
      """
    Then the result should be, in any order:
      | a | b | c |
      | 1 | 2 | 3 |
    And no side effects

  Scenario: [4] A list comprehension variable shadows an outer variable
    Given any graph
    When executing query:
      """
      WITH 1 AS x
      RETURN [x IN [10, 20] | x + 1] AS l, x
      """
    Then the result should be, in any order:
      | l        | x |
      | [11, 21] | 1 |
    And no side effects

  Scenario: [5] A variable can be rebound after going out of scope
    Given any graph
    When executing query:
      """
      WITH 1 AS x
      WITH x + 1 AS y
      WITH y AS x
      RETURN x
      """
    Then the result should be, in any order:
      | x |
      | 2 |
    And no side effects

  Scenario: [6] A node passed through WITH keeps its identity
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:T]->(:B)
      """
    When executing query:
      """
      MATCH (a:A)
      WITH a
      MATCH (a)-[:T]->(b)
      WITH a AS first, b
      RETURN labels(first) AS f, labels(b) AS s
      """
    Then the result should be, in any order:
      | f     | s     |
      | ['A'] | ['B'] |
    And no side effects

  Scenario: [7] Long WITH chain with a filter in the middle
    Given any graph
    When executing query:
      """
      UNWIND range(1, 10) AS x
      WITH x WHERE x % 2 = 0
      WITH x * x AS sq
      WITH sq WHERE sq > 10
      RETURN collect(sq) AS l
      """
    Then the result should be, in any order:
      | l                |
      | [16, 36, 64, 100] |
    And no side effects

  Scenario: [8] Fail when projecting the same name twice in WITH
    Given any graph
    When executing query:
      """
      WITH 1 AS x
      WITH x, x + 1 AS x
      RETURN x
      """
    Then a SyntaxError should be raised at compile time: ColumnNameConflict

  Scenario: [9] A variable bound by MATCH then shadowed is a different variable
    Given an empty graph
    And having executed:
      """
      CREATE ({v: 1}), ({v: 2})
      """
    When executing query:
      """
      MATCH (n)
      WITH n.v AS n
      RETURN n
      ORDER BY n
      """
    Then the result should be, in order:
      | n |
      | 1 |
      | 2 |
    And no side effects

  Scenario: [10] WITH after a write sees the write
    Given an empty graph
    When executing query:
      """
      CREATE (n:N {v: 1})
      WITH n
      MATCH (m:N)
      RETURN m.v AS v
      """
    Then the result should be, in any order:
      | v |
      | 1 |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 1 |
      | +properties | 1 |
