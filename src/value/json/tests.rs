use super::*;
use crate::value::temporal::parse_value as parsed;

fn parse_value(kind: &str, text: &str) -> Value {
    parsed(kind, text).unwrap()
}

fn refused(text: &str) -> (String, usize, usize) {
    let e = parse_text(text).unwrap_err();
    let (line, column) = e.position();
    (e.message(), line, column)
}

/// `value` written as text and read back.
fn round_trip(value: &Value) -> Result<Value, String> {
    let text = to_text(&value_to_json(&QueryResult::default(), value));
    json_to_value(&parse_text(&text).map_err(|e| e.message())?)
}

/// The same value, NaN equal to NaN and -0.0 not equal to 0.0.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Value::List(xs), Value::List(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y))
        }
        (Value::Map(xs), Value::Map(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys)
                    .all(|((k, x), (l, y))| k == l && same(x, y))
        }
        _ => a == b,
    }
}

#[test]
fn values_round_trip_with_their_types() {
    let map = |entries: &[(&str, Value)]| {
        Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    };
    let values = [
        Value::Null,
        Value::Bool(true),
        Value::Float(f64::NAN),
        Value::Float(f64::INFINITY),
        Value::Float(f64::NEG_INFINITY),
        Value::Float(-0.0),
        Value::Float(1.0),
        Value::Float(1e300),
        Value::Float(1.5e-7),
        Value::Float(f64::MAX),
        Value::Float(f64::MIN_POSITIVE),
        Value::Int(i64::MAX),
        Value::Int(i64::MIN),
        Value::string("tab\t line\n bell\u{7} nul\u{0} quote\" back\\ é 語 \u{2028}"),
        Value::List(vec![
            Value::Int(1),
            Value::Float(2.0),
            Value::List(vec![Value::Float(f64::NAN)]),
        ]),
        map(&[
            ("a", map(&[("b", Value::Float(-0.0))])),
            ("~", Value::Int(1)),
        ]),
        map(&[
            ("~", Value::string("date")),
            ("value", Value::string("x")),
            ("w", Value::Int(1)),
        ]),
        parse_value("date", "2025-04-01"),
        parse_value("localtime", "12:00:01.5"),
        parse_value("time", "12:00-02:30"),
        parse_value("localdatetime", "-0044-03-15T12:00"),
        parse_value("datetime", "2015-07-21T21:40:32.142+01:00[Europe/London]"),
        parse_value(
            "datetime",
            "1818-07-21T21:40:32.142+00:53:28[Europe/Stockholm]",
        ),
        parse_value("duration", "P-1Y2M3DT-4.000000005S"),
    ];
    for value in &values {
        let back = round_trip(value);
        assert!(
            back.as_ref().is_ok_and(|b| same(b, value)),
            "{value:?} came back as {back:?}"
        );
    }
}

#[test]
fn values_decode_with_their_types() {
    let decode = |text: &str| json_to_value(&parse_text(text).unwrap());
    assert_eq!(decode("3"), Ok(Value::Int(3)));
    assert_eq!(decode("3.0"), Ok(Value::Float(3.0)));
    assert_eq!(
        decode("[1, \"a\", true]"),
        Ok(Value::List(vec![
            Value::Int(1),
            Value::string("a"),
            Value::Bool(true)
        ]))
    );
    assert_eq!(
        decode(r#"{"~":"float","value":"-Infinity"}"#),
        Ok(Value::Float(f64::NEG_INFINITY))
    );
    assert_eq!(
        decode(r#"{"~":"float","value":"Inf"}"#),
        Err("a tagged float needs a value NaN, Infinity or -Infinity".into())
    );
    assert_eq!(
        decode(r#"[{"~":"relationship","id":3}]"#),
        Err("a relationship cannot be read back from JSON: only values can".into())
    );
    assert_eq!(
        decode(r#"{"~":"date","value":"2025-13-01"}"#),
        Err("invalid date: parameter 'month' is not in the required range of 1..=12".into())
    );
    assert_eq!(
        decode(r#"{"~":"duration","value":3}"#),
        Err("a tagged duration needs a string value".into())
    );
    assert_eq!(
        json_to_value(&serde_json::from_str("18446744073709551615").unwrap()),
        Err("18446744073709551615 does not fit in a 64-bit integer".into())
    );
}

#[test]
fn integers_fit_or_are_refused() {
    assert_eq!(
        parse_text("-9223372036854775808").unwrap(),
        Json::from(i64::MIN)
    );
    assert_eq!(
        refused("-9223372036854775809"),
        (
            "-9223372036854775809 does not fit in a 64-bit integer".into(),
            1,
            1
        )
    );
    assert_eq!(
        refused("{\"a\": \"é-99999999999999999999\",\n  \"b\": [1, 18446744073709551616]}"),
        (
            "18446744073709551616 does not fit in a 64-bit integer".into(),
            2,
            12
        )
    );
    // Floats stay floats, however large.
    assert_eq!(
        to_text(&parse_text("[-9223372036854775809.0, 1E2]").unwrap()),
        "[-9.223372036854776e18,100.0]"
    );
    assert_eq!(refused("[1e400]"), ("number out of range".into(), 1, 6));
    assert!(parse_text(r#"{"k\"": 99999999999999999999.5}"#).is_ok());
}

#[test]
fn syntax_errors_say_where() {
    assert_eq!(
        refused("{\"a\": 1,\n \"b\": }"),
        ("expected value".into(), 2, 7)
    );
}

#[test]
fn minus_zero_is_the_integer_zero_and_minus_zero_point_zero_a_float() {
    let read = |text: &str| json_to_value(&parse_text(text).unwrap()).unwrap();
    let list = read(r#"[1, -0, {"k": -0}, "-0", -0.0, -0e0]"#);
    let Value::List(items) = list else {
        panic!("{list:?}")
    };
    assert!(matches!(items[1], Value::Int(0)), "{:?}", items[1]);
    assert_eq!(items[2], read(r#"{"k": 0}"#));
    assert_eq!(items[3], Value::string("-0"));
    for float in &items[4..] {
        assert!(
            matches!(float, Value::Float(f) if f.to_bits() == (-0.0f64).to_bits()),
            "{float:?}"
        );
    }
}
