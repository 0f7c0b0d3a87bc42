//! The property index: for node property keys, the nodes holding each
//! scalar value, in the order of Cypher's comparison, so that
//! `{name: 'OpenAI'}` is a lookup and `n.founded >= 2015` or
//! `n.name STARTS WITH 'A'` a walk over a range of values, not a scan.

use super::graph::Graph;
use crate::value::{Date, LocalDateTime, LocalTime, NodeId, Value, cmp_int_float};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::mem::discriminant;
use std::ops::Bound;
use std::sync::{Arc, PoisonError, RwLock};

/// A number as the index holds it: integers and floats in one exact order
/// (Cypher compares them by value, exactly: `1 = 1.0`, `2^53 + 1 > 2.0^53`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Number {
    /// An integer, or a float equal to one (so that equal numbers have
    /// one key).
    Int(i64),
    /// A float no integer equals: never NaN.
    Float(f64),
}

impl Ord for Number {
    fn cmp(&self, other: &Number) -> Ordering {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a.cmp(b),
            // Neither is NaN, nor zero (zeros are `Int(0)`): `total_cmp`
            // agrees with `<` here.
            (Number::Float(a), Number::Float(b)) => a.total_cmp(b),
            (Number::Int(a), Number::Float(b)) => cmp_int_float(*a, *b).unwrap_or(Ordering::Less),
            (Number::Float(a), Number::Int(b)) => cmp_int_float(*b, *a)
                .map(Ordering::reverse)
                .unwrap_or(Ordering::Greater),
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Number) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Number {}

/// A property value as the index sees it: one variant per orderable type,
/// each ordered as Cypher's `<` orders that type, so that a range of one
/// type is a range of keys. Keys of different types are ordered by variant
/// only to keep them apart: Cypher never compares them (`n.x > 5` is null
/// for a string `x`), and no range the index walks crosses a variant.
/// Equal values by Cypher `=` get the same key (`1` and `1.0`). Lists,
/// maps and NaN are not indexed.
///
/// A new type is a new variant whose payload orders as Cypher's `<` does
/// (types `<` does not order, like durations, have a variant too, for
/// equality: range seeks ask [`IndexKey::orderable`] first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum IndexKey {
    /// A boolean (`false < true`).
    Bool(bool),
    /// A number.
    Num(Number),
    /// A string, by code point (the byte order of UTF-8).
    Str(Arc<str>),
    /// A date.
    Date(Date),
    /// A time of day without an offset.
    LocalTime(LocalTime),
    /// A time with an offset, by its instant (nanoseconds from midnight
    /// UTC), as `<` compares times: `12:00+01:00` and `11:00Z` share a key
    /// though `=` tells them apart (see [`IndexKey::exact`]).
    Time(i64),
    /// A date and time without a zone.
    LocalDateTime(LocalDateTime),
    /// A date and time in a zone, by its instant (nanoseconds from the
    /// epoch), as `<` compares them (like `Time`, not exact).
    DateTime(i128),
    /// A duration, for equality only (`<` does not compare durations):
    /// months, days, seconds, nanoseconds.
    Duration([i64; 4]),
}

