# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Delete2 - Deleting relationships and paths

  Scenario: [1] Delete relationships matched without direction
    Given an empty graph
    And having executed:
      """
      UNWIND range(0, 2) AS i
      CREATE ()-[:R]->()
      """
    When executing query:
      """
      MATCH ()-[r]-()
      DELETE r
      """
    Then the result should be empty
    And the side effects should be:
      | -relationships | 3 |

  Scenario: [2] Deleting a relationship removes its properties
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:R {a: 1, b: 'x'}]->()
      """
    When executing query:
      """
      MATCH ()-[r]->()
      DELETE r
      """
    Then the result should be empty
    And the side effects should be:
      | -relationships | 1 |
      | -properties    | 2 |

  Scenario: [3] Delete a relationship and both of its nodes
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:R]->(:B)
      """
    When executing query:
      """
      MATCH (a)-[r]->(b)
      DELETE r, a, b
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes         | 2 |
      | -relationships | 1 |
      | -labels        | 2 |

  Scenario: [4] Delete a path
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:R]->(:B)
      """
    When executing query:
      """
      MATCH p = (:A)-->()
      DELETE p
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes         | 2 |
      | -relationships | 1 |
      | -labels        | 2 |

  Scenario: [5] Detach delete a node with relationships
    Given an empty graph
    And having executed:
      """
      CREATE (a:A {k: 1}), (a)-[:R]->(), (a)<-[:R]-(), (a)-[:R]->(a)
      """
    When executing query:
      """
      MATCH (a:A)
      DETACH DELETE a
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes         | 1 |
      | -relationships | 3 |
      | -labels        | 1 |
      | -properties    | 1 |

  Scenario: [6] Deleting null does nothing
    Given an empty graph
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      DELETE n
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | null |
    And no side effects

  Scenario: [7] Fail when deleting a node that still has relationships
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:R]->()
      """
    When executing query:
      """
      MATCH (a:A)
      DELETE a
      """
    Then a ConstraintVerificationFailed should be raised at runtime: DeleteConnectedNode

  Scenario: [8] Deleting a node and its relationships in one DELETE succeeds
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:R]->(:B)
      """
    When executing query:
      """
      MATCH (a:A)-[r]->()
      DELETE a, r
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes         | 1 |
      | -relationships | 1 |
      | -labels        | 1 |

  Scenario: [9] Fail when deleting a label
    Given any graph
    When executing query:
      """
      MATCH (n)
      DELETE n:Person
      """
    Then a SyntaxError should be raised at compile time: InvalidDelete

  Scenario: [10] Delete nodes taken from a list
    Given an empty graph
    And having executed:
      """
      CREATE (:U {i: 1}), (:U {i: 2})
      """
    When executing query:
      """
      MATCH (n:U)
      WITH collect(n) AS ns
      DELETE ns[0], ns[1]
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes      | 2 |
      | -labels     | 1 |
      | -properties | 2 |

  Scenario: [11] Delete a node taken from a map
    Given an empty graph
    And having executed:
      """
      CREATE (:U {i: 1})
      """
    When executing query:
      """
      MATCH (n:U)
      WITH {key: n} AS m
      DELETE m.key
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes      | 1 |
      | -labels     | 1 |
      | -properties | 1 |

  Scenario: [12] Fail when deleting an integer
    Given any graph
    When executing query:
      """
      UNWIND [1] AS x
      DELETE x
      """
    Then a TypeError should be raised at any time: *

  Scenario: [13] Counting rows after deleting
    Given an empty graph
    And having executed:
      """
      CREATE (), (), ()
      """
    When executing query:
      """
      MATCH (n)
      DELETE n
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 3 |
    And the side effects should be:
      | -nodes | 3 |

  Scenario: [14] A deleted label name still used by another node is not counted
    Given an empty graph
    And having executed:
      """
      CREATE (:L {k: 1}), (:L)
      """
    When executing query:
      """
      MATCH (n:L {k: 1})
      DELETE n
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes      | 1 |
      | -properties | 1 |

  Scenario: [15] Fail when accessing a property of a deleted relationship
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:R {k: 1}]->()
      """
    When executing query:
      """
      MATCH ()-[r]->()
      DELETE r
      RETURN r.k
      """
    Then a EntityNotFound should be raised at runtime: DeletedEntityAccess

  Scenario: [16] Delete the relationships of a variable length match
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:R]->()-[:R]->()
      """
    When executing query:
      """
      MATCH (:A)-[rs:R*2]->()
      UNWIND rs AS r
      DELETE r
      """
    Then the result should be empty
    And the side effects should be:
      | -relationships | 2 |
