//! Parser tests: exact trees (as compact S-expressions, plus spans where
//! they matter) and exact errors (detail, message, line and column).

use super::ast::*;
use super::parse_statement;
use crate::error::Detail;
use crate::span::{Span, line_col};

/// A compact rendering of an expression: `(op lhs rhs)`.
fn sx(e: &Expr) -> String {
    let list = |items: &[Expr]| items.iter().map(sx).collect::<Vec<_>>().join(" ");
    let opt = |x: &Option<Box<Expr>>| x.as_ref().map_or("_".to_string(), |x| sx(x));
    match &e.kind {
        ExprKind::Literal(v) => format!("{v}"),
        ExprKind::List(items) => format!("[{}]", list(items)),
        ExprKind::Map(entries) => {
            let e: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}:{}", k.name, sx(v)))
                .collect();
            format!("{{{}}}", e.join(" "))
        }
        ExprKind::Parameter(p) => format!("${p}"),
        ExprKind::Variable(v) => v.clone(),
        ExprKind::Property(x, k) => format!("(. {} {})", sx(x), k.name),
        ExprKind::Index(x, i) => format!("(index {} {})", sx(x), sx(i)),
        ExprKind::Slice(x, a, b) => format!("(slice {} {} {})", sx(x), opt(a), opt(b)),
        ExprKind::Unary(op, x) => format!("({op:?} {})", sx(x)),
        ExprKind::Binary(op, a, b) => format!("({} {} {})", op.symbol(), sx(a), sx(b)),
        ExprKind::Chain(first, rest) => {
            let rest: Vec<String> = rest
                .iter()
                .map(|(op, x)| format!("{} {}", op.symbol(), sx(x)))
                .collect();
            format!("(chain {} {})", sx(first), rest.join(" "))
        }
        ExprKind::IsNull(x, not) => {
            format!("({} {})", if *not { "notnull" } else { "null" }, sx(x))
        }
        ExprKind::HasLabels(x, l) => {
            let l: Vec<&str> = l.iter().map(|n| n.name.as_str()).collect();
            format!("(: {} {})", sx(x), l.join(":"))
        }
        ExprKind::Function {
            name,
            distinct,
            args,
        } => format!(
            "({}{} {})",
            name.name,
            if *distinct { " distinct" } else { "" },
            list(args)
        ),
        ExprKind::CountStar => "count(*)".to_string(),
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            let w: Vec<String> = whens
                .iter()
                .map(|(a, b)| format!("{}=>{}", sx(a), sx(b)))
                .collect();
            format!("(case {} {} {})", opt(operand), w.join(" "), opt(else_))
        }
        ExprKind::ListComprehension {
            var,
            list,
            filter,
            map,
        } => format!(
            "(comp {} {} {} {})",
            var.name,
            sx(list),
            opt(filter),
            opt(map)
        ),
        ExprKind::Quantifier {
            kind,
            var,
            list,
            predicate,
        } => format!("({kind:?} {} {} {})", var.name, sx(list), opt(predicate)),
        ExprKind::Reduce {
            acc,
            init,
            var,
            list,
            expr,
        } => format!(
            "(reduce {} {} {} {} {})",
            acc.name,
            sx(init),
            var.name,
            sx(list),
            sx(expr)
        ),
        ExprKind::PatternComprehension { filter, map, .. } => {
            format!("(pcomp {} {})", opt(filter), sx(map))
        }
        ExprKind::PatternPredicate(p) => format!("(pattern {})", p.chain.len()),
        ExprKind::Exists(_) => "(exists)".to_string(),
        ExprKind::CountSubquery(_) => "(count-subquery)".to_string(),
        ExprKind::CollectSubquery(_) => "(collect-subquery)".to_string(),
        ExprKind::MapProjection { var, items } => format!("(mapproj {} {})", var.name, items.len()),
    }
}

