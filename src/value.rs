//! Values: what properties hold and what expressions compute, with Cypher's
//! equality (three-valued), comparison, ordering and grouping equivalence.
//!
//! Nodes, relationships and paths are held by id: a value never owns graph
//! data, so it stays small and cannot go stale. A [`crate::QueryResult`]
//! carries the labels and properties of every entity its rows mention.

pub(crate) mod json;
pub(crate) mod temporal;

pub use temporal::{Date, DateTime, Duration, LocalDateTime, LocalTime, Time};

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Query parameters, by name (without the `$`).
pub type Params = BTreeMap<String, Value>;

/// A node's id, stable for the life of the node.
pub type NodeId = u64;
/// A relationship's id, stable for the life of the relationship.
pub type RelId = u64;

/// A path: `nodes.len() == rels.len() + 1`; `rels[i]` joins `nodes[i]` and `nodes[i + 1]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path {
    /// The nodes in walk order.
    pub nodes: Vec<NodeId>,
    /// The relationships in walk order.
    pub rels: Vec<RelId>,
}

/// A Cypher value. `PartialEq` is structural (for tests); Cypher's `=` is
/// [`Value::cypher_eq`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true`, `false`
    Bool(bool),
    /// A 64-bit signed integer.
    Int(i64),
    /// A 64-bit float.
    Float(f64),
    /// A string (cheap to clone).
    String(Arc<str>),
    /// `[a, b, ...]`
    List(Vec<Value>),
    /// `{key: value, ...}`
    Map(BTreeMap<String, Value>),
    /// A node, by id.
    Node(NodeId),
    /// A relationship, by id.
    Relationship(RelId),
    /// A path, by ids (boxed: it is rare, and it would make every value bigger).
    Path(Box<Path>),
    /// `date('2025-04-01')`
    Date(Date),
    /// `localtime('12:30')`
    LocalTime(LocalTime),
    /// `time('12:30+01:00')`
    Time(Time),
    /// `localdatetime('2025-04-01T12:30')`
    LocalDateTime(LocalDateTime),
    /// `datetime('2025-04-01T12:30Z')`, at an offset or in a named zone.
    DateTime(DateTime),
    /// `duration('P1M2DT3H')`
    Duration(Duration),
}

