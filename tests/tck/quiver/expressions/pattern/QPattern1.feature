# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
# A pattern predicate is a truth value wherever its parent wants one (an
# operand of NOT, AND, OR, XOR, a CASE WHEN condition, a WHERE of any kind),
# not only in a clause's WHERE. A bare pattern projected as a value stays
# an error, as Pattern1 [22] and [23] of the TCK ask.
Feature: QPattern1 - Pattern predicates in every boolean context

  Scenario: [1] A negated pattern predicate in RETURN
    Given an empty graph
    And having executed:
      """
      CREATE (:P {name: 'a'})-[:KNOWS]->(:P {name: 'b'}), (:P {name: 'c'})
      """
    When executing query:
      """
      MATCH (a:P {name: 'a'}), (b:P)
      RETURN b.name AS name, NOT (a)-[:KNOWS]-(b) AS isNew
      ORDER BY name
      """
    Then the result should be, in order:
      | name | isNew |
      | 'a'  | true  |
      | 'b'  | false |
      | 'c'  | true  |
    And no side effects

  Scenario: [2] A pattern predicate as a CASE WHEN condition
    Given an empty graph
    And having executed:
      """
      CREATE (:P {name: 'a'})-[:T]->(:P {name: 'b'})
      """
    When executing query:
      """
      MATCH (a:P)
      RETURN a.name AS name, CASE WHEN (a)-->() THEN 1 ELSE 0 END AS out
      ORDER BY name
      """
    Then the result should be, in order:
      | name | out |
      | 'a'  | 1   |
      | 'b'  | 0   |
    And no side effects

  Scenario: [3] Pattern predicates joined by AND and OR in a WITH projection
    Given an empty graph
    And having executed:
      """
      CREATE (:P {name: 'a'})-[:T]->(:P {name: 'b'})
      """
    When executing query:
      """
      MATCH (a:P)
      WITH a.name AS name, (a)-->() OR (a)<--() AS linked, (a)-->() AND true AS source
      RETURN name, linked, source
      ORDER BY name
      """
    Then the result should be, in order:
      | name | linked | source |
      | 'a'  | true   | true   |
      | 'b'  | true   | false  |
    And no side effects

  Scenario: [4] A pattern predicate in a list comprehension and a quantifier
    Given an empty graph
    And having executed:
      """
      CREATE (:P {name: 'a'})-[:T]->(:P {name: 'b'})
      """
    When executing query:
      """
      MATCH (a:P)
      WITH collect(a) AS ps
      RETURN [p IN ps WHERE (p)-->() | p.name] AS sources,
             [p IN ps | NOT (p)-->()] AS sinks,
             any(p IN ps WHERE (p)<--()) AS anyTarget
      """
    Then the result should be, in any order:
      | sources | sinks         | anyTarget |
      | ['a']   | [false, true] | true      |
    And no side effects

  Scenario: [5] A negated pattern predicate in ORDER BY
    Given an empty graph
    And having executed:
      """
      CREATE (:P {name: 'a'})-[:T]->(:P {name: 'b'})
      """
    When executing query:
      """
      MATCH (a:P)
      RETURN a.name AS name
      ORDER BY NOT (a)-->()
      """
    Then the result should be, in order:
      | name |
      | 'a'  |
      | 'b'  |
    And no side effects

  Scenario: [6] A bare pattern projected as a value is still an error
    Given any graph
    When executing query:
      """
      MATCH (n) RETURN size((n)-->()) AS degree
      """
    Then a SyntaxError should be raised at compile time: UnexpectedSyntax