/// The first clause's first projection item of `RETURN <expr>`.
fn first_item(text: &str) -> ProjectionItem {
    let statement = parse_statement(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    let StatementKind::Query(q) = statement.kind else {
        panic!("not a query")
    };
    match q.first.clauses.into_iter().next_back() {
        Some(Clause::Return(p)) => p.items.into_iter().next().expect("an item"),
        other => panic!("not RETURN: {other:?}"),
    }
}

/// Checks the tree of `RETURN <expr>`.
fn check(expr: &str, expected: &str) {
    let item = first_item(&format!("RETURN {expr}"));
    assert_eq!(sx(&item.expr), expected, "{expr}");
}

/// Checks that `text` fails with this detail and message at line:column.
fn check_error(text: &str, detail: Detail, message: &str, at: (usize, usize)) {
    let error = parse_statement(text).expect_err(text);
    let span = error.span.expect("a span");
    assert_eq!(
        (
            error.detail,
            error.message.as_str(),
            line_col(text, span.start)
        ),
        (detail, message, at),
        "{text}"
    );
}

#[test]
fn precedence() {
    check("1 + 2 * 3", "(+ 1 (* 2 3))");
    check("2 ^ 3 ^ 2", "(chain 2 ^ 3 ^ 2)");
    check("-2 ^ 2", "(^ -2 2)");
    check("- x ^ 2", "(^ (Neg x) 2)");
    check("a OR b XOR c AND NOT d", "(OR a (XOR b (AND c (Not d))))");
    check("NOT a = b", "(Not (= a b))");
    check("a + b IS NULL", "(null (+ a b))");
    check("a IS NOT NULL = true", "(= (notnull a) true)");
    check(
        "a + 'x' STARTS WITH b + 'y'",
        "(STARTS WITH (+ a 'x') (+ b 'y'))",
    );
    check("1 IN [1] = true", "(= (IN 1 [1]) true)");
    check(
        "a =~ 'x' AND b CONTAINS c",
        "(AND (=~ a 'x') (CONTAINS b c))",
    );
    check("10 - 3 - 2", "(chain 10 - 3 - 2)");
    check("10 % 3 / 2", "(chain 10 % 3 / 2)");
}

#[test]
fn operators_of_one_level_chain() {
    check("a OR b OR c", "(chain a OR b OR c)");
    check(
        "1 - 2 + 3 * 4 * 5 - 6",
        "(chain 1 - 2 + (chain 3 * 4 * 5) - 6)",
    );
    // Parentheses on the left change nothing; on the right they nest.
    check("(1 + 2) + 3", "(chain 1 + 2 + 3)");
    check("1 + (2 + 3)", "(+ 1 (+ 2 3))");
    check("(a AND b) OR c OR d", "(chain (AND a b) OR c OR d)");
    check("a IN b IN c", "(chain a IN b IN c)");
    check(
        "a = 1 OR a = 2 OR a = 3",
        "(chain (= a 1) OR (= a 2) OR (= a 3))",
    );
}

#[test]
fn comparison_chains_become_conjunctions() {
    check("a < b < c", "(AND (< a b) (< b c))");
    check("a < b <= c > d", "(chain (< a b) AND (<= b c) AND (> c d))");
    check("(a < b) < c", "(< (< a b) c)");
    check("a = b AND c = d", "(AND (= a b) (= c d))");
}

#[test]
fn postfix_operators() {
    check("n.name", "(. n name)");
    check("n.count", "(. n count)");
    check("n.`a b`", "(. n a b)");
    check("l[0].x", "(. (index l 0) x)");
    check("l[1..2]", "(slice l 1 2)");
    check("l[..2]", "(slice l _ 2)");
    check("l[1..]", "(slice l 1 _)");
    check("n:A:B", "(: n A:B)");
    check("n:Foo-Bar", "(: n Foo-Bar)");
}

#[test]
fn literals() {
    check("-9223372036854775808", "-9223372036854775808");
    check("0x1F", "31");
    check("-0x8000000000000000", "-9223372036854775808");
    check("0o17", "15");
    check("1.5", "1.5");
    check(".5", "0.5");
    check("1e3", "1000.0");
    check("1.5E-3", "0.0015");
    check("'a\\'b'", "'a\\'b'");
    check("\"tab\\tnew\\nline\"", "'tab\\tnew\\nline'");
    check("'\\u01FF'", "'ǿ'");
    check("'\\uD83D\\uDE00'", "'😀'");
    check("TRUE", "true");
    check("Null", "null");
    check("$p", "$p");
    check("$0", "$0");
    check("{match: 1, `k`: 'v'}", "{match:1 k:'v'}");
}

#[test]
fn literal_errors() {
    check_error(
        "RETURN 9223372036854775808",
        Detail::IntegerOverflow,
        "integer is too large for a 64-bit integer",
        (1, 8),
    );
    check_error(
        "RETURN -9223372036854775809",
        Detail::IntegerOverflow,
        "integer is too large for a 64-bit integer",
        (1, 8),
    );
    check_error(
        "RETURN 0x8000000000000000",
        Detail::IntegerOverflow,
        "integer is too large for a 64-bit integer",
        (1, 8),
    );
    check_error(
        "RETURN 0x",
        Detail::InvalidNumberLiteral,
        "invalid number literal",
        (1, 8),
    );
    check_error(
        "RETURN 0x1A2b3j4D5E6f7",
        Detail::InvalidNumberLiteral,
        "invalid number literal",
        (1, 8),
    );
    check_error(
        "RETURN 9223372h54775808",
        Detail::InvalidNumberLiteral,
        "invalid number literal",
        (1, 8),
    );
    check_error(
        "RETURN 1e999",
        Detail::FloatingPointOverflow,
        "floating point number is too large",
        (1, 8),
    );
    check_error(
        "RETURN '\\uH'",
        Detail::InvalidUnicodeLiteral,
        "invalid unicode escape: expected \\u and 4 hex digits or \\U and 8",
        (1, 9),
    );
    check_error(
        "RETURN 42 — 41",
        Detail::InvalidUnicodeCharacter,
        "invalid character '—' (U+2014)",
        (1, 11),
    );
}

#[test]
fn atoms() {
    check("count(*)", "count(*)");
    check("count( * )", "count(*)");
    check("count(DISTINCT x)", "(count distinct x)");
    check("db.ns.fn(1, 2)", "(db.ns.fn 1 2)");
    check("exists(n.x)", "(exists (. n x))");
    check("CASE x WHEN 1 THEN 'a' ELSE 'b' END", "(case x 1=>'a' 'b')");
    check("CASE WHEN a THEN 1 END", "(case _ a=>1 _)");
    check("[x IN l WHERE x > 1 | x * 2]", "(comp x l (> x 1) (* x 2))");
    check("[x IN l]", "(comp x l _ _)");
    check("[1, 2]", "[1 2]");
    check("[]", "[]");
    check("all(x IN l WHERE x)", "(All x l x)");
    check("none(x IN l WHERE x)", "(None x l x)");
    check("reduce(s = 0, x IN l | s + x)", "(reduce s 0 x l (+ s x))");
    check("[p = (a)-->(b) WHERE b.x | b]", "(pcomp (. b x) b)");
    check("n {.name, .*, k: 1, v}", "(mapproj n 4)");
    check("(1 + 2) * 3", "(* (+ 1 2) 3)");
    check("EXISTS { MATCH (n)-->() RETURN n }", "(exists)");
    check("exists { (n)-->() WHERE n.x }", "(exists)");
    check("orange", "orange");
    check("notes", "notes");
}

#[test]
fn projection_text_is_the_source() {
    let item = first_item("RETURN n.num + 1");
    assert_eq!(item.text, "n.num + 1");
    let item = first_item("RETURN count( * ) AS c");
    assert_eq!(item.text, "count( * )");
    assert_eq!(item.alias.map(|a| a.name), Some("c".to_string()));
}

#[test]
fn clauses() {
    let text = "EXPLAIN OPTIONAL MATCH p = (a:A {k: 1})<-[r:T|:U*1..3]-(b) WHERE a.x \
         WITH DISTINCT *, a ORDER BY a.x DESC, b SKIP 1 LIMIT 2 WHERE b \
         UNWIND [1] AS x \
         CREATE (c)-[:R]->(d) \
         MERGE (e:E) ON CREATE SET e.x = 1 ON MATCH SET e += {y: 2}, e:L \
         SET e.a.b = 1, e = {} REMOVE e:L, e.x DETACH DELETE e \
         CALL db.labels() YIELD label AS l WHERE l \
         RETURN * UNION ALL RETURN 1 AS x ; ";
    let s = parse_statement(text).expect("parses");
    let StatementKind::Explain(q) = s.kind else {
        panic!("EXPLAIN")
    };
    assert_eq!(q.unions.len(), 1);
    assert!(q.unions[0].0);
    let c = &q.first.clauses;
    assert_eq!(c.len(), 10);
    let Clause::Match(m) = &c[0] else { panic!() };
    assert!(m.optional);
    let part = &m.pattern[0];
    assert_eq!(part.var.as_ref().map(|v| v.name.as_str()), Some("p"));
    let (rel, _) = &part.element.chain[0];
    assert_eq!(rel.direction, Direction::Left);
    assert_eq!(
        rel.length,
        Some(Range {
            min: Some(1),
            max: Some(3)
        })
    );
    let types: Vec<&str> = rel.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["T", "U"]);
    let Clause::With(w) = &c[1] else { panic!() };
    assert!(w.distinct && w.star && w.where_.is_some());
    assert_eq!(w.items.len(), 1);
    assert!(w.order_by[0].descending && !w.order_by[1].descending);
    let Clause::Merge(mg) = &c[4] else { panic!() };
    assert_eq!((mg.on_create.len(), mg.on_match.len()), (1, 2));
    let Clause::Set(set) = &c[5] else { panic!() };
    let SetItem::Property { target, key, .. } = &set.items[0] else {
        panic!()
    };
    assert_eq!((sx(target).as_str(), key.name.as_str()), ("(. e a)", "b"));
    let Clause::Delete(d) = &c[7] else { panic!() };
    assert!(d.detach);
    let Clause::Call(call) = &c[8] else { panic!() };
    assert_eq!(call.procedure.name, "db.labels");
    assert_eq!(call.args, Some(vec![]));
    assert_eq!(call.yields.as_ref().map(|y| y.len()), Some(1));
    assert_eq!(s.span, Span::new(0, text.len() - 3));
}

