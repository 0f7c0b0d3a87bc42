//! Columnar copies of node properties, for scans that test one property of
//! many nodes: per key, every node's value in flat arrays indexed by node
//! id, instead of one small heap map per node (two cache misses a read).
//!
//! A key gets a column only when scans ask for it often enough to pay for
//! building it (see [`ColumnSlot::column`]); most keys never get one. Like
//! the [`ReadIndex`](super::ReadIndex), columns are built from the committed
//! graph, thrown away when the graph changes, and not used at all while a
//! statement or transaction has uncommitted changes, so what they say is
//! always the current truth.
//!
//! Memory: 9 bytes per node id (a tag and an 8-byte payload) plus the bytes
//! of the key's string values.

use super::graph::Graph;
use super::mapped::Arr;
use crate::value::{NodeId, Value};
use fixedbitset::FixedBitSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// Below this many nodes and relationships a graph is read directly.
pub(super) const WORTH_IT: usize = 10_000;

/// What kind of value an entity has for the key (a column's tag byte).
mod tag {
    pub(super) const MISSING: u8 = 0;
    pub(super) const BOOL: u8 = 1;
    pub(super) const INT: u8 = 2;
    pub(super) const FLOAT: u8 = 3;
    pub(super) const STR: u8 = 4;
    /// Any other value, or a byte no version wrote (read from the entity).
    pub(super) const OTHER: u8 = 5;
}

/// One node's value for a column's key, borrowed from the column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    /// The node has no such property (or there is no such node).
    Missing,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(&'a str),
    /// Any other value (a list): read it from the node.
    Other,
}

impl Cell<'_> {
    /// The value it holds (null when missing); `None` for one to read
    /// from the entity.
    pub(crate) fn value(self) -> Option<Value> {
        match self {
            Cell::Missing => Some(Value::Null),
            Cell::Bool(b) => Some(Value::Bool(b)),
            Cell::Int(n) => Some(Value::Int(n)),
            Cell::Float(f) => Some(Value::Float(f)),
            Cell::Str(text) => Some(Value::from(text)),
            Cell::Other => None,
        }
    }
}

/// One key's values for every node id (or relationship id): held in
/// memory when built from the graph, or read in place from the snapshot
/// that a checkpoint wrote them to (see [`super::snapshot`]).
#[derive(Debug, Default)]
pub(crate) struct Column {
    /// One more than the highest id of the entities it covers.
    pub(super) bound: u64,
    /// The first id the arrays hold: ids below it, and from `base` plus
    /// their length to `bound`, have no value.
    pub(super) base: u64,
    /// Per id from `base`, what kind of value it has (see [`tag`]).
    pub(super) tags: Arr<u8>,
    /// Per id from `base`: the boolean, the integer, the float's bits,
    /// or a string's offset (high half) and length (low half) in `text`.
    pub(super) payload: Arr<u64>,
    /// The string values, one after another (UTF-8).
    pub(super) text: Arr<u8>,
    /// Whether no two entities hold equal values (see [`Column::distinct`]).
    pub(super) distinct: OnceLock<bool>,
}

/// Makes a column from values given in ascending id order.
#[derive(Debug, Default)]
pub(super) struct ColumnBuilder {
    base: Option<u64>,
    tags: Vec<u8>,
    payload: Vec<u64>,
    text: Vec<u8>,
    /// How many ids hold a value.
    pub(super) held: u64,
}

impl ColumnBuilder {
    /// Adds entity `id`'s value (ids ascend from one call to the next).
    pub(super) fn push(&mut self, id: u64, v: &Value) {
        let base = *self.base.get_or_insert(id);
        let Some(at) = id
            .checked_sub(base)
            .and_then(|at| usize::try_from(at).ok())
            .filter(|at| *at >= self.tags.len())
        else {
            return;
        };
        self.tags.resize(at, tag::MISSING);
        self.payload.resize(at, 0);
        let (t, p) = match v {
            Value::Bool(b) => (tag::BOOL, u64::from(*b)),
            Value::Int(i) => (tag::INT, *i as u64),
            Value::Float(f) => (tag::FLOAT, f.to_bits()),
            Value::String(s) => match (
                u32::try_from(self.text.len()),
                u32::try_from(self.text.len() + s.len()),
            ) {
                (Ok(at), Ok(_)) => {
                    self.text.extend_from_slice(s.as_bytes());
                    (tag::STR, (u64::from(at) << 32) | s.len() as u64)
                }
                // Past 4 GiB of text: read the rest from the entities.
                _ => (tag::OTHER, 0),
            },
            _ => (tag::OTHER, 0),
        };
        self.tags.push(t);
        self.payload.push(p);
        self.held += 1;
    }

