# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Quantifier4 - Quantifiers with nulls and empty lists

  Scenario Outline: [1] Quantifiers over lists with nulls
    Given any graph
    When executing query:
      """
      RETURN all(x IN <list> WHERE x) AS a, any(x IN <list> WHERE x) AS y,
             none(x IN <list> WHERE x) AS n, single(x IN <list> WHERE x) AS s
      """
    Then the result should be, in any order:
      | a   | y   | n   | s   |
      | <a> | <y> | <n> | <s> |
    And no side effects

    Examples:
      | list                | a     | y     | n     | s     |
      | []                  | true  | false | true  | false |
      | [true]              | true  | true  | false | true  |
      | [false]             | false | false | true  | false |
      | [null]              | null  | null  | null  | null  |
      | [true, null]        | null  | true  | false | null  |
      | [false, null]       | false | null  | null  | null  |
      | [true, true, null]  | null  | true  | false | false |
      | [true, false]       | false | true  | false | true  |
      | [true, true]        | true  | true  | false | false |

  Scenario: [2] Quantifiers over null are null
    Given any graph
    When executing query:
      """
      RETURN all(x IN null WHERE x) AS a, any(x IN null WHERE x) AS y,
             none(x IN null WHERE x) AS n, single(x IN null WHERE x) AS s
      """
    Then the result should be, in any order:
      | a    | y    | n    | s    |
      | null | null | null | null |
    And no side effects

  Scenario: [3] Quantifier with a predicate on null elements
    Given any graph
    When executing query:
      """
      RETURN single(x IN [null] WHERE x IS NULL) AS a, all(x IN [1, null] WHERE x > 0) AS b, any(x IN [1, null] WHERE x > 0) AS c
      """
    Then the result should be, in any order:
      | a    | b    | c    |
      | true | null | true |
    And no side effects

  Scenario: [4] Quantifiers in WHERE over node properties
    Given an empty graph
    And having executed:
      """
      CREATE ({l: [1, 2, 3]}), ({l: [4, 5]}), ({l: []})
      """
    When executing query:
      """
      MATCH (n)
      WHERE all(x IN n.l WHERE x > 3)
      RETURN n.l AS l
      """
    Then the result should be, in any order:
      | l      |
      | [4, 5] |
      | []     |
    And no side effects

  Scenario: [5] Nested quantifiers
    Given any graph
    When executing query:
      """
      RETURN all(l IN [[1, 2], [3]] WHERE any(x IN l WHERE x > 1)) AS a,
             none(l IN [[1], [2]] WHERE all(x IN l WHERE x > 1)) AS b
      """
    Then the result should be, in any order:
      | a    | b     |
      | true | false |
    And no side effects

  Scenario: [6] Quantifier over a path's nodes
    Given an empty graph
    And having executed:
      """
      CREATE (:N {v: 1})-[:T]->(:N {v: 2})-[:T]->(:N {v: 3})
      """
    When executing query:
      """
      MATCH p = (a)-[:T*]->(b)
      WHERE all(n IN nodes(p) WHERE n.v < 3)
      RETURN a.v AS a, b.v AS b
      """
    Then the result should be, in any order:
      | a | b |
      | 1 | 2 |
    And no side effects
