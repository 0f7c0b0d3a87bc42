use super::*;
use crate::exec::test_values::{float, int, list, s};

/// Checks an operator's result, written as a Cypher literal or as
/// `Kind: Detail` for an error.
fn check(result: Result<Value>, expected: &str) {
    let got = match result {
        Ok(v) => v.to_string(),
        Err(e) => format!("{}: {}", e.kind, e.detail),
    };
    assert_eq!(got, expected);
}

#[test]
fn arithmetic_on_numbers() {
    check(add(&int(1), &int(2)), "3");
    check(add(&int(1), &float(0.5)), "1.5");
    check(sub(&float(1.0), &int(3)), "-2.0");
    check(mul(&int(6), &int(-7)), "-42");
    check(div(&int(7), &int(2)), "3");
    check(div(&int(-7), &int(2)), "-3");
    check(div(&int(7), &float(2.0)), "3.5");
    check(rem(&int(-7), &int(3)), "-1");
    check(rem(&float(7.5), &int(2)), "1.5");
    check(pow(&int(2), &int(3)), "8.0");
    check(pow(&int(4), &float(0.5)), "2.0");
    check(neg(&int(5)), "-5");
    check(neg(&float(-0.5)), "0.5");
    check(div(&int(12), &int(4)).and_then(|v| mul(&v, &int(3))), "9");
}

#[test]
fn null_propagates_through_arithmetic() {
    for op in [add, sub, mul, div, rem, pow] {
        check(op(&Value::Null, &int(1)), "null");
        check(op(&int(1), &Value::Null), "null");
    }
    check(neg(&Value::Null), "null");
    check(add(&list(vec![int(1)]), &Value::Null), "null");
}

#[test]
fn integer_overflow_is_an_error() {
    check(
        add(&int(i64::MAX), &int(1)),
        "ArgumentError: IntegerOverflow",
    );
    check(
        sub(&int(i64::MIN), &int(1)),
        "ArgumentError: IntegerOverflow",
    );
    check(
        mul(&int(i64::MAX), &int(2)),
        "ArgumentError: IntegerOverflow",
    );
    check(
        div(&int(i64::MIN), &int(-1)),
        "ArgumentError: IntegerOverflow",
    );
    check(neg(&int(i64::MIN)), "ArgumentError: IntegerOverflow");
    check(rem(&int(i64::MIN), &int(-1)), "0");
}

#[test]
fn division_by_zero() {
    check(div(&int(1), &int(0)), "ArgumentError: DivisionByZero");
    check(rem(&int(1), &int(0)), "ArgumentError: DivisionByZero");
    check(div(&int(1), &float(0.0)), "Infinity");
    check(div(&float(-1.0), &int(0)), "-Infinity");
    check(div(&float(0.0), &float(0.0)), "NaN");
    check(rem(&float(1.0), &int(0)), "NaN");
}

#[test]
fn string_concatenation() {
    check(add(&s("a"), &s("b")), "'ab'");
    check(add(&s("a"), &int(1)), "'a1'");
    check(add(&float(1.5), &s("x")), "'1.5x'");
    check(add(&s("x"), &float(2.0)), "'x2.0'");
    check(
        add(&s("is "), &Value::Bool(true)),
        "TypeError: InvalidArgumentType",
    );
    check(
        add(&s("a"), &Value::Map(Default::default())),
        "TypeError: InvalidArgumentType",
    );
}

#[test]
fn list_concatenation() {
    check(
        add(&list(vec![int(1), int(10)]), &list(vec![int(4)])),
        "[1, 10, 4]",
    );
    check(
        add(&list(vec![Value::Bool(false)]), &Value::Bool(true)),
        "[false, true]",
    );
    check(add(&int(0), &list(vec![int(1)])), "[0, 1]");
    check(
        add(&list(vec![list(vec![int(1)])]), &list(vec![list(vec![])])),
        "[[1], []]",
    );
}

