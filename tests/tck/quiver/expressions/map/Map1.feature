# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Map1 - Static value access

  Scenario: [1] Static access of map keys
    Given any graph
    When executing query:
      """
      WITH {a: 1, b: {c: 2}} AS m
      RETURN m.a AS a, m.b.c AS c, m.z AS z
      """
    Then the result should be, in any order:
      | a | c | z    |
      | 1 | 2 | null |
    And no side effects

  Scenario: [2] Dynamic access of map keys
    Given any graph
    When executing query:
      """
      WITH {a: 1, b: 2} AS m, 'b' AS k
      RETURN m['a'] AS a, m[k] AS b, m['z'] AS z, m[null] AS n
      """
    Then the result should be, in any order:
      | a | b | z    | n    |
      | 1 | 2 | null | null |
    And no side effects

  Scenario: [3] Static access on null gives null
    Given any graph
    When executing query:
      """
      WITH null AS m
      RETURN m.a AS a, m['a'] AS b
      """
    Then the result should be, in any order:
      | a    | b    |
      | null | null |
    And no side effects

  Scenario: [4] Fail when a map key is not a string
    Given any graph
    When executing query:
      """
      WITH {a: 1} AS m, 1 AS k
      RETURN m[k]
      """
    Then a TypeError should be raised at runtime: MapElementAccessByNonString

  Scenario: [5] Fail on static access of an integer
    Given any graph
    When executing query:
      """
      WITH [1][0] AS i
      RETURN i.a
      """
    Then a TypeError should be raised at runtime: *

  Scenario: [6] Dynamic access of node and relationship properties
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'n'})-[:T {name: 'r'}]->()
      """
    When executing query:
      """
      MATCH (a)-[r]->()
      WITH a, r, 'name' AS k
      RETURN a[k] AS a, r[k] AS r
      """
    Then the result should be, in any order:
      | a   | r   |
      | 'n' | 'r' |
    And no side effects

  Scenario: [7] Map projection
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'n', age: 3, x: 1})
      """
    When executing query:
      """
      MATCH (a)
      WITH a, 10 AS k
      RETURN a {.name, .age, k, extra: a.x + 1, .missing} AS m
      """
    Then the result should be, in any order:
      | m                                                  |
      | {name: 'n', age: 3, k: 10, extra: 2, missing: null} |
    And no side effects

  Scenario: [8] Map projection with all properties
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'n', age: 3})
      """
    When executing query:
      """
      MATCH (a)
      RETURN a {.*, age: 4} AS m
      """
    Then the result should be, in any order:
      | m                   |
      | {name: 'n', age: 4} |
    And no side effects

  Scenario: [9] Map projection of null is null
    Given any graph
    When executing query:
      """
      OPTIONAL MATCH (a:Missing)
      RETURN a {.name} AS m
      """
    Then the result should be, in any order:
      | m    |
      | null |
    And no side effects

  Scenario: [10] properties() of a map, a node and null
    Given an empty graph
    And having executed:
      """
      CREATE ({k: 1})
      """
    When executing query:
      """
      MATCH (n)
      RETURN properties(n) AS p, properties({a: 1}) AS m, properties(null) AS z
      """
    Then the result should be, in any order:
      | p      | m      | z    |
      | {k: 1} | {a: 1} | null |
    And no side effects
