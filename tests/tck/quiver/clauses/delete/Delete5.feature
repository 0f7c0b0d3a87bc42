# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Delete5 - Delete clause interoperation with built-in data types

  Scenario: [1] Delete nodes from a list produced by collect
    Given an empty graph
    And having executed:
      """
      CREATE (:U {i: 1}), (:U {i: 2}), (:V)
      """
    When executing query:
      """
      MATCH (n:U)
      WITH collect(n) AS ns
      UNWIND ns AS x
      DELETE x
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes      | 2 |
      | -labels     | 1 |
      | -properties | 2 |

  Scenario: [2] Delete relationships from a list produced by a variable length match
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:R]->()-[:R]->()
      """
    When executing query:
      """
      MATCH (:A)-[rs*]->()
      WITH rs
      ORDER BY size(rs) DESC
      LIMIT 1
      UNWIND rs AS r
      DELETE r
      """
    Then the result should be empty
    And the side effects should be:
      | -relationships | 2 |

  Scenario: [3] Delete the nodes of a path through nodes()
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:R]->(:B)
      """
    When executing query:
      """
      MATCH p = (:A)-->(:B)
      UNWIND nodes(p) AS n
      DETACH DELETE n
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes         | 2 |
      | -relationships | 1 |
      | -labels        | 2 |

  Scenario: [4] Delete a node held in a nested map
    Given an empty graph
    And having executed:
      """
      CREATE (:U)
      """
    When executing query:
      """
      MATCH (n:U)
      WITH {a: {b: [n]}} AS m
      DELETE m.a.b[0]
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes  | 1 |
      | -labels | 1 |

  Scenario: [5] Deleting a list of nulls does nothing
    Given an empty graph
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      WITH [n] AS l
      DELETE l[0]
      """
    Then the result should be empty
    And no side effects

  Scenario: [6] Deleting the same node twice through two variables
    Given an empty graph
    And having executed:
      """
      CREATE (:U)
      """
    When executing query:
      """
      MATCH (a:U), (b:U)
      DELETE a, b
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes  | 1 |
      | -labels | 1 |
