# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Temporal9 - Truncate Temporal Values

  Scenario Outline: [1] Should truncate to date
    Given any graph
    When executing query:
      """
      WITH <value> AS x
      RETURN date.truncate('<unit>', x, <map>) AS d
      """
    Then the result should be, in any order:
      | d        |
      | <result> |
    And no side effects

    Examples:
      | value                                                                                                                         | unit       | map             | result       |
      | date({year: 1984, month: 10, day: 11})                                                                                        | millennium | {}              | '1000-01-01' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | century    | {}              | '1900-01-01' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | decade     | {}              | '1980-01-01' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | year       | {}              | '1984-01-01' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | weekYear   | {}              | '1984-01-02' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | quarter    | {}              | '1984-10-01' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | month      | {}              | '1984-10-01' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | week       | {}              | '1984-10-08' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | day        | {}              | '1984-10-11' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | millennium | {day: 2}        | '1000-01-02' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | month      | {day: 5}        | '1984-10-05' |
      | date({year: 1984, month: 10, day: 11})                                                                                        | week       | {dayOfWeek: 2}  | '1984-10-09' |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123})                      | month      | {}              | '1984-10-01' |
      | datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})       | year       | {}              | '1984-01-01' |

  Scenario Outline: [2] Should truncate to local time
    Given any graph
    When executing query:
      """
      WITH <value> AS x
      RETURN localtime.truncate('<unit>', x, <map>) AS d
      """
    Then the result should be, in any order:
      | d        |
      | <result> |
    And no side effects

    Examples:
      | value                                                                                                    | unit        | map             | result               |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | day         | {}              | '00:00'              |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | hour        | {}              | '12:00'              |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | minute      | {}              | '12:31'              |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | second      | {}              | '12:31:14'           |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | millisecond | {}              | '12:31:14.645'       |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | microsecond | {}              | '12:31:14.645876'    |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | hour        | {minute: 10}    | '12:10'              |
      | localtime({hour: 12, minute: 31, second: 14, nanosecond: 645876123})                                     | millisecond | {nanosecond: 2} | '12:31:14.645000002' |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | minute      | {}              | '12:31'              |

  Scenario Outline: [3] Should truncate to time
    Given any graph
    When executing query:
      """
      WITH <value> AS x
      RETURN time.truncate('<unit>', x, <map>) AS d
      """
    Then the result should be, in any order:
      | d        |
      | <result> |
    And no side effects

    Examples:
      | value                                                                                      | unit   | map                   | result         |
      | time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})        | hour   | {}                    | '12:00+01:00'  |
      | time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})        | second | {}                    | '12:31:14+01:00' |
      | time({hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})        | day    | {}                    | '00:00+01:00'  |

  Scenario Outline: [4] Should truncate to local date time
    Given any graph
    When executing query:
      """
      WITH <value> AS x
      RETURN localdatetime.truncate('<unit>', x, <map>) AS d
      """
    Then the result should be, in any order:
      | d        |
      | <result> |
    And no side effects

    Examples:
      | value                                                                                                    | unit     | map       | result                    |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | decade   | {}        | '1980-01-01T00:00'        |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | quarter  | {}        | '1984-10-01T00:00'        |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | week     | {}        | '1984-10-08T00:00'        |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | day      | {}        | '1984-10-11T00:00'        |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | hour     | {}        | '1984-10-11T12:00'        |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | second   | {}        | '1984-10-11T12:31:14'     |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123}) | day      | {hour: 5} | '1984-10-11T05:00'        |
      | date({year: 1984, month: 10, day: 11})                                                                   | month    | {}        | '1984-10-01T00:00'        |

  Scenario Outline: [5] Should truncate to date time
    Given any graph
    When executing query:
      """
      WITH <value> AS x
      RETURN datetime.truncate('<unit>', x, <map>) AS d
      """
    Then the result should be, in any order:
      | d        |
      | <result> |
    And no side effects

    Examples:
      | value                                                                                                                         | unit   | map                              | result                                        |
      | datetime({year: 2017, month: 10, day: 29, hour: 12, minute: 31, timezone: 'Europe/Stockholm'})                               | day    | {}                               | '2017-10-29T00:00+02:00[Europe/Stockholm]'    |
      | datetime({year: 2017, month: 10, day: 29, hour: 12, minute: 31, timezone: 'Europe/Stockholm'})                               | hour   | {}                               | '2017-10-29T12:00+01:00[Europe/Stockholm]'    |
      | datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, nanosecond: 645876123, timezone: '+01:00'})       | year   | {}                               | '1984-01-01T00:00+01:00'                      |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14})                                             | day    | {timezone: 'Europe/Stockholm'}   | '1984-10-11T00:00+01:00[Europe/Stockholm]'    |
      | datetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14, timezone: '+01:00'})                              | day    | {timezone: 'Europe/Stockholm'}   | '1984-10-11T00:00+01:00[Europe/Stockholm]'    |
      | localdatetime({year: 1984, month: 10, day: 11, hour: 12, minute: 31, second: 14})                                             | minute | {}                               | '1984-10-11T12:31Z'                           |

  Scenario: [6] Truncating null gives null
    Given any graph
    When executing query:
      """
      RETURN date.truncate('day', null) AS d
      """
    Then the result should be, in any order:
      | d    |
      | null |
    And no side effects