impl Value {
    /// A string value.
    pub fn string(s: impl AsRef<str>) -> Value {
        Value::String(Arc::from(s.as_ref()))
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The Cypher type name, as error messages write it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "Null",
            Value::Bool(_) => "Boolean",
            Value::Int(_) => "Integer",
            Value::Float(_) => "Float",
            Value::String(_) => "String",
            Value::List(_) => "List",
            Value::Map(_) => "Map",
            Value::Node(_) => "Node",
            Value::Relationship(_) => "Relationship",
            Value::Path(_) => "Path",
            Value::Date(_) => "Date",
            Value::LocalTime(_) => "LocalTime",
            Value::Time(_) => "Time",
            Value::LocalDateTime(_) => "LocalDateTime",
            Value::DateTime(_) => "DateTime",
            Value::Duration(_) => "Duration",
        }
    }

    /// Whether the value may be stored as a property (no entities inside;
    /// lists hold simple values, never null).
    pub fn is_storable(&self) -> bool {
        match self {
            Value::Null => true,
            Value::List(items) => items.iter().all(|v| !v.is_null() && v.is_scalar()),
            v => v.is_scalar(),
        }
    }

    /// Whether the value is a property value that is neither a list nor
    /// null: a boolean, number, string or temporal value.
    fn is_scalar(&self) -> bool {
        matches!(
            self,
            Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::String(_)
                | Value::Date(_)
                | Value::LocalTime(_)
                | Value::Time(_)
                | Value::LocalDateTime(_)
                | Value::DateTime(_)
                | Value::Duration(_)
        )
    }

    /// Whether the value is one of the six temporal types.
    pub fn is_temporal(&self) -> bool {
        self.as_temporal().is_some()
    }

    /// A temporal value's type name as its function is called (`date`,
    /// `localtime`, `time`, `localdatetime`, `datetime`, `duration`) and the
    /// value, which displays as `toString` writes it (`2025-04-01`) and
    /// `temporal::parse_value` reads back; `None` for other values. The one
    /// place that names the temporal types for literals, JSON tags, CSV
    /// headers and GraphML.
    pub(crate) fn as_temporal(&self) -> Option<(&'static str, &dyn fmt::Display)> {
        Some(match self {
            Value::Date(d) => ("date", d),
            Value::LocalTime(t) => ("localtime", t),
            Value::Time(t) => ("time", t),
            Value::LocalDateTime(t) => ("localdatetime", t),
            Value::DateTime(t) => ("datetime", t),
            Value::Duration(d) => ("duration", d),
            _ => return None,
        })
    }

    /// [`Value::as_temporal`] with the value's text.
    pub(crate) fn temporal_text(&self) -> Option<(&'static str, String)> {
        self.as_temporal().map(|(name, t)| (name, t.to_string()))
    }

    /// Cypher `=`: `None` when the answer is `null`.
    pub fn cypher_eq(&self, other: &Value) -> Option<bool> {
        use Value::*;
        match (self, other) {
            (Null, _) | (_, Null) => None,
            (Bool(a), Bool(b)) => Some(a == b),
            (Int(a), Int(b)) => Some(a == b),
            (Float(a), Float(b)) => Some(a == b),
            (Int(a), Float(b)) | (Float(b), Int(a)) => {
                Some(cmp_int_float(*a, *b) == Some(Ordering::Equal))
            }
            (String(a), String(b)) => Some(a == b),
            (List(a), List(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                all_eq(a.iter().zip(b.iter()))
            }
            (Map(a), Map(b)) => {
                if a.len() != b.len() || a.keys().ne(b.keys()) {
                    return Some(false);
                }
                all_eq(a.values().zip(b.values()))
            }
            (Node(a), Node(b)) => Some(a == b),
            (Relationship(a), Relationship(b)) => Some(a == b),
            (Path(a), Path(b)) => Some(a == b),
            (Date(a), Date(b)) => Some(a == b),
            (LocalTime(a), LocalTime(b)) => Some(a == b),
            (Time(a), Time(b)) => Some(a == b),
            (LocalDateTime(a), LocalDateTime(b)) => Some(a == b),
            (DateTime(a), DateTime(b)) => Some(a == b),
            (Duration(a), Duration(b)) => Some(a == b),
            _ => Some(false),
        }
    }

    /// Cypher `<`, `<=`, `>`, `>=`: the ordering of two comparable values,
    /// `None` when the answer is `null` (incomparable types, a null, or NaN).
    pub fn cypher_cmp(&self, other: &Value) -> Option<Ordering> {
        use Value::*;
        match (self, other) {
            (Int(a), Int(b)) => Some(a.cmp(b)),
            (Float(a), Float(b)) => a.partial_cmp(b),
            (Int(a), Float(b)) => cmp_int_float(*a, *b),
            (Float(a), Int(b)) => cmp_int_float(*b, *a).map(Ordering::reverse),
            (String(a), String(b)) => Some(a.cmp(b)),
            (Bool(a), Bool(b)) => Some(a.cmp(b)),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.cypher_cmp(y)? {
                        Ordering::Equal => continue,
                        other => return Some(other),
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            (Date(a), Date(b)) => Some(a.cmp(b)),
            (LocalTime(a), LocalTime(b)) => Some(a.cmp(b)),
            (Time(a), Time(b)) => Some(a.cypher_cmp(b)),
            (LocalDateTime(a), LocalDateTime(b)) => Some(a.cmp(b)),
            (DateTime(a), DateTime(b)) => Some(a.cypher_cmp(b)),
            _ => None,
        }
    }

    /// The total order of `ORDER BY` (ascending): maps, nodes,
    /// relationships, lists, paths, date-times, local date-times, dates,
    /// times, local times, durations, strings, booleans, numbers (NaN last
    /// among them), then null.
    pub fn order_cmp(&self, other: &Value) -> Ordering {
        use Value::*;
        let rank = |v: &Value| match v {
            Map(_) => 0,
            Node(_) => 1,
            Relationship(_) => 2,
            List(_) => 3,
            Path(_) => 4,
            DateTime(_) => 5,
            LocalDateTime(_) => 6,
            Date(_) => 7,
            Time(_) => 8,
            LocalTime(_) => 9,
            Duration(_) => 10,
            String(_) => 11,
            Bool(_) => 12,
            Int(_) | Float(_) => 13,
            Null => 14,
        };
        match (self, other) {
            (Int(a), Int(b)) => a.cmp(b),
            (Float(a), Float(b)) => cmp_float_total(*a, *b),
            (Int(a), Float(b)) => {
                if b.is_nan() {
                    Ordering::Less
                } else {
                    cmp_int_float(*a, *b).unwrap_or(Ordering::Equal)
                }
            }
            (Float(a), Int(b)) => {
                if a.is_nan() {
                    Ordering::Greater
                } else {
                    cmp_int_float(*b, *a)
                        .map(Ordering::reverse)
                        .unwrap_or(Ordering::Equal)
                }
            }
            (String(a), String(b)) => a.cmp(b),
            (Bool(a), Bool(b)) => a.cmp(b),
            (List(a), List(b)) => {
                for (x, y) in a.iter().zip(b.iter()) {
                    match x.order_cmp(y) {
                        Ordering::Equal => continue,
                        other => return other,
                    }
                }
                a.len().cmp(&b.len())
            }
            (Map(a), Map(b)) => {
                for ((ka, va), (kb, vb)) in a.iter().zip(b.iter()) {
                    match ka.cmp(kb).then_with(|| va.order_cmp(vb)) {
                        Ordering::Equal => continue,
                        other => return other,
                    }
                }
                a.len().cmp(&b.len())
            }
            (Node(a), Node(b)) => a.cmp(b),
            (Relationship(a), Relationship(b)) => a.cmp(b),
            (Path(a), Path(b)) => a.cmp(b),
            (Date(a), Date(b)) => a.cmp(b),
            (LocalTime(a), LocalTime(b)) => a.cmp(b),
            (Time(a), Time(b)) => a.order_cmp(b),
            (LocalDateTime(a), LocalDateTime(b)) => a.cmp(b),
            (DateTime(a), DateTime(b)) => a.order_cmp(b),
            (Duration(a), Duration(b)) => a.order_cmp(b),
            _ => rank(self).cmp(&rank(other)),
        }
    }

    /// Grouping equivalence (`DISTINCT`, grouping keys): like `=`, but
    /// `null` is equivalent to `null` and NaN to NaN.
    pub fn equivalent(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) => true,
            (Float(a), Float(b)) if a.is_nan() && b.is_nan() => true,
            (List(a), List(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.equivalent(y))
            }
            (Map(a), Map(b)) => {
                a.len() == b.len()
                    && a.iter()
                        .zip(b.iter())
                        .all(|((ka, va), (kb, vb))| ka == kb && va.equivalent(vb))
            }
            _ => self.cypher_eq(other) == Some(true),
        }
    }
}