    /// How many ids its arrays span.
    pub(super) fn span(&self) -> u64 {
        self.tags.len() as u64
    }

    /// How many ids its arrays would span with `id` added.
    pub(super) fn span_with(&self, id: u64) -> u64 {
        self.base.map_or(1, |base| id.saturating_sub(base) + 1)
    }

    /// The column, covering ids below `bound`.
    pub(super) fn finish(mut self, bound: u64) -> Column {
        self.text.shrink_to_fit();
        Column {
            bound,
            base: self.base.unwrap_or(0),
            tags: Arr::Owned(self.tags),
            payload: Arr::Owned(self.payload),
            text: Arr::Owned(self.text),
            distinct: OnceLock::new(),
        }
    }
}

impl Column {
    /// The column of `key` over `graph`'s nodes, or its relationships.
    fn build(graph: &Graph, key: &str, rels: bool) -> Column {
        let ids: Vec<u64> = if rels {
            graph.rel_ids()
        } else {
            graph.node_ids()
        };
        let bound = ids.last().map_or(0, |m| *m + 1);
        let mut c = ColumnBuilder::default();
        if let Some(key) = graph.name_id(key) {
            for id in ids {
                let v = if rels {
                    graph.rel_properties(id).and_then(|p| p.get_id(key))
                } else {
                    graph.node_props_of(id).get_id(key)
                };
                if let Some(v) = v {
                    c.push(id, &v);
                }
            }
        }
        c.finish(bound)
    }

    /// The value of node (or relationship) `id`.
    #[inline]
    pub(crate) fn cell(&self, id: NodeId) -> Cell<'_> {
        let Some(i) = id
            .checked_sub(self.base)
            .and_then(|i| usize::try_from(i).ok())
        else {
            return Cell::Missing;
        };
        let (Some(&t), Some(&p)) = (self.tags.get(i), self.payload.get(i)) else {
            return Cell::Missing;
        };
        match t {
            tag::MISSING => Cell::Missing,
            tag::BOOL => Cell::Bool(p != 0),
            tag::INT => Cell::Int(p as i64),
            tag::FLOAT => Cell::Float(f64::from_bits(p)),
            tag::STR => {
                let at = (p >> 32) as usize;
                let len = (p & u64::from(u32::MAX)) as usize;
                self.text
                    .get(at..at + len)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .map_or(Cell::Other, Cell::Str)
            }
            _ => Cell::Other,
        }
    }

    /// Whether no two entities hold equal values: every value is an
    /// integer, or every value a string, and no two are the same (entities
    /// without the key do not count). Then a value names its entity, and a
    /// grouping by it may group by entity instead (see `exec::aggregate`).
    /// Found at the first call: in one pass when the values ascend with the
    /// ids (as imported keys do), else by sorting them.
    pub(crate) fn distinct(&self) -> bool {
        *self.distinct.get_or_init(|| self.find_distinct())
    }

    fn find_distinct(&self) -> bool {
        let mut tags = self.tags.iter().filter(|t| **t != tag::MISSING);
        let Some(&kind) = tags.next() else {
            return true;
        };
        if tags.any(|t| *t != kind) {
            return false;
        }
        let cells = self.held().map(|id| self.cell(id));
        match kind {
            tag::INT => all_different(
                cells
                    .filter_map(|c| if let Cell::Int(n) = c { Some(n) } else { None })
                    .collect(),
            ),
            tag::STR => all_different(
                cells
                    .filter_map(|c| if let Cell::Str(s) = c { Some(s) } else { None })
                    .collect(),
            ),
            _ => false,
        }
    }

    /// The ids its arrays hold: every other id has no value.
    pub(crate) fn held(&self) -> std::ops::Range<NodeId> {
        self.base..self.base + self.tags.len() as u64
    }

    /// One more than the highest node id it covers.
    pub(crate) fn len(&self) -> usize {
        usize::try_from(self.bound).unwrap_or(usize::MAX)
    }

    /// The bytes this column holds.
    #[cfg(test)]
    pub fn memory(&self) -> usize {
        self.tags.len() + self.payload.len() * 8 + self.text.len()
    }
}

/// Whether no two of `values` are equal.
fn all_different<T: Ord>(mut values: Vec<T>) -> bool {
    if values.windows(2).all(|w| w[0] < w[1]) {
        return true;
    }
    values.sort_unstable();
    values.windows(2).all(|w| w[0] != w[1])
}

