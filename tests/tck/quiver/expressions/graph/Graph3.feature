# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Graph3 - Node labels

  Scenario: [1] labels() of nodes
    Given an empty graph
    And having executed:
      """
      CREATE (:A:B), (:C), ()
      """
    When executing query:
      """
      MATCH (n)
      RETURN labels(n) AS l
      """
    Then the result should be, in any order (ignoring element order for lists):
      | l          |
      | ['A', 'B'] |
      | ['C']      |
      | []         |
    And no side effects

  Scenario: [2] Label predicates as expressions
    Given an empty graph
    And having executed:
      """
      CREATE (:A:B)
      """
    When executing query:
      """
      MATCH (n)
      RETURN n:A AS a, n:C AS c, n:A:B AS ab, n:A:C AS ac
      """
    Then the result should be, in any order:
      | a    | c     | ab   | ac    |
      | true | false | true | false |
    And no side effects

  Scenario: [3] Label predicate on null is null
    Given any graph
    When executing query:
      """
      OPTIONAL MATCH (n:Missing)
      RETURN n:A AS a, labels(n) AS l
      """
    Then the result should be, in any order:
      | a    | l    |
      | null | null |
    And no side effects

  Scenario: [4] Labels after SET and REMOVE in the same query
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n:B
      REMOVE n:A
      RETURN labels(n) AS l
      """
    Then the result should be, in any order:
      | l     |
      | ['B'] |
    And the side effects should be:
      | +labels | 1 |
      | -labels | 1 |

  Scenario: [5] Fail on labels() of a relationship
    Given an empty graph
    And having executed:
      """
      CREATE ()-[:T]->()
      """
    When executing query:
      """
      MATCH ()-[r]->()
      RETURN labels(r)
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [6] Label names are case sensitive
    Given an empty graph
    And having executed:
      """
      CREATE (:Person), (:person)
      """
    When executing query:
      """
      MATCH (n:Person)
      RETURN count(n) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And no side effects

  Scenario: [7] Labels with special characters
    Given an empty graph
    When executing query:
      """
      CREATE (n:`a label`:`x-y`)
      RETURN labels(n) AS l
      """
    Then the result should be (ignoring element order for lists):
      | l                  |
      | ['a label', 'x-y'] |
    And the side effects should be:
      | +nodes  | 1 |
      | +labels | 2 |
