# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Path1 - Nodes and relationships of a path

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (:A {n: 1})-[:T {w: 1}]->(:B {n: 2})<-[:U {w: 2}]-(:C {n: 3})
      """

  Scenario: [1] nodes() and relationships() follow the pattern order
    When executing query:
      """
      MATCH p = (:A)-->()<--(:C)
      RETURN [x IN nodes(p) | x.n] AS ns, [r IN relationships(p) | type(r)] AS ts, length(p) AS len
      """
    Then the result should be, in any order:
      | ns        | ts         | len |
      | [1, 2, 3] | ['T', 'U'] | 2   |
    And no side effects

  Scenario: [2] The same path matched from the other end is reversed
    When executing query:
      """
      MATCH p = (:C)-->()<--(:A)
      RETURN [x IN nodes(p) | x.n] AS ns, p
      """
    Then the result should be, in any order:
      | ns        | p                                                              |
      | [3, 2, 1] | <(:C {n: 3})-[:U {w: 2}]->(:B {n: 2})<-[:T {w: 1}]-(:A {n: 1})> |
    And no side effects

  Scenario: [3] A single node path
    When executing query:
      """
      MATCH p = (a:A)
      RETURN p, length(p) AS len, nodes(p) AS ns, relationships(p) AS rs
      """
    Then the result should be, in any order:
      | p              | len | ns              | rs |
      | <(:A {n: 1})>  | 0   | [(:A {n: 1})]   | [] |
    And no side effects

  Scenario: [4] Path of a variable length pattern
    When executing query:
      """
      MATCH p = (:A)-[*]-(:C)
      RETURN length(p) AS len, [r IN relationships(p) | r.w] AS ws
      """
    Then the result should be, in any order:
      | len | ws     |
      | 2   | [1, 2] |
    And no side effects

  Scenario: [5] Functions of an optional path that is missing
    When executing query:
      """
      MATCH (a:A)
      OPTIONAL MATCH p = (a)-[:X]->()
      RETURN p, length(p) AS len, nodes(p) AS ns, relationships(p) AS rs
      """
    Then the result should be, in any order:
      | p    | len  | ns   | rs   |
      | null | null | null | null |
    And no side effects

  Scenario: [6] Indexing the nodes of a path
    When executing query:
      """
      MATCH p = (:A)-->()<--(:C)
      RETURN nodes(p)[0].n AS first, nodes(p)[-1].n AS last, relationships(p)[1].w AS w
      """
    Then the result should be, in any order:
      | first | last | w |
      | 1     | 3    | 2 |
    And no side effects

  Scenario: [7] Paths compare equal when they are the same path
    When executing query:
      """
      MATCH p = (:A)-->()
      MATCH q = (:A)-->()
      RETURN p = q AS eq
      """
    Then the result should be, in any order:
      | eq   |
      | true |
    And no side effects

  Scenario: [8] Collecting paths
    When executing query:
      """
      MATCH p = ()-->()
      RETURN count(p) AS c, size(collect(p)) AS s
      """
    Then the result should be, in any order:
      | c | s |
      | 2 | 2 |
    And no side effects

  Scenario: [9] Undirected path over a single relationship both ways
    When executing query:
      """
      MATCH p = (x)-[:T]-(y)
      RETURN x.n AS x, y.n AS y, p
      """
    Then the result should be, in any order:
      | x | y | p                                         |
      | 1 | 2 | <(:A {n: 1})-[:T {w: 1}]->(:B {n: 2})>   |
      | 2 | 1 | <(:B {n: 2})<-[:T {w: 1}]-(:A {n: 1})>   |
    And no side effects
