//! `parse(print(ast)) == ast`: exact printing of a few statements, the round
//! trip over every query of the vendored TCK, and a property test over
//! random syntax trees.

use crate::parse::ast::*;
use crate::parse::parse_statement;
use crate::span::Span;
use crate::value::Value;
use proptest::prelude::*;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

// ---------------------------------------------------------------- helpers

/// A statement's `Debug` text with every span and every projection item's
/// `text` blanked: two trees are "equal modulo spans and item text" when
/// these are equal.
fn normalized(statement: &Statement) -> String {
    static SPAN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"span: Span \{ start: \d+, end: \d+ \}").expect("valid regex")
    });
    static TEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"text: "(?:[^"\\]|\\.)*""#).expect("valid regex"));
    let debug = format!("{statement:?}");
    let debug = SPAN.replace_all(&debug, "span: _");
    TEXT.replace_all(&debug, "text: _").into_owned()
}

/// Prints `statement`, parses the text back and compares; also checks that
/// printing is a fixed point (the reprinted tree prints the same text).
fn round_trip(statement: &Statement) -> Result<String, String> {
    let printed = statement.to_string();
    let reparsed = parse_statement(&printed)
        .map_err(|e| format!("printed text does not parse: {printed}\n  error: {e}"))?;
    let (before, after) = (normalized(statement), normalized(&reparsed));
    if before != after {
        return Err(format!(
            "printed text parses to a different tree: {printed}\n  before: {before}\n  after:  {after}"
        ));
    }
    let reprinted = reparsed.to_string();
    if reprinted != printed {
        return Err(format!(
            "printing is not stable:\n  first:  {printed}\n  second: {reprinted}"
        ));
    }
    Ok(printed)
}

/// Parses `input`, checks it prints as `expected`, and that the round trip holds.
#[track_caller]
fn check(input: &str, expected: &str) {
    let statement = match parse_statement(input) {
        Ok(s) => s,
        Err(e) => panic!("{input} does not parse: {e}"),
    };
    match round_trip(&statement) {
        Ok(printed) => assert_eq!(printed, expected, "printing {input}"),
        Err(e) => panic!("{e}"),
    }
}

// ---------------------------------------------------------------- exact printing

#[test]
fn prints_clauses() {
    check(
        "match (n:Person {name:'Ann'})-[r:KNOWS|LIKES*1..3]->(m) where n.age>30 return n.name as name, count(*) order by name desc skip 1 limit 2",
        "MATCH (n:Person {name: 'Ann'})-[r:KNOWS|LIKES*1..3]->(m) WHERE n.age > 30 RETURN n.name AS name, count(*) ORDER BY name DESC SKIP 1 LIMIT 2",
    );
    check(
        "optional match p = shortestPath((a)-[*]-(b)), (c)<--(d) with distinct *, p where p is not null return *",
        "OPTIONAL MATCH p = shortestPath((a)-[*]-(b)), (c)<--(d) WITH DISTINCT *, p WHERE p IS NOT NULL RETURN *",
    );
    check(
        "UNWIND [1, 2] AS x CREATE (:A {x: x})-[:T {w: 1.5}]->() RETURN x UNION ALL RETURN 1 AS x",
        "UNWIND [1, 2] AS x CREATE (:A {x: x})-[:T {w: 1.5}]->() RETURN x UNION ALL RETURN 1 AS x",
    );
    check(
        "MERGE (n:N {k: $k}) ON MATCH SET n.seen = true ON CREATE SET n += $props, n:New SET n.a.b = 1, (n.c).d = 2, n = {} REMOVE n:New:Old, n.x DETACH DELETE n",
        "MERGE (n:N {k: $k}) ON CREATE SET n += $props, n:New ON MATCH SET n.seen = true SET n.a.b = 1, n.c.d = 2, n = {} REMOVE n:New:Old, n.x DETACH DELETE n",
    );
    check(
        "CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'A' RETURN l",
        "CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'A' RETURN l",
    );
    check("CALL db.labels", "CALL db.labels");
    check("EXPLAIN MATCH (n) RETURN n", "EXPLAIN MATCH (n) RETURN n");
    check("profile return 1", "PROFILE RETURN 1");
    check(
        "load csv with headers from 'file:///a.csv' as row fieldterminator ';' return row",
        "LOAD CSV WITH HEADERS FROM 'file:///a.csv' AS row FIELDTERMINATOR ';' RETURN row",
    );
    check("LOAD CSV FROM $url AS r", "LOAD CSV FROM $url AS r");
    check(
        "match (c) foreach (x in [1, 2] | create (c)-[:T]->({x: x}) foreach (y in [x] | set c.y = y) delete c)",
        "MATCH (c) FOREACH (x IN [1, 2] | CREATE (c)-[:T]->({x: x}) FOREACH (y IN [x] | SET c.y = y) DELETE c)",
    );
    check(
        "match (c) optional call (c, d) { match (c)-->(x) return x union all return c as x } \
         call (*) { with c set c.k = 1 } call { create (:T) } in transactions of 10 rows \
         call () { return 1 as y } return x, y",
        "MATCH (c) OPTIONAL CALL (c, d) { MATCH (c)-->(x) RETURN x UNION ALL RETURN c AS x } \
         CALL (*) { WITH c SET c.k = 1 } CALL { CREATE (:T) } IN TRANSACTIONS OF 10 ROWS \
         CALL () { RETURN 1 AS y } RETURN x, y",
    );
    check(
        "with {} as `count` return `count` {}, count {.k}",
        "WITH {} AS count RETURN `count` {}, count {.k}",
    );
    check(
        "match (c) return count { (c)-->() where c.k > 1 }, count { match (c)-->(x) return x }, collect { match (c)-->(x) return x.k }",
        "MATCH (c) RETURN COUNT { (c)-->() WHERE c.k > 1 }, COUNT { MATCH (c)-->(x) RETURN x }, COLLECT { MATCH (c)-->(x) RETURN x.k }",
    );
}

#[test]
fn prints_commands() {
    check("begin transaction", "BEGIN");
    check("commit", "COMMIT");
    check("ROLLBACK", "ROLLBACK");
    check(
        "create index by_name if not exists for (p:Person) on (p.name)",
        "CREATE INDEX by_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
    );
    check(
        "CREATE CONSTRAINT `for` FOR (x:`A B`) REQUIRE x.id IS UNIQUE",
        "CREATE CONSTRAINT `for` FOR (n:`A B`) REQUIRE n.id IS UNIQUE",
    );
    check("drop index `if` if exists", "DROP INDEX `if` IF EXISTS");
    check("DROP CONSTRAINT c", "DROP CONSTRAINT c");
    check("show index", "SHOW INDEXES");
    check("SHOW CONSTRAINT", "SHOW CONSTRAINTS");
    check(
        "MATCH (a)-[:`T-1`*2]-(b)-[*..3]-(c)-[*2..]-(d)<-[{w: 0}]->(e) RETURN a",
        "MATCH (a)-[:`T-1`*2]-(b)-[*..3]-(c)-[*2..]-(d)-[{w: 0}]-(e) RETURN a",
    );
}

#[test]
fn prints_names_in_backticks_when_needed() {
    check(
        "MATCH (`my node`:`Label with space` {`a key`: 1}) RETURN `my node`.`the key` AS `end`",
        "MATCH (`my node`:`Label with space` {`a key`: 1}) RETURN `my node`.`the key` AS `end`",
    );
    check("RETURN `a``b` AS x", "RETURN `a``b` AS x");
    check(
        "MATCH (n:Match) RETURN n.match",
        "MATCH (n:Match) RETURN n.match",
    );
    check(
        "RETURN $param, $0, $`odd name`",
        "RETURN $param, $0, $`odd name`",
    );
    check("RETURN `distinct`(1)", "RETURN `distinct`(1)");
}

#[test]
fn prints_the_fewest_parentheses() {
    check(
        "RETURN (1 + 2) * 3, 1 + (2 * 3), 1 - (2 - 3), (1 - 2) - 3, 2 ^ (3 ^ 2)",
        "RETURN (1 + 2) * 3, 1 + 2 * 3, 1 - (2 - 3), 1 - 2 - 3, 2 ^ (3 ^ 2)",
    );
    check(
        "RETURN NOT (a AND b), (NOT a) AND b, NOT a = b, (NOT a) = b, a OR (b XOR c)",
        "RETURN NOT (a AND b), NOT a AND b, NOT a = b, (NOT a) = b, a OR b XOR c",
    );
    check(
        "RETURN (a < b) < c, a < b < c, (a IN b) IN c, (a + b) IS NULL, -(a.b), (-a).b",
        "RETURN (a < b) < c, a < b AND b < c, a IN b IN c, a + b IS NULL, -a.b, (-a).b",
    );
    check(
        "RETURN [(x IN l)], any((x IN l)), [(x IN l IN m)], [x IN l IN m]",
        "RETURN [(x IN l)], any((x IN l)), [(x IN l IN m)], [x IN l IN m]",
    );
    check(
        "RETURN (n:A):B, (1).x, (n.a)[0]",
        "RETURN (n:A):B, (1).x, n.a[0]",
    );
}

#[test]
fn long_chains_print_and_read_back() {
    let or = (0..5_000)
        .map(|i| format!("n.id = {i}"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let sum = format!("1{}", " - 2 + 'x'".repeat(2_000));
    check(
        &format!("MATCH (n) WHERE {or} RETURN {sum}"),
        &format!("MATCH (n) WHERE {or} RETURN {sum}"),
    );
}

#[test]
fn prints_literals_that_read_back_exactly() {
    check(
        "RETURN -9223372036854775808, 9223372036854775807, 0x1F, 0o17",
        "RETURN -9223372036854775808, 9223372036854775807, 31, 15",
    );
    check(
        "RETURN 1e300, 0.1, -0.0, 1.5e-7, .5, 5e-324",
        "RETURN 1e300, 0.1, -0.0, 1.5e-7, 0.5, 5e-324",
    );
    check(
        "RETURN -(1), - x, +1, -(-1)",
        "RETURN -(1), -x, +(1), -(-1)",
    );
    check(
        r#"RETURN 'it\'s', "say \"hi\"\n", '\u00e9\\'"#,
        r#"RETURN 'it\'s', 'say "hi"\n', 'é\\'"#,
    );
}

#[test]
fn prints_expressions() {
    check(
        "RETURN CASE x WHEN 1 THEN 'a' ELSE 'b' END, CASE WHEN x THEN 1 END, [x IN l WHERE x > 1 | x * 2], [x IN l], all(x IN l WHERE x), reduce(s = 0, x IN l | s + x)",
        "RETURN CASE x WHEN 1 THEN 'a' ELSE 'b' END, CASE WHEN x THEN 1 END, [x IN l WHERE x > 1 | x * 2], [x IN l], all(x IN l WHERE x), reduce(s = 0, x IN l | s + x)",
    );
    check(
        "MATCH (n) WHERE (n)-->() AND NOT (n)<-[:T]-(:A) AND exists((n)--()) RETURN [p = (n)-->(m) WHERE m.x | m], n {.a, b: 1, c, .*}, l[1..], l[..2], l[1..2], count(DISTINCT n)",
        "MATCH (n) WHERE (n)-->() AND NOT (n)<-[:T]-(:A) AND exists((n)--()) RETURN [p = (n)-->(m) WHERE m.x | m], n {.a, b: 1, c, .*}, l[1..], l[..2], l[1..2], count(DISTINCT n)",
    );
    check(
        "MATCH (n) WHERE EXISTS { (n)-->(m) WHERE m.x = 1 } AND EXISTS { MATCH (n)-->(m) RETURN m } RETURN n:A:B, n.x =~ 'a.*', n.s ENDS WITH 'x' OR n.s CONTAINS 'y'",
        "MATCH (n) WHERE EXISTS { (n)-->(m) WHERE m.x = 1 } AND EXISTS { MATCH (n)-->(m) RETURN m } RETURN n:A:B, n.x =~ 'a.*', n.s ENDS WITH 'x' OR n.s CONTAINS 'y'",
    );
}

#[test]
fn reserved_words_are_the_grammars() {
    let grammar = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/grammar/cypher.pest"));
    let rule = grammar
        .split("reserved_word = ")
        .nth(1)
        .and_then(|r| r.split("~ !ident_char").next())
        .unwrap_or_default();
    let word = Regex::new(r#"\^"(\w+)""#).expect("valid regex");
    let words: Vec<&str> = word
        .captures_iter(rule)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    let ours: Vec<&str> = super::RESERVED.split_whitespace().collect();
    assert_eq!(ours, words);
}

// ---------------------------------------------------------------- the TCK corpus

/// The queries of a feature file: the doc strings after `executing query:`
/// and `having executed:`, each Scenario Outline's expanded once per
/// Examples row.
fn feature_queries(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut docs: Vec<String> = Vec::new();
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut in_examples = false;
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t.starts_with("Scenario") || t.starts_with("Background:") {
            expand(
                &mut out,
                std::mem::take(&mut docs),
                std::mem::take(&mut tables),
            );
            in_examples = false;
        } else if t.starts_with("Examples:") {
            in_examples = true;
            tables.push(Vec::new());
        } else if in_examples && t.starts_with('|') {
            if let Some(table) = tables.last_mut() {
                table.push(cells(t));
            }
        } else if (t.ends_with("executing query:") || t.ends_with("having executed:"))
            && let Some(doc) = doc_string(&mut lines)
        {
            docs.push(doc);
        }
    }
    expand(&mut out, docs, tables);
    out
}

/// Reads a `"""` doc string, removing the indentation of its opening quotes.
fn doc_string<'a>(lines: &mut impl Iterator<Item = &'a str>) -> Option<String> {
    let open = lines.next()?;
    let indent = open.find("\"\"\"")?;
    let mut body = Vec::new();
    for line in lines.by_ref() {
        if line.trim() == "\"\"\"" {
            break;
        }
        let cut = line
            .char_indices()
            .take_while(|(i, c)| *i < indent && c.is_whitespace())
            .count();
        body.push(&line[cut..]);
    }
    Some(body.join("\n"))
}

/// The cells of a table row `| a | b |`.
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => cell.push('|'),
                Some('n') => cell.push('\n'),
                Some(other) => {
                    cell.push('\\');
                    cell.push(other);
                }
                None => cell.push('\\'),
            },
            '|' => out.push(std::mem::take(&mut cell).trim().to_string()),
            c => cell.push(c),
        }
    }
    out.push(cell.trim().to_string());
    out
}

