# quiver's own scenarios in the openCypher TCK format (not vendored from the TCK).
# Naming an already-bound relationship in CREATE or MERGE is
# VariableAlreadyBound, whatever else is wrong with the relationship pattern
# (no type, a property map, an undirected MERGE).
Feature: QCreate1 - Re-binding relationship variables in CREATE and MERGE

  Scenario: [1] Fail when CREATE names a bound relationship without a type
    Given any graph
    When executing query:
      """
      MATCH ()-[r]->()
      CREATE ()-[r]->()
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [2] Fail when MERGE names a bound relationship without a type
    Given any graph
    When executing query:
      """
      MATCH (a)-[r]->(b)
      MERGE (a)-[r]->(b)
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [3] Fail when MERGE names a bound relationship with a type and properties
    Given any graph
    When executing query:
      """
      MATCH (a)-[r]->(b)
      MERGE (a)-[r:T {k: 1}]-(b)
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound

  Scenario: [4] Fail when CREATE names a relationship bound by WITH
    Given any graph
    When executing query:
      """
      MATCH ()-[r]->()
      WITH r
      CREATE (x)-[r]->(y)
      """
    Then a SyntaxError should be raised at compile time: VariableAlreadyBound
