use super::*;
use crate::exec::test_values::{float, int, list, s};
use crate::store::Properties;
use crate::value::Path;

use crate::value::map_of as map;

const NULL: Value = Value::Null;

/// Calls `name` on `args` and compares the result, written as a Cypher
/// literal, or an error as `Kind: Detail`.
fn check(g: &Graph, name: &str, args: Vec<Value>, expected: &str) {
    let got = match call(name, &args, g, &Clock::starting(None), &Default::default()) {
        Ok(v) => v.to_string(),
        Err(e) => format!("{}: {}", e.kind, e.detail),
    };
    assert_eq!(got, expected, "{name}({args:?})");
}

/// A graph `(a:A:B {name: 'Popeye', level: 9001})-[:KNOWS {since: 1999}]->(b)`.
fn small_graph() -> (Graph, u64, u64, u64) {
    let mut g = Graph::new();
    let mut props = Properties::new();
    props.insert("name".into(), s("Popeye"));
    props.insert("level".into(), int(9001));
    let a = g.create_node(&["B", "A"], props);
    let b = g.create_node(&[] as &[&str], Properties::new());
    let mut rel_props = Properties::new();
    rel_props.insert("since".into(), int(1999));
    let r = g.create_rel("KNOWS", a, b, rel_props);
    (g, a, b, r)
}

#[test]
fn names_are_case_insensitive_and_known() {
    let g = Graph::new();
    check(&g, "TOUPPER", vec![s("a")], "'A'");
    check(&g, "toupper", vec![s("a")], "'A'");
    assert!(is_known("Coalesce"));
    assert!(is_known("COUNT"));
    assert!(!is_known("foo"));
    assert_eq!(arity("range"), Some((2, Some(3))));
    assert_eq!(arity("coalesce"), Some((1, None)));
    assert_eq!(arity("pi"), Some((0, Some(0))));
    assert_eq!(arity("percentileCont"), Some((2, Some(2))));
    assert_eq!(arity("nope"), None);
    assert!(known_names().contains(&"toBooleanOrNull"));
    assert!(known_names().contains(&"stDevP"));
}

