//! Leaf and node operators: the argument row, node scans, node checks.

use super::parallel::{Part, Split};
use super::property_test::ResolvedTest;
use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, eval};
use crate::error::{Error, Result};
use crate::plan::logical::{Expr, NodeFilter, ScanKind, Seek, Slot};
use crate::store::Graph;
use crate::value::{NodeId, Value};
use fixedbitset::FixedBitSet;
use std::ops::Bound;

/// Yields one row (the argument), or none.
pub(crate) struct Argument {
    row: Option<Row>,
}

impl Argument {
    /// Yields `row` once.
    pub(crate) fn new(row: Row) -> Argument {
        Argument { row: Some(row) }
    }

    /// Yields nothing.
    pub(crate) fn empty() -> Argument {
        Argument { row: None }
    }
}

impl Operator for Argument {
    fn next(&mut self, _ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        Ok(self.row.take())
    }

    fn split(&mut self, _part: Part, _graph: &Graph) -> Split {
        Split::OneRow
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        match &mut self.row {
            // The row left unread is overwritten in place.
            Some(row) => row.clone_from(arg),
            // With room for what the operators above write into it.
            None => self.row = Some(row::copy(arg)),
        }
        true
    }

    fn yields_argument(&self) -> bool {
        true
    }
}

/// A node filter with its property values evaluated for one input row.
pub(crate) struct ResolvedFilter {
    /// The labels, interned (compared by pointer).
    labels: Vec<std::sync::Arc<str>>,
    properties: Vec<(String, Value)>,
    tests: Vec<ResolvedTest>,
    /// A property compared with null: nothing can match.
    impossible: bool,
}

impl ResolvedFilter {
    /// Leaves out the tests at `positions` (in increasing order).
    fn drop_tests(&mut self, positions: &[usize]) {
        for &i in positions.iter().rev() {
            self.tests.remove(i);
        }
    }

    /// Evaluates the filter's values for `row`.
    pub(crate) fn resolve(
        filter: &NodeFilter,
        row: &Row,
        ctx: &mut Ctx<'_>,
    ) -> Result<ResolvedFilter> {
        let (properties, mut impossible) =
            resolve_properties(&filter.properties, &filter.property_map, row, ctx)?;
        let labels: Vec<_> = filter
            .labels
            .iter()
            .filter_map(|l| ctx.graph.interned(l))
            .collect();
        // A label the graph has never seen: no node has it.
        impossible |= labels.len() != filter.labels.len();
        let mut tests = Vec::with_capacity(filter.tests.len());
        for t in &filter.tests {
            tests.push(ResolvedTest::resolve(t, row, ctx)?);
        }
        Ok(ResolvedFilter {
            labels,
            properties,
            tests,
            impossible,
        })
    }

    /// When bitsets decide the filter (its labels' bitsets in the compact
    /// copy `ix` of `graph`, and its property tests' bitmaps): those, so
    /// that a hot loop can test a node with a few bit tests.
    pub(crate) fn bitsets<'a>(
        &'a self,
        ix: &'a crate::store::ReadIndex,
        graph: &Graph,
    ) -> Option<BitSets<'a>> {
        if self.impossible || !self.properties.is_empty() {
            return None;
        }
        let mut out = BitSets::default();
        for l in &self.labels {
            out.push(ix.label_bits(l))?;
        }
        for t in &self.tests {
            out.push(t.bitmap(graph)?)?;
        }
        Some(out)
    }

    /// Whether the node passes.
    pub(crate) fn matches(&self, graph: &Graph, id: NodeId) -> bool {
        !self.impossible
            && (self.labels.is_empty()
                || match graph.read_index_if_built() {
                    // The label bitsets of the compact copy spare a visit to the node.
                    Some(ix) => self.labels.iter().all(|l| ix.has_label(l, id)),
                    None => self.labels.iter().all(|l| graph.node_has_name(id, l)),
                })
            && self
                .properties
                .iter()
                .all(|(k, v)| graph.node_property(id, k).and_then(|x| x.cypher_eq(v)) == Some(true))
            && self.tests.iter().all(|t| t.passes(graph, id))
    }
}

