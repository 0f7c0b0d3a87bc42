# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Create4 - Larger create queries and side effects as a state difference

  Scenario: [1] A create script with labels, properties and relationships
    Given an empty graph
    When executing query:
      """
      CREATE (ta:Movie {title: 'The Matrix', released: 1999}),
             (tr:Movie {title: 'The Matrix Reloaded', released: 2003}),
             (k:Person:Actor {name: 'Keanu', born: 1964}),
             (c:Person:Actor {name: 'Carrie-Anne', born: 1967}),
             (l:Person {name: 'Lana'}),
             (k)-[:ACTED_IN {roles: ['Neo']}]->(ta),
             (k)-[:ACTED_IN {roles: ['Neo']}]->(tr),
             (c)-[:ACTED_IN {roles: ['Trinity']}]->(ta),
             (l)-[:DIRECTED]->(ta),
             (l)-[:DIRECTED]->(tr)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes         | 5  |
      | +relationships | 5  |
      | +labels        | 3  |
      | +properties    | 12 |
    When executing control query:
      """
      MATCH (p:Person)-[:ACTED_IN]->(m:Movie {released: 1999})
      RETURN p.name AS name
      """
    Then the result should be, in any order:
      | name          |
      | 'Keanu'       |
      | 'Carrie-Anne' |

  Scenario: [2] Entities created and deleted in the same query are not side effects
    Given an empty graph
    When executing query:
      """
      CREATE (a:Temp {k: 1})-[r:T {w: 1}]->(b:Temp)
      DELETE r, a, b
      """
    Then the result should be empty
    And no side effects

  Scenario: [3] A property set and then deleted with its node counts as removed once
    Given an empty graph
    And having executed:
      """
      CREATE (:L {a: 1})
      """
    When executing query:
      """
      MATCH (n:L)
      SET n.a = 2, n.b = 3
      DELETE n
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes      | 1 |
      | -labels     | 1 |
      | -properties | 1 |

  Scenario: [4] Recreating a deleted label in the same query is no label change
    Given an empty graph
    And having executed:
      """
      CREATE (:L)
      """
    When executing query:
      """
      MATCH (n:L)
      DELETE n
      CREATE (:L)
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes | 1 |
      | +nodes | 1 |

  Scenario: [5] Changing a property back to its original value is no change
    Given an empty graph
    And having executed:
      """
      CREATE (:L {a: 1})
      """
    When executing query:
      """
      MATCH (n:L)
      SET n.a = 5
      SET n.a = 1
      """
    Then the result should be empty
    And no side effects

  Scenario: [6] Changing an integer property to an equal float counts as a change
    Given an empty graph
    And having executed:
      """
      CREATE (:L {a: 2})
      """
    When executing query:
      """
      MATCH (n:L)
      SET n.a = 2.0
      RETURN n.a AS a
      """
    Then the result should be, in any order:
      | a   |
      | 2.0 |
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |

  Scenario: [7] Adding and removing a label in the same query is no change
    Given an empty graph
    And having executed:
      """
      CREATE (:L)
      """
    When executing query:
      """
      MATCH (n:L)
      SET n:X
      REMOVE n:X
      """
    Then the result should be empty
    And no side effects

  Scenario: [8] Many nodes created from a range
    Given an empty graph
    When executing query:
      """
      UNWIND range(1, 100) AS i
      CREATE (:N {i: i, even: i % 2 = 0})
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes      | 100 |
      | +labels     | 1   |
      | +properties | 200 |
    When executing control query:
      """
      MATCH (n:N)
      WHERE n.even
      RETURN count(n) AS c, sum(n.i) AS s
      """
    Then the result should be, in any order:
      | c  | s    |
      | 50 | 2550 |
