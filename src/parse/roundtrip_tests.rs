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

// ---------------------------------------------------------------- random trees

fn expr(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Span::default(),
    }
}

fn name(name: String) -> Name {
    Name {
        name,
        span: Span::default(),
    }
}

/// Names: mostly plain, sometimes reserved words, keywords-that-are-not,
/// or anything at all (printed in backticks).
fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z_][a-zA-Z0-9_]{0,4}",
        2 => prop::sample::select(vec![
            "match", "END", "all", "any", "exists", "count", "shortestPath", "NaN", "x`y", "a b",
            "a-b", "1x", "", "é", "distinct", "null", "not", "reduce", "case",
        ])
        .prop_map(String::from),
        1 => "(?s).{0,4}",
    ]
}

fn any_names(min: usize, max: usize) -> impl Strategy<Value = Vec<Name>> {
    prop::collection::vec(any_name().prop_map(name), min..=max)
}

/// Dotted function names (the parts must not hold dots themselves).
fn function_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-zA-Z0-9_]{0,5}(\\.[a-z][a-z0-9]{0,3})?",
        1 => prop::sample::select(vec![
            "all", "any", "none", "single", "reduce", "exists", "count", "distinct", "not",
            "case", "shortestPath", "a b.c",
        ])
        .prop_map(String::from),
    ]
}

fn literal() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        prop::sample::select(vec![i64::MIN, i64::MAX, 0, -1, 1]).prop_map(Value::Int),
        any::<f64>()
            .prop_filter("literals are finite", |x| x.is_finite())
            .prop_map(Value::Float),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1e300,
            -1e300,
            0.1,
            5e-324,
            f64::MAX,
            1e16,
            1e15
        ])
        .prop_map(Value::Float),
        "(?s).{0,6}".prop_map(Value::string),
        "['\"\\\\\n\t`]{0,4}".prop_map(Value::string),
    ]
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        4 => literal().prop_map(|v| expr(ExprKind::Literal(v))),
        4 => any_name().prop_map(|n| expr(ExprKind::Variable(n))),
        1 => prop_oneof![any_name(), "[0-9]{1,3}"].prop_map(|n| expr(ExprKind::Parameter(n))),
        1 => Just(expr(ExprKind::CountStar)),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    use BinaryOp::*;
    prop::sample::select(vec![
        Or, Xor, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod, Pow, In, StartsWith,
        EndsWith, Contains, Regex,
    ])
}

fn boxed(e: impl Strategy<Value = Expr>) -> impl Strategy<Value = Box<Expr>> {
    e.prop_map(Box::new)
}

fn maybe(e: impl Strategy<Value = Expr>) -> impl Strategy<Value = Option<Box<Expr>>> {
    prop::option::of(boxed(e))
}

/// `{k: v}` or `$p`, for node and relationship patterns.
fn properties(e: BoxedStrategy<Expr>) -> impl Strategy<Value = Option<Expr>> {
    prop::option::of(prop_oneof![
        prop::collection::vec((any_name().prop_map(name), e), 0..3)
            .prop_map(|entries| expr(ExprKind::Map(entries))),
        any_name().prop_map(|n| expr(ExprKind::Parameter(n))),
    ])
}

fn node(e: BoxedStrategy<Expr>) -> impl Strategy<Value = NodePattern> {
    (
        prop::option::of(any_name().prop_map(name)),
        any_names(0, 2),
        properties(e),
    )
        .prop_map(|(var, labels, properties)| NodePattern {
            var,
            labels,
            properties,
            span: Span::default(),
        })
}

fn range() -> impl Strategy<Value = Range> {
    let bound = prop_oneof![4 => 0u64..5, 1 => any::<u64>()];
    (prop::option::of(bound.clone()), prop::option::of(bound))
        .prop_map(|(min, max)| Range { min, max })
}

fn rel(e: BoxedStrategy<Expr>) -> impl Strategy<Value = RelPattern> {
    (
        prop::option::of(any_name().prop_map(name)),
        any_names(0, 2),
        prop::sample::select(vec![Direction::Left, Direction::Right, Direction::Both]),
        prop::option::of(range()),
        properties(e),
    )
        .prop_map(|(var, types, direction, length, properties)| RelPattern {
            var,
            types,
            direction,
            length,
            properties,
            span: Span::default(),
        })
}

/// A chain of at least `min_links` relationships.
fn element(e: BoxedStrategy<Expr>, min_links: usize) -> impl Strategy<Value = PatternElement> {
    (
        node(e.clone()),
        prop::collection::vec((rel(e.clone()), node(e)), min_links..3),
    )
        .prop_map(|(start, chain)| PatternElement {
            start,
            chain,
            span: Span::default(),
        })
}