#[test]
fn mixed_types_are_type_errors() {
    check(
        add(&int(1), &Value::Bool(true)),
        "TypeError: InvalidArgumentType",
    );
    let e = add(&int(1), &Value::Bool(true)).unwrap_err();
    assert_eq!(e.message, "Cannot add Integer and Boolean");
    check(sub(&s("a"), &int(1)), "TypeError: InvalidArgumentType");
    check(
        mul(&list(vec![]), &int(2)),
        "TypeError: InvalidArgumentType",
    );
    check(neg(&s("a")), "TypeError: InvalidArgumentType");
}

#[test]
fn comparisons() {
    let c = |op, a: Value, b: Value| compare(op, &a, &b).to_string();
    assert_eq!(c(CmpOp::Eq, int(1), float(1.0)), "true");
    assert_eq!(c(CmpOp::Ne, int(1), s("1")), "true");
    assert_eq!(c(CmpOp::Eq, Value::Null, Value::Null), "null");
    assert_eq!(c(CmpOp::Ne, Value::Null, Value::Null), "null");
    assert_eq!(c(CmpOp::Lt, int(1), float(2.5)), "true");
    assert_eq!(c(CmpOp::Lt, s("1"), int(1)), "null");
    assert_eq!(c(CmpOp::Ge, s("b"), s("a")), "true");
    let l = |v: Vec<Value>| list(v);
    assert_eq!(
        c(CmpOp::Ge, l(vec![int(1), Value::Null]), l(vec![int(1)])),
        "true"
    );
    assert_eq!(
        c(
            CmpOp::Ge,
            l(vec![int(1), int(2)]),
            l(vec![int(1), Value::Null])
        ),
        "null"
    );
    assert_eq!(
        c(
            CmpOp::Ge,
            l(vec![int(1), int(2)]),
            l(vec![int(3), Value::Null])
        ),
        "false"
    );
    assert_eq!(c(CmpOp::Lt, l(vec![int(1)]), Value::Bool(false)), "null");
}

#[test]
fn nan_compares_false() {
    let nan = float(f64::NAN);
    for op in [CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge, CmpOp::Eq] {
        assert_eq!(compare(op, &nan, &int(1)), Value::Bool(false));
        assert_eq!(compare(op, &nan, &nan), Value::Bool(false));
    }
    assert_eq!(compare(CmpOp::Ne, &nan, &nan), Value::Bool(true));
    assert_eq!(compare(CmpOp::Gt, &nan, &s("a")), Value::Null);
}

#[test]
fn three_valued_logic() {
    let (t, f, n) = (Value::Bool(true), Value::Bool(false), Value::Null);
    check(and(&t, &n), "null");
    check(and(&f, &n), "false");
    check(and(&t, &t), "true");
    check(or(&t, &n), "true");
    check(or(&f, &n), "null");
    check(or(&f, &f), "false");
    check(xor(&t, &t), "false");
    check(xor(&t, &f), "true");
    check(xor(&n, &f), "null");
    check(not(&t), "false");
    check(not(&n), "null");
    check(and(&int(1), &f), "TypeError: InvalidArgumentType");
    check(or(&t, &s("x")), "TypeError: InvalidArgumentType");
    check(xor(&n, &list(vec![])), "TypeError: InvalidArgumentType");
    check(not(&int(0)), "TypeError: InvalidArgumentType");
}

