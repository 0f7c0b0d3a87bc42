# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Return8 - Return clause interoperation with other clauses

  Scenario: [1] Return aggregation after a WITH that renames
    Given an empty graph
    And having executed:
      """
      CREATE ({num: 1}), ({num: 2}), ({num: 3})
      """
    When executing query:
      """
      MATCH (n)
      WITH n.num AS x
      RETURN sum(x) AS s, collect(x) AS xs
      """
    Then the result should be (ignoring element order for lists):
      | s | xs        |
      | 6 | [1, 2, 3] |
    And no side effects

  Scenario: [2] Returning an expression over a grouping key and an aggregate
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS x
      RETURN x, x + count(*) AS y
      """
    Then the result should be, in any order:
      | x | y |
      | 1 | 2 |
      | 2 | 3 |
    And no side effects

  Scenario: [3] Fail on a non-grouping variable beside an aggregate
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS x
      RETURN x + count(*)
      """
    Then a SyntaxError should be raised at compile time: AmbiguousAggregationExpression

  Scenario: [4] Aggregating over no rows without grouping keys gives one row
    Given an empty graph
    When executing query:
      """
      MATCH (n)
      RETURN count(*) AS c, collect(n) AS ns, max(n.x) AS m, sum(n.x) AS s
      """
    Then the result should be, in any order:
      | c | ns | m    | s |
      | 0 | [] | null | 0 |
    And no side effects

  Scenario: [5] Aggregating over no rows with a grouping key gives no rows
    Given an empty graph
    When executing query:
      """
      MATCH (n)
      RETURN n.x AS x, count(*) AS c
      """
    Then the result should be, in any order:
      | x | c |
    And no side effects

  Scenario: [6] Using aggregates inside expressions
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS x
      RETURN collect(x)[0] AS f, size(collect(x)) AS s, collect(x) + [3] AS l, 1 + count(*) + count(*) AS c
      """
    Then the result should be, in any order:
      | f | s | l         | c |
      | 1 | 2 | [1, 2, 3] | 5 |
    And no side effects

  Scenario: [7] Fail on a nested aggregation
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS x
      RETURN count(count(*))
      """
    Then a SyntaxError should be raised at compile time: NestedAggregation

  Scenario: [8] Fail on an aggregation in WHERE
    Given any graph
    When executing query:
      """
      MATCH (a)
      WHERE count(a) > 1
      RETURN a
      """
    Then a SyntaxError should be raised at compile time: InvalidAggregation

  Scenario: [9] Returning values written earlier in the query
    Given an empty graph
    When executing query:
      """
      CREATE (n:N {v: 1})
      SET n.v = n.v + 1
      RETURN n.v AS v
      """
    Then the result should be, in any order:
      | v |
      | 2 |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 1 |
      | +properties | 1 |

  Scenario: [10] Returning a deleted node is allowed
    Given an empty graph
    And having executed:
      """
      CREATE (:A)
      """
    When executing query:
      """
      MATCH (n:A)
      DELETE n
      RETURN count(n) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And the side effects should be:
      | -nodes  | 1 |
      | -labels | 1 |