impl IndexKey {
    /// The key of a value, or `None` when the value is not indexed.
    pub(crate) fn of(value: &Value) -> Option<IndexKey> {
        match value {
            Value::Bool(b) => Some(IndexKey::Bool(*b)),
            Value::Int(i) => Some(IndexKey::Num(Number::Int(*i))),
            Value::Float(f) if f.is_nan() => None,
            Value::Float(f) => Some(IndexKey::Num(
                // Every float in [-2^63, 2^63) with no fraction is an i64.
                if f.fract() == 0.0
                    && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(f)
                {
                    Number::Int(*f as i64)
                } else {
                    Number::Float(*f)
                },
            )),
            Value::String(s) => Some(IndexKey::Str(s.clone())),
            Value::Date(d) => Some(IndexKey::Date(*d)),
            Value::LocalTime(t) => Some(IndexKey::LocalTime(*t)),
            Value::Time(t) => {
                let c = t.civil();
                let of_day = (i64::from(c.hour()) * 3600
                    + i64::from(c.minute()) * 60
                    + i64::from(c.second()))
                    * 1_000_000_000
                    + i64::from(c.subsec_nanosecond());
                Some(IndexKey::Time(
                    of_day - i64::from(t.offset().seconds()) * 1_000_000_000,
                ))
            }
            Value::LocalDateTime(t) => Some(IndexKey::LocalDateTime(*t)),
            Value::DateTime(t) => Some(IndexKey::DateTime(t.instant().as_nanosecond())),
            Value::Duration(d) => Some(IndexKey::Duration([
                d.months(),
                d.days(),
                d.seconds(),
                i64::from(d.nanos()),
            ])),
            _ => None,
        }
    }

    /// Whether values with this key are all equal by `=`; not for times
    /// and date-times, whose key is their instant (the same instant at two
    /// offsets is one key, two values).
    pub(crate) fn exact(&self) -> bool {
        !matches!(self, IndexKey::Time(_) | IndexKey::DateTime(_))
    }

    /// Whether Cypher orders values of this key's type with `<` (every
    /// type the index holds but durations).
    pub(crate) fn orderable(&self) -> bool {
        !matches!(self, IndexKey::Duration(_))
    }

    /// Whether two keys are of one type (numbers are one type).
    fn same_type(&self, other: &IndexKey) -> bool {
        discriminant(self) == discriminant(other)
    }
}

/// The bounds of a range seek: at least one is set, and those set are keys
/// of one orderable type.
pub(crate) type Range = (Bound<IndexKey>, Bound<IndexKey>);

/// The nodes holding one value: most values (ids, names) are held by one
/// node, which needs no set of its own (and a boxed set keeps the entry
/// for one node at 16 bytes).
#[derive(Debug)]
#[allow(clippy::box_collection)] // The box is the point: one word, not three.
enum Holders {
    One(NodeId),
    Many(Box<BTreeSet<NodeId>>),
}

impl Holders {
    fn insert(&mut self, node: NodeId) {
        match self {
            Holders::One(n) if *n == node => {}
            Holders::One(n) => *self = Holders::Many(Box::new(BTreeSet::from([*n, node]))),
            Holders::Many(set) => {
                set.insert(node);
            }
        }
    }

    /// Forgets `node`; whether none is left. (A set is never left with
    /// fewer than two: at one it becomes `One`.)
    fn remove(&mut self, node: NodeId) -> bool {
        match self {
            Holders::One(n) => *n == node,
            Holders::Many(set) => {
                set.remove(&node);
                if set.len() == 1
                    && let Some(&only) = set.first()
                {
                    *self = Holders::One(only);
                }
                false
            }
        }
    }

    /// The nodes, in id order.
    fn ids(&self) -> Vec<NodeId> {
        match self {
            Holders::One(n) => vec![*n],
            Holders::Many(set) => set.iter().copied().collect(),
        }
    }

    /// Adds the nodes to `out`.
    fn add_to(&self, out: &mut Vec<NodeId>) {
        match self {
            Holders::One(n) => out.push(*n),
            Holders::Many(set) => out.extend(set.iter().copied()),
        }
    }
}

/// One key's values, in order, and the nodes holding each.
type Values = BTreeMap<IndexKey, Holders>;

/// Records that `node` holds `k`.
fn hold(values: &mut Values, k: IndexKey, node: NodeId) {
    match values.get_mut(&k) {
        Some(h) => h.insert(node),
        None => {
            values.insert(k, Holders::One(node));
        }
    }
}

/// key → value → nodes, for the keys asked about so far: a key's part is
/// built from the graph the first time a lookup needs it (opening a
/// database builds none), and kept up to date from then on.
#[derive(Debug, Default)]
pub(crate) struct PropertyIndex {
    by_key: RwLock<HashMap<String, Values>>,
}

