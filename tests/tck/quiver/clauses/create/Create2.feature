# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Create2 - Creating relationships

  Scenario: [1] Create two nodes and a single relationship in a single pattern
    Given an empty graph
    When executing query:
      """
      CREATE ()-[:R]->()
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes         | 2 |
      | +relationships | 1 |

  Scenario: [2] Create a relationship with a property
    Given an empty graph
    When executing query:
      """
      CREATE ()-[:R {num: 42}]->()
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes         | 2 |
      | +relationships | 1 |
      | +properties    | 1 |

  Scenario: [3] Create a relationship between two matched nodes, right to left
    Given an empty graph
    And having executed:
      """
      CREATE (:X), (:Y)
      """
    When executing query:
      """
      MATCH (x:X), (y:Y)
      CREATE (x)<-[:R]-(y)
      """
    Then the result should be empty
    And the side effects should be:
      | +relationships | 1 |
    When executing control query:
      """
      MATCH (x:X)<-[:R]-(y:Y)
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |

  Scenario: [4] Create a self loop
    Given an empty graph
    When executing query:
      """
      CREATE (root:R)-[:LINK]->(root)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes         | 1 |
      | +relationships | 1 |
      | +labels        | 1 |

  Scenario: [5] Return a created relationship
    Given an empty graph
    When executing query:
      """
      CREATE ()-[r:R {a: 1, b: null}]->()
      RETURN r
      """
    Then the result should be, in any order:
      | r             |
      | [:R {a: 1}]   |
    And the side effects should be:
      | +nodes         | 2 |
      | +relationships | 1 |
      | +properties    | 1 |

  Scenario: [6] Create and return a path
    Given an empty graph
    When executing query:
      """
      CREATE p = (:A {n: 1})-[:T]->(:B)<-[:U]-(:C)
      RETURN p, length(p) AS len
      """
    Then the result should be, in any order:
      | p                                     | len |
      | <(:A {n: 1})-[:T]->(:B)<-[:U]-(:C)>  | 2   |
    And the side effects should be:
      | +nodes         | 3 |
      | +relationships | 2 |
      | +labels        | 3 |
      | +properties    | 1 |

  Scenario: [7] Create nodes in a loop with UNWIND
    Given an empty graph
    When executing query:
      """
      UNWIND range(1, 3) AS i
      CREATE (:N {i: i})
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes      | 3 |
      | +labels     | 1 |
      | +properties | 3 |

  Scenario: [8] Labels already present in the graph are not counted again
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      CREATE (:A), (:A:B)
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes  | 2 |
      | +labels | 1 |

  Scenario: [9] Create a node with the properties of a parameter map
    Given an empty graph
    And parameters are:
      | props | {name: 'x', num: 2} |
    When executing query:
      """
      CREATE (n:N $props)
      RETURN n.name AS name, n.num AS num
      """
    Then the result should be, in any order:
      | name | num |
      | 'x'  | 2   |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 1 |
      | +properties | 2 |

  Scenario: [10] Create a node with a list property
    Given an empty graph
    When executing query:
      """
      CREATE (n {l: [1, 2, 3], e: []})
      RETURN n.l AS l, n.e AS e
      """
    Then the result should be, in any order:
      | l         | e  |
      | [1, 2, 3] | [] |
    And the side effects should be:
      | +nodes      | 1 |
      | +properties | 2 |

  Scenario: [11] Fail when creating a node with a map property
    Given any graph
    When executing query:
      """
      CREATE ({m: {a: 1}})
      """
    Then a TypeError should be raised at runtime: InvalidPropertyType

  Scenario: [12] Fail when creating an undirected relationship
    Given any graph
    When executing query:
      """
      CREATE (a)-[:R]-(b)
      """
    Then a SyntaxError should be raised at compile time: RequiresDirectedRelationship

  Scenario: [13] Fail when creating a relationship without a type
    Given any graph
    When executing query:
      """
      CREATE ()-->()
      """
    Then a SyntaxError should be raised at compile time: NoSingleRelationshipType

  Scenario: [14] Fail when creating a relationship with more than one type
    Given any graph
    When executing query:
      """
      CREATE ()-[:A|B]->()
      """
    Then a SyntaxError should be raised at compile time: NoSingleRelationshipType

  Scenario: [15] Fail when creating a variable length relationship
    Given any graph
    When executing query:
      """
      CREATE ()-[:R*2]->()
      """
    Then a SyntaxError should be raised at compile time: CreatingVarLength

  Scenario: [16] Fail when creating a relationship that is already bound
    Given any graph
    When executing query:
      """
      MATCH ()-[r]->()
      CREATE ()-[r:R]->()
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [17] Create a relationship per input row
    Given an empty graph
    And having executed:
      """
      CREATE (:A), (:B), (:B)
      """
    When executing query:
      """
      MATCH (a:A), (b:B)
      CREATE (a)-[:R]->(b)
      RETURN count(*) AS c
      """
    Then the result should be, in any order:
      | c |
      | 2 |
    And the side effects should be:
      | +relationships | 2 |

  Scenario: [18] Created entities are visible to a later MATCH in the same query
    Given an empty graph
    When executing query:
      """
      CREATE (:A)-[:R]->(:B)
      WITH 1 AS one
      MATCH (a)-[r]->(b)
      RETURN labels(a) AS a, type(r) AS r, labels(b) AS b
      """
    Then the result should be, in any order:
      | a     | r   | b     |
      | ['A'] | 'R' | ['B'] |
    And the side effects should be:
      | +nodes         | 2 |
      | +relationships | 1 |
      | +labels        | 2 |