fn part(e: BoxedStrategy<Expr>) -> impl Strategy<Value = PatternPart> {
    (
        prop::option::of(any_name().prop_map(name)),
        prop::sample::select(vec![
            PathKind::Normal,
            PathKind::Shortest,
            PathKind::AllShortest,
        ]),
        element(e, 0),
    )
        .prop_map(|(var, kind, element)| PatternPart {
            var,
            kind,
            element,
            span: Span::default(),
        })
}

fn pattern(e: BoxedStrategy<Expr>) -> impl Strategy<Value = Vec<PatternPart>> {
    prop::collection::vec(part(e), 1..3)
}

/// Random expressions, at most 4 levels deep. Pattern predicates are left
/// out: the parser accepts them only where a truth value is wanted
/// ([`where_expr`] makes some).
fn any_expr() -> BoxedStrategy<Expr> {
    leaf()
        .prop_recursive(4, 48, 4, |inner| {
            let pat = leaf().boxed();
            let quantifier = prop::sample::select(vec![
                Quantifier::All,
                Quantifier::Any,
                Quantifier::None,
                Quantifier::Single,
            ]);
            let unary = prop::sample::select(vec![UnaryOp::Not, UnaryOp::Neg, UnaryOp::Pos]);
            let map_item = prop_oneof![
                any_name().prop_map(|n| MapProjectionItem::Property(name(n))),
                (any_name(), inner.clone())
                    .prop_map(|(n, e)| MapProjectionItem::Literal(name(n), e)),
                any_name().prop_map(|n| MapProjectionItem::Variable(name(n))),
                Just(MapProjectionItem::AllProperties),
            ];
            let exists_query = (pattern(pat.clone()), inner.clone()).prop_map(|(p, e)| {
                let single = SingleQuery {
                    clauses: vec![
                        Clause::Match(Match {
                            optional: false,
                            pattern: p,
                            where_: None,
                            span: Span::default(),
                        }),
                        Clause::Return(projection(vec![item(e, None)], None)),
                    ],
                    span: Span::default(),
                };
                ExistsSubquery::Query(Query {
                    first: single,
                    unions: Vec::new(),
                })
            });
            let exists = prop_oneof![
                (pattern(pat.clone()), prop::option::of(inner.clone()))
                    .prop_map(|(p, w)| ExistsSubquery::Pattern(p, w)),
                exists_query,
            ];
            let kind = prop_oneof![
                1 => prop::collection::vec(inner.clone(), 0..3).prop_map(ExprKind::List),
                1 => prop::collection::vec((any_name().prop_map(name), inner.clone()), 0..3)
                    .prop_map(ExprKind::Map),
                1 => (boxed(inner.clone()), any_name())
                    .prop_map(|(e, k)| ExprKind::Property(e, name(k))),
                1 => (boxed(inner.clone()), boxed(inner.clone()))
                    .prop_map(|(e, i)| ExprKind::Index(e, i)),
                1 => (boxed(inner.clone()), maybe(inner.clone()), maybe(inner.clone()))
                    .prop_map(|(e, a, b)| ExprKind::Slice(e, a, b)),
                1 => (unary, boxed(inner.clone())).prop_map(|(op, e)| ExprKind::Unary(op, e)),
                3 => (binary_op(), inner.clone(), inner.clone())
                    .prop_map(|(op, a, b)| Expr::binary(op, a, b).kind),
                // Operators in a row: chains where they share a level.
                2 => (inner.clone(), prop::collection::vec((binary_op(), inner.clone()), 2..5))
                    .prop_map(|(first, rest)| {
                        rest.into_iter()
                            .fold(first, |a, (op, b)| Expr::binary(op, a, b))
                            .kind
                    }),
                1 => (boxed(inner.clone()), any::<bool>()).prop_map(|(e, n)| ExprKind::IsNull(e, n)),
                1 => (boxed(inner.clone()), any_names(1, 2))
                    .prop_map(|(e, l)| ExprKind::HasLabels(e, l)),
                1 => (
                    function_name(),
                    any::<bool>(),
                    prop::collection::vec(inner.clone(), 0..3)
                )
                    .prop_map(|(n, distinct, args)| ExprKind::Function {
                        name: name(n),
                        distinct,
                        args
                    }),
                1 => (
                    maybe(inner.clone()),
                    prop::collection::vec((inner.clone(), inner.clone()), 1..3),
                    maybe(inner.clone())
                )
                    .prop_map(|(operand, whens, else_)| ExprKind::Case {
                        operand,
                        whens,
                        else_
                    }),
                1 => (
                    any_name(),
                    boxed(inner.clone()),
                    maybe(inner.clone()),
                    maybe(inner.clone())
                )
                    .prop_map(|(v, list, filter, map)| ExprKind::ListComprehension {
                        var: name(v),
                        list,
                        filter,
                        map
                    }),
                1 => (quantifier, any_name(), boxed(inner.clone()), maybe(inner.clone())).prop_map(
                    |(kind, v, list, predicate)| ExprKind::Quantifier {
                        kind,
                        var: name(v),
                        list,
                        predicate
                    }
                ),
                1 => (
                    any_name(),
                    boxed(inner.clone()),
                    any_name(),
                    boxed(inner.clone()),
                    boxed(inner.clone())
                )
                    .prop_map(|(acc, init, v, list, e)| ExprKind::Reduce {
                        acc: name(acc),
                        init,
                        var: name(v),
                        list,
                        expr: e
                    }),
                1 => (
                    prop::option::of(any_name().prop_map(name)),
                    element(pat.clone(), 1),
                    maybe(inner.clone()),
                    boxed(inner.clone())
                )
                    .prop_map(|(var, p, filter, map)| ExprKind::PatternComprehension {
                        var,
                        pattern: Box::new(p),
                        filter,
                        map
                    }),
                1 => exists.prop_map(|x| ExprKind::Exists(Box::new(x))),
                1 => (any_name(), prop::collection::vec(map_item, 0..3)).prop_map(|(v, items)| {
                    ExprKind::MapProjection {
                        var: name(v),
                        items,
                    }
                }),
            ];
            kind.prop_map(expr)
        })
        .boxed()
}

