# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Null2 - Null propagation and coalesce

  Scenario: [1] coalesce() returns its first non-null argument
    Given any graph
    When executing query:
      """
      RETURN coalesce(null, null, 2, 3) AS a, coalesce(null) AS b, coalesce(null, [null]) AS c, coalesce(1) AS d
      """
    Then the result should be, in any order:
      | a | b    | c      | d |
      | 2 | null | [null] | 1 |
    And no side effects

  Scenario: [2] coalesce() over properties
    Given an empty graph
    And having executed:
      """
      CREATE ({a: 1}), ({b: 2}), ()
      """
    When executing query:
      """
      MATCH (n)
      RETURN coalesce(n.a, n.b, 0) AS v
      """
    Then the result should be, in any order:
      | v |
      | 1 |
      | 2 |
      | 0 |
    And no side effects

  Scenario: [3] Functions of null give null
    Given any graph
    When executing query:
      """
      RETURN type(null) AS a, keys(null) AS b, labels(null) AS c, nodes(null) AS d, length(null) AS e,
             id(null) AS f, startNode(null) AS g, toUpper(null) AS h, reverse(null) AS i
      """
    Then the result should be, in any order:
      | a    | b    | c    | d    | e    | f    | g    | h    | i    |
      | null | null | null | null | null | null | null | null | null |
    And no side effects

  Scenario: [4] Operators on null give null
    Given any graph
    When executing query:
      """
      RETURN null + 'a' AS a, null < 1 AS b, null STARTS WITH 'a' AS c, null =~ 'a' AS d, null IN [null] AS e, null[0] AS f
      """
    Then the result should be, in any order:
      | a    | b    | c    | d    | e    | f    |
      | null | null | null | null | null | null |
    And no side effects

  Scenario: [5] CASE on null
    Given any graph
    When executing query:
      """
      RETURN CASE WHEN null THEN 1 ELSE 2 END AS a,
             CASE null WHEN null THEN 1 ELSE 2 END AS b,
             CASE WHEN false THEN 1 END AS c,
             CASE 1 WHEN 1.0 THEN 'eq' END AS d
      """
    Then the result should be, in any order:
      | a | b | c    | d    |
      | 2 | 2 | null | 'eq' |
    And no side effects

  Scenario: [6] A missing property is null
    Given an empty graph
    And having executed:
      """
      CREATE ({a: 1})
      """
    When executing query:
      """
      MATCH (n)
      RETURN n.b AS b, n.b IS NULL AS isNull, n.a IS NOT NULL AS hasA
      """
    Then the result should be, in any order:
      | b    | isNull | hasA |
      | null | true   | true |
    And no side effects

  Scenario: [7] Filtering on a property compared with null matches nothing
    Given an empty graph
    And having executed:
      """
      CREATE ({a: 1}), ({a: null}), ()
      """
    When executing query:
      """
      MATCH (n)
      WHERE n.a = null
      RETURN count(n) AS c
      """
    Then the result should be, in any order:
      | c |
      | 0 |
    And no side effects
