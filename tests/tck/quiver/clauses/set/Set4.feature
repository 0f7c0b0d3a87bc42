# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Set4 - Set all properties with a map

  Scenario: [1] Replacing all properties with a map
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1, b: 2})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n = {a: 1, c: 3}
      RETURN n
      """
    Then the result should be, in any order:
      | n                 |
      | (:A {a: 1, c: 3}) |
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |

  Scenario: [2] Setting an empty map removes all properties
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1, b: 2})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n = {}
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | (:A) |
    And the side effects should be:
      | -properties | 2 |

  Scenario: [3] Replacing properties with a parameter map
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1})
      """
    And parameters are:
      | map | {b: 'x', c: [1, 2]} |
    When executing query:
      """
      MATCH (n:A)
      SET n = $map
      RETURN n.a AS a, n.b AS b, n.c AS c
      """
    Then the result should be, in any order:
      | a    | b   | c      |
      | null | 'x' | [1, 2] |
    And the side effects should be:
      | +properties | 2 |
      | -properties | 1 |

  Scenario: [4] Null values in a replacing map are left out
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1, b: 2})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n = {a: null, b: 2}
      RETURN n
      """
    Then the result should be, in any order:
      | n           |
      | (:A {b: 2}) |
    And the side effects should be:
      | -properties | 1 |

  Scenario: [5] Copying the properties of another node
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1, b: 'x'}), (:B {c: 3})
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      SET b = a
      RETURN b
      """
    Then the result should be, in any order:
      | b                    |
      | (:B {a: 1, b: 'x'})  |
    And the side effects should be:
      | +properties | 2 |
      | -properties | 1 |

  Scenario: [6] Copying the properties of a relationship to a node
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:T {w: 5}]->(:B)
      """
    When executing query:
      """
      MATCH (a:A)-[r:T]->()
      SET a = r
      RETURN a.w AS w
      """
    Then the result should be, in any order:
      | w |
      | 5 |
    And the side effects should be:
      | +properties | 1 |

  Scenario: [7] Merging a map adds and overwrites but keeps the rest
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1, b: 2})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n += {b: 3, c: 4}
      RETURN n
      """
    Then the result should be, in any order:
      | n                       |
      | (:A {a: 1, b: 3, c: 4}) |
    And the side effects should be:
      | +properties | 2 |
      | -properties | 1 |

  Scenario: [8] Merging an empty map changes nothing
    Given an empty graph
    And having executed:
      """
      CREATE (:A {a: 1})
      """
    When executing query:
      """
      MATCH (n:A)
      SET n += {}
      RETURN n
      """
    Then the result should be, in any order:
      | n           |
      | (:A {a: 1}) |
    And no side effects

  Scenario: [9] Setting properties of a null entity does nothing
    Given an empty graph
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      SET n = {a: 1}
      RETURN n
      """
    Then the result should be, in any order:
      | n    |
      | null |
    And no side effects

  Scenario: [10] Fail when setting all properties to a non-map value
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n = 1
      """
    Then a TypeError should be raised at any time: *

  Scenario: [11] Setting all properties of a relationship
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:T {a: 1}]->()
      """
    When executing query:
      """
      MATCH ()-[r:T]->()
      SET r = {b: 2}
      RETURN r
      """
    Then the result should be, in any order:
      | r             |
      | [:T {b: 2}]   |
    And the side effects should be:
      | +properties | 1 |
      | -properties | 1 |