/// The bitsets that decide a filter, kept inline: hot loops ask for them
/// once per input row, which should cost no allocation. (More than fit
/// here: the filter is tested node by node instead.)
pub(crate) struct BitSets<'a> {
    sets: [&'a FixedBitSet; 6],
    len: usize,
}

impl Default for BitSets<'_> {
    fn default() -> Self {
        static UNUSED: FixedBitSet = FixedBitSet::new();
        BitSets {
            sets: [&UNUSED; 6],
            len: 0,
        }
    }
}

impl<'a> BitSets<'a> {
    pub(crate) fn push(&mut self, bits: &'a FixedBitSet) -> Option<()> {
        *self.sets.get_mut(self.len)? = bits;
        self.len += 1;
        Some(())
    }

    /// Whether every set has `id`: the node (or relationship) passes.
    #[inline]
    pub(crate) fn all_have(&self, id: u64) -> bool {
        self.iter().all(|b| crate::store::has_bit(b, id))
    }
}

impl<'a> std::ops::Deref for BitSets<'a> {
    type Target = [&'a FixedBitSet];

    fn deref(&self) -> &[&'a FixedBitSet] {
        &self.sets[..self.len]
    }
}

/// Evaluates `key: value` pairs (and a `$map`); `impossible` when a value is null.
pub(crate) fn resolve_properties(
    pairs: &[(String, crate::plan::Expr)],
    map: &Option<crate::plan::Expr>,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<(Vec<(String, Value)>, bool)> {
    let mut out = Vec::with_capacity(pairs.len());
    let mut impossible = false;
    for (k, e) in pairs {
        let v = eval(e, row, ctx)?;
        impossible |= v.is_null();
        out.push((k.clone(), v));
    }
    if let Some(m) = map {
        match eval(m, row, ctx)? {
            Value::Map(entries) => {
                for (k, v) in entries {
                    impossible |= v.is_null();
                    out.push((k, v));
                }
            }
            Value::Null => impossible = true,
            other => {
                return Err(Error::type_error(format!(
                    "a property map must be a map, got {}",
                    other.type_name()
                )));
            }
        }
    }
    Ok((out, impossible))
}

/// For each input row, each node that passes the filter.
pub(crate) struct NodeScan<'p> {
    input: BoxOp<'p>,
    slot: Slot,
    scan: &'p ScanKind,
    filter: &'p NodeFilter,
    current: Option<(Row, ResolvedFilter)>,
    candidates: Vec<NodeId>,
    pos: usize,
    /// The part of the candidates this scan keeps (see [`super::parallel`]).
    part: Option<Part>,
}

impl<'p> NodeScan<'p> {
    /// A scan over `input`.
    pub(crate) fn new(
        input: BoxOp<'p>,
        slot: Slot,
        scan: &'p ScanKind,
        filter: &'p NodeFilter,
    ) -> NodeScan<'p> {
        NodeScan {
            input,
            slot,
            scan,
            filter,
            current: None,
            candidates: Vec::new(),
            pos: 0,
            part: None,
        }
    }
}