#[test]
fn relationship_shapes() {
    let dirs = |text: &str| -> Vec<(Direction, Option<Range>)> {
        let s = parse_statement(&format!("MATCH {text} RETURN 1")).expect(text);
        let StatementKind::Query(q) = s.kind else {
            panic!()
        };
        let Clause::Match(m) = &q.first.clauses[0] else {
            panic!()
        };
        m.pattern[0]
            .element
            .chain
            .iter()
            .map(|(r, _)| (r.direction, r.length))
            .collect()
    };
    let r = |min, max| Some(Range { min, max });
    assert_eq!(dirs("(a)-->(b)"), [(Direction::Right, None)]);
    assert_eq!(dirs("(a)<--(b)"), [(Direction::Left, None)]);
    assert_eq!(dirs("(a)--(b)"), [(Direction::Both, None)]);
    assert_eq!(dirs("(a)<-->(b)"), [(Direction::Both, None)]);
    assert_eq!(dirs("(a)-[*]->(b)"), [(Direction::Right, r(None, None))]);
    assert_eq!(
        dirs("(a)-[*2]->(b)"),
        [(Direction::Right, r(Some(2), Some(2)))]
    );
    assert_eq!(
        dirs("(a)-[*..3]->(b)"),
        [(Direction::Right, r(None, Some(3)))]
    );
    assert_eq!(
        dirs("(a)-[*2..]->(b)"),
        [(Direction::Right, r(Some(2), None))]
    );
    assert_eq!(dirs("(a)-[:invests-in]->(b)"), [(Direction::Right, None)]);
    assert_eq!(dirs("((a)-[:T]->(b))"), [(Direction::Right, None)]);
    assert_eq!(
        dirs("shortestPath((a)-[*]-(b))"),
        [(Direction::Both, r(None, None))]
    );
}