/// A `WHERE` condition: any expression, or pattern predicates combined
/// with `NOT`/`AND`.
fn where_expr() -> impl Strategy<Value = Expr> {
    let predicate = element(leaf().boxed(), 1)
        .prop_map(|p| expr(ExprKind::PatternPredicate(Box::new(p))))
        .boxed();
    prop_oneof![
        3 => any_expr(),
        1 => predicate.clone(),
        1 => predicate
            .clone()
            .prop_map(|p| expr(ExprKind::Unary(UnaryOp::Not, Box::new(p)))),
        1 => (any_expr(), predicate).prop_map(|(a, p)| Expr::binary(BinaryOp::And, a, p)),
    ]
}

fn item(expr: Expr, alias: Option<Name>) -> ProjectionItem {
    ProjectionItem {
        expr,
        alias,
        text: String::new(),
    }
}

fn projection(items: Vec<ProjectionItem>, where_: Option<Expr>) -> Projection {
    Projection {
        distinct: false,
        star: false,
        items,
        order_by: Vec::new(),
        skip: None,
        limit: None,
        where_,
        span: Span::default(),
    }
}

fn any_projection(with: bool) -> impl Strategy<Value = Projection> {
    let items = prop::collection::vec(
        (any_expr(), prop::option::of(any_name().prop_map(name))).prop_map(|(e, a)| item(e, a)),
        0..3,
    );
    let order = prop::collection::vec(
        (any_expr(), any::<bool>()).prop_map(|(expr, descending)| SortItem { expr, descending }),
        0..2,
    );
    let where_ = if with {
        prop::option::of(where_expr()).boxed()
    } else {
        Just(None).boxed()
    };
    (
        any::<bool>(),
        any::<bool>(),
        items,
        order,
        prop::option::of(any_expr()),
        prop::option::of(any_expr()),
        where_,
    )
        .prop_map(
            |(distinct, star, items, order_by, skip, limit, where_)| Projection {
                distinct,
                star: star || items.is_empty(),
                items,
                order_by,
                skip,
                limit,
                where_,
                span: Span::default(),
            },
        )
}

fn set_item() -> impl Strategy<Value = SetItem> {
    let target = prop_oneof![
        any_name().prop_map(|n| expr(ExprKind::Variable(n))),
        any_name().prop_map(|n| expr(ExprKind::Parameter(n))),
        (any_name(), any_name()).prop_map(|(v, k)| expr(ExprKind::Property(
            Box::new(expr(ExprKind::Variable(v))),
            name(k)
        ))),
        any_expr(),
    ];
    let var = || any_name().prop_map(name);
    prop_oneof![
        (target, any_name(), any_expr()).prop_map(|(target, k, value)| SetItem::Property {
            target,
            key: name(k),
            value
        }),
        (var(), any_expr()).prop_map(|(var, value)| SetItem::Replace { var, value }),
        (var(), any_expr()).prop_map(|(var, value)| SetItem::Merge { var, value }),
        (var(), any_names(1, 2)).prop_map(|(var, labels)| SetItem::Labels { var, labels }),
    ]
}

fn set_items() -> impl Strategy<Value = Vec<SetItem>> {
    prop::collection::vec(set_item(), 1..3)
}