impl NodeScan<'_> {
    /// Moves to the next match, which the current row then holds; false
    /// when there are no more.
    fn advance(&mut self, ctx: &mut Ctx<'_>) -> Result<bool> {
        loop {
            if let Some((row, filter)) = &mut self.current {
                while self.pos < self.candidates.len() {
                    let id = self.candidates[self.pos];
                    self.pos += 1;
                    if ctx.graph.contains_node(id) && filter.matches(&ctx.graph, id) {
                        super::guard::tick()?;
                        // The row is built once per input row and reused: a
                        // node that fails the predicate costs no new row.
                        row::set(row, self.slot, Value::Node(id));
                        if let Some(p) = &self.filter.predicate {
                            match eval(p, row, ctx)? {
                                Value::Bool(true) => {}
                                Value::Bool(false) | Value::Null => continue,
                                other => {
                                    return Err(Error::type_error(format!(
                                        "WHERE needs a boolean, got {}",
                                        other.type_name()
                                    )));
                                }
                            }
                        }
                        return Ok(true);
                    }
                }
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(false);
            };
            let mut filter = ResolvedFilter::resolve(self.filter, &row, ctx)?;
            self.candidates = if filter.impossible {
                Vec::new()
            } else {
                match self.scan {
                    ScanKind::All => ctx.graph.node_ids(),
                    ScanKind::Label(l) => ctx.graph.nodes_with_label(l),
                    ScanKind::Property(k, e) => {
                        let v = eval(e, &row, ctx)?;
                        if v.is_null() {
                            Vec::new()
                        } else {
                            ctx.graph.nodes_with_property(k, &v)
                        }
                    }
                    ScanKind::Range(k, seek) => {
                        // A seek that finds more than half of what the scan
                        // it replaced reads is slower than that scan (the
                        // scan's filter reads a column; the seek sorts ids).
                        let label = self.filter.labels.first();
                        let scanned = match label {
                            Some(l) => ctx.graph.label_size(l),
                            None => ctx.graph.node_count(),
                        };
                        match range_candidates(k, seek, scanned / 2, &row, ctx)? {
                            Some(ids) => {
                                // The index found exactly the nodes its
                                // bounds admit: their tests are passed.
                                let passed = implied_tests(k, seek, self.filter, &row, ctx)?;
                                filter.drop_tests(&passed);
                                ids
                            }
                            // A bound the index does not hold, or too many
                            // nodes: the scan the seek replaced (the filter
                            // has its label and its predicates).
                            None => match label {
                                Some(l) => ctx.graph.nodes_with_label(l),
                                None => ctx.graph.node_ids(),
                            },
                        }
                    }
                }
            };
            if let Some(part) = self.part {
                let keep = part.share(self.candidates.len());
                self.candidates.truncate(keep.end);
                self.candidates.drain(..keep.start);
            }
            // The candidates are tested without a tick each: count them.
            super::guard::tick_by(self.candidates.len() as u64)?;
            self.pos = 0;
            self.current = Some((row, filter));
        }
    }
}

impl Operator for NodeScan<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        Ok(match self.advance(ctx)? {
            true => self.current.as_ref().map(|(row, _)| row::copy(row)),
            false => None,
        })
    }

    fn for_each_row(&mut self, ctx: &mut Ctx<'_>, f: &mut super::RowSink<'_>) -> Result<()> {
        while self.advance(ctx)? {
            if let Some((row, _)) = &self.current
                && !f(row, ctx)?
            {
                break;
            }
        }
        Ok(())
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        self.current = None;
        self.candidates.clear();
        self.pos = 0;
        self.input.rearm(arg)
    }

    /// Over one row, a scan of a label or of all nodes keeps its share of
    /// the candidates, when each part gets enough of them.
    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        match self.input.split(part, graph) {
            Split::OneRow => {}
            other => return other.passed_on(),
        }
        let size = match self.scan {
            ScanKind::All => graph.node_count(),
            ScanKind::Label(l) => graph.label_size(l),
            ScanKind::Property(..) | ScanKind::Range(..) => return Split::Cannot,
        };
        if !part.worth_it(size) {
            return Split::Cannot;
        }
        self.part = Some(part);
        Split::Done
    }
}