#[test]
fn syntax_errors_speak_plainly() {
    check_error(
        "MATCH (c)\nRETURN count { }",
        Detail::UnexpectedSyntax,
        "COUNT { } is empty: put a pattern or a query inside the braces",
        (2, 8),
    );
    check_error(
        "RETURN COLLECT {}",
        Detail::UnexpectedSyntax,
        "COLLECT { } is empty: put a query inside the braces",
        (1, 8),
    );
    check_error(
        "MATCH (n) CALL { } RETURN n",
        Detail::UnexpectedSyntax,
        "unexpected '}': expected a clause",
        (1, 18),
    );
    check_error(
        "RETURN",
        Detail::UnexpectedSyntax,
        "unexpected end of input: expected an expression",
        (1, 7),
    );
    check_error(
        "MATCH (n RETURN n",
        Detail::UnexpectedSyntax,
        "unexpected 'RETURN': expected a label, properties or ')'",
        (1, 10),
    );
    check_error(
        "RETURN 1 +",
        Detail::UnexpectedSyntax,
        "unexpected end of input: expected an expression",
        (1, 11),
    );
    check_error(
        "MATCH (n)\nRETRUN n",
        Detail::UnexpectedSyntax,
        "unexpected 'RETRUN': expected end of input, a clause, a relationship pattern, UNION, WHERE, ',' or ';'; did you mean RETURN?",
        (2, 1),
    );
    check_error(
        "MTCH (n) RETURN n",
        Detail::UnexpectedSyntax,
        "unexpected 'MTCH'; did you mean MATCH?",
        (1, 1),
    );
    check_error(
        "MATCH (n)-[:]->(m) RETURN n",
        Detail::UnexpectedSyntax,
        "unexpected ']': expected a relationship type after ':'",
        (1, 13),
    );
    check_error(
        "MATCH (n:) RETURN n",
        Detail::UnexpectedSyntax,
        "unexpected ')': expected a label after ':'",
        (1, 10),
    );
    // A bracket in a comment is not a bracket.
    check_error(
        "MATCH (n /* ] */ :) RETURN n",
        Detail::UnexpectedSyntax,
        "unexpected ')': expected a label after ':'",
        (1, 19),
    );
    check_error(
        "RETURN 'unterminated",
        Detail::UnexpectedSyntax,
        "unterminated string: no closing quote",
        (1, 8),
    );
    check_error(
        "RETURN 1 /* a\n */ + /* open",
        Detail::UnexpectedSyntax,
        "unterminated comment: no closing */ for this /*",
        (2, 7),
    );
    check_error(
        "RETURN 1 AS `a``b",
        Detail::UnexpectedSyntax,
        "unterminated name: no closing backtick",
        (1, 13),
    );
    check_error(
        "MATCH (n) DELETE n:Person",
        Detail::InvalidDelete,
        "DELETE takes nodes, relationships or paths, not labels (use REMOVE n:Label)",
        (1, 18),
    );
    check_error(
        "MATCH (n) RETURN (n)-->()",
        Detail::UnexpectedSyntax,
        "a pattern can only be used as a predicate (in WHERE, with NOT, AND, OR, XOR, or in exists()); use a pattern comprehension [(a)-->(b) | b] for a list",
        (1, 18),
    );
    check_error(
        "MATCH (a)-[*..-3]->(b) RETURN a",
        Detail::InvalidRelationshipPattern,
        "a variable-length bound counts relationships and cannot be negative: -3",
        (1, 15),
    );
    check_error(
        "RETURN {1B2c3e67:1}",
        Detail::UnexpectedSyntax,
        "unexpected '1B2c3e67': expected a property key or '}'",
        (1, 9),
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("RETURN {}1{}", "(".repeat(10_000), ")".repeat(10_000));
    check_error(
        &deep,
        Detail::UnexpectedSyntax,
        "nesting too deep: more than 200 levels of brackets",
        (1, 208),
    );
    let nots = format!("RETURN {}true", "NOT ".repeat(10_000));
    let e = parse_statement(&nots).expect_err("too deep");
    assert_eq!(e.detail, Detail::UnexpectedSyntax);
    let ok = format!("RETURN {}1{}", "(".repeat(100), ")".repeat(100));
    assert!(parse_statement(&ok).is_ok());
    let nested = format!("RETURN 1{}", " + (1".repeat(300));
    let e = parse_statement(&format!("{nested}{}", ")".repeat(300))).expect_err("too deep");
    assert_eq!(
        e.message,
        "nesting too deep: more than 200 levels of brackets"
    );
}

/// Only nesting counts: long chains of operators parse, however long (ten
/// times the depth limit here; the command-line tests run 20,000 terms).
#[test]
fn long_chains_are_not_deep() {
    for (first, op) in [
        ("1", " + 1"),
        ("true", " OR false"),
        ("true", " AND true"),
        ("true", " XOR true"),
        ("2", " * 1"),
        ("'a'", " + 'b'"),
        ("1", " < 2"),
        ("1", " = 1"),
        ("NOT true", " OR NOT false"),
        ("-1", " - -1"),
        ("n.id = 1", " OR n.id = 2"),
    ] {
        let text = format!("RETURN {first}{}", op.repeat(5_000));
        let statement = parse_statement(&text);
        assert!(statement.is_ok(), "{first}{op}...: {:?}", statement.err());
    }
    let unary = format!("RETURN {}1", "- ".repeat(201));
    let e = parse_statement(&unary).expect_err("too deep");
    assert_eq!(
        e.message,
        "expression nesting too deep (more than 200 prefix operators)"
    );
}

#[test]
fn a_megabyte_string_parses() {
    let big = "x".repeat(1 << 20);
    check(&format!("'{big}'"), &format!("'{big}'"));
}

#[test]
fn statements_may_end_with_semicolon_and_comments() {
    assert!(parse_statement(" RETURN 1 ; // done\n").is_ok());
    assert!(parse_statement("/* a */ RETURN 1 /* b */").is_ok());
    assert!(parse_statement("RETURN 1; RETURN 2").is_err());
}