impl PropertyIndex {
    fn built(&mut self) -> &mut HashMap<String, Values> {
        self.by_key
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Records that `node` has `key: value` (if the key's part is built).
    pub(crate) fn insert(&mut self, key: &str, value: &Value, node: NodeId) {
        // Most keys have no index: look that up before making a key.
        if let Some(values) = self.built().get_mut(key)
            && let Some(k) = IndexKey::of(value)
        {
            hold(values, k, node);
        }
    }

    /// Forgets that `node` has `key: value`.
    pub(crate) fn remove(&mut self, key: &str, value: &Value, node: NodeId) {
        if let Some(k) = IndexKey::of(value)
            && let Some(values) = self.built().get_mut(key)
            && let Some(holders) = values.get_mut(&k)
            && holders.remove(node)
        {
            values.remove(&k);
        }
    }

    /// Runs `f` on the part for `key`, building it first from `holders`
    /// (every live node with its value for the key) if need be.
    fn with_key<R>(
        &self,
        key: &str,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
        f: impl FnOnce(&Values) -> R,
    ) -> R {
        if let Some(values) = self
            .by_key
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
        {
            return f(values);
        }
        let mut values = Values::new();
        holders(&mut |node, value| {
            if let Some(k) = IndexKey::of(value) {
                hold(&mut values, k, node);
            }
        });
        let mut built = self.by_key.write().unwrap_or_else(PoisonError::into_inner);
        f(built.entry(key.to_string()).or_insert(values))
    }

    /// The distinct string values indexed under `key`.
    pub(crate) fn string_values(
        &self,
        key: &str,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
    ) -> Vec<Arc<str>> {
        self.with_key(key, holders, |values| {
            values
                .keys()
                .filter_map(|k| match k {
                    IndexKey::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect()
        })
    }

    /// The nodes with `key` equal to the value of `k`, in id order.
    pub(crate) fn lookup(
        &self,
        key: &str,
        k: &IndexKey,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
    ) -> Vec<NodeId> {
        self.with_key(key, holders, |values| {
            values.get(k).map(Holders::ids).unwrap_or_default()
        })
    }

    /// The nodes with `key` within `range` (of one orderable type), in id
    /// order; `None` when there are more than `cap`.
    pub(crate) fn range(
        &self,
        key: &str,
        range: &Range,
        cap: usize,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
    ) -> Option<Vec<NodeId>> {
        self.with_key(key, holders, |values| in_range(values, range, cap))
    }

    /// The nodes with a string under `key` that starts with `prefix`, in id
    /// order; `None` when there are more than `cap`.
    pub(crate) fn prefixed(
        &self,
        key: &str,
        prefix: &str,
        cap: usize,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
    ) -> Option<Vec<NodeId>> {
        self.with_key(key, holders, |values| {
            let from = IndexKey::Str(Arc::from(prefix));
            ids_of(
                values
                    .range((Bound::Included(from), Bound::Unbounded))
                    .take_while(|(k, _)| matches!(k, IndexKey::Str(s) if s.starts_with(prefix))),
                cap,
            )
        })
    }
}

/// Range seeks, on the graph: the index holds no Cypher, the graph says
/// which bounds it can answer.
impl Graph {
    /// The live nodes whose property `key` lies within the bounds by
    /// Cypher's `<` and `<=`, in id order (a seek of the property index);
    /// `None` when the index cannot answer (no bound, or a bound of a type
    /// it does not hold, like a list) or finds more than `cap` nodes, and
    /// the caller must scan.
    pub(crate) fn nodes_in_range(
        &self,
        key: &str,
        lower: Bound<&Value>,
        upper: Bound<&Value>,
        cap: usize,
    ) -> Option<Vec<NodeId>> {
        let mut keys = [None, None];
        for (slot, b) in keys.iter_mut().zip([lower, upper]) {
            let (Bound::Included(v) | Bound::Excluded(v)) = b else {
                continue;
            };
            // `x < null` and `x < NaN` are never true.
            if v.is_null() || matches!(v, Value::Float(f) if f.is_nan()) {
                return Some(Vec::new());
            }
            let k = IndexKey::of(v)?;
            if !k.orderable() {
                return Some(Vec::new());
            }
            *slot = Some(b.map(|_| k));
        }
        let [lo, hi] = keys;
        let range = match (lo, hi) {
            (None, None) => return None,
            (lo, hi) => (
                lo.unwrap_or(Bound::Unbounded),
                hi.unwrap_or(Bound::Unbounded),
            ),
        };
        if let Some(f) = &self.frozen {
            return f.range(self, key, &range, cap);
        }
        self.index
            .range(key, &range, cap, |f| self.property_holders(key, f))
    }

    /// The live nodes whose property `key` is a string starting with
    /// `prefix`, in id order (a seek of the property index); `None` when
    /// there are more than `cap`, and the caller must scan.
    pub(crate) fn nodes_with_prefix(
        &self,
        key: &str,
        prefix: &str,
        cap: usize,
    ) -> Option<Vec<NodeId>> {
        if let Some(f) = &self.frozen {
            return f.prefixed(self, key, prefix, cap);
        }
        self.index
            .prefixed(key, prefix, cap, |f| self.property_holders(key, f))
    }
}

/// The nodes of some entries, in id order.
fn ids_of<'a>(
    entries: impl Iterator<Item = (&'a IndexKey, &'a Holders)>,
    cap: usize,
) -> Option<Vec<NodeId>> {
    let mut out = Vec::new();
    for (_, h) in entries {
        h.add_to(&mut out);
        if out.len() > cap {
            return None;
        }
    }
    // A node holds one value for the key: no id comes twice.
    out.sort_unstable();
    Some(out)
}

/// The nodes whose value lies in `range`, walking only keys of the bounds'
/// type (an open end stops where the type's keys stop).
/// `None` when there are more than `cap`.
fn in_range(values: &Values, range: &Range, cap: usize) -> Option<Vec<NodeId>> {
    use Bound::{Excluded, Included, Unbounded};
    let key = |b: &Bound<IndexKey>| match b {
        Included(k) | Excluded(k) => Some(k.clone()),
        Unbounded => None,
    };
    match (key(&range.0), key(&range.1)) {
        (Some(lo), Some(hi)) => {
            // `BTreeMap::range` panics on an empty range: answer it first.
            let empty = !lo.same_type(&hi)
                || match lo.cmp(&hi) {
                    Ordering::Greater => true,
                    Ordering::Equal => !matches!((&range.0, &range.1), (Included(_), Included(_))),
                    Ordering::Less => false,
                };
            if empty {
                return Some(Vec::new());
            }
            ids_of(values.range(range.clone()), cap)
        }
        (Some(lo), None) => ids_of(
            values
                .range((range.0.clone(), Unbounded))
                .take_while(|(k, _)| k.same_type(&lo)),
            cap,
        ),
        (None, Some(hi)) => ids_of(
            values
                .range((Unbounded, range.1.clone()))
                .rev()
                .take_while(|(k, _)| k.same_type(&hi)),
            cap,
        ),
        (None, None) => Some(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holders_of_a_value_come_and_go() {
        let mut values = Values::new();
        let k = || IndexKey::Num(Number::Int(1));
        hold(&mut values, k(), 5);
        hold(&mut values, k(), 5);
        assert_eq!(values[&k()].ids(), [5]);
        hold(&mut values, k(), 2);
        hold(&mut values, k(), 9);
        assert_eq!(values[&k()].ids(), [2, 5, 9]);
        let gone = |values: &mut Values, n| values.get_mut(&k()).is_some_and(|h| h.remove(n));
        assert!(!gone(&mut values, 5));
        assert!(!gone(&mut values, 7));
        assert!(!gone(&mut values, 2));
        assert!(matches!(values[&k()], Holders::One(9)));
        assert!(!gone(&mut values, 3));
        assert!(gone(&mut values, 9));
    }

    fn key(v: Value) -> IndexKey {
        IndexKey::of(&v).expect("indexed")
    }

    /// Numbers order exactly, integers and floats together, and numbers
    /// equal by `=` share a key.
    #[test]
    fn numbers_order_as_cypher_compares_them() {
        let big = 1i64 << 53;
        assert_eq!(key(Value::Float(1.0)), key(Value::Int(1)));
        assert_eq!(key(Value::Float(-0.0)), key(Value::Int(0)));
        assert_eq!(key(Value::Float(2f64.powi(60))), key(Value::Int(1 << 60)));
        assert!(key(Value::Int(big + 1)) > key(Value::Float(big as f64)));
        assert!(key(Value::Float(1.5)) > key(Value::Int(1)));
        assert!(key(Value::Float(1.5)) < key(Value::Int(2)));
        assert!(key(Value::Float(f64::INFINITY)) > key(Value::Int(i64::MAX)));
        assert!(key(Value::Float(9.3e18)) > key(Value::Int(i64::MAX)));
        assert!(key(Value::Float(f64::NEG_INFINITY)) < key(Value::Int(i64::MIN)));
        assert_eq!(IndexKey::of(&Value::Float(f64::NAN)), None);
    }

    /// A range walks the keys of its bounds' type only, and an empty or
    /// reversed range is empty (not a panic).
    #[test]
    fn ranges_stay_within_one_type() {
        let mut values = Values::new();
        let held = [
            Value::Bool(true),
            Value::Int(1),
            Value::Float(2.5),
            Value::Int(3),
            Value::String("a".into()),
            Value::String("ab".into()),
            Value::String("b".into()),
        ];
        for (n, v) in held.iter().enumerate() {
            hold(&mut values, key(v.clone()), n as NodeId);
        }
        let ids = |lo: Bound<Value>, hi: Bound<Value>| {
            in_range(&values, &(lo.map(key), hi.map(key)), usize::MAX).unwrap()
        };
        use Bound::{Excluded, Included, Unbounded};
        assert_eq!(ids(Included(Value::Int(2)), Unbounded), [2, 3]);
        assert_eq!(ids(Unbounded, Excluded(Value::Int(3))), [1, 2]);
        assert_eq!(ids(Unbounded, Included(Value::String("ab".into()))), [4, 5]);
        assert_eq!(ids(Excluded(Value::Bool(false)), Unbounded), [0]);
        assert_eq!(
            ids(Included(Value::Int(3)), Excluded(Value::Int(3))),
            Vec::<NodeId>::new()
        );
        assert_eq!(
            ids(Included(Value::Int(3)), Included(Value::Int(1))),
            Vec::<NodeId>::new()
        );
        assert_eq!(ids(Included(Value::Int(3)), Included(Value::Int(3))), [3]);
        assert_eq!(
            ids(Included(Value::Int(1)), Included(Value::String("b".into()))),
            Vec::<NodeId>::new()
        );
        let ix = PropertyIndex::default();
        let feed = |f: &mut dyn FnMut(NodeId, &Value)| {
            for (n, v) in held.iter().enumerate() {
                f(n as NodeId, v);
            }
        };
        assert_eq!(ix.prefixed("k", "a", usize::MAX, feed), Some(vec![4, 5]));
        // More than the cap: the caller scans instead.
        assert_eq!(ix.prefixed("k", "a", 1, feed), None);
        let all = (Bound::Included(key(Value::Int(0))), Bound::Unbounded);
        assert_eq!(in_range(&values, &all, 2), None);
        assert_eq!(in_range(&values, &all, 3), Some(vec![1, 2, 3]));
    }
}