/// The nodes a range seek finds for `row` (a superset of those its
/// predicates, which stay in the filter, accept); `None` when the index
/// cannot answer or finds more than `cap` nodes, and the nodes must be
/// scanned.
fn range_candidates(
    key: &str,
    seek: &Seek,
    cap: usize,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Option<Vec<NodeId>>> {
    Ok(match seek {
        Seek::Prefix(p) => match eval(p, row, ctx)? {
            Value::String(s) => ctx.graph.nodes_with_prefix(key, &s, cap),
            // `STARTS WITH` anything else is null: nothing passes.
            _ => Some(Vec::new()),
        },
        Seek::Between(lower, upper) => {
            let mut bound = |b: &Option<(Expr, bool)>| -> Result<Bound<Value>> {
                Ok(match b {
                    Some((e, true)) => Bound::Included(eval(e, row, ctx)?),
                    Some((e, false)) => Bound::Excluded(eval(e, row, ctx)?),
                    None => Bound::Unbounded,
                })
            };
            let (lower, upper) = (bound(lower)?, bound(upper)?);
            ctx.graph
                .nodes_in_range(key, lower.as_ref(), upper.as_ref(), cap)
        }
    })
}

/// The positions of `filter`'s tests that a range seek of `key` by the
/// index implies: each states one of the seek's bounds, of a type whose
/// order in the index is the order of `<` (numbers, strings, booleans).
fn implied_tests(
    key: &str,
    seek: &Seek,
    filter: &NodeFilter,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Vec<usize>> {
    use crate::plan::logical::{BinaryOp, TestOp};
    let mut bounds = Vec::new();
    match seek {
        Seek::Prefix(p) => bounds.push((BinaryOp::StartsWith, p)),
        Seek::Between(lower, upper) => {
            for (b, [inclusive, exclusive]) in [
                (lower, [BinaryOp::Ge, BinaryOp::Gt]),
                (upper, [BinaryOp::Le, BinaryOp::Lt]),
            ] {
                if let Some((e, i)) = b {
                    bounds.push((if *i { inclusive } else { exclusive }, e));
                }
            }
        }
    }
    let mut values = Vec::with_capacity(bounds.len());
    for (op, e) in bounds {
        let v = eval(e, row, ctx)?;
        let exact = match (&op, &v) {
            (BinaryOp::StartsWith, v) => matches!(v, Value::String(_)),
            (_, Value::Float(f)) => !f.is_nan(),
            (_, v) => matches!(v, Value::Int(_) | Value::String(_) | Value::Bool(_)),
        };
        if exact {
            values.push((op, v));
        }
    }
    let mut passed = Vec::new();
    for (i, t) in filter.tests.iter().enumerate() {
        let TestOp::Binary(op, e) = &t.op else {
            continue;
        };
        if t.key != key || !values.iter().any(|(o, _)| o == op) {
            continue;
        }
        let v = eval(e, row, ctx)?;
        if values.iter().any(|(o, b)| o == op && *b == v) {
            passed.push(i);
        }
    }
    Ok(passed)
}

/// Keeps rows whose (bound) node passes the filter.
pub(crate) struct CheckNode<'p> {
    input: BoxOp<'p>,
    slot: Slot,
    filter: &'p NodeFilter,
}

impl<'p> CheckNode<'p> {
    /// A check over `input`.
    pub(crate) fn new(input: BoxOp<'p>, slot: Slot, filter: &'p NodeFilter) -> CheckNode<'p> {
        CheckNode {
            input,
            slot,
            filter,
        }
    }
}

impl Operator for CheckNode<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        while let Some(row) = self.input.next(ctx)? {
            let Value::Node(id) = *row::get(&row, self.slot) else {
                continue;
            };
            let filter = ResolvedFilter::resolve(self.filter, &row, ctx)?;
            if filter.matches(&ctx.graph, id) {
                return Ok(Some(row));
            }
        }
        Ok(None)
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        self.input.rearm(arg)
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }
}

#[cfg(test)]
mod tests {
    use crate::value::{Date, DateTime, Duration, LocalDateTime, LocalTime, Params, Time, Value};
    use crate::{Database, Value as V};
    use jiff::civil;
    use jiff::tz::{Offset, TimeZone};