/// Drops a value without recursion: a list nested deeper than the stack
/// allows (built by `reduce`, say) would overflow it when dropped the
/// ordinary way.
pub(crate) fn drop_deep(v: Value) {
    let mut todo = vec![v];
    while let Some(v) = todo.pop() {
        match v {
            Value::List(items) => todo.extend(items),
            Value::Map(m) => todo.extend(m.into_values()),
            _ => {}
        }
    }
}

/// How deep lists and maps nest in a value (a scalar is 0), found
/// without recursion.
pub(crate) fn nesting_depth(v: &Value) -> usize {
    let mut deepest = 0;
    let mut todo = vec![(v, 0usize)];
    while let Some((v, depth)) = todo.pop() {
        deepest = deepest.max(depth);
        match v {
            Value::List(items) => todo.extend(items.iter().map(|i| (i, depth + 1))),
            Value::Map(m) => todo.extend(m.values().map(|i| (i, depth + 1))),
            _ => {}
        }
    }
    deepest
}

/// A map value of `(key, value)` entries, for unit tests.
#[cfg(test)]
pub(crate) fn map_of(entries: &[(&str, Value)]) -> Value {
    Value::Map(
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

fn all_eq<'a>(pairs: impl Iterator<Item = (&'a Value, &'a Value)>) -> Option<bool> {
    let mut saw_null = false;
    for (x, y) in pairs {
        match x.cypher_eq(y) {
            Some(false) => return Some(false),
            None => saw_null = true,
            Some(true) => {}
        }
    }
    if saw_null { None } else { Some(true) }
}

/// Exact comparison of an integer with a float; `None` if the float is NaN.
pub(crate) fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 9.223_372_036_854_776e18 {
        return Some(Ordering::Less);
    }
    if f < -9.223_372_036_854_776e18 {
        return Some(Ordering::Greater);
    }
    let t = f.trunc();
    match i.cmp(&(t as i64)) {
        Ordering::Equal => 0.0f64.partial_cmp(&(f - t)),
        other => Some(other),
    }
}

