# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: QTemporalAggregation - Aggregating temporal values

  Scenario: [1] sum and avg of durations
    Given any graph
    When executing query:
      """
      UNWIND [duration('P1D'), duration('PT24H'), null] AS d
      RETURN sum(d) AS s, avg(d) AS a
      """
    Then the result should be, in any order:
      | s           | a       |
      | 'P1DT24H'   | 'PT24H' |
    And no side effects

  Scenario: [2] avg of durations carries a fraction of a month down
    Given any graph
    When executing query:
      """
      UNWIND [duration('P1M'), duration('PT1H')] AS d
      RETURN avg(d) AS a
      """
    Then the result should be, in any order:
      | a                |
      | 'P15DT5H44M33S'  |
    And no side effects

  Scenario: [3] sum of numbers and durations together fails
    Given any graph
    When executing query:
      """
      UNWIND [1, duration('P1D')] AS d
      RETURN sum(d) AS s
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario: [4] avg of durations and numbers together fails
    Given any graph
    When executing query:
      """
      UNWIND [duration('P1D'), 2] AS d
      RETURN avg(d) AS a
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario: [5] min and max of dates, and collect keeps temporal values
    Given any graph
    When executing query:
      """
      UNWIND [date('2025-04-01'), date('1984-10-11'), null] AS d
      WITH min(d) AS lo, max(d) AS hi
      UNWIND [duration('P1D'), localtime('12:00'), time('12:00Z'), date('2025-04-01'),
              localdatetime('2025-04-01T12:00'), datetime('2025-04-01T12:00Z'), 'a', 1] AS v
      RETURN lo, hi, collect(v) AS vs
      """
    Then the result should be, in any order:
      | lo           | hi           | vs      |
      | '1984-10-11' | '2025-04-01' | ['P1D', '12:00', '12:00Z', '2025-04-01', '2025-04-01T12:00', '2025-04-01T12:00Z', 'a', 1] |
    And no side effects

  Scenario: [6] ORDER BY puts temporal types in the global order
    Given any graph
    When executing query:
      """
      UNWIND [1, 'a', duration('P1D'), localtime('12:00'), time('12:00Z'), date('2025-04-01'),
              localdatetime('2025-04-01T12:00'), datetime('2025-04-01T12:00Z'), [1], null] AS v
      RETURN v ORDER BY v
      """
    Then the result should be, in order:
      | v                   |
      | [1]                 |
      | '2025-04-01T12:00Z' |
      | '2025-04-01T12:00'  |
      | '2025-04-01'        |
      | '12:00Z'            |
      | '12:00'             |
      | 'P1D'               |
      | 'a'                 |
      | 1                   |
      | null                |
    And no side effects