    fn offset(hours: i32) -> Offset {
        Offset::from_seconds(hours * 3600).expect("an offset")
    }

    /// Temporal values of every type, with some of a type at one instant
    /// at two offsets (equal by `<`, not by `=`), and a number and a string.
    fn values() -> Vec<Value> {
        let day = |d| civil::date(2024, 1, d);
        let at = |h, m| civil::time(h, m, 0, 0);
        let instant = |s| jiff::Timestamp::from_second(s).expect("an instant");
        vec![
            V::Date(Date(day(1))),
            V::Date(Date(day(2))),
            V::Date(Date(day(3))),
            V::LocalTime(LocalTime(at(9, 0))),
            V::LocalTime(LocalTime(at(12, 30))),
            V::Time(Time::new(at(12, 0), offset(1))),
            V::Time(Time::new(at(11, 0), offset(0))),
            V::Time(Time::new(at(11, 30), offset(0))),
            V::Time(Time::new(at(23, 0), offset(-2))),
            V::LocalDateTime(LocalDateTime(day(1).at(12, 0, 0, 0))),
            V::LocalDateTime(LocalDateTime(day(1).at(13, 0, 0, 0))),
            V::DateTime(DateTime::new(instant(1000), TimeZone::fixed(offset(0)))),
            V::DateTime(DateTime::new(instant(1000), TimeZone::fixed(offset(2)))),
            V::DateTime(DateTime::new(instant(2000), TimeZone::fixed(offset(0)))),
            V::Duration(Duration::new(1, 0, 0, 0).expect("a duration")),
            V::Duration(Duration::new(0, 30, 0, 0).expect("a duration")),
            V::Int(1),
            V::string("a"),
        ]
    }

    fn rows(db: &mut Database, query: &str, params: &Params) -> Vec<Vec<Value>> {
        match db.execute(query, params) {
            Ok(r) => r.rows,
            Err(e) => panic!("{query}: {}", e.message),
        }
    }

    /// Every temporal type seeks by range (durations, which `<` does not
    /// order, find nothing) and by equality exactly as a scan finds.
    #[test]
    fn temporal_seeks_find_what_a_scan_finds() {
        let mut db = Database::in_memory();
        let values = values();
        for (i, v) in values.iter().enumerate() {
            let p: Params = [("i".into(), V::Int(i as i64)), ("v".into(), v.clone())].into();
            rows(&mut db, "CREATE (:N {i: $i, x: $v})", &p);
        }
        let predicates = [
            "n.x = $a",
            "n.x > $a",
            "n.x >= $a",
            "n.x < $a",
            "n.x <= $a",
            "$a <= n.x < $b",
            "$a < n.x <= $b",
        ];
        let mut nonempty = 0;
        for a in &values {
            for b in &values {
                let p: Params = [("a".into(), a.clone()), ("b".into(), b.clone())].into();
                for pred in predicates {
                    if !pred.contains("$b") && a != b {
                        continue;
                    }
                    let seek = format!("MATCH (n:N) WHERE {pred} RETURN n.i AS i ORDER BY i");
                    let scan =
                        format!("MATCH (n:N) WITH n WHERE {pred} RETURN n.i AS i ORDER BY i");
                    let plan = db.execute(&format!("EXPLAIN {seek}"), &p).map(|r| r.plan);
                    assert!(
                        matches!(&plan, Ok(Some(t)) if t.contains("NodeIndex")),
                        "{pred}: {plan:?}"
                    );
                    let found = rows(&mut db, &seek, &p);
                    assert_eq!(found, rows(&mut db, &scan, &p), "{pred} with {a} and {b}");
                    nonempty += usize::from(!found.is_empty());
                }
            }
        }
        // The answers were not all empty.
        assert_eq!(nonempty, 90);
    }
}
