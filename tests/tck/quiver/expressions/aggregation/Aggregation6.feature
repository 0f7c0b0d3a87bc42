# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Aggregation6 - Percentiles, standard deviation, DISTINCT and counting

  Scenario Outline: [1] percentileDisc()
    Given any graph
    When executing query:
      """
      UNWIND [10, 20, 30, 40, 50] AS x
      RETURN percentileDisc(x, <p>) AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | p    | r  |
      | 0.0  | 10 |
      | 0.4  | 20 |
      | 0.41 | 30 |
      | 0.5  | 30 |
      | 1.0  | 50 |

  Scenario Outline: [2] percentileCont()
    Given any graph
    When executing query:
      """
      UNWIND [10, 20, 30, 40] AS x
      RETURN percentileCont(x, <p>) AS r
      """
    Then the result should be, in any order:
      | r   |
      | <r> |
    And no side effects

    Examples:
      | p    | r    |
      | 0.0  | 10.0 |
      | 0.5  | 25.0 |
      | 0.25 | 17.5 |
      | 1.0  | 40.0 |

  Scenario: [3] Fail on a percentile out of range
    Given any graph
    When executing query:
      """
      UNWIND [1, 2] AS x
      RETURN percentileDisc(x, 1.5) AS r
      """
    Then a ArgumentError should be raised at runtime: NumberOutOfRange

  Scenario: [4] Percentiles of no values are null
    Given any graph
    When executing query:
      """
      UNWIND [] AS x
      RETURN percentileDisc(x, 0.5) AS d, percentileCont(x, 0.5) AS c
      """
    Then the result should be, in any order:
      | d    | c    |
      | null | null |
    And no side effects

  Scenario: [5] stDev() and stDevP()
    Given any graph
    When executing query:
      """
      UNWIND [2, 4, 4, 4, 5, 5, 7, 9] AS x
      RETURN stDevP(x) AS p, stDev(x) > 2.13 AND stDev(x) < 2.14 AS s
      """
    Then the result should be, in any order:
      | p   | s    |
      | 2.0 | true |
    And no side effects

  Scenario: [6] stDev() of a single value is zero
    Given any graph
    When executing query:
      """
      UNWIND [1.5] AS x
      RETURN stDev(x) AS s, stDevP(x) AS p
      """
    Then the result should be, in any order:
      | s   | p   |
      | 0.0 | 0.0 |
    And no side effects

  Scenario: [7] count DISTINCT ignores nulls
    Given any graph
    When executing query:
      """
      UNWIND [1, 1, null, 2, null] AS x
      RETURN count(DISTINCT x) AS d, count(x) AS c, count(*) AS s
      """
    Then the result should be, in any order:
      | d | c | s |
      | 2 | 3 | 5 |
    And no side effects

  Scenario: [8] collect DISTINCT over lists and maps
    Given any graph
    When executing query:
      """
      UNWIND [[1], [1], {a: 1}, {a: 1}, null, 2] AS x
      RETURN collect(DISTINCT x) AS c
      """
    Then the result should be (ignoring element order for lists):
      | c                  |
      | [[1], {a: 1}, 2]   |
    And no side effects

  Scenario: [9] sum() and avg() over mixed numbers
    Given any graph
    When executing query:
      """
      UNWIND [1, 2.5, null] AS x
      RETURN sum(x) AS s, avg(x) AS a
      """
    Then the result should be, in any order:
      | s   | a    |
      | 3.5 | 1.75 |
    And no side effects

  Scenario: [10] sum() and avg() of integers
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 4] AS x
      RETURN sum(x) AS s, avg(x) AS a
      """
    Then the result should be, in any order:
      | s | a                  |
      | 7 | 2.3333333333333335 |
    And no side effects

  Scenario: [11] Aggregates over no rows
    Given any graph
    When executing query:
      """
      UNWIND [] AS x
      RETURN sum(x) AS s, avg(x) AS a, min(x) AS mn, collect(x) AS c, count(x) AS n
      """
    Then the result should be, in any order:
      | s | a    | mn   | c  | n |
      | 0 | null | null | [] | 0 |
    And no side effects

  Scenario: [12] Fail on sum() over strings
    Given any graph
    When executing query:
      """
      UNWIND [1, 'a'] AS x
      RETURN sum(x) AS s
      """
    Then a TypeError should be raised at runtime: *

  Scenario: [13] Grouping by a node and counting its neighbours
    Given an empty graph
    And having executed:
      """
      CREATE (a:P {name: 'a'}), (b:P {name: 'b'}), (:P {name: 'c'}),
             (a)-[:K]->(b), (a)-[:K]->(:X), (b)-[:K]->(a)
      """
    When executing query:
      """
      MATCH (p:P)
      OPTIONAL MATCH (p)-[:K]->(q)
      RETURN p.name AS name, count(q) AS c, collect(DISTINCT labels(q)) AS ls
      """
    Then the result should be, in any order (ignoring element order for lists):
      | name | c | ls             |
      | 'a'  | 2 | [['P'], ['X']] |
      | 'b'  | 1 | [['P']]        |
      | 'c'  | 0 | []             |
    And no side effects

  Scenario: [14] sum() and count() DISTINCT together
    Given any graph
    When executing query:
      """
      UNWIND [1, 2, 2, 3, 3] AS x
      RETURN sum(DISTINCT x) AS s, count(DISTINCT x) AS c, avg(DISTINCT x) AS a
      """
    Then the result should be, in any order:
      | s | c | a   |
      | 6 | 3 | 2.0 |
    And no side effects

  Scenario Outline: [15] count(DISTINCT) of far ends filtered on the last relationship
    Given an empty graph
    And having executed:
      """
      CREATE (a:A)-[:K]->(:B)-[:K {w: <first>}]->(x:X),
             (a)-[:K]->(:B)-[:K {w: <second>}]->(x)
      """
    When executing query:
      """
      MATCH (:A)-[:K]->(b)-[r:K]->(x)
      WHERE r.w > 1
      RETURN count(DISTINCT x) AS c
      """
    Then the result should be, in any order:
      | c |
      | 1 |
    And no side effects

    Examples:
      | first | second |
      | 0     | 2      |
      | 2     | 0      |

  Scenario: [16] count(DISTINCT) of far ends never reuses a relationship
    Given an empty graph
    And having executed:
      """
      CREATE (a:P {id: 0})-[:K]->(b:P {id: 1}),
             (b)-[:K]->(c:P {id: 2}), (b)-[:K]->(c), (c)-[:K]->(d:P {id: 3})
      """
    When executing query:
      """
      MATCH (n:P {id: 0})-[:K]-(:P)-[:K]-(:P)-[:K]-(x:P)
      WHERE x <> n
      RETURN count(DISTINCT x) AS c
      """
    Then the result should be, in any order:
      | c |
      | 2 |
    And no side effects
