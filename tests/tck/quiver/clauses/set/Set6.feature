# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Set6 - Set properties and labels, details

  Scenario: [1] Setting a property to the value it already has changes nothing
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.a = 1
      RETURN n.a AS a
      """
    Then the result should be, in any order:
      | a |
      | 1 |
    And no side effects

  Scenario: [2] Overwriting a property counts one removed and one added
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.a = 'one'
      """
    Then the result should be empty
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |

  Scenario: [3] Setting a property to null removes it
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1, b: 2})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.a = null
      RETURN keys(n) AS k
      """
    Then the result should be, in any order:
      | k     |
      | ['b'] |
    And the side effects should be:
      | -properties | 1 |

  Scenario: [4] Incrementing a property per row
    Given an empty graph
    And having executed:
      """
      CREATE (:C {n: 0})
      """
    When executing query:
      """
      MATCH (c:C)
      UNWIND range(1, 4) AS i
      SET c.n = c.n + i
      RETURN c.n AS n
      """
    Then the result should be, in any order:
      | n  |
      | 10 |
      | 10 |
      | 10 |
      | 10 |
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |

  Scenario: [5] Setting several labels at once
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n:B:C
      RETURN labels(n) AS l
      """
    Then the result should be (ignoring element order for lists):
      | l               |
      | ['A', 'B', 'C'] |
    And the side effects should be:
      | +labels | 1 |

  Scenario: [6] Setting a label a node already has changes nothing
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n:A
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | (:A) |
    And no side effects

  Scenario: [7] Setting a label on a null node does nothing
    Given an empty graph
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      SET n:L
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | null |
    And no side effects

  Scenario: [8] Fail when setting a map-valued property
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.m = {x: 1}
      """
    Then a TypeError should be raised at runtime: InvalidPropertyType

  Scenario: [9] Fail when setting a property to a list of maps
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.m = [{x: 1}]
      """
    Then a TypeError should be raised at runtime: InvalidPropertyType

  Scenario: [10] Setting a property on a relationship
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:T]->()
      """
    When executing query:
      """
      MATCH ()-[r:T]->()
      SET r.w = 2.5
      RETURN r
      """
    Then the result should be, in any order:
      | r              |
      | [:T {w: 2.5}]  |
    And the side effects should be:
      | +properties | 1 |

  Scenario: [11] Setting a property through a parenthesised expression
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET (n).x = 1
      RETURN n.x AS x
      """
    Then the result should be, in any order:
      | x |
      | 1 |
    And the side effects should be:
      | +properties | 1 |

  Scenario: [12] Set sees the values of earlier items of the same SET
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.a = 2, n.b = n.a
      RETURN n.a AS a, n.b AS b
      """
    Then the result should be, in any order:
      | a | b |
      | 2 | 2 |
    And the side effects should be:
      | +properties | 2 |
      | -properties | 1 |

  Scenario: [13] Fail when setting a property of a non-entity
    Given any graph
    When executing query:
      """
      WITH {a: 1} AS m
      SET m.a = 2
      """
    Then a TypeError should be raised at any time: *

  Scenario: [14] Setting a list property of mixed numbers
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.l = [1, 2, 3], n.s = ['a', 'b']
      RETURN n.l AS l, n.s AS s
      """
    Then the result should be, in any order:
      | l         | s          |
      | [1, 2, 3] | ['a', 'b'] |
    And the side effects should be:
      | +properties | 2 |
