# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: QSubquery1 - COUNT and COLLECT subqueries

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (a:A {name: 'a'})-[:T {w: 1}]->(:B {name: 'b'}),
             (a)-[:T {w: 2}]->(:C {name: 'c'}),
             (a)<-[:U]-(:D {name: 'd'}),
             (:A {name: 'lone'})
      """

  Scenario: [1] COUNT of a pattern, per row
    When executing query:
      """
      MATCH (a:A)
      RETURN a.name AS name, COUNT { (a)-[:T]->() } AS out, COUNT { (a)--() } AS total
      """
    Then the result should be, in any order:
      | name   | out | total |
      | 'a'    | 2   | 3     |
      | 'lone' | 0   | 0     |
    And no side effects

  Scenario: [2] COUNT of a pattern with a WHERE, in a WHERE
    When executing query:
      """
      MATCH (a:A)
      WHERE COUNT { (a)-[r:T]->(x) WHERE r.w > 1 } = 1
      RETURN a.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'a'  |
    And no side effects

  Scenario: [3] COUNT of a query counts its rows
    When executing query:
      """
      MATCH (a:A {name: 'a'})
      RETURN COUNT { MATCH (a)-->(x) RETURN x.name AS n UNION ALL MATCH (a)-->(x) RETURN x.name AS n } AS twice,
             COUNT { MATCH (a)-->(x) RETURN 1 AS n UNION MATCH (a)-->(x) RETURN 1 AS n } AS once,
             COUNT { UNWIND range(1, 5) AS i RETURN i } AS five
      """
    Then the result should be, in any order:
      | twice | once | five |
      | 4     | 1    | 5    |
    And no side effects

  Scenario: [4] COLLECT of a query is the list of its one column
    When executing query:
      """
      MATCH (a:A)
      RETURN a.name AS name,
             COLLECT { MATCH (a)-[r:T]->(x) RETURN x.name + r.w AS s ORDER BY s DESC } AS xs
      """
    Then the result should be, in any order:
      | name   | xs           |
      | 'a'    | ['c2', 'b1'] |
      | 'lone' | []           |
    And no side effects

  Scenario: [5] A variable named count keeps its map projection
    When executing query:
      """
      WITH {k: 1} AS count
      RETURN count {.k} AS m, count(*) AS rows
      """
    Then the result should be, in any order:
      | m      | rows |
      | {k: 1} | 1    |
    And no side effects

  Scenario: [6] COLLECT of a query returning two columns is an error
    When executing query:
      """
      MATCH (a:A)
      RETURN COLLECT { MATCH (a)-->(x) RETURN x.name, x } AS xs
      """
    Then a SyntaxError should be raised at compile time: InvalidClauseComposition

  Scenario: [7] A COUNT subquery cannot change the graph
    When executing query:
      """
      MATCH (a:A)
      RETURN COUNT { MATCH (a)-->(x) CREATE (:New) RETURN x } AS n
      """
    Then a SyntaxError should be raised at compile time: InvalidClauseComposition

  Scenario: [8] UNION and UNION ALL may not be mixed in a COUNT subquery
    When executing query:
      """
      RETURN COUNT { RETURN 1 AS x UNION ALL RETURN 2 AS x UNION RETURN 3 AS x } AS n
      """
    Then a SyntaxError should be raised at compile time: InvalidClauseComposition
