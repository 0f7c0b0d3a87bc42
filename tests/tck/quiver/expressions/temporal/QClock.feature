# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: QClock - The statement's clocks

  Scenario: [1] timestamp() is the statement clock in milliseconds
    Given any graph
    When executing query:
      """
      UNWIND range(1, 3) AS i
      RETURN timestamp() = datetime.statement().epochMillis AS same,
             timestamp() = datetime().epochMillis AS alsoSame
      """
    Then the result should be, in any order:
      | same | alsoSame |
      | true | true     |
      | true | true     |
      | true | true     |
    And no side effects

  Scenario: [2] The statement clock does not move during a statement
    Given any graph
    When executing query:
      """
      UNWIND range(1, 1000) AS i
      WITH collect(localdatetime.statement()) AS times
      RETURN size(times) AS n, all(t IN times WHERE t = times[0]) AS fixed,
             datetime.transaction() <= datetime.statement() AS ordered
      """
    Then the result should be, in any order:
      | n    | fixed | ordered |
      | 1000 | true  | true    |
    And no side effects

  Scenario: [3] timestamp() takes no argument
    Given any graph
    When executing query:
      """
      RETURN timestamp(1) AS t
      """
    Then a SyntaxError should be raised at compile time: InvalidNumberOfArguments
