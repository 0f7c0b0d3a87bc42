//! Actual results in the TCK's model, and the TCK's comparison: rows as a
//! sequence or a multiset, lists in order or as multisets, floats with a
//! tiny relative tolerance, integers never equal to floats.

use super::value::{Direction, TckNode, TckPath, TckRel, TckValue};
use quiverdb::{QueryResult, Value};
use std::collections::BTreeMap;

/// How rows and lists are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    /// Rows must come in the expected order.
    pub ordered: bool,
    /// Lists are compared as multisets.
    pub lists_unordered: bool,
}

/// Converts a value of a result into the TCK model, looking entities up in
/// the result.
pub fn from_actual(value: &Value, result: &QueryResult) -> Result<TckValue, String> {
    Ok(match value {
        Value::Null => TckValue::Null,
        Value::Bool(b) => TckValue::Bool(*b),
        Value::Int(i) => TckValue::Int(*i),
        Value::Float(f) => TckValue::Float(*f),
        Value::String(s) => TckValue::String(s.to_string()),
        // The TCK writes a temporal value as the string `toString` gives.
        Value::Date(d) => TckValue::String(d.to_string()),
        Value::LocalTime(t) => TckValue::String(t.to_string()),
        Value::Time(t) => TckValue::String(t.to_string()),
        Value::LocalDateTime(t) => TckValue::String(t.to_string()),
        Value::DateTime(t) => TckValue::String(t.to_string()),
        Value::Duration(d) => TckValue::String(d.to_string()),
        Value::List(items) => TckValue::List(
            items
                .iter()
                .map(|v| from_actual(v, result))
                .collect::<Result<_, _>>()?,
        ),
        Value::Map(map) => TckValue::Map(properties(map, result)?),
        Value::Node(id) => TckValue::Node(node(*id, result)?),
        Value::Relationship(id) => TckValue::Rel(rel(*id, result)?),
        Value::Path(path) => {
            let Some((&first, others)) = path.nodes.split_first() else {
                return Err("a path without nodes".to_string());
            };
            if others.len() != path.rels.len() {
                return Err(format!(
                    "a path with {} nodes and {} relationships",
                    path.nodes.len(),
                    path.rels.len()
                ));
            }
            let mut steps = Vec::new();
            let mut before = first;
            for (&rel_id, &after) in path.rels.iter().zip(others) {
                let data = result
                    .relationship(rel_id)
                    .ok_or_else(|| format!("relationship {rel_id} missing from the result"))?;
                let direction = if data.start == before && data.end == after {
                    Direction::Forward
                } else if data.start == after && data.end == before {
                    Direction::Backward
                } else {
                    return Err(format!(
                        "path relationship {rel_id} does not join nodes {before} and {after}"
                    ));
                };
                steps.push((rel(rel_id, result)?, direction, node(after, result)?));
                before = after;
            }
            TckValue::Path(TckPath {
                start: node(first, result)?,
                steps,
            })
        }
    })
}

fn properties(
    map: &BTreeMap<String, Value>,
    result: &QueryResult,
) -> Result<BTreeMap<String, TckValue>, String> {
    map.iter()
        .map(|(k, v)| Ok((k.clone(), from_actual(v, result)?)))
        .collect()
}

fn node(id: u64, result: &QueryResult) -> Result<TckNode, String> {
    let data = result
        .node(id)
        .ok_or_else(|| format!("node {id} missing from the result"))?;
    Ok(TckNode {
        labels: data.labels.iter().cloned().collect(),
        properties: properties(&data.properties, result)?,
    })
}

fn rel(id: u64, result: &QueryResult) -> Result<TckRel, String> {
    let data = result
        .relationship(id)
        .ok_or_else(|| format!("relationship {id} missing from the result"))?;
    Ok(TckRel {
        rel_type: data.rel_type.clone(),
        properties: properties(&data.properties, result)?,
    })
}

/// Whether two floats are the same number (NaN equals NaN here).
pub fn floats_equal(a: f64, b: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// Whether an actual value matches an expected one.
pub fn values_equal(expected: &TckValue, actual: &TckValue, lists_unordered: bool) -> bool {
    use TckValue::*;
    let eq = |a: &TckValue, b: &TckValue| values_equal(a, b, lists_unordered);
    match (expected, actual) {
        (Null, Null) => true,
        (Bool(a), Bool(b)) => a == b,
        (Int(a), Int(b)) => a == b,
        (Float(a), Float(b)) => floats_equal(*a, *b),
        (String(a), String(b)) => a == b,
        (List(a), List(b)) => {
            if lists_unordered {
                multiset_equal(a, b, eq)
            } else {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| eq(x, y))
            }
        }
        (Map(a), Map(b)) => maps_equal(a, b, lists_unordered),
        (Node(a), Node(b)) => nodes_equal(a, b, lists_unordered),
        (Rel(a), Rel(b)) => rels_equal(a, b, lists_unordered),
        (Path(a), Path(b)) => {
            nodes_equal(&a.start, &b.start, lists_unordered)
                && a.steps.len() == b.steps.len()
                && a.steps.iter().zip(&b.steps).all(|(x, y)| {
                    x.1 == y.1
                        && rels_equal(&x.0, &y.0, lists_unordered)
                        && nodes_equal(&x.2, &y.2, lists_unordered)
                })
        }
        _ => false,
    }
}

