# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
# A variable-length bound is a count of relationships: a negative one is a
# malformed relationship pattern, not an unexpected character.
Feature: QMatch1 - Malformed variable-length bounds

  Scenario Outline: [1] Fail on a negative variable-length bound
    Given any graph
    When executing query:
      """
      MATCH (a)-[<range>]->(b)
      RETURN a
      """
    Then a SyntaxError should be raised at compile time: InvalidRelationshipPattern

    Examples:
      | range     |
      | *-1       |
      | *..-3     |
      | *-2..3    |
      | :T*1..-1  |

  Scenario: [2] A lower bound above the upper bound matches nothing
    Given an empty graph
    And having executed:
      """
      CREATE (:A)-[:T]->(:B)-[:T]->(:C)
      """
    When executing query:
      """
      MATCH (a)-[*2..1]->(b)
      RETURN a
      """
    Then the result should be empty
    And no side effects
