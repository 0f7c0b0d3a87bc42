# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
Feature: Mathematical11 - Numeric functions

  Scenario: [1] abs() and sign()
    Given any graph
    When executing query:
      """
      RETURN abs(-3) AS a, abs(-2.5) AS b, abs(0) AS c, sign(-2.5) AS d, sign(0) AS e, sign(7) AS f, abs(null) AS g
      """
    Then the result should be, in any order:
      | a | b   | c | d  | e | f | g    |
      | 3 | 2.5 | 0 | -1 | 0 | 1 | null |
    And no side effects

  Scenario: [2] ceil(), floor() and round() return floats
    Given any graph
    When executing query:
      """
      RETURN ceil(1.2) AS a, floor(1.8) AS b, round(1.5) AS c, round(2.4) AS d, ceil(2) AS e, floor(-0.5) AS f, round(0.5) AS g
      """
    Then the result should be, in any order:
      | a   | b   | c   | d   | e   | f    | g   |
      | 2.0 | 1.0 | 2.0 | 2.0 | 2.0 | -1.0 | 1.0 |
    And no side effects

  Scenario: [3] round() with a precision
    Given any graph
    When executing query:
      """
      RETURN round(3.14159, 2) AS a, round(1234.5, 0) AS b, round(2.5, 0) AS c
      """
    Then the result should be, in any order:
      | a    | b      | c   |
      | 3.14 | 1235.0 | 3.0 |
    And no side effects

  Scenario: [4] sqrt(), exp(), log() and log10()
    Given any graph
    When executing query:
      """
      RETURN sqrt(16) AS a, exp(0) AS b, log(1) AS c, log10(1000) AS d, sqrt(-1) AS e, log(0) AS f
      """
    Then the result should be, in any order:
      | a   | b   | c   | d   | e   | f         |
      | 4.0 | 1.0 | 0.0 | 3.0 | NaN | -Infinity |
    And no side effects

  Scenario: [5] e() and pi()
    Given any graph
    When executing query:
      """
      RETURN e() AS e, pi() AS pi
      """
    Then the result should be, in any order:
      | e                 | pi                |
      | 2.718281828459045 | 3.141592653589793 |
    And no side effects

  Scenario: [6] Trigonometric functions
    Given any graph
    When executing query:
      """
      RETURN sin(0) AS a, cos(0) AS b, tan(0) AS c, asin(1) * 2 = pi() AS d, atan2(1, 1) * 4 = pi() AS e,
             degrees(pi()) AS f, radians(180) = pi() AS g
      """
    Then the result should be, in any order:
      | a   | b   | c   | d    | e    | f     | g    |
      | 0.0 | 1.0 | 0.0 | true | true | 180.0 | true |
    And no side effects

  Scenario: [7] Numeric functions of null are null
    Given any graph
    When executing query:
      """
      RETURN sqrt(null) AS a, ceil(null) AS b, round(null) AS c, sign(null) AS d, log(null) AS e, sin(null) AS f
      """
    Then the result should be, in any order:
      | a    | b    | c    | d    | e    | f    |
      | null | null | null | null | null | null |
    And no side effects

  Scenario: [8] Fail on abs() of a string
    Given any graph
    When executing query:
      """
      UNWIND ['a'] AS s
      RETURN abs(s) AS r
      """
    Then a TypeError should be raised at runtime: InvalidArgumentType

  Scenario: [9] rand() is between zero and one
    Given any graph
    When executing query:
      """
      UNWIND range(1, 20) AS i
      WITH rand() AS r
      RETURN min(r) >= 0.0 AND max(r) < 1.0 AS ok
      """
    Then the result should be, in any order:
      | ok   |
      | true |
    And no side effects

  Scenario: [10] Fail on abs() of the smallest integer
    Given any graph
    When executing query:
      """
      UNWIND [-9223372036854775808] AS x
      RETURN abs(x) AS r
      """
    Then a ArgumentError should be raised at runtime: IntegerOverflow
