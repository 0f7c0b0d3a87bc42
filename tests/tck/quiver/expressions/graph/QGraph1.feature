# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: QGraph1 - Property existence and property value types

  Scenario: [1] exists() of a property
    Given an empty graph
    And having executed:
      """
      CREATE ({a: 1}), ({b: 2})
      """
    When executing query:
      """
      MATCH (n)
      RETURN exists(n.a) AS a, n.a IS NOT NULL AS b
      """
    Then the result should be, in any order:
      | a     | b     |
      | true  | true  |
      | false | false |
    And no side effects

  Scenario: [2] Fail on exists() of something that is neither a property nor a pattern
    Given any graph
    When executing query:
      """
      RETURN exists(1) AS e
      """
    Then a SyntaxError should be raised at compile time: *

  Scenario: [3] Fail when storing a list that contains null
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.l = [1, null]
      """
    Then a TypeError should be raised at runtime: *

  Scenario: [4] Fail when storing a list of lists
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      SET n.l = [[1]]
      """
    Then a TypeError should be raised at runtime: InvalidPropertyType
