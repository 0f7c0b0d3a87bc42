# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: QForeach1 - FOREACH

  Scenario: [1] FOREACH creates once per element and passes each row on
    Given an empty graph
    And having executed:
      """
      CREATE (:C {name: 'a'}), (:C {name: 'b'})
      """
    When executing query:
      """
      MATCH (c:C)
      FOREACH (i IN range(1, 3) | CREATE (c)-[:HAS]->(:Item {n: i}))
      RETURN c.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'a'  |
      | 'b'  |
    And the side effects should be:
      | +nodes         | 6 |
      | +relationships | 6 |
      | +labels        | 1 |
      | +properties    | 6 |

  Scenario: [2] Nested FOREACH with SET and MERGE, the query ending with it
    Given an empty graph
    And having executed:
      """
      CREATE (:C {name: 'a'}), (:C {name: 'b'})
      """
    When executing query:
      """
      MATCH (c:C)
      WITH collect(c) AS cs
      FOREACH (c IN cs | SET c.seen = true FOREACH (t IN ['x', 'y'] | MERGE (:Tag {name: t})))
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes      | 2 |
      | +labels     | 1 |
      | +properties | 4 |

  Scenario: [3] FOREACH over null does nothing
    Given an empty graph
    When executing query:
      """
      FOREACH (x IN null | CREATE (:N))
      """
    Then the result should be empty
    And no side effects

  Scenario: [4] FOREACH over a value that is not a list is an error
    Given an empty graph
    When executing query:
      """
      FOREACH (x IN 5 | CREATE (:N))
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario: [5] The variable of FOREACH is not visible after it
    Given an empty graph
    When executing query:
      """
      FOREACH (x IN [1] | CREATE (:N))
      RETURN x
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [6] FOREACH deletes what its list names
    Given an empty graph
    And having executed:
      """
      CREATE (:N {k: 1}), (:N {k: 2}), (:N {k: 3})
      """
    When executing query:
      """
      MATCH (n:N) WHERE n.k > 1
      WITH collect(n) AS ns
      FOREACH (n IN ns | DELETE n)
      """
    Then the result should be empty
    And the side effects should be:
      | -nodes      | 2 |
      | -labels     | 0 |
      | -properties | 2 |