fn cmp_float_total(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// A value used as a grouping or `DISTINCT` key: `Eq` and `Hash` follow
/// [`Value::equivalent`].
#[derive(Debug, Clone)]
pub(crate) struct GroupKey(pub Value);

impl PartialEq for GroupKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.equivalent(&other.0)
    }
}

impl Eq for GroupKey {}

impl Hash for GroupKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(&self.0, state);
    }
}

impl Value {
    /// Hashes the value as a grouping key: equivalent values (see
    /// [`Value::equivalent`]) hash alike. The same hash as its `GroupKey`'s,
    /// without wrapping a copy.
    pub fn hash_grouping<H: Hasher>(&self, state: &mut H) {
        hash_value(self, state);
    }
}

fn hash_value<H: Hasher>(v: &Value, state: &mut H) {
    match v {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => {
            1u8.hash(state);
            b.hash(state);
        }
        // Numbers that are equal must hash alike, whatever their type.
        Value::Int(i) => {
            2u8.hash(state);
            (*i as f64).to_bits().hash(state);
        }
        Value::Float(f) => {
            2u8.hash(state);
            let f = if f.is_nan() {
                f64::NAN
            } else if *f == 0.0 {
                0.0
            } else {
                *f
            };
            f.to_bits().hash(state);
        }
        Value::String(s) => {
            3u8.hash(state);
            s.hash(state);
        }
        Value::List(items) => {
            4u8.hash(state);
            items.len().hash(state);
            for item in items {
                hash_value(item, state);
            }
        }
        Value::Map(map) => {
            5u8.hash(state);
            for (k, v) in map {
                k.hash(state);
                hash_value(v, state);
            }
        }
        Value::Node(id) => {
            6u8.hash(state);
            id.hash(state);
        }
        Value::Relationship(id) => {
            7u8.hash(state);
            id.hash(state);
        }
        Value::Path(p) => {
            8u8.hash(state);
            p.hash(state);
        }
        Value::Date(d) => {
            9u8.hash(state);
            d.hash(state);
        }
        Value::LocalTime(t) => {
            10u8.hash(state);
            t.hash(state);
        }
        Value::Time(t) => {
            11u8.hash(state);
            t.hash(state);
        }
        Value::LocalDateTime(t) => {
            12u8.hash(state);
            t.hash(state);
        }
        Value::DateTime(t) => {
            13u8.hash(state);
            t.hash(state);
        }
        Value::Duration(d) => {
            14u8.hash(state);
            d.hash(state);
        }
    }
}

/// Writes a float as Cypher does: always with a `.` or an exponent.
pub(crate) fn format_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_string()
    } else if f.is_infinite() {
        if f > 0.0 {
            "Infinity".to_string()
        } else {
            "-Infinity".to_string()
        }
    } else {
        let s = format!("{f:?}");
        if s.contains(['.', 'e', 'E']) {
            s
        } else {
            format!("{s}.0")
        }
    }
}

