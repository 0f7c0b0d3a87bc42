# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Temporal6 - Render Temporal Values as a String

  Scenario Outline: [1] Should serialize temporal values
    Given any graph
    When executing query:
      """
      RETURN toString(<value>) AS ts
      """
    Then the result should be, in any order:
      | ts       |
      | <string> |
    And no side effects

    Examples:
      | value                                                                                                                         | string                                                     |
      | date({year: 1984, month: 10, day: 11})                                                                                        | '1984-10-11'                                               |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                                          | '12:31:14.645876123'                                       |
      | localtime({hour: 12, minute: 31})                                                                                             | '12:31'                                                    |
      | time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})                                           | '12:31:14.645876123+01:00'                                 |
      | time({hour: 12, minute: 31, second: 14, timezone: '+00:00'})                                                                  | '12:31:14Z'                                                |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645000000})                      | '1984-10-11T12:31:14.645'                                  |
      | datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: 'Europe/Stockholm'}) | '1984-10-11T12:31:14.645876123+01:00[Europe/Stockholm]' |
      | datetime({year: 2015, month: 7, day: 21, hour: 21, minute: 40, second: 32, nanosecond: 142000000, timezone: '+00:00'})       | '2015-07-21T21:40:32.142Z'                                 |
      | duration({years: 12, months: 5, days: 14, hours: 16, minutes: 12, seconds: 70})                                               | 'P12Y5M14DT16H13M10S'                                      |
      | duration({days: 0})                                                                                                           | 'PT0S'                                                     |
      | duration({seconds: -0.5})                                                                                                     | 'PT-0.5S'                                                  |

  Scenario: [2] toString of null is null
    Given any graph
    When executing query:
      """
      RETURN toString(null) AS ts
      """
    Then the result should be, in any order:
      | ts   |
      | null |
    And no side effects
