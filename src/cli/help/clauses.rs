//! `:help` for each clause, with an example on the bundled graph.

use super::{Topic, t};

/// The clauses and other statement forms.
pub(crate) const CLAUSES: &[Topic] = &[
    t(
        "MATCH",
        "MATCH pattern [WHERE condition]",
        "finds every way the pattern occurs in the graph",
        "MATCH (c:Company)-[s:stake]->(o) RETURN c.name, s.percent, o.name;",
    ),
    t(
        "OPTIONAL MATCH",
        "OPTIONAL MATCH pattern",
        "like MATCH, but keeps the row with nulls when the pattern is missing",
        "MATCH (c:Company) OPTIONAL MATCH (c)-[:owns]->(x) RETURN c.name, x.name;",
    ),
    t(
        "WHERE",
        "WHERE condition",
        "keeps the rows where the condition is true",
        "MATCH (c:Company) WHERE c.name STARTS WITH 'Micro' RETURN c.name;",
    ),
    t(
        "RETURN",
        "RETURN [DISTINCT] expr [AS name], ...",
        "the columns of the result",
        "MATCH (p:Person) RETURN p.name AS person;",
    ),
    t(
        "WITH",
        "WITH expr [AS name], ... [WHERE condition]",
        "passes rows on to the next part of the query, like RETURN in the middle",
        "MATCH (c)-[r]->(:Company {name: 'OpenAI'}) WITH c, count(r) AS n WHERE n > 1 RETURN c.name, n;",
    ),
    t(
        "UNWIND",
        "UNWIND list AS name",
        "one row per element of a list",
        "UNWIND ['OpenAI', 'PayPal'] AS name MATCH (c:Company {name: name}) RETURN c.name;",
    ),
    t(
        "ORDER BY",
        "ORDER BY expr [ASC|DESC], ...",
        "sorts the rows",
        "MATCH (a)-[i:invests-in]->(b) RETURN a.name, i.amount_usd ORDER BY i.amount_usd DESC;",
    ),
    t(
        "SKIP",
        "SKIP n",
        "drops the first n rows",
        "MATCH (c:Company) RETURN c.name ORDER BY c.name SKIP 2;",
    ),
    t(
        "LIMIT",
        "LIMIT n",
        "keeps at most n rows",
        "MATCH (c:Company) RETURN c.name ORDER BY c.name LIMIT 2;",
    ),
    t(
        "DISTINCT",
        "RETURN DISTINCT ... / count(DISTINCT x)",
        "drops duplicate rows or values",
        "MATCH ()-[r]->() RETURN DISTINCT r.source;",
    ),
    t(
        "UNION",
        "query UNION [ALL] query",
        "the rows of both queries (ALL keeps duplicates)",
        "MATCH (p:Person) RETURN p.name AS name UNION MATCH (c:Company) RETURN c.name AS name;",
    ),
    t(
        "CASE",
        "CASE WHEN condition THEN value ... [ELSE value] END",
        "a value chosen by conditions",
        "MATCH (c:Company) RETURN c.name, CASE WHEN c.hq IS NULL THEN 'unknown' ELSE c.hq END AS hq;",
    ),
    t(
        "CREATE",
        "CREATE pattern",
        "creates nodes and relationships",
        "CREATE (:Company {name: 'Anthropic'});",
    ),
    t(
        "MERGE",
        "MERGE pattern [ON CREATE SET ...] [ON MATCH SET ...]",
        "matches the pattern, or creates it when it is missing",
        "MERGE (c:Company {name: 'OpenAI'}) ON MATCH SET c.seen = true RETURN c.name;",
    ),
    t(
        "SET",
        "SET n.key = value, n:Label, n += {map}",
        "sets properties and labels",
        "MATCH (c:Company {name: 'PayPal'}) SET c.hq = 'San Jose';",
    ),
    t(
        "REMOVE",
        "REMOVE n.key, n:Label",
        "removes properties and labels",
        "MATCH (p:Person {name: 'Jon Martindale'}) REMOVE p.country;",
    ),
    t(
        "DELETE",
        "DELETE x",
        "deletes relationships, and nodes that have none",
        "MATCH (:Company {name: 'Ziff Davis'})-[s:sued]->() DELETE s;",
    ),
    t(
        "DETACH DELETE",
        "DETACH DELETE n",
        "deletes nodes with their relationships",
        "MATCH (p:Publication {name: 'PCMag'}) DETACH DELETE p;",
    ),
    t(
        "FOREACH",
        "FOREACH (x IN list | update ...)",
        "runs updating clauses once per element of a list",
        "MATCH (c:Company {name: 'OpenAI'}) FOREACH (t IN ['ai', 'lab'] | MERGE (:Tag {name: t})) RETURN c.name;",
    ),
    t(
        "CALL",
        "CALL procedure(args) [YIELD names]",
        "runs a procedure",
        "CALL db.labels() YIELD label RETURN label;",
    ),
    t(
        "CALL {}",
        "[OPTIONAL] CALL [(vars) | (*)] { query } [IN TRANSACTIONS]",
        "runs a subquery once per row; the row goes on once per row it returns (OPTIONAL: with nulls when none)",
        "MATCH (c:Company) CALL (c) { MATCH (c)-[:stake]->(o) RETURN count(o) AS stakes } RETURN c.name, stakes;",
    ),
    t(
        "EXPLAIN",
        "EXPLAIN query",
        "prints the plan (the tree of operators) without running the query",
        "EXPLAIN MATCH (c:Company {name: 'OpenAI'})<-[:stake]-(o) RETURN o.name;",
    ),
    t(
        "PROFILE",
        "PROFILE query",
        "runs the query and prints the plan with each operator's rows and time",
        "PROFILE MATCH (c:Company)-[r]->() RETURN c.name, count(r);",
    ),
    t(
        "BEGIN",
        "BEGIN ... COMMIT | ROLLBACK (or :begin, :commit, :rollback)",
        "a transaction over several statements",
        "BEGIN; CREATE (:Company {name: 'Anthropic'}); ROLLBACK;",
    ),
    t(
        "CREATE INDEX",
        "CREATE INDEX [name] FOR (n:Label) ON (n.key)",
        "declares an index (every property is indexed already)",
        "CREATE INDEX company_name FOR (c:Company) ON (c.name);",
    ),
    t(
        "CREATE CONSTRAINT",
        "CREATE CONSTRAINT [name] FOR (n:Label) REQUIRE n.key IS UNIQUE",
        "refuses a second node with the same value",
        "CREATE CONSTRAINT company_name FOR (c:Company) REQUIRE c.name IS UNIQUE;",
    ),
    t(
        "SHOW INDEXES",
        "SHOW INDEXES | SHOW CONSTRAINTS",
        "lists the declared indexes or constraints",
        "SHOW INDEXES;",
    ),
    t(
        "shortestPath",
        "p = shortestPath((a)-[*]-(b))",
        "one shortest path between two nodes",
        "MATCH p = shortestPath((:Company {name: 'Ziff Davis'})-[*]-(:Platform {name: 'Azure'})) RETURN length(p);",
    ),
    t(
        "allShortestPaths",
        "p = allShortestPaths((a)-[*]-(b))",
        "every shortest path between two nodes",
        "MATCH p = allShortestPaths((:Person {name: 'Sam Altman'})-[*]-(:Company {name: 'PayPal'})) RETURN [n IN nodes(p) | n.name];",
    ),
];
