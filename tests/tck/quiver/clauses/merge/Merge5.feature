# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Merge5 - Merge relationships

  Scenario: [1] Creating a relationship
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:TYPE]->(b)
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And the side effects should be:
      | +relationships | 1 |

  Scenario: [2] Matching a relationship
    Given an empty graph
    And having executed:
      """
      CREATE (a:A), (b:B)
      CREATE (a)-[:TYPE]->(b)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:TYPE]->(b)
      RETURN count(r) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And no side effects

  Scenario: [3] Merge creates a relationship when the properties differ
    Given an empty graph
    And having executed:
      """
      CREATE (a:A), (b:B)
      CREATE (a)-[:TYPE {name: 'r1'}]->(b)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:TYPE {name: 'r2'}]->(b)
      RETURN r.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'r2' |
    And the side effects should be:
      | +relationships | 1 |
      | +properties    | 1 |

  Scenario: [4] Undirected merge matches a relationship in either direction
    Given an empty graph
    And having executed:
      """
      CREATE (a:A), (b:B)
      CREATE (b)-[:T]->(a)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:T]-(b)
      RETURN count(r) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And no side effects

  Scenario: [5] Undirected merge creates a relationship when none exists
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:T]-(b)
      RETURN count(r) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And the side effects should be:
      | +relationships | 1 |

  Scenario: [6] Merge a whole path on an empty graph
    Given an empty graph
    When executing query:
      """
      MERGE (a:A)-[:T]->(b:B)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes         | 2 |
      | +relationships | 1 |
      | +labels        | 2 |

  Scenario: [7] Merge creates the whole pattern when only part of it exists
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MERGE (a:A)-[:T]->(b:B)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes         | 2 |
      | +relationships | 1 |
      | +labels        | 1 |

  Scenario: [8] ON CREATE and ON MATCH on a relationship
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:T]->(b)
        ON CREATE SET r.created = true
        ON MATCH SET r.matched = true
      WITH a, b
      MERGE (a)-[r:T]->(b)
        ON CREATE SET r.created2 = true
        ON MATCH SET r.matched2 = true
      RETURN r.created AS c, r.matched AS m, r.created2 AS c2, r.matched2 AS m2
      """
    Then the result should be, in any order:
      | c    | m    | c2   | m2   |
      | true | null | null | true |
    And the side effects should be:
      | +relationships | 1 |
      | +properties    | 2 |

  Scenario: [9] Fail when merging a relationship that is already bound
    Given any graph
    When executing query:
      """
      MATCH (a)-[r]->(b)
      MERGE (a)-[r:T]->(b)
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [10] Fail when merging a relationship with a null property
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:T {k: null}]->(b)
      """
    Then a SemanticError should be raised at runtime: MergeReadOwnWrites

  Scenario: [11] Merge sees its own writes across rows
    Given an empty graph
    When executing query:
      """
      UNWIND [1, 1, 2, 1] AS i
      MERGE (n:N {i: i})
      RETURN count(*) AS rows
      """
    Then the result should be, in any order:
      | rows |
      | 4    |
    And the side effects should be:
      | +nodes      | 2 |
      | +labels     | 1 |
      | +properties | 2 |

  Scenario: [12] Merge a self loop
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (a:A)
      MERGE (a)-[:T]->(a)
      WITH a
      MERGE (a)-[:T]->(a)
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And the side effects should be:
      | +relationships | 1 |

  Scenario: [13] Merge a relationship between nodes merged before it
    Given an empty graph
    When executing query:
      """
      MERGE (a:A {k: 1})
      MERGE (b:B {k: 2})
      MERGE (a)-[r:T]->(b)
      RETURN a.k AS a, type(r) AS t, b.k AS b
      """
    Then the result should be, in any order:
      | a | t   | b |
      | 1 | 'T' | 2 |
    And the side effects should be:
      | +nodes         | 2 |
      | +relationships | 1 |
      | +labels        | 2 |
      | +properties    | 2 |

  Scenario: [14] Merge matches every existing relationship
    Given an empty graph
    And having executed:
      """
      CREATE (a:A), (b:B)
      CREATE (a)-[:T {n: 1}]->(b), (a)-[:T {n: 2}]->(b)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      MERGE (a)-[r:T]->(b)
      RETURN r.n AS n
      """
    Then the result should be, in any order:
      | n |
      | 1 |
      | 2 |
    And no side effects

  Scenario: [15] Fail when merging an undirected relationship with a variable length
    Given any graph
    When executing query:
      """
      MERGE (a)-[:T*2]->(b)
      """
    Then a SyntaxError should be raised at compile time: CreatingVarLength

  Scenario: [16] Fail when merging a relationship without a type
    Given any graph
    When executing query:
      """
      MERGE (a)-[r]->(b)
      """
    Then a SyntaxError should be raised at compile time: NoSingleRelationshipType
