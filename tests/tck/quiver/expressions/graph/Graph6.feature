# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Graph6 - Properties and relationship functions

  Scenario: [1] type() of relationships
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:KNOWS]->(), ()-[:`has space`]->()
      """
    When executing query:
      """
      MATCH ()-[r]->()
      RETURN type(r) AS t
      """
    Then the result should be, in any order:
      | t           |
      | 'KNOWS'     |
      | 'has space' |
    And no side effects

  Scenario: [2] startNode() and endNode()
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:T]->(:B)
      """
    When executing query:
      """
      MATCH (x)-[r]-(y)
      RETURN labels(x) AS x, labels(startNode(r)) AS s, labels(endNode(r)) AS e
      """
    Then the result should be, in any order:
      | x     | s     | e     |
      | ['A'] | ['A'] | ['B'] |
      | ['B'] | ['A'] | ['B'] |
    And no side effects

  Scenario: [3] Self loop start and end nodes are the same
    Given an empty graph
    And having executed:
      """
      CREATE (a:A)-[:T]->(a)
      """
    When executing query:
      """
      MATCH ()-[r]->()
      RETURN startNode(r) = endNode(r) AS same
      """
    Then the result should be, in any order:
      | same |
      | true |
    And no side effects

  Scenario: [4] Property access on relationships
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:T {a: 1, l: [1, 2]}]->()
      """
    When executing query:
      """
      MATCH ()-[r]->()
      RETURN r.a AS a, r.l AS l, r.missing AS m, properties(r) AS p, keys(r) AS k
      """
    Then the result should be, in any order (ignoring element order for lists):
      | a | l      | m    | p                | k          |
      | 1 | [1, 2] | null | {a: 1, l: [1, 2]} | ['a', 'l'] |
    And no side effects

  Scenario: [5] Fail on type() of a node
    Given an empty graph
    And having executed:
      """
      CREATE ()
      """
    When executing query:
      """
      MATCH (n)
      RETURN type(n)
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [6] Property names are case sensitive
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'a', Name: 'b'})
      """
    When executing query:
      """
      MATCH (n)
      RETURN n.name AS l, n.Name AS u, n.NAME AS x
      """
    Then the result should be, in any order:
      | l   | u   | x    |
      | 'a' | 'b' | null |
    And no side effects

  Scenario: [7] id() of distinct nodes differ
    Given an empty graph
    And having executed:
      """
      CREATE (), ()
      """
    When executing query:
      """
      MATCH (a), (b)
      WHERE id(a) < id(b)
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And no side effects
