# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: With6 - Aggregation and DISTINCT in WITH

  Scenario: [1] Grouping by a node in WITH
    Given an empty graph
    And having executed:
      """
      CREATE (a:A {n: 1}), (b:A {n: 2}),
             (a)-[:T]->(), (a)-[:T]->(), (b)-[:T]->()
      """
    When executing query:
      """
      MATCH (a:A)-[:T]->(x)
      WITH a, count(x) AS c
      RETURN a.n AS n, c
      """
    Then the result should be, in any order:
      | n | c |
      | 1 | 2 |
      | 2 | 1 |
    And no side effects

  Scenario: [2] Filtering groups after aggregation
    Given any graph
    When executing query:
      """
      UNWIND ['a', 'b', 'b', 'c', 'c', 'c'] AS s
      WITH s, count(*) AS c
        WHERE c > 1
      RETURN s, c
      """
    Then the result should be, in any order:
      | s   | c |
      | 'b' | 2 |
      | 'c' | 3 |
    And no side effects

  Scenario: [3] WITH DISTINCT on an expression
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 3, 4] AS x
      WITH DISTINCT x % 2 AS k
      RETURN k
      ORDER BY k
      """
    Then the result should be, in order:
      | k |
      | 0 |
      | 1 |
    And no side effects

  Scenario: [4] Aggregation in WITH, then more aggregation
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 3, 4, 5] AS x
      WITH x % 2 AS k, sum(x) AS s
      RETURN collect(s) AS sums, max(s) AS m
      """
    Then the result should be (ignoring element order for lists):
      | sums   | m |
      | [6, 9] | 9 |
    And no side effects

  Scenario: [5] Grouping by a list value
    Given any graph
    When executing query:
      """
      UNWIND [[1], [1], [2]] AS l
      WITH l, count(*) AS c
      RETURN l, c
      """
    Then the result should be, in any order:
      | l   | c |
      | [1] | 2 |
      | [2] | 1 |
    And no side effects

  Scenario: [6] Grouping by null
    Given any graph
    When executing query:
      """
      UNWIND [null, 1, null] AS x
      WITH x, count(*) AS c
      RETURN x, c
      """
    Then the result should be, in any order:
      | x    | c |
      | null | 2 |
      | 1    | 1 |
    And no side effects

  Scenario: [7] Grouping treats an integer and an equal float as one key
    Given any graph
    When executing query:
      """
      UNWIND [1, 1.0, 2] AS x
      WITH x, count(*) AS c
      RETURN count(*) AS groups, sum(c) AS total
      """
    Then the result should be, in any order:
      | groups | total |
      | 2      | 3     |
    And no side effects

  Scenario: [8] Aggregation with ORDER BY and LIMIT in WITH
    Given any graph
    When executing query:
      """
      UNWIND ['a', 'b', 'b', 'c', 'c', 'c'] AS s
      WITH s, count(*) AS c
        ORDER BY c DESC
        LIMIT 1
      RETURN s
      """
    Then the result should be, in any order:
      | s   |
      | 'c' |
    And no side effects

  Scenario: [9] Fail when an aggregating WITH item has no alias
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS x
      WITH count(x)
      RETURN 1
      """
    Then a SyntaxError should be raised at compile time: NoExpressionAlias

  Scenario: [10] Grouping by a relationship
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:T {k: 1}]->(), ()-[:T {k: 2}]->()
      """
    When executing query:
      """
      MATCH ()-[r]-()
      WITH r, count(*) AS c
      RETURN r.k AS k, c
      """
    Then the result should be, in any order:
      | k | c |
      | 1 | 2 |
      | 2 | 2 |
    And no side effects
