# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: String11 - String predicates and regular expressions

  Scenario Outline: [1] STARTS WITH, ENDS WITH and CONTAINS
    Given any graph
    When executing query:
      """
      RETURN <lhs> STARTS WITH <rhs> AS s, <lhs> ENDS WITH <rhs> AS e, <lhs> CONTAINS <rhs> AS c
      """
    Then the result should be, in any order:
      | s   | e   | c   |
      | <s> | <e> | <c> |
    And no side effects

    Examples:
      | lhs     | rhs   | s     | e     | c     |
      | 'abc'   | 'a'   | true  | false | true  |
      | 'abc'   | 'c'   | false | true  | true  |
      | 'abc'   | ''    | true  | true  | true  |
      | 'abc'   | 'abcd' | false | false | false |
      | 'abc'   | 'B'   | false | false | false |
      | 'abc'   | null  | null  | null  | null  |
      | null    | 'a'   | null  | null  | null  |
      | 1       | 'a'   | null  | null  | null  |
      | 'a'     | 1     | null  | null  | null  |

  Scenario Outline: [2] Regular expression matching
    Given any graph
    When executing query:
      """
      RETURN <lhs> =~ <rhs> AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | lhs   | rhs        | r     |
      | 'abc' | 'a.c'      | true  |
      | 'abc' | 'b'        | false |
      | 'abc' | '.*b.*'    | true  |
      | 'ABC' | '(?i)abc'  | true  |
      | 'a\nb' | 'a.b'     | false |
      | null  | 'a'        | null  |
      | 'a'   | null       | null  |

  Scenario: [3] Filtering nodes with string predicates
    Given an empty graph
    And having executed:
      """
      CREATE ({name: 'Alice'}), ({name: 'Bob'}), ({name: 'Alfred'}), ({num: 1})
      """
    When executing query:
      """
      MATCH (n)
      WHERE n.name STARTS WITH 'Al' AND NOT n.name ENDS WITH 'e'
      RETURN n.name AS name
      """
    Then the result should be, in any order:
      | name     |
      | 'Alfred' |
    And no side effects

  Scenario: [4] Fail on an invalid regular expression
    Given any graph
    When executing query:
      """
      UNWIND ['['] AS re
      RETURN 'a' =~ re AS r
      """
    Then a ArgumentError should be raised at runtime: *
