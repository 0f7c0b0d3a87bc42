# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Merge8 - Merge clause interoperation with delete and set

  Scenario: [1] MERGE after DELETE of the same pattern creates it again
    Given an empty graph
    And having executed:
      """
      CREATE (:A {k: 1})
      """
    When executing query:
      """
      MATCH (a:A)
      DELETE a
      MERGE (b:A {k: 1})
      RETURN b.k AS k
      """
    Then the result should be, in any order:
      | k |
      | 1 |
    And the side effects should be:
      | -nodes      | 1 |
      | +nodes      | 1 |
      | -properties | 1 |
      | +properties | 1 |

  Scenario: [2] ON MATCH SET with the current value changes nothing
    Given an empty graph
    And having executed:
      """
      CREATE (:A {k: 1, v: 'x'})
      """
    When executing query:
      """
      MERGE (a:A {k: 1})
        ON MATCH SET a.v = 'x'
      RETURN a.v AS v
      """
    Then the result should be, in any order:
      | v   |
      | 'x' |
    And no side effects

  Scenario: [3] ON CREATE SET with a map replaces the merged properties
    Given an empty graph
    When executing query:
      """
      MERGE (a:A {k: 1})
        ON CREATE SET a = {v: 2}
      RETURN a.k AS k, a.v AS v
      """
    Then the result should be, in any order:
      | k    | v |
      | null | 2 |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 1 |
      | +properties | 1 |

  Scenario: [4] ON MATCH SET that adds a label
    Given an empty graph
    And having executed:
      """
      CREATE (:A {k: 1})
      """
    When executing query:
      """
      MERGE (a:A {k: 1})
        ON MATCH SET a:Seen
      RETURN labels(a) AS l
      """
    Then the result should be (ignoring element order for lists):
      | l             |
      | ['A', 'Seen'] |
    And the side effects should be:
      | +labels | 1 |

  Scenario: [5] MERGE with a property from a parameter
    Given an empty graph
    And parameters are:
      | k | 'x' |
    When executing query:
      """
      MERGE (a:A {k: $k})
      MERGE (b:A {k: $k})
      RETURN a = b AS same
      """
    Then the result should be, in any order:
      | same |
      | true |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 1 |
      | +properties | 1 |
