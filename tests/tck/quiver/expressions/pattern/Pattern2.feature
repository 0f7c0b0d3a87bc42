# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Pattern2 - Pattern comprehensions and predicates

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (a:A {name: 'a'})-[:T {w: 1}]->(:B {name: 'b'}),
             (a)-[:T {w: 2}]->(:C {name: 'c'}),
             (a)<-[:U]-(:D {name: 'd'})
      """

  Scenario: [1] Pattern comprehension over neighbours
    When executing query:
      """
      MATCH (a:A)
      RETURN [(a)-[:T]->(x) | x.name] AS xs
      """
    Then the result should be (ignoring element order for lists):
      | xs         |
      | ['b', 'c'] |
    And no side effects

  Scenario: [2] Pattern comprehension with a WHERE clause and relationship variable
    When executing query:
      """
      MATCH (a:A)
      RETURN [(a)-[r:T]->(x) WHERE r.w > 1 | x.name + r.w] AS xs
      """
    Then the result should be, in any order:
      | xs     |
      | ['c2'] |
    And no side effects

  Scenario: [3] Pattern comprehension with a path variable
    When executing query:
      """
      MATCH (a:A)
      RETURN [p = (a)-->() | length(p)] AS ls
      """
    Then the result should be, in any order:
      | ls     |
      | [1, 1] |
    And no side effects

  Scenario: [4] Pattern comprehension that finds nothing is an empty list
    When executing query:
      """
      MATCH (b:B)
      RETURN [(b)-->(x) | x] AS xs
      """
    Then the result should be, in any order:
      | xs |
      | [] |
    And no side effects

  Scenario: [5] Pattern predicate in WHERE
    When executing query:
      """
      MATCH (n)
      WHERE (n)-[:U]->()
      RETURN n.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'd'  |
    And no side effects

  Scenario: [6] Negated pattern predicate in WHERE
    When executing query:
      """
      MATCH (n)
      WHERE NOT (n)-->()
      RETURN n.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'b'  |
      | 'c'  |
    And no side effects

  Scenario: [7] Pattern predicate with an undirected relationship and a label
    When executing query:
      """
      MATCH (n)
      WHERE (n)--(:A)
      RETURN n.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'b'  |
      | 'c'  |
      | 'd'  |
    And no side effects

  Scenario: [8] Fail when a pattern predicate introduces a new variable
    When executing query:
      """
      MATCH (a)
      WHERE (a)-->(b)
      RETURN a
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [9] exists() of a pattern as a value
    When executing query:
      """
      MATCH (n)
      RETURN n.name AS name, exists((n)-[:T]->()) AS e
      """
    Then the result should be, in any order:
      | name | e     |
      | 'a'  | true  |
      | 'b'  | false |
      | 'c'  | false |
      | 'd'  | false |
    And no side effects

  Scenario: [10] Counting with a pattern comprehension
    When executing query:
      """
      MATCH (n)
      RETURN n.name AS name, size([(n)--() | 1]) AS degree
      """
    Then the result should be, in any order:
      | name | degree |
      | 'a'  | 3      |
      | 'b'  | 1      |
      | 'c'  | 1      |
      | 'd'  | 1      |
    And no side effects

  Scenario: [11] Pattern predicate between two bound nodes
    When executing query:
      """
      MATCH (a:A), (x)
      WHERE (a)-[:T]->(x)
      RETURN x.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'b'  |
      | 'c'  |
    And no side effects

  Scenario: [12] Pattern comprehension nested in a list comprehension
    When executing query:
      """
      MATCH (a:A)
      RETURN [x IN [(a)-[:T]->(y) | y] | x.name] AS names
      """
    Then the result should be (ignoring element order for lists):
      | names      |
      | ['b', 'c'] |
    And no side effects