#[test]
fn unknown_functions_and_wrong_counts() {
    let g = Graph::new();
    check(&g, "foo", vec![], "SyntaxError: UnknownFunction");
    check(&g, "size", vec![], "SyntaxError: InvalidNumberOfArguments");
    check(
        &g,
        "pi",
        vec![int(1)],
        "SyntaxError: InvalidNumberOfArguments",
    );
    check(&g, "count", vec![int(1)], "SyntaxError: InvalidAggregation");
    let e = call(
        "toUper",
        &[],
        &g,
        &Clock::starting(None),
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(
        e.message,
        "Unknown function 'toUper' (did you mean toUpper?)"
    );
    assert_eq!(suggest("lenght"), Some("length"));
    assert_eq!(suggest("xyzzy"), None);
    let e = wrong_count("substring", 2, Some(3), 1);
    assert_eq!(e.message, "substring() takes 2 to 3 arguments, got 1");
    assert_eq!(e.phase, Phase::Compile);
}

#[test]
fn null_in_null_out() {
    let g = Graph::new();
    for name in [
        "size",
        "labels",
        "type",
        "keys",
        "properties",
        "toUpper",
        "toString",
        "toInteger",
        "abs",
        "sqrt",
        "head",
        "reverse",
        "length",
        "nodes",
        "isEmpty",
        "id",
    ] {
        check(&g, name, vec![NULL], "null");
    }
    check(&g, "substring", vec![s("abc"), NULL], "null");
    check(&g, "range", vec![int(1), NULL], "null");
    check(&g, "coalesce", vec![NULL, NULL], "null");
    check(&g, "coalesce", vec![NULL, int(2), int(3)], "2");
    check(&g, "exists", vec![NULL], "false");
    check(&g, "exists", vec![int(0)], "true");
}

#[test]
fn graph_functions() {
    let (g, a, b, r) = small_graph();
    let (na, nb, rel) = (Value::Node(a), Value::Node(b), Value::Relationship(r));
    check(&g, "id", vec![na.clone()], &a.to_string());
    check(&g, "id", vec![rel.clone()], &r.to_string());
    check(&g, "elementId", vec![nb.clone()], &format!("'{b}'"));
    check(&g, "labels", vec![na.clone()], "['A', 'B']");
    check(&g, "labels", vec![nb.clone()], "[]");
    check(&g, "type", vec![rel.clone()], "'KNOWS'");
    check(
        &g,
        "properties",
        vec![na.clone()],
        "{level: 9001, name: 'Popeye'}",
    );
    check(&g, "properties", vec![rel.clone()], "{since: 1999}");
    check(&g, "keys", vec![na.clone()], "['level', 'name']");
    check(&g, "keys", vec![nb.clone()], "[]");
    check(&g, "startNode", vec![rel.clone()], &format!("#node({a})"));
    check(&g, "endNode", vec![rel.clone()], &format!("#node({b})"));
    let p = Value::Path(Box::new(Path {
        nodes: vec![a, b],
        rels: vec![r],
    }));
    check(&g, "length", vec![p.clone()], "1");
    check(
        &g,
        "nodes",
        vec![p.clone()],
        &format!("[#node({a}), #node({b})]"),
    );
    check(
        &g,
        "relationships",
        vec![p.clone()],
        &format!("[#relationship({r})]"),
    );
    check(&g, "size", vec![p], "TypeError: InvalidArgumentType");
}

#[test]
fn graph_function_type_errors() {
    let (g, a, _, r) = small_graph();
    check(
        &g,
        "type",
        vec![Value::Node(a)],
        "TypeError: InvalidArgumentValue",
    );
    for bad in [int(0), float(1.0), Value::Bool(true), s(""), list(vec![])] {
        check(&g, "type", vec![bad], "TypeError: InvalidArgumentValue");
    }
    check(
        &g,
        "labels",
        vec![Value::Relationship(r)],
        "TypeError: InvalidArgumentType",
    );
    check(
        &g,
        "properties",
        vec![int(1)],
        "TypeError: InvalidArgumentType",
    );
    check(
        &g,
        "properties",
        vec![s("Cypher")],
        "TypeError: InvalidArgumentType",
    );
    check(
        &g,
        "keys",
        vec![list(vec![])],
        "TypeError: InvalidArgumentType",
    );
    check(
        &g,
        "length",
        vec![Value::Node(a)],
        "TypeError: InvalidArgumentType",
    );
    check(
        &g,
        "length",
        vec![Value::Relationship(r)],
        "TypeError: InvalidArgumentType",
    );
    check(&g, "id", vec![s("x")], "TypeError: InvalidArgumentType");
    check(
        &g,
        "nodes",
        vec![list(vec![])],
        "TypeError: InvalidArgumentType",
    );
}

#[test]
fn deleted_entities_keep_their_type_but_not_their_data() {
    let (mut g, a, _, r) = small_graph();
    g.delete_rel(r);
    check(&g, "type", vec![Value::Relationship(r)], "'KNOWS'");
    check(
        &g,
        "properties",
        vec![Value::Relationship(r)],
        "EntityNotFound: DeletedEntityAccess",
    );
    g.delete_node(a);
    check(
        &g,
        "labels",
        vec![Value::Node(a)],
        "EntityNotFound: DeletedEntityAccess",
    );
    check(
        &g,
        "keys",
        vec![Value::Node(a)],
        "EntityNotFound: DeletedEntityAccess",
    );
}

#[test]
fn maps() {
    let g = Graph::new();
    let m = map(&[("k", NULL), ("l", int(1))]);
    check(&g, "keys", vec![m.clone()], "['k', 'l']");
    check(&g, "keys", vec![map(&[])], "[]");
    check(&g, "properties", vec![m.clone()], "{k: null, l: 1}");
    check(&g, "isEmpty", vec![m], "false");
    check(&g, "isEmpty", vec![map(&[])], "true");
}

#[test]
fn lists() {
    let g = Graph::new();
    let l = list(vec![int(1), int(2), int(3)]);
    check(&g, "size", vec![l.clone()], "3");
    check(&g, "size", vec![s("héllo")], "5");
    check(&g, "head", vec![l.clone()], "1");
    check(&g, "last", vec![l.clone()], "3");
    check(&g, "tail", vec![l.clone()], "[2, 3]");
    check(&g, "head", vec![list(vec![])], "null");
    check(&g, "last", vec![list(vec![])], "null");
    check(&g, "tail", vec![list(vec![])], "[]");
    check(&g, "reverse", vec![l.clone()], "[3, 2, 1]");
    check(&g, "length", vec![l.clone()], "3");
    check(&g, "isEmpty", vec![list(vec![])], "true");
    check(&g, "isEmpty", vec![s("")], "true");
    check(
        &g,
        "isEmpty",
        vec![int(1)],
        "TypeError: InvalidArgumentType",
    );
    check(&g, "head", vec![s("abc")], "TypeError: InvalidArgumentType");
    check(&g, "size", vec![int(5)], "TypeError: InvalidArgumentType");
}

#[test]
fn ranges() {
    let g = Graph::new();
    check(&g, "range", vec![int(1), int(3)], "[1, 2, 3]");
    check(&g, "range", vec![int(0), int(10), int(3)], "[0, 3, 6, 9]");
    check(&g, "range", vec![int(5), int(1), int(-2)], "[5, 3, 1]");
    check(&g, "range", vec![int(3), int(1)], "[]");
    check(&g, "range", vec![int(1), int(1)], "[1]");
    check(
        &g,
        "range",
        vec![int(1), int(3), int(0)],
        "ArgumentError: NumberOutOfRange",
    );
    check(
        &g,
        "range",
        vec![float(1.0), int(3)],
        "TypeError: InvalidArgumentType",
    );
    check(
        &g,
        "range",
        vec![int(i64::MAX - 1), int(i64::MAX)],
        "[9223372036854775806, 9223372036854775807]",
    );
    check(
        &g,
        "range",
        vec![int(0), int(i64::MAX)],
        "ArgumentError: NumberOutOfRange",
    );
}

#[test]
fn strings() {
    let g = Graph::new();
    check(&g, "toUpper", vec![s("straße")], "'STRASSE'");
    check(&g, "toLower", vec![s("ÀBC")], "'àbc'");
    check(&g, "trim", vec![s("  a b \n")], "'a b'");
    check(&g, "ltrim", vec![s("  a ")], "'a '");
    check(&g, "rtrim", vec![s("  a ")], "'  a'");
    check(&g, "reverse", vec![s("raksO")], "'Oskar'");
    check(&g, "replace", vec![s("hello"), s("l"), s("L")], "'heLLo'");
    check(&g, "replace", vec![s("ab"), s(""), s("-")], "'-a-b-'");
    check(
        &g,
        "toUpper",
        vec![int(1)],
        "TypeError: InvalidArgumentType",
    );
}

#[test]
fn substrings() {
    let g = Graph::new();
    check(&g, "substring", vec![s("hello"), int(1), int(3)], "'ell'");
    check(&g, "substring", vec![s("hello"), int(2)], "'llo'");
    check(&g, "substring", vec![s("héllo"), int(1), int(2)], "'él'");
    check(&g, "substring", vec![s("hello"), int(10)], "''");
    check(
        &g,
        "substring",
        vec![s("hello"), int(1), int(100)],
        "'ello'",
    );
    check(
        &g,
        "substring",
        vec![s("hello"), int(-1)],
        "ArgumentError: NumberOutOfRange",
    );
    check(
        &g,
        "substring",
        vec![s("hello"), int(0), int(-1)],
        "ArgumentError: NumberOutOfRange",
    );
    check(
        &g,
        "substring",
        vec![s("hello"), float(1.0)],
        "TypeError: InvalidArgumentType",
    );
    check(&g, "left", vec![s("hello"), int(2)], "'he'");
    check(&g, "left", vec![s("hi"), int(5)], "'hi'");
    check(&g, "right", vec![s("hello"), int(2)], "'lo'");
    check(&g, "right", vec![s("hi"), int(5)], "'hi'");
    check(
        &g,
        "left",
        vec![s("hello"), int(-1)],
        "ArgumentError: NumberOutOfRange",
    );
}

#[test]
fn splitting() {
    let g = Graph::new();
    check(&g, "split", vec![s("one1two"), s("1")], "['one', 'two']");
    check(&g, "split", vec![s("a,,b,"), s(",")], "['a', '', 'b', '']");
    check(&g, "split", vec![s(""), s(",")], "['']");
    check(&g, "split", vec![s("abc"), s("")], "['a', 'b', 'c']");
    check(
        &g,
        "split",
        vec![s("a-->b->c"), s("->")],
        "['a-', 'b', 'c']",
    );
    check(
        &g,
        "split",
        vec![s("a,b;c"), list(vec![s(","), s(";")])],
        "['a', 'b', 'c']",
    );
    check(&g, "split", vec![s("é,ü"), s(",")], "['é', 'ü']");
    check(
        &g,
        "split",
        vec![s("a"), int(1)],
        "TypeError: InvalidArgumentType",
    );
}

#[test]
fn to_string() {
    let g = Graph::new();
    check(&g, "toString", vec![int(42)], "'42'");
    check(&g, "toString", vec![float(2.3)], "'2.3'");
    check(&g, "toString", vec![float(1.0)], "'1.0'");
    check(&g, "toString", vec![Value::Bool(true)], "'true'");
    check(&g, "toString", vec![s("apa")], "'apa'");
    for bad in [
        list(vec![]),
        map(&[]),
        Value::Node(0),
        Value::Relationship(0),
    ] {
        check(
            &g,
            "toString",
            vec![bad.clone()],
            "TypeError: InvalidArgumentValue",
        );
        check(&g, "toStringOrNull", vec![bad], "null");
    }
}

#[test]
fn to_integer() {
    let g = Graph::new();
    check(&g, "toInteger", vec![int(7)], "7");
    check(&g, "toInteger", vec![float(4.7)], "4");
    check(&g, "toInteger", vec![float(-4.7)], "-4");
    check(&g, "toInteger", vec![s("42")], "42");
    check(&g, "toInteger", vec![s(" 42 ")], "42");
    check(&g, "toInteger", vec![s("4.7")], "4");
    check(&g, "toInteger", vec![s("x")], "null");
    check(&g, "toInteger", vec![s("")], "null");
    check(
        &g,
        "toInteger",
        vec![s("9223372036854775807")],
        "9223372036854775807",
    );
    check(&g, "toInteger", vec![s("1e30")], "null");
    check(&g, "toInteger", vec![Value::Bool(true)], "1");
    check(
        &g,
        "toInteger",
        vec![float(1e30)],
        "ArgumentError: NumberOutOfRange",
    );
    check(
        &g,
        "toInteger",
        vec![float(f64::NAN)],
        "ArgumentError: NumberOutOfRange",
    );
    check(
        &g,
        "toInteger",
        vec![list(vec![])],
        "TypeError: InvalidArgumentValue",
    );
    check(&g, "toIntegerOrNull", vec![float(1e30)], "null");
    check(&g, "toIntegerOrNull", vec![map(&[])], "null");
    check(&g, "toIntegerOrNull", vec![s("12")], "12");
}

#[test]
fn to_float() {
    let g = Graph::new();
    check(&g, "toFloat", vec![float(3.4)], "3.4");
    check(&g, "toFloat", vec![int(3)], "3.0");
    check(&g, "toFloat", vec![s("5")], "5.0");
    check(&g, "toFloat", vec![s("foo")], "null");
    check(&g, "toFloat", vec![s("")], "null");
    check(&g, "toFloat", vec![s("-1.5e3")], "-1500.0");
    for bad in [Value::Bool(true), list(vec![]), map(&[]), Value::Node(1)] {
        check(
            &g,
            "toFloat",
            vec![bad.clone()],
            "TypeError: InvalidArgumentValue",
        );
        check(&g, "toFloatOrNull", vec![bad], "null");
    }
}

#[test]
fn to_boolean() {
    let g = Graph::new();
    check(&g, "toBoolean", vec![Value::Bool(false)], "false");
    check(&g, "toBoolean", vec![s("true")], "true");
    check(&g, "toBoolean", vec![s("FALSE")], "false");
    for junk in ["", " tru ", "f alse", "yes"] {
        check(&g, "toBoolean", vec![s(junk)], "null");
    }
    check(&g, "toBoolean", vec![int(0)], "false");
    check(&g, "toBoolean", vec![int(2)], "true");
    for bad in [float(1.0), list(vec![]), map(&[]), Value::Relationship(1)] {
        check(
            &g,
            "toBoolean",
            vec![bad.clone()],
            "TypeError: InvalidArgumentValue",
        );
        check(&g, "toBooleanOrNull", vec![bad], "null");
    }
}

#[test]
fn numbers() {
    let g = Graph::new();
    check(&g, "abs", vec![int(-3)], "3");
    check(&g, "abs", vec![float(-2.5)], "2.5");
    check(
        &g,
        "abs",
        vec![int(i64::MIN)],
        "ArgumentError: IntegerOverflow",
    );
    check(&g, "sign", vec![int(-3)], "-1");
    check(&g, "sign", vec![float(0.5)], "1");
    check(&g, "sign", vec![float(0.0)], "0");
    check(&g, "floor", vec![float(-1.5)], "-2.0");
    check(&g, "floor", vec![int(3)], "3.0");
    check(&g, "ceil", vec![float(1.1)], "2.0");
    check(&g, "sqrt", vec![float(12.96)], "3.6");
    check(&g, "sqrt", vec![int(-1)], "NaN");
    check(&g, "exp", vec![int(0)], "1.0");
    check(&g, "log", vec![int(0)], "-Infinity");
    check(&g, "log10", vec![int(1000)], "3.0");
    check(&g, "sin", vec![int(0)], "0.0");
    check(&g, "cos", vec![int(0)], "1.0");
    check(&g, "tan", vec![int(0)], "0.0");
    check(&g, "cot", vec![int(0)], "Infinity");
    check(&g, "asin", vec![int(1)], "1.5707963267948966");
    check(&g, "acos", vec![int(1)], "0.0");
    check(&g, "atan", vec![int(0)], "0.0");
    check(&g, "atan2", vec![int(1), int(0)], "1.5707963267948966");
    check(
        &g,
        "degrees",
        vec![call("pi", &[], &g, &Clock::starting(None), &Default::default()).unwrap()],
        "180.0",
    );
    check(&g, "radians", vec![int(180)], "3.141592653589793");
    check(&g, "haversin", vec![int(0)], "0.0");
    check(&g, "pi", vec![], "3.141592653589793");
    check(&g, "e", vec![], "2.718281828459045");
    check(&g, "sqrt", vec![s("4")], "TypeError: InvalidArgumentType");
    check(
        &g,
        "abs",
        vec![Value::Bool(true)],
        "TypeError: InvalidArgumentType",
    );
}

#[test]
fn rounding() {
    let g = Graph::new();
    check(&g, "round", vec![float(3.5)], "4.0");
    check(&g, "round", vec![float(-2.5)], "-2.0");
    check(&g, "round", vec![float(-2.6)], "-3.0");
    check(&g, "round", vec![float(0.49999999999999994)], "0.0");
    check(&g, "round", vec![int(3)], "3.0");
    check(&g, "round", vec![float(1.23456), int(3)], "1.235");
    check(&g, "round", vec![float(2.675), int(2)], "2.68");
    check(&g, "round", vec![float(-1.5), int(0)], "-2.0");
    check(&g, "round", vec![float(1234.5), int(-2)], "1200.0");
    check(&g, "round", vec![float(0.001), int(1)], "0.0");
    check(&g, "round", vec![float(0.05), int(0)], "0.0");
    check(&g, "round", vec![float(0.5), int(-1), s("UP")], "10.0");
    check(&g, "round", vec![float(1.5), int(5)], "1.5");
    check(&g, "round", vec![float(2.5), int(0), s("HALF_EVEN")], "2.0");
    check(&g, "round", vec![float(3.5), int(0), s("HALF_EVEN")], "4.0");
    check(&g, "round", vec![float(2.5), int(0), s("HALF_DOWN")], "2.0");
    check(
        &g,
        "round",
        vec![float(2.51), int(0), s("HALF_DOWN")],
        "3.0",
    );
    check(
        &g,
        "round",
        vec![float(-1.21), int(1), s("CEILING")],
        "-1.2",
    );
    check(&g, "round", vec![float(-1.21), int(1), s("FLOOR")], "-1.3");
    check(&g, "round", vec![float(1.29), int(1), s("down")], "1.2");
    check(&g, "round", vec![float(1.21), int(1), s("UP")], "1.3");
    check(
        &g,
        "round",
        vec![float(1.2), int(0), s("SIDEWAYS")],
        "ArgumentError: InvalidArgumentValue",
    );
    check(
        &g,
        "round",
        vec![float(1.2), float(1.0)],
        "TypeError: InvalidArgumentType",
    );
}

#[test]
fn rand_is_in_the_unit_interval() {
    let g = Graph::new();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..100 {
        let Ok(Value::Float(x)) =
            call("rand", &[], &g, &Clock::starting(None), &Default::default())
        else {
            panic!("rand() did not give a float");
        };
        assert!((0.0..1.0).contains(&x), "{x}");
        seen.insert(x.to_bits());
    }
    assert!(seen.len() > 90);
}

#[test]
fn list_conversions_uuids_nan_and_character_counts() {
    let g = Graph::new();
    let mixed = list(vec![s("1"), s("x"), float(2.7), NULL, Value::Bool(true)]);
    check(
        &g,
        "toIntegerList",
        vec![mixed.clone()],
        "[1, null, 2, null, 1]",
    );
    check(
        &g,
        "toStringList",
        vec![mixed.clone()],
        "['1', 'x', '2.7', null, 'true']",
    );
    check(
        &g,
        "toFloatList",
        vec![mixed.clone()],
        "[1.0, null, 2.7, null, null]",
    );
    check(
        &g,
        "toBooleanList",
        vec![mixed],
        "[null, null, null, null, true]",
    );
    check(
        &g,
        "toIntegerList",
        vec![int(1)],
        "TypeError: InvalidArgumentType",
    );
    check(&g, "isNaN", vec![float(f64::NAN)], "true");
    check(&g, "isNaN", vec![int(1)], "false");
    check(&g, "isNaN", vec![s("x")], "TypeError: InvalidArgumentType");
    check(&g, "char_length", vec![s("héllo")], "5");
    check(&g, "character_length", vec![s("")], "0");
    let clock = Clock::starting(None);
    let uuid = |_| match call("randomUUID", &[], &g, &clock, &Default::default()) {
        Ok(Value::String(u)) => u.to_string(),
        other => panic!("{other:?}"),
    };
    let (a, b) = (uuid(0), uuid(1));
    assert_ne!(a, b);
    let shape: Vec<usize> = a.split('-').map(str::len).collect();
    assert_eq!(shape, [8, 4, 4, 4, 12], "{a}");
    assert_eq!(&a[14..15], "4", "version 4: {a}");
    assert!("89ab".contains(&a[19..20]), "variant: {a}");
}