fn maps_equal(
    a: &BTreeMap<String, TckValue>,
    b: &BTreeMap<String, TckValue>,
    lists_unordered: bool,
) -> bool {
    a.len() == b.len()
        && a.iter().all(|(k, v)| {
            b.get(k)
                .is_some_and(|w| values_equal(v, w, lists_unordered))
        })
}

fn nodes_equal(a: &TckNode, b: &TckNode, lists_unordered: bool) -> bool {
    a.labels == b.labels && maps_equal(&a.properties, &b.properties, lists_unordered)
}

fn rels_equal(a: &TckRel, b: &TckRel, lists_unordered: bool) -> bool {
    a.rel_type == b.rel_type && maps_equal(&a.properties, &b.properties, lists_unordered)
}

/// Whether two sequences hold the same elements, whatever their order.
fn multiset_equal<T>(expected: &[T], actual: &[T], eq: impl Fn(&T, &T) -> bool) -> bool {
    expected.len() == actual.len() && unmatched(expected, actual, eq).0.is_empty()
}

/// Pairs elements greedily; returns the expected indices left unmatched
/// and the actual indices left unmatched.
fn unmatched<T>(
    expected: &[T],
    actual: &[T],
    eq: impl Fn(&T, &T) -> bool,
) -> (Vec<usize>, Vec<usize>) {
    let mut used = vec![false; actual.len()];
    let mut missing = Vec::new();
    for (i, e) in expected.iter().enumerate() {
        let found = actual
            .iter()
            .enumerate()
            .position(|(j, a)| !used[j] && eq(e, a));
        match found {
            Some(j) => used[j] = true,
            None => missing.push(i),
        }
    }
    let extra = (0..actual.len()).filter(|&j| !used[j]).collect();
    (missing, extra)
}

/// Prints a row as `| a | b |`.
pub fn show_row(row: &[TckValue]) -> String {
    let cells: Vec<String> = row.iter().map(ToString::to_string).collect();
    format!("| {} |", cells.join(" | "))
}

