# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Remove3 - Remove details

  Scenario: [1] Removing a property that does not exist changes nothing
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1})
      """
    When executing query:
      """
      MATCH (n:A)
      REMOVE n.nope
      RETURN n
      """
    Then the result should be, in any order:
      | n           |
      | (:A {a: 1}) |
    And no side effects

  Scenario: [2] Removing a label the node does not have changes nothing
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B)
      """
    When executing query:
      """
      MATCH (n:A)
      REMOVE n:B
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | (:A) |
    And no side effects

  Scenario: [3] Removing several labels at once
    Given an empty graph
    And having executed:
      """
      CREATE (:A:B:C)
      """
    When executing query:
      """
      MATCH (n:A)
      REMOVE n:A:B
      RETURN labels(n) AS l
      """
    Then the result should be, in any order:
      | l     |
      | ['C'] |
    And the side effects should be:
      | -labels | 2 |

  Scenario: [4] A removed label still on another node is not counted
    Given an empty graph
    And having executed:
      """
      CREATE (:L {k: 1}), (:L {k: 2})
      """
    When executing query:
      """
      MATCH (n:L {k: 1})
      REMOVE n:L
      """
    Then the result should be empty
    And no side effects

  Scenario: [5] Removing a label from every node that has it
    Given an empty graph
    And having executed:
      """
      CREATE (:L), (:L), (:M)
      """
    When executing query:
      """
      MATCH (n:L)
      REMOVE n:L
      """
    Then the result should be empty
    And the side effects should be:
      | -labels | 1 |

  Scenario: [6] Removing from a null entity does nothing
    Given an empty graph
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      REMOVE n.a, n:L
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | null |
    And no side effects

  Scenario: [7] Removing a relationship property
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:T {a: 1, b: 2}]->()
      """
    When executing query:
      """
      MATCH ()-[r:T]->()
      REMOVE r.a
      RETURN r
      """
    Then the result should be, in any order:
      | r             |
      | [:T {b: 2}]   |
    And the side effects should be:
      | -properties | 1 |

  Scenario: [8] Removed property reads as null afterwards
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1, b: 2})
      """
    When executing query:
      """
      MATCH (n:A)
      REMOVE n.a
      RETURN n.a AS a, n.b AS b, keys(n) AS k
      """
    Then the result should be, in any order:
      | a    | b | k     |
      | null | 2 | ['b'] |
    And the side effects should be:
      | -properties | 1 |

  Scenario: [9] Removing the same property on every row counts once
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1})
      """
    When executing query:
      """
      MATCH (n:A)
      UNWIND [1, 2, 3] AS i
      REMOVE n.a
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 3 |
    And the side effects should be:
      | -properties | 1 |