/// One key's column once it is built, and how often it was asked for
/// before.
#[derive(Debug)]
pub(crate) struct ColumnSlot {
    key: Arc<str>,
    /// Reads of this key by scans while there was no column.
    demand: AtomicUsize,
    column: OnceLock<Column>,
    /// Tests of this key evaluated node by node since it was made.
    tested: AtomicUsize,
    /// The nodes passing tests asked often (see [`ColumnSlot::bitmap`]).
    bitmaps: Mutex<Vec<(BitmapKey, Arc<FixedBitSet>)>>,
    /// A column of relationship properties (by relationship id), not of
    /// node properties.
    rels: bool,
}

/// What a test bitmap answers: the kind of test and its value.
pub(crate) type BitmapKey = (u8, crate::value::GroupKey);

/// Test bitmaps kept per key (the oldest goes first).
const BITMAPS: usize = 8;

impl ColumnSlot {
    fn new(key: Arc<str>, rels: bool) -> ColumnSlot {
        ColumnSlot {
            key,
            demand: AtomicUsize::new(0),
            column: OnceLock::new(),
            tested: AtomicUsize::new(0),
            bitmaps: Mutex::new(Vec::new()),
            rels,
        }
    }

    /// The key.
    pub(crate) fn key(&self) -> &str {
        &self.key
    }

    /// Whether it holds relationship properties (else node properties).
    pub(crate) fn of_rels(&self) -> bool {
        self.rels
    }

    /// How many entities of its kind the graph has, which the demand for
    /// a column or bitmap is weighed against. For relationships, a quarter
    /// of them: hops test the relationships of one type, a fraction of all,
    /// each read from its block (a few cache misses), where the column and
    /// the bitmap are built in one pass in order.
    fn entities(&self, graph: &Graph) -> usize {
        if self.rels {
            graph.rel_count() / 4
        } else {
            graph.node_count()
        }
    }

    /// Whether the column has been built.
    #[cfg(test)]
    pub fn is_built(&self) -> bool {
        self.column.get().is_some()
    }

    /// The column, when it may be used (`graph` has no uncommitted changes
    /// and is big enough) and is worth having: built at the first call
    /// after scans have read the key of a quarter of the nodes without it
    /// (so building, which reads every node once, costs at most a few
    /// times what was already spent). A `None` counts as one such read.
    ///
    /// `graph` must be the graph that gave out this slot.
    #[inline]
    pub(crate) fn column(&self, graph: &Graph) -> Option<&Column> {
        if !graph.columns_usable() {
            return None;
        }
        if let Some(c) = self.column.get() {
            return Some(c);
        }
        let asked = self.demand.fetch_add(1, Ordering::Relaxed) + 1;
        if asked < self.entities(graph) / 4 {
            return None;
        }
        Some(
            self.column
                .get_or_init(|| Column::build(graph, &self.key, self.rels)),
        )
    }
}

impl ColumnSlot {
    /// Records `n` tests of the key evaluated node by node.
    pub(crate) fn note_tests(&self, n: usize) {
        if n > 0 {
            self.tested.fetch_add(n, Ordering::Relaxed);
        }
    }

    /// How many test bitmaps are kept.
    #[cfg(test)]
    pub fn bitmaps(&self) -> usize {
        self.bitmaps
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// The bitmap of the node ids passing the test `key`, when the column
    /// is in use and the key's tests have been evaluated, node by node, for
    /// an eighth as many ids as the column's arrays hold (the ids `build`
    /// tests: the others have no value) since the column was made: a test
    /// in whatever order a traversal meets the nodes is a cache miss,
    /// several times what a cell costs `build` (one pass over the column,
    /// in order), so the pass soon costs less than going on testing (on
    /// synthetic-L, `works_at` hops tested `since` cell by cell for two
    /// whole runs of Q21 at a half).
    pub(crate) fn bitmap(
        &self,
        graph: &Graph,
        key: BitmapKey,
        build: impl FnOnce(&Column) -> FixedBitSet,
    ) -> Option<Arc<FixedBitSet>> {
        let column = self.column.get().filter(|_| graph.columns_usable())?;
        let mut bitmaps = self
            .bitmaps
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, bits)) = bitmaps.iter().find(|(k, _)| *k == key) {
            return Some(bits.clone());
        }
        if self.tested.load(Ordering::Relaxed) < column.tags.len() / 8 {
            return None;
        }
        let bits = Arc::new(build(column));
        if bitmaps.len() == BITMAPS {
            bitmaps.remove(0);
        }
        bitmaps.push((key, bits.clone()));
        Some(bits)
    }
}

