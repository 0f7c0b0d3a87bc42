# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: QCallSubquery1 - CALL { ... } subqueries

  Background:
    Given an empty graph
    And having executed:
      """
      CREATE (a:P {name: 'a'}), (b:P {name: 'b'}), (c:P {name: 'c'}),
             (a)-[:K]->(b), (a)-[:K]->(c), (b)-[:K]->(c)
      """

  Scenario: [1] An aggregation per outer row, imported by a leading WITH
    When executing query:
      """
      MATCH (p:P)
      CALL {
        WITH p
        MATCH (p)-[:K]->(q)
        RETURN count(q) AS k
      }
      RETURN p.name AS name, k
      """
    Then the result should be, in any order:
      | name | k |
      | 'a'  | 2 |
      | 'b'  | 1 |
      | 'c'  | 0 |
    And no side effects

  Scenario: [2] ORDER BY and LIMIT apply per outer row; a row with no result is dropped
    When executing query:
      """
      MATCH (p:P)
      CALL (p) {
        MATCH (p)-[:K]->(q)
        RETURN q.name AS q ORDER BY q DESC LIMIT 1
      }
      RETURN p.name AS name, q
      """
    Then the result should be, in any order:
      | name | q   |
      | 'a'  | 'c' |
      | 'b'  | 'c' |
    And no side effects

  Scenario: [3] OPTIONAL CALL keeps a row with no result, its variables null
    When executing query:
      """
      MATCH (p:P)
      OPTIONAL CALL (p) {
        MATCH (p)-[:K]->(q)
        RETURN q
      }
      RETURN p.name AS name, q.name AS q
      """
    Then the result should be, in any order:
      | name | q    |
      | 'a'  | 'b'  |
      | 'a'  | 'c'  |
      | 'b'  | 'c'  |
      | 'c'  | null |
    And no side effects

  Scenario: [4] A subquery that imports nothing runs once per outer row
    When executing query:
      """
      UNWIND [1, 2] AS i
      CALL {
        MATCH (q:P)
        RETURN q.name AS q
      }
      RETURN i, q
      """
    Then the result should be, in any order:
      | i | q   |
      | 1 | 'a' |
      | 1 | 'b' |
      | 1 | 'c' |
      | 2 | 'a' |
      | 2 | 'b' |
      | 2 | 'c' |
    And no side effects

  Scenario: [5] A UNION inside, the returned node matched on afterwards
    When executing query:
      """
      CALL {
        MATCH (p:P {name: 'a'}) RETURN p
        UNION
        MATCH (p:P)<-[:K]-(:P {name: 'a'}) RETURN p
        UNION
        MATCH (p:P {name: 'b'}) RETURN p
      }
      MATCH (p)-[:K]->(x)
      RETURN p.name AS p, x.name AS x
      """
    Then the result should be, in any order:
      | p   | x   |
      | 'a' | 'b' |
      | 'a' | 'c' |
      | 'b' | 'c' |
    And no side effects

  Scenario: [6] A subquery that only writes passes each row on once
    When executing query:
      """
      MATCH (p:P)
      CALL (p) {
        CREATE (p)-[:HAS]->(:Tag {of: p.name})
      }
      RETURN p.name AS name
      """
    Then the result should be, in any order:
      | name |
      | 'a'  |
      | 'b'  |
      | 'c'  |
    And the side effects should be:
      | +nodes         | 3 |
      | +relationships | 3 |
      | +labels        | 1 |
      | +properties    | 3 |

  Scenario: [7] IN TRANSACTIONS runs the writes, the query ending with it
    When executing query:
      """
      UNWIND range(1, 5) AS i
      CALL (i) {
        CREATE (:E {i: i})
      } IN TRANSACTIONS OF 2 ROWS
      """
    Then the result should be empty
    And the side effects should be:
      | +nodes      | 5 |
      | +labels     | 1 |
      | +properties | 5 |

  Scenario: [8] Each outer row sees what the subquery wrote for the rows before
    When executing query:
      """
      UNWIND [1, 2, 3] AS i
      CALL {
        MERGE (c:Counter)
        SET c.n = coalesce(c.n, 0) + 1
        RETURN c.n AS n
      }
      RETURN i, n
      """
    Then the result should be, in any order:
      | i | n |
      | 1 | 1 |
      | 2 | 2 |
      | 3 | 3 |
    And the side effects should be:
      | +nodes      | 1 |
      | +labels     | 1 |
      | +properties | 1 |

  Scenario: [9] A returned variable may not shadow an outer one
    When executing query:
      """
      MATCH (p:P)
      CALL { WITH p RETURN p }
      RETURN p
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [10] Without an import the outer variables are not seen
    When executing query:
      """
      MATCH (p:P)
      CALL { RETURN p.name AS n }
      RETURN n
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [11] A scope clause may only name variables that exist
    When executing query:
      """
      MATCH (p:P)
      CALL (nope) { RETURN 1 AS one }
      RETURN one
      """
    Then a SyntaxError should be raised at compile time: UndefinedVariable

  Scenario: [12] A subquery must end with RETURN or an update
    When executing query:
      """
      MATCH (p:P)
      CALL { MATCH (x) }
      RETURN p
      """
    Then a SyntaxError should be raised at compile time: InvalidClauseComposition

  Scenario: [13] The parts of a UNION inside must return the same columns
    When executing query:
      """
      CALL { RETURN 1 AS a UNION RETURN 2 AS b }
      RETURN a
      """
    Then a SyntaxError should be raised at compile time: DifferentColumnsInUnion

  Scenario: [14] The batch size of IN TRANSACTIONS is a constant integer
    When executing query:
      """
      UNWIND [1, 2] AS i
      CALL (i) { CREATE (:E {i: i}) } IN TRANSACTIONS OF 'ten' ROWS
      """
    Then a SyntaxError should be raised at compile time: InvalidArgumentType

  Scenario: [15] Subqueries nest, each seeing what it imports
    When executing query:
      """
      MATCH (p:P {name: 'a'})
      CALL (p) {
        MATCH (p)-[:K]->(q)
        CALL (q) {
          OPTIONAL MATCH (q)-[:K]->(r)
          RETURN count(r) AS onward
        }
        RETURN q.name AS q, onward
      }
      RETURN q, onward
      """
    Then the result should be, in any order:
      | q   | onward |
      | 'b' | 1      |
      | 'c' | 0      |
    And no side effects

  Scenario: [16] UNION inside drops repeated rows
    When executing query:
      """
      CALL { RETURN 1 AS x UNION RETURN 1 AS x UNION RETURN 2 AS x }
      RETURN x
      """
    Then the result should be, in any order:
      | x |
      | 1 |
      | 2 |
    And no side effects

  Scenario: [17] UNION and UNION ALL may not be mixed inside
    When executing query:
      """
      CALL { RETURN 1 AS x UNION ALL RETURN 2 AS x UNION RETURN 3 AS x }
      RETURN x
      """
    Then a SyntaxError should be raised at compile time: InvalidClauseComposition