/// Adds `docs` to `out`, once per Examples row when there are tables.
fn expand(out: &mut Vec<String>, docs: Vec<String>, tables: Vec<Vec<Vec<String>>>) {
    if tables.is_empty() {
        out.extend(docs);
        return;
    }
    for table in &tables {
        let Some((header, rows)) = table.split_first() else {
            continue;
        };
        for row in rows {
            for doc in &docs {
                let mut text = doc.clone();
                for (name, value) in header.iter().zip(row) {
                    text = text.replace(&format!("<{name}>"), value);
                }
                out.push(text);
            }
        }
    }
}

fn feature_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            feature_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "feature") {
            out.push(path);
        }
    }
}

#[test]
fn every_tck_query_that_parses_round_trips() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tck/features");
    let mut files = Vec::new();
    feature_files(&root, &mut files);
    files.sort();
    let (mut checked, mut rejected) = (0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for query in feature_queries(&text) {
            let Ok(statement) = parse_statement(&query) else {
                rejected += 1;
                continue;
            };
            checked += 1;
            if let Err(e) = round_trip(&statement) {
                let name = file.strip_prefix(&root).unwrap_or(file).display();
                failures.push(format!("{name}:\n{query}\n{e}"));
            }
        }
    }
    println!(
        "round trip: {checked} TCK queries checked, {rejected} rejected by the parser, {} files",
        files.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} queries fail the round trip:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        checked > 1500,
        "only {checked} queries found: is the extractor broken?"
    );
}

#[path = "roundtrip_random.rs"]
mod random;