#[test]
fn in_with_nulls() {
    let n = Value::Null;
    check(
        in_list(&int(3), &list(vec![int(1), n.clone(), int(3)])),
        "true",
    );
    check(
        in_list(&int(4), &list(vec![int(1), n.clone(), int(3)])),
        "null",
    );
    check(in_list(&n, &list(vec![])), "false");
    check(in_list(&n, &list(vec![int(1)])), "null");
    check(in_list(&int(1), &n), "null");
    check(in_list(&int(1), &list(vec![s("1"), int(2)])), "false");
    let pair = list(vec![int(1), int(2)]);
    check(
        in_list(&pair, &list(vec![int(1), list(vec![int(1), int(2)])])),
        "true",
    );
    check(
        in_list(&pair, &list(vec![list(vec![n.clone(), int(2)])])),
        "null",
    );
    check(
        in_list(&pair, &list(vec![list(vec![n.clone(), s("foo")])])),
        "false",
    );
    check(in_list(&list(vec![]), &list(vec![])), "false");
    check(in_list(&list(vec![]), &list(vec![list(vec![])])), "true");
    check(in_list(&int(1), &int(1)), "TypeError: InvalidArgumentType");
}

#[test]
fn string_predicates() {
    assert_eq!(starts_with(&s("ABCDEF"), &s("ABC")), Value::Bool(true));
    assert_eq!(starts_with(&s("ab"), &s("")), Value::Bool(true));
    assert_eq!(ends_with(&s("ABCDEF"), &s("DEF")), Value::Bool(true));
    assert_eq!(ends_with(&s("AB"), &s("ABC")), Value::Bool(false));
    assert_eq!(contains(&s("Foo\nFoo"), &s("\n")), Value::Bool(true));
    assert_eq!(contains(&s("abc"), &Value::Null), Value::Null);
    assert_eq!(starts_with(&int(1), &int(1)), Value::Null);
    assert_eq!(ends_with(&list(vec![]), &s("")), Value::Null);
}

#[test]
fn regex_matches_the_whole_string() {
    check(regex_match(&s("abc"), &s("a.c")), "true");
    check(regex_match(&s("abcd"), &s("a.c")), "false");
    check(regex_match(&s("xabc"), &s("abc|xabc")), "true");
    check(regex_match(&s("ab"), &s("a|ab")), "true");
    check(regex_match(&s("a.c"), &s("a.c")), "true");
    check(regex_match(&int(1), &s(".*")), "null");
    check(regex_match(&s("a"), &Value::Null), "null");
    check(
        regex_match(&s("a"), &s("(")),
        "ArgumentError: InvalidArgumentValue",
    );
}

#[test]
fn adding_to_an_owned_list_is_adding() {
    let l = |items: Vec<Value>| Value::List(items);
    for (a, b) in [
        (l(vec![Value::Int(1)]), l(vec![Value::Int(2)])),
        (l(vec![Value::Int(1)]), Value::Int(2)),
        (l(vec![]), Value::Null),
        (Value::Null, l(vec![])),
        (Value::Int(1), Value::Int(2)),
        (Value::string("a"), Value::string("b")),
    ] {
        assert_eq!(add_owned(a.clone(), b.clone()).ok(), add(&a, &b).ok());
    }
}

#[test]
fn temporal_arithmetic() {
    use crate::value::{Date, Duration};
    let date = Value::Date(Date(jiff::civil::date(2015, 1, 31)));
    let month = || Value::Duration(Duration::new(1, 0, 0, 0).unwrap());
    check(add(&date, &month()), "date('2015-02-28')");
    check(add(&month(), &date), "date('2015-02-28')");
    check(sub(&date, &month()), "date('2014-12-31')");
    check(add(&month(), &month()), "duration('P2M')");
    check(sub(&month(), &month()), "duration('PT0S')");
    check(mul(&month(), &int(3)), "duration('P3M')");
    check(mul(&float(0.5), &month()), "duration('P15DT5H14M33S')");
    check(div(&month(), &int(2)), "duration('P15DT5H14M33S')");
    check(div(&month(), &int(0)), "ArgumentError: DivisionByZero");
    check(add(&date, &date), "TypeError: InvalidArgumentType");
    check(sub(&month(), &date), "TypeError: InvalidArgumentType");
    check(add(&int(1), &month()), "TypeError: InvalidArgumentType");
    check(div(&int(1), &month()), "TypeError: InvalidArgumentType");
    check(add(&Value::Null, &month()), "null");
}