/// Compares rows; `Err` holds a one-line reason.
pub fn compare_rows(
    expected: &[Vec<TckValue>],
    actual: &[Vec<TckValue>],
    mode: Mode,
) -> Result<(), String> {
    let row_eq = |e: &Vec<TckValue>, a: &Vec<TckValue>| {
        e.len() == a.len()
            && e.iter()
                .zip(a)
                .all(|(x, y)| values_equal(x, y, mode.lists_unordered))
    };
    if mode.ordered {
        if let Some(i) =
            (0..expected.len().min(actual.len())).find(|&i| !row_eq(&expected[i], &actual[i]))
        {
            return Err(format!(
                "row mismatch: row {} expected {}, got {}",
                i + 1,
                show_row(&expected[i]),
                show_row(&actual[i])
            ));
        }
        if expected.len() != actual.len() {
            return Err(format!(
                "row mismatch: expected {} rows, got {}",
                expected.len(),
                actual.len()
            ));
        }
        return Ok(());
    }
    let (missing, extra) = unmatched(expected, actual, row_eq);
    match (missing.first(), extra.first()) {
        (None, None) => Ok(()),
        (Some(&m), _) => Err(format!(
            "row mismatch: expected {} rows, got {}; missing {}{}",
            expected.len(),
            actual.len(),
            show_row(&expected[m]),
            extra
                .first()
                .map(|&x| format!(", unexpected {}", show_row(&actual[x])))
                .unwrap_or_default()
        )),
        (None, Some(&x)) => Err(format!(
            "row mismatch: expected {} rows, got {}; unexpected {}",
            expected.len(),
            actual.len(),
            show_row(&actual[x])
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::parse_value;
    use super::*;
    use quiverdb::{NodeData, Path, RelData};

    fn v(text: &str) -> TckValue {
        parse_value(text).unwrap()
    }

    fn rows(texts: &[&[&str]]) -> Vec<Vec<TckValue>> {
        texts
            .iter()
            .map(|r| r.iter().map(|c| v(c)).collect())
            .collect()
    }

    const ANY_ORDER: Mode = Mode {
        ordered: false,
        lists_unordered: false,
    };
    const IN_ORDER: Mode = Mode {
        ordered: true,
        lists_unordered: false,
    };

    #[test]
    fn scalars_compare_strictly_by_type() {
        assert!(values_equal(&v("1"), &v("1"), false));
        assert!(!values_equal(&v("1"), &v("1.0"), false));
        assert!(values_equal(
            &v("0.1"),
            &TckValue::Float(0.1 + 1e-17),
            false
        ));
        assert!(!values_equal(&v("0.1"), &v("0.1000001"), false));
        assert!(values_equal(&v("NaN"), &v("NaN"), false));
        assert!(!values_equal(&v("Inf"), &v("-Inf"), false));
        assert!(!values_equal(&v("null"), &v("false"), false));
    }

    #[test]
    fn lists_in_order_unless_told_otherwise() {
        assert!(!values_equal(&v("[1, 2, 2]"), &v("[2, 1, 2]"), false));
        assert!(values_equal(&v("[1, 2, 2]"), &v("[2, 1, 2]"), true));
        assert!(!values_equal(&v("[1, 2, 2]"), &v("[2, 1, 1]"), true));
        assert!(values_equal(&v("{a: [[1, 2]]}"), &v("{a: [[2, 1]]}"), true));
        assert!(!values_equal(&v("{a: 1}"), &v("{a: 1, b: null}"), false));
    }

    #[test]
    fn entities_compare_by_labels_type_and_properties() {
        assert!(values_equal(
            &v("(:A:B {k: 1})"),
            &v("(:B:A {k: 1})"),
            false
        ));
        assert!(!values_equal(&v("(:A)"), &v("(:A {k: 1})"), false));
        assert!(!values_equal(&v("[:T]"), &v("[:U]"), false));
        assert!(!values_equal(
            &v("<(:A)-[:T]->()>"),
            &v("<(:A)<-[:T]-()>"),
            false
        ));
    }

    #[test]
    fn rows_as_multiset_or_sequence() {
        let expected = rows(&[&["1", "'a'"], &["2", "'b'"]]);
        let swapped = rows(&[&["2", "'b'"], &["1", "'a'"]]);
        assert_eq!(compare_rows(&expected, &swapped, ANY_ORDER), Ok(()));
        assert_eq!(
            compare_rows(&expected, &swapped, IN_ORDER),
            Err("row mismatch: row 1 expected | 1 | 'a' |, got | 2 | 'b' |".into())
        );
        assert_eq!(
            compare_rows(&expected, &rows(&[&["1", "'a'"]]), ANY_ORDER),
            Err("row mismatch: expected 2 rows, got 1; missing | 2 | 'b' |".into())
        );
        assert_eq!(
            compare_rows(&rows(&[&["1"]]), &rows(&[&["1"], &["1"]]), ANY_ORDER),
            Err("row mismatch: expected 1 rows, got 2; unexpected | 1 |".into())
        );
        assert_eq!(
            compare_rows(&rows(&[&["1"]]), &rows(&[&["2"]]), ANY_ORDER),
            Err("row mismatch: expected 1 rows, got 1; missing | 1 |, unexpected | 2 |".into())
        );
    }

    #[test]
    fn converts_entities_and_paths_of_a_result() {
        let mut result = QueryResult::default();
        let props = |k: &str, val: Value| BTreeMap::from([(k.to_string(), val)]);
        result.nodes.insert(
            1,
            NodeData {
                labels: vec!["A".into()],
                properties: props("name", Value::string("a")),
            },
        );
        result.nodes.insert(
            2,
            NodeData {
                labels: vec![],
                properties: BTreeMap::new(),
            },
        );
        result.nodes.insert(
            3,
            NodeData {
                labels: vec!["C".into(), "D".into()],
                properties: BTreeMap::new(),
            },
        );
        result.relationships.insert(
            10,
            RelData {
                rel_type: "T".into(),
                start: 1,
                end: 2,
                properties: props("w", Value::Float(0.5)),
            },
        );
        result.relationships.insert(
            11,
            RelData {
                rel_type: "U".into(),
                start: 3,
                end: 2,
                properties: BTreeMap::new(),
            },
        );
        let path = Value::Path(Box::new(Path {
            nodes: vec![1, 2, 3],
            rels: vec![10, 11],
        }));
        assert_eq!(
            from_actual(&path, &result),
            Ok(v("<(:A {name: 'a'})-[:T {w: 0.5}]->()<-[:U]-(:D:C)>"))
        );
        assert_eq!(
            from_actual(
                &Value::List(vec![Value::Node(3), Value::Relationship(11)]),
                &result
            ),
            Ok(v("[(:C:D), [:U]]"))
        );
        assert_eq!(
            from_actual(&Value::Node(9), &result),
            Err("node 9 missing from the result".into())
        );
    }
}