/// The columns built so far, by key.
#[derive(Debug, Default)]
pub(crate) struct Columns {
    slots: RwLock<foldhash::HashMap<Arc<str>, Arc<ColumnSlot>>>,
    /// The columns of relationship properties.
    rel_slots: RwLock<foldhash::HashMap<Arc<str>, Arc<ColumnSlot>>>,
}

impl Columns {
    /// Gives `key` its column, made already (read from a snapshot).
    pub(super) fn preset(&mut self, key: Arc<str>, rels: bool, column: Column) {
        let slots = if rels {
            &mut self.rel_slots
        } else {
            &mut self.slots
        };
        let slot = ColumnSlot {
            column: OnceLock::from(column),
            ..ColumnSlot::new(key.clone(), rels)
        };
        slots
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(key, Arc::new(slot));
    }

    /// Forgets every column (the graph changed).
    pub(super) fn clear(&mut self) {
        for slots in [&mut self.slots, &mut self.rel_slots] {
            slots
                .get_mut()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clear();
        }
    }
}

impl Graph {
    /// Whether columns may be used now: the graph has no uncommitted
    /// changes and is big enough to gain from them.
    #[inline]
    pub(crate) fn columns_usable(&self) -> bool {
        !self.has_uncommitted_changes() && self.node_count() + self.rel_count() >= WORTH_IT
    }

    /// The slot of the node property `key`'s column; the column in it is
    /// built when scans use the key enough (see [`ColumnSlot::column`]).
    pub(crate) fn node_column(&self, key: &str) -> Arc<ColumnSlot> {
        self.column_slot(key, false)
    }

    /// The slot of the relationship property `key`'s column (by
    /// relationship id), built when hops test the key enough.
    pub(crate) fn rel_column(&self, key: &str) -> Arc<ColumnSlot> {
        self.column_slot(key, true)
    }

