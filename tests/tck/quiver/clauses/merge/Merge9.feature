# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Merge9 - Merge clause interoperation with other clauses

  Scenario: [1] UNWIND then MERGE of the same node creates it once
    Given an empty graph
    When executing query:
      """
      UNWIND [1, 2, 3] AS i
      MERGE (n:N)
      RETURN n, i
      """
    Then the result should be, in any order:
      | n    | i |
      | (:N) | 1 |
      | (:N) | 2 |
      | (:N) | 3 |
    And the side effects should be:
      | +nodes  | 1 |
      | +labels | 1 |

  Scenario: [2] MERGE after a CREATE finds the created node
    Given an empty graph
    When executing query:
      """
      CREATE (:N {id: 1})
      WITH 1 AS x
      MERGE (n:N {id: x})
      RETURN n.id AS id
      """
    Then the result should be, in any order:
      | id |
      | 1  |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 1 |
      | +properties | 1 |

  Scenario: [3] MERGE with ON MATCH SET that increments per row
    Given an empty graph
    And having executed:
      """
      CREATE (:C {n: 0})
      """
    When executing query:
      """
      UNWIND range(1, 3) AS i
      MERGE (c:C)
        ON MATCH SET c.n = c.n + 1
      RETURN max(c.n) AS n
      """
    Then the result should be, in any order:
      | n |
      | 3 |
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |

  Scenario: [4] MERGE with a property taken from a previous clause
    Given an empty graph
    And having executed:
      """
      CREATE (:P {name: 'a'}), (:P {name: 'b'}), (:P {name: 'a'})
      """
    When executing query:
      """
      MATCH (p:P)
      MERGE (q:Q {name: p.name})
      RETURN count(*) AS rows
      """
    Then the result should be, in any order:
      | rows |
      | 3    |
    And the side effects should be:
      | +nodes      | 2 |
      | +labels     | 1 |
      | +properties | 2 |

  Scenario: [5] MERGE a node with a label set on creation
    Given an empty graph
    When executing query:
      """
      MERGE (n:A {k: 1})
        ON CREATE SET n:B
      RETURN labels(n) AS l
      """
    Then the result should be (ignoring element order for lists):
      | l          |
      | ['A', 'B'] |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 2 |
      | +properties | 1 |

  Scenario: [6] MERGE then DELETE of the merged node
    Given an empty graph
    When executing query:
      """
      MERGE (n:T {k: 1})
      DELETE n
      """
    Then the result should be empty
    And no side effects