fn clause() -> impl Strategy<Value = Clause> {
    let e = || leaf().boxed();
    let span = Span::default;
    prop_oneof![
        (any::<bool>(), pattern(e()), prop::option::of(where_expr())).prop_map(
            move |(optional, pattern, where_)| Clause::Match(Match {
                optional,
                pattern,
                where_,
                span: span(),
            })
        ),
        (any_expr(), any_name()).prop_map(move |(expr, n)| Clause::Unwind(Unwind {
            expr,
            alias: name(n),
            span: span(),
        })),
        any_projection(true).prop_map(Clause::With),
        any_projection(false).prop_map(Clause::Return),
        pattern(e()).prop_map(move |pattern| Clause::Create(Create {
            pattern,
            span: span()
        })),
        (
            part(e()),
            prop::collection::vec(set_item(), 0..2),
            prop::collection::vec(set_item(), 0..2)
        )
            .prop_map(move |(pattern, on_create, on_match)| Clause::Merge(Merge {
                pattern,
                on_create,
                on_match,
                span: span(),
            })),
        set_items().prop_map(move |items| Clause::Set(SetClause {
            items,
            span: span()
        })),
        (
            any::<bool>(),
            any_expr(),
            any_name(),
            // A field terminator is one byte.
            prop::option::of(prop::char::range(' ', '~').prop_map(String::from))
        )
            .prop_map(
                move |(with_headers, url, n, field_terminator)| Clause::LoadCsv(LoadCsv {
                    with_headers,
                    url,
                    alias: name(n),
                    field_terminator,
                    span: span(),
                })
            ),
        (any::<bool>(), prop::collection::vec(any_expr(), 1..3))
            .prop_filter("DELETE rejects label tests", |(_, exprs)| {
                !exprs
                    .iter()
                    .any(|e| matches!(e.kind, ExprKind::HasLabels(..)))
            })
            .prop_map(move |(detach, exprs)| Clause::Delete(Delete {
                detach,
                exprs,
                span: span(),
            })),
    ]
}

fn single_query() -> impl Strategy<Value = SingleQuery> {
    prop::collection::vec(clause(), 1..4).prop_map(|clauses| SingleQuery {
        clauses,
        span: Span::default(),
    })
}

fn statement() -> impl Strategy<Value = Statement> {
    let query = (
        single_query(),
        prop::collection::vec((any::<bool>(), single_query()), 0..2),
    )
        .prop_map(|(first, unions)| Query { first, unions });
    let kind = prop_oneof![
        6 => (0..3u8, query).prop_map(|(k, q)| match k {
            0 => StatementKind::Query(q),
            1 => StatementKind::Explain(q),
            _ => StatementKind::Profile(q),
        }),
        1 => prop::sample::select(vec![
            StatementKind::Begin,
            StatementKind::Commit,
            StatementKind::Rollback,
            StatementKind::Schema(SchemaCommand::ShowIndexes),
            StatementKind::Schema(SchemaCommand::ShowConstraints),
        ]),
        1 => schema_command().prop_map(StatementKind::Schema),
    ];
    kind.prop_map(|kind| Statement {
        kind,
        span: Span::default(),
    })
}

fn schema_command() -> impl Strategy<Value = SchemaCommand> {
    let names = prop_oneof![
        any_name(),
        prop::sample::select(vec!["if", "FOR", "index", "on"]).prop_map(String::from),
    ];
    (
        0..4u8,
        prop::option::of(names.prop_map(name)),
        any::<bool>(),
        any_name(),
        any_name(),
    )
        .prop_map(|(k, n, flag, label, key)| {
            let (label, key) = (name(label), name(key));
            let named = || n.clone().unwrap_or_else(|| name("x".to_string()));
            match k {
                0 => SchemaCommand::CreateIndex {
                    name: n.clone(),
                    if_not_exists: flag,
                    label,
                    key,
                },
                1 => SchemaCommand::CreateUnique {
                    name: n.clone(),
                    if_not_exists: flag,
                    label,
                    key,
                },
                2 => SchemaCommand::DropIndex {
                    name: named(),
                    if_exists: flag,
                },
                _ => SchemaCommand::DropConstraint {
                    name: named(),
                    if_exists: flag,
                },
            }
        })
}

proptest! {
    #[test]
    fn random_expressions_round_trip(e in any_expr()) {
        let statement = Statement {
            kind: StatementKind::Query(Query {
                first: SingleQuery {
                    clauses: vec![Clause::Return(projection(vec![item(e, None)], None))],
                    span: Span::default(),
                },
                unions: Vec::new(),
            }),
            span: Span::default(),
        };
        if let Err(e) = round_trip(&statement) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn random_statements_round_trip(s in statement()) {
        if let Err(e) = round_trip(&s) {
            prop_assert!(false, "{}", e);
        }
    }
}