    fn column_slot(&self, key: &str, rels: bool) -> Arc<ColumnSlot> {
        let slots = if rels {
            &self.columns.rel_slots
        } else {
            &self.columns.slots
        };
        let read = slots
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(slot) = read.get(key) {
            return slot.clone();
        }
        drop(read);
        let mut write = slots
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        write
            .entry(Arc::from(key))
            .or_insert_with(|| Arc::new(ColumnSlot::new(Arc::from(key), rels)))
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Properties;

    fn graph(values: &[Option<Value>]) -> Graph {
        let mut g = Graph::new();
        for v in values {
            let mut p = Properties::new();
            if let Some(v) = v {
                p.insert("k".into(), v.clone());
            }
            g.create_node(&[] as &[&str], p);
        }
        // Pad to the size where columns are used.
        while g.node_count() < WORTH_IT {
            g.create_node(&[] as &[&str], Properties::new());
        }
        g.commit();
        g
    }

    fn cell_value(c: Cell<'_>) -> Option<Value> {
        match c {
            Cell::Missing => None,
            Cell::Bool(b) => Some(Value::Bool(b)),
            Cell::Int(i) => Some(Value::Int(i)),
            Cell::Float(f) => Some(Value::Float(f)),
            Cell::Str(s) => Some(Value::from(s)),
            Cell::Other => Some(Value::List(vec![])),
        }
    }

    #[test]
    fn a_column_holds_every_kind_of_value() {
        let values = [
            Some(Value::Int(-7)),
            None,
            Some(Value::Float(2.5)),
            Some(Value::from("")),
            Some(Value::from("héllo")),
            Some(Value::Bool(true)),
            Some(Value::Bool(false)),
            Some(Value::Int(i64::MIN)),
            Some(Value::Float(f64::NAN)),
            Some(Value::List(vec![Value::Int(1)])),
        ];
        let g = graph(&values);
        let c = Column::build(&g, "k", false);
        for (id, v) in values.iter().enumerate() {
            let got = cell_value(c.cell(id as NodeId));
            match (v, &got) {
                (Some(Value::Float(a)), Some(Value::Float(b))) if a.is_nan() => {
                    assert!(b.is_nan())
                }
                (Some(Value::List(_)), _) => assert_eq!(c.cell(id as NodeId), Cell::Other),
                _ => assert_eq!(&got, v, "node {id}"),
            }
            assert_eq!(g.node_property(id as NodeId, "k").is_some(), got.is_some());
        }
        assert_eq!(c.cell(1 << 40), Cell::Missing);
        // Arrays span the holders only; the column covers every node.
        assert_eq!((c.memory(), c.len()), (10 + 10 * 8 + 6, WORTH_IT));
    }

    #[test]
    fn a_column_knows_whether_its_values_are_distinct() {
        let distinct = |values: &[Option<Value>]| {
            let c = Column::build(&graph(values), "k", false);
            c.distinct()
        };
        let (int, text) = (|n| Some(Value::Int(n)), |s| Some(Value::from(s)));
        assert!(distinct(&[int(3), None, int(1), int(2)]));
        assert!(distinct(&[int(1), int(2), None, int(5)]));
        assert!(!distinct(&[int(3), None, int(1), int(3)]));
        assert!(distinct(&[text("b"), text("a"), None, text("")]));
        assert!(!distinct(&[text("b"), text("a"), text("b")]));
        // Mixed kinds, floats, booleans, lists: not known to be distinct.
        assert!(!distinct(&[int(1), Some(Value::Float(2.0))]));
        assert!(!distinct(&[int(1), text("1")]));
        assert!(!distinct(&[Some(Value::Float(1.0))]));
        assert!(!distinct(&[Some(Value::Bool(true))]));
        assert!(!distinct(&[Some(Value::List(vec![]))]));
        assert!(distinct(&[None]));
    }

    #[test]
    fn columns_are_built_on_demand_and_dropped_on_change() {
        let mut g = graph(&[Some(Value::Int(1))]);
        let slot = g.node_column("k");
        // Not built until scans have read a quarter of the nodes.
        for _ in 1..WORTH_IT / 4 {
            assert!(slot.column(&g).is_none());
        }
        assert_eq!(slot.column(&g).map(|c| c.cell(0)), Some(Cell::Int(1)));
        assert!(Arc::ptr_eq(&slot, &g.node_column("k")));
        // An uncommitted change: not used.
        g.set_node_property(0, "k", Some(Value::Int(2)));
        assert!(!g.columns_usable());
        assert!(slot.column(&g).is_none());
        // Committed: a new, empty slot.
        g.commit();
        let fresh = g.node_column("k");
        assert!(!Arc::ptr_eq(&slot, &fresh));
        assert!(fresh.column.get().is_none());
        // Rolled back: also a new slot.
        fresh.demand.store(WORTH_IT, Ordering::Relaxed);
        assert_eq!(fresh.column(&g).map(|c| c.cell(0)), Some(Cell::Int(2)));
        let sp = g.savepoint();
        g.set_node_property(0, "k", None);
        g.rollback_to(sp);
        assert!(!Arc::ptr_eq(&fresh, &g.node_column("k")));
    }

    #[test]
    fn relationship_columns_are_by_relationship_id() {
        let mut g = graph(&[]);
        let (a, b) = (0, 1);
        let mut p = Properties::new();
        p.insert("k".into(), Value::Int(5));
        g.create_rel("T", a, b, Properties::new());
        let r = g.create_rel("T", b, a, p);
        g.commit();
        let slot = g.rel_column("k");
        assert!(slot.of_rels() && !Arc::ptr_eq(&slot, &g.node_column("k")));
        slot.demand.store(WORTH_IT, Ordering::Relaxed);
        let column = slot.column(&g).map(|c| (c.cell(r), c.cell(r - 1), c.len()));
        assert_eq!(column, Some((Cell::Int(5), Cell::Missing, 2)));
    }

    #[test]
    fn a_bitmap_pays_once_tests_reach_an_eighth_of_the_ids_held() {
        // 100 holders among 10,000 nodes: building reads 100 cells.
        let g = graph(&vec![Some(Value::Int(1)); 100]);
        let slot = g.node_column("k");
        slot.demand.store(WORTH_IT, Ordering::Relaxed);
        assert!(slot.column(&g).is_some());
        let key: BitmapKey = (0, crate::value::GroupKey(Value::Int(1)));
        let build = |_: &Column| FixedBitSet::with_capacity(1);
        slot.note_tests(11);
        assert!(slot.bitmap(&g, key.clone(), build).is_none());
        slot.note_tests(1);
        assert!(slot.bitmap(&g, key, build).is_some());
    }

    #[test]
    fn small_graphs_have_no_columns() {
        let mut g = Graph::new();
        g.create_node(&[] as &[&str], Properties::new());
        g.commit();
        let slot = g.node_column("k");
        slot.demand.store(WORTH_IT, Ordering::Relaxed);
        assert!(slot.column(&g).is_none());
    }
}