/// Writes a string as a single-quoted Cypher literal.
pub(crate) fn quote_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Writes a label or relationship type bare when quiver reads it bare
/// (an identifier, `-` allowed between name characters: `invests-in`),
/// else in backticks.
pub(crate) fn quote_label(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

/// Writes a map key bare when it is a plain identifier, else in backticks.
pub fn quote_name(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

/// Cypher literal notation. Entities, which a value holds only by id,
/// print as `#node(7)`; [`crate::write_result`] prints them in full.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => f.write_str(&format_float(*x)),
            Value::String(s) => f.write_str(&quote_string(s)),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Map(map) => {
                f.write_str("{")?;
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}: {v}", quote_name(k))?;
                }
                f.write_str("}")
            }
            Value::Node(id) => write!(f, "#node({id})"),
            Value::Relationship(id) => write!(f, "#relationship({id})"),
            Value::Path(p) => write!(f, "#path({:?}, {:?})", p.nodes, p.rels),
            Value::Date(_)
            | Value::LocalTime(_)
            | Value::Time(_)
            | Value::LocalDateTime(_)
            | Value::DateTime(_)
            | Value::Duration(_) => match self.as_temporal() {
                Some((name, t)) => write!(f, "{name}('{t}')"),
                None => Ok(()),
            },
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::string(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(Arc::from(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: Vec<Value>) -> Value {
        Value::List(items)
    }

    #[test]
    fn equality_is_three_valued() {
        assert_eq!(Value::Int(1).cypher_eq(&Value::Float(1.0)), Some(true));
        assert_eq!(Value::Int(1).cypher_eq(&Value::Null), None);
        assert_eq!(Value::Int(1).cypher_eq(&Value::string("1")), Some(false));
        let a = list(vec![Value::Int(1), Value::Null]);
        assert_eq!(a.cypher_eq(&list(vec![Value::Int(1), Value::Int(2)])), None);
        assert_eq!(
            a.cypher_eq(&list(vec![Value::Int(2), Value::Null])),
            Some(false)
        );
        assert_eq!(a.cypher_eq(&list(vec![Value::Int(1)])), Some(false));
        let nan = Value::Float(f64::NAN);
        assert_eq!(nan.cypher_eq(&nan), Some(false));
    }

    #[test]
    fn comparison_only_between_comparable_types() {
        assert_eq!(
            Value::Int(1).cypher_cmp(&Value::Float(1.5)),
            Some(Ordering::Less)
        );
        assert_eq!(Value::Int(1).cypher_cmp(&Value::string("a")), None);
        assert_eq!(
            Value::string("a").cypher_cmp(&Value::string("b")),
            Some(Ordering::Less)
        );
        assert_eq!(Value::Float(f64::NAN).cypher_cmp(&Value::Int(1)), None);
    }

    #[test]
    fn order_by_puts_types_in_the_tck_order() {
        let mut values = [
            Value::Null,
            Value::Int(2),
            Value::Float(f64::NAN),
            Value::Float(1.5),
            Value::Bool(true),
            Value::string("x"),
            list(vec![]),
            Value::Map(BTreeMap::new()),
        ];
        values.sort_by(Value::order_cmp);
        let printed: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        assert_eq!(
            printed,
            ["{}", "[]", "'x'", "true", "1.5", "2", "NaN", "null"]
        );
    }

    #[test]
    fn grouping_treats_null_and_equal_numbers_as_one() {
        use std::collections::HashSet;
        let keys: HashSet<GroupKey> = [Value::Null, Value::Null, Value::Int(1), Value::Float(1.0)]
            .into_iter()
            .map(GroupKey)
            .collect();
        assert_eq!(keys.len(), 2);
    }

    #[test]
    fn values_stay_small() {
        // Every row slot and every stored property is a Value.
        assert_eq!(std::mem::size_of::<Value>(), 32);
    }

    #[test]
    fn display_is_cypher_literal() {
        let mut map = BTreeMap::new();
        map.insert("k".to_string(), Value::Float(1.0));
        map.insert("a b".to_string(), Value::string("it's"));
        assert_eq!(Value::Map(map).to_string(), "{`a b`: 'it\\'s', k: 1.0}");
        assert_eq!(format_float(1e300), "1e300");
        assert_eq!(format_float(-0.5), "-0.5");
    }
}
