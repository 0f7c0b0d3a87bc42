# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Aggregation2 - Min and Max

  Scenario: [1] min() and max() over integers
    Given any graph
    When executing query:
      """
      UNWIND [3, 1, 2] AS x
      RETURN min(x) AS mn, max(x) AS mx
      """
    Then the result should be, in any order:
      | mn | mx |
      | 1  | 3  |
    And no side effects

  Scenario: [2] min() and max() over integers and floats keep the original type
    Given any graph
    When executing query:
      """
      UNWIND [1, 2.0, 3, 0.5] AS x
      RETURN min(x) AS mn, max(x) AS mx
      """
    Then the result should be, in any order:
      | mn  | mx |
      | 0.5 | 3  |
    And no side effects

  Scenario: [3] min() and max() over strings
    Given any graph
    When executing query:
      """
      UNWIND ['b', 'a', 'c', 'B'] AS x
      RETURN min(x) AS mn, max(x) AS mx
      """
    Then the result should be, in any order:
      | mn  | mx  |
      | 'B' | 'c' |
    And no side effects

  Scenario: [4] min() and max() over lists
    Given any graph
    When executing query:
      """
      UNWIND [[1, 2], [1], [0, 5]] AS x
      RETURN min(x) AS mn, max(x) AS mx
      """
    Then the result should be, in any order:
      | mn     | mx     |
      | [0, 5] | [1, 2] |
    And no side effects

  Scenario: [5] min() and max() over mixed types follow the global order
    Given any graph
    When executing query:
      """
      UNWIND [1, 'a', 2.5, null, true, [1]] AS x
      RETURN min(x) AS mn, max(x) AS mx
      """
    Then the result should be, in any order:
      | mn  | mx  |
      | [1] | 2.5 |
    And no side effects

  Scenario: [6] max() prefers numbers over strings
    Given any graph
    When executing query:
      """
      UNWIND [1, 'a', null, 0.2, 'b', '1', '99'] AS x
      RETURN max(x) AS mx, min(x) AS mn
      """
    Then the result should be, in any order:
      | mx | mn  |
      | 1  | '1' |
    And no side effects

  Scenario: [7] min() and max() of only nulls are null
    Given any graph
    When executing query:
      """
      UNWIND [null, null] AS x
      RETURN min(x) AS mn, max(x) AS mx
      """
    Then the result should be, in any order:
      | mn   | mx   |
      | null | null |
    And no side effects

  Scenario: [8] min() and max() with NaN
    Given any graph
    When executing query:
      """
      UNWIND [1.0, 0.0 / 0.0, 2] AS x
      RETURN max(x) AS mx, min(x) AS mn
      """
    Then the result should be, in any order:
      | mx  | mn  |
      | NaN | 1.0 |
    And no side effects

  Scenario: [9] min() and max() per group
    Given an empty graph
    And having executed:
      """
      CREATE ({g: 'a', v: 1}), ({g: 'a', v: 5}), ({g: 'b', v: 3}), ({g: 'b'})
      """
    When executing query:
      """
      MATCH (n)
      RETURN n.g AS g, min(n.v) AS mn, max(n.v) AS mx
      """
    Then the result should be, in any order:
      | g   | mn | mx |
      | 'a' | 1  | 5  |
      | 'b' | 3  | 3  |
    And no side effects
