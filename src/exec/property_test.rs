//! The property tests of node filters (`n.key op value`, see
//! [`PropertyTest`]), checked on a node without building a row or walking
//! an expression: against the key's column when the graph has one (see
//! [`crate::store::Column`]), else against the node's value, borrowed.
//!
//! Either way the answer is the one the expression would give: a value is
//! tested with the operator functions themselves ([`ops::compare`],
//! [`ops::starts_with`], ...), a number or boolean from a column on a value
//! built on the stack. Only two cases are done in place, each the way those
//! functions do it: an integer compared with an integer, and a string with a
//! string (by code point, as `str` orders).

use super::row::Row;
use super::{Ctx, eval, ops};
use crate::error::Result;
use crate::plan::logical::{BinaryOp, PropertyTest, TestOp};
use crate::store::{Cell, ColumnSlot, Graph};
use crate::value::{NodeId, Value};
use fixedbitset::FixedBitSet;
use std::cmp::Ordering;
use std::sync::Arc;

/// A string operator.
#[derive(Debug, Clone, Copy)]
enum TextOp {
    StartsWith,
    EndsWith,
    Contains,
}

/// What the value must satisfy, with the right-hand side evaluated.
#[derive(Debug)]
enum Kind {
    Compare(ops::CmpOp, Value),
    Text(TextOp, Value),
    IsNull(bool),
}

/// A property test with its value evaluated for one input row.
#[derive(Debug)]
pub(crate) struct ResolvedTest {
    column: Arc<ColumnSlot>,
    kind: Kind,
    /// The answer for every string, when it does not depend on the string
    /// (the value is not a string, or the test is `IS [NOT] NULL`).
    for_strings: Option<bool>,
    /// The nodes that pass, by id, when the key's column has made one.
    bits: Option<Arc<FixedBitSet>>,
    /// Nodes tested one by one, told to the column slot at the end.
    tested: std::cell::Cell<usize>,
}

impl Drop for ResolvedTest {
    fn drop(&mut self) {
        self.column.note_tests(self.tested.get());
    }
}

impl ResolvedTest {
    /// Evaluates the test's value for `row`.
    pub(crate) fn resolve(
        test: &PropertyTest,
        row: &Row,
        ctx: &mut Ctx<'_>,
    ) -> Result<ResolvedTest> {
        let column = ctx.graph.node_column(&test.key);
        ResolvedTest::resolve_on(test, column, row, ctx)
    }

    /// [`ResolvedTest::resolve`] for a test of a relationship's property:
    /// [`ResolvedTest::passes`] then takes relationship ids.
    pub(crate) fn resolve_rel(
        test: &PropertyTest,
        row: &Row,
        ctx: &mut Ctx<'_>,
    ) -> Result<ResolvedTest> {
        let column = ctx.graph.rel_column(&test.key);
        ResolvedTest::resolve_on(test, column, row, ctx)
    }

    fn resolve_on(
        test: &PropertyTest,
        column: Arc<ColumnSlot>,
        row: &Row,
        ctx: &mut Ctx<'_>,
    ) -> Result<ResolvedTest> {
        use ops::CmpOp;
        let kind = match &test.op {
            TestOp::IsNull(not) => Kind::IsNull(*not),
            TestOp::Binary(op, e) => {
                let v = eval(e, row, ctx)?;
                match op {
                    BinaryOp::Eq => Kind::Compare(CmpOp::Eq, v),
                    BinaryOp::Ne => Kind::Compare(CmpOp::Ne, v),
                    BinaryOp::Lt => Kind::Compare(CmpOp::Lt, v),
                    BinaryOp::Le => Kind::Compare(CmpOp::Le, v),
                    BinaryOp::Gt => Kind::Compare(CmpOp::Gt, v),
                    BinaryOp::Ge => Kind::Compare(CmpOp::Ge, v),
                    BinaryOp::StartsWith => Kind::Text(TextOp::StartsWith, v),
                    BinaryOp::EndsWith => Kind::Text(TextOp::EndsWith, v),
                    BinaryOp::Contains => Kind::Text(TextOp::Contains, v),
                    // The optimizer makes tests of these operators only.
                    _ => Kind::Compare(CmpOp::Eq, Value::Null),
                }
            }
        };
        let mut out = ResolvedTest {
            column,
            kind,
            for_strings: None,
            bits: None,
            tested: std::cell::Cell::new(0),
        };
        if !matches!(
            out.kind,
            Kind::Compare(_, Value::String(_)) | Kind::Text(_, Value::String(_))
        ) {
            out.for_strings = Some(out.on_value(&ANY_STRING));
        }
        let slot = out.column.clone();
        out.bits = slot.bitmap(&ctx.graph, out.bitmap_key(), |column| {
            let mut bits = FixedBitSet::with_capacity(column.len());
            // Ids with no value pass alike: tested once, not one by one.
            let (held, len) = (column.held(), column.len() as NodeId);
            if out.on_value(NULL) {
                bits.insert_range(..);
            }
            for id in held.start.min(len)..held.end.min(len) {
                bits.set(id as usize, out.on_cell(&ctx.graph, column, id));
            }
            bits
        });
        Ok(out)
    }

    /// What identifies the test for [`ColumnSlot::bitmap`].
    fn bitmap_key(&self) -> crate::store::BitmapKey {
        use ops::CmpOp::*;
        let (tag, v) = match &self.kind {
            Kind::Compare(op, v) => {
                let tag = match op {
                    Eq => 0,
                    Ne => 1,
                    Lt => 2,
                    Le => 3,
                    Gt => 4,
                    Ge => 5,
                };
                (tag, v.clone())
            }
            Kind::Text(TextOp::StartsWith, v) => (6, v.clone()),
            Kind::Text(TextOp::EndsWith, v) => (7, v.clone()),
            Kind::Text(TextOp::Contains, v) => (8, v.clone()),
            Kind::IsNull(not) => (9, Value::Bool(*not)),
        };
        (tag, crate::value::GroupKey(v))
    }

    /// The bitmap of the nodes that pass, when there is one and it may be
    /// used (the graph has no uncommitted changes).
    pub(crate) fn bitmap(&self, graph: &Graph) -> Option<&FixedBitSet> {
        self.bits.as_deref().filter(|_| graph.columns_usable())
    }

    /// Whether node `id` passes (`null` does not).
    #[inline]
    pub(crate) fn passes(&self, graph: &Graph, id: NodeId) -> bool {
        if let Some(bits) = &self.bits
            && graph.columns_usable()
        {
            return crate::store::has_bit(bits, id);
        }
        self.tested.set(self.tested.get() + 1);
        let Some(column) = self.column.column(graph) else {
            return self.on_value(self.read(graph, id).as_ref().unwrap_or(NULL));
        };
        self.on_cell(graph, column, id)
    }

    /// The value of the entity `id`, read from the graph.
    fn read(&self, graph: &Graph, id: NodeId) -> Option<Value> {
        if self.column.of_rels() {
            graph.rel_property(id, self.column.key())
        } else {
            graph.node_property(id, self.column.key())
        }
    }

    /// Whether node `id` passes, read from the key's column.
    #[inline]
    fn on_cell(&self, graph: &Graph, column: &crate::store::Column, id: NodeId) -> bool {
        match column.cell(id) {
            Cell::Missing => self.on_value(NULL),
            Cell::Bool(b) => self.on_value(&Value::Bool(b)),
            Cell::Int(i) => match &self.kind {
                Kind::Compare(op, Value::Int(r)) => holds(*op, i.cmp(r)),
                _ => self.on_value(&Value::Int(i)),
            },
            Cell::Float(f) => self.on_value(&Value::Float(f)),
            Cell::Str(s) => self.on_str(s),
            Cell::Other => self.on_value(self.read(graph, id).as_ref().unwrap_or(NULL)),
        }
    }

    /// The test on a value, by the operator functions.
    fn on_value(&self, v: &Value) -> bool {
        let answer = match &self.kind {
            Kind::Compare(op, r) => ops::compare(*op, v, r),
            Kind::Text(TextOp::StartsWith, r) => ops::starts_with(v, r),
            Kind::Text(TextOp::EndsWith, r) => ops::ends_with(v, r),
            Kind::Text(TextOp::Contains, r) => ops::contains(v, r),
            Kind::IsNull(not) => return v.is_null() != *not,
        };
        matches!(answer, Value::Bool(true))
    }

    /// The test on a string, in place.
    fn on_str(&self, s: &str) -> bool {
        if let Some(answer) = self.for_strings {
            return answer;
        }
        match &self.kind {
            Kind::Compare(op, Value::String(r)) => holds(*op, s.cmp(r)),
            Kind::Text(TextOp::StartsWith, Value::String(r)) => s.starts_with(&**r),
            Kind::Text(TextOp::EndsWith, Value::String(r)) => s.ends_with(&**r),
            Kind::Text(TextOp::Contains, Value::String(r)) => s.contains(&**r),
            _ => false,
        }
    }
}

const NULL: &Value = &Value::Null;

/// A string, to find what a test says of every string.
static ANY_STRING: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| Value::from(""));

/// Whether an ordering satisfies a comparison.
#[inline]
fn holds(op: ops::CmpOp, o: Ordering) -> bool {
    use ops::CmpOp::*;
    match op {
        Eq => o == Ordering::Equal,
        Ne => o != Ordering::Equal,
        Lt => o == Ordering::Less,
        Le => o != Ordering::Greater,
        Gt => o == Ordering::Greater,
        Ge => o != Ordering::Less,
    }
}

#[cfg(test)]
mod tests {
    use crate::exec::run_query;
    use crate::store::{Graph, Properties};
    use crate::value::{Params, Value};

    /// The node ids a query returns (its first column), sorted.
    fn ids(g: &mut Graph, query: &str, params: &Params) -> Vec<i64> {
        let result = run_query(g, query, params);
        let mut out: Vec<i64> = result
            .rows
            .iter()
            .map(|r| match r.first() {
                Some(Value::Int(i)) => *i,
                other => panic!("{query}: not an id: {other:?}"),
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Values of every kind, with the corner cases of comparison: equal
    /// integers and floats, NaN, infinities, -0.0, strings that differ only
    /// past a prefix or in case, non-ASCII text, lists.
    fn values() -> Vec<Value> {
        let s = |x: &str| Value::from(x);
        vec![
            Value::Int(-3),
            Value::Int(0),
            Value::Int(1),
            Value::Int(2000),
            Value::Int(i64::MAX),
            Value::Int(i64::MIN),
            Value::Float(-0.0),
            Value::Float(1.0),
            Value::Float(1999.5),
            Value::Float(f64::NAN),
            Value::Float(f64::INFINITY),
            Value::Float(9007199254740993.0),
            s(""),
            s("A"),
            s("Ab"),
            s("a"),
            s("ab"),
            s("b"),
            s("é"),
            s("zé"),
            Value::Bool(false),
            Value::Bool(true),
            Value::List(vec![Value::Int(1)]),
            Value::List(vec![Value::Int(1), Value::Int(2)]),
            Value::List(vec![s("a")]),
        ]
    }

    /// A committed graph of 10,000 nodes (enough for columns) whose `k` is
    /// one of [`values`], or missing, by a fixed pseudo-random choice, and
    /// 2,000 relationships `(a)-[:T]->(b)`.
    fn graph() -> Graph {
        let values = values();
        let mut g = Graph::new();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut p = Properties::new();
            if let Some(v) = values.get((x % (values.len() as u64 + 3)) as usize) {
                p.insert("k".into(), v.clone());
            }
            g.create_node(&[] as &[&str], p);
        }
        for a in 0..2_000 {
            g.create_rel("T", a, (a * 7 + 1) % 10_000, Properties::new());
        }
        g.commit();
        g
    }

    const OPS: [&str; 9] = [
        "=",
        "<>",
        "<",
        "<=",
        ">",
        ">=",
        "STARTS WITH",
        "ENDS WITH",
        "CONTAINS",
    ];

    #[test]
    fn columns_and_plain_reads_agree_with_the_expression() {
        let mut g = graph();
        let mut rhs = values();
        rhs.push(Value::Null);
        // The first run of each test reads the nodes (and builds the column
        // part of the way through); the second reads the column; the third
        // the bitmaps of the tests, made once tests have read enough nodes.
        for round in 0..3 {
            for op in OPS {
                for v in &rhs {
                    let params: Params = [("v".to_string(), v.clone())].into();
                    // `WITH n` keeps the predicate a plain filter.
                    let expected = ids(
                        &mut g,
                        &format!("MATCH (n) WITH n WHERE n.k {op} $v RETURN id(n)"),
                        &params,
                    );
                    let fast = ids(
                        &mut g,
                        &format!("MATCH (n) WHERE n.k {op} $v RETURN id(n)"),
                        &params,
                    );
                    assert_eq!(fast, expected, "round {round}: n.k {op} {v}");
                    // `=` alone seeks the property index: twice, the second is a test.
                    let twice = ids(
                        &mut g,
                        &format!("MATCH (n) WHERE n.k {op} $v AND n.k {op} $v RETURN id(n)"),
                        &params,
                    );
                    assert_eq!(twice, expected, "round {round}: n.k {op} {v} twice");
                    // The far end of a hop.
                    let hop = ids(
                        &mut g,
                        &format!("MATCH ()-[:T]->(n) WHERE n.k {op} $v RETURN id(n)"),
                        &params,
                    );
                    let expected = ids(
                        &mut g,
                        &format!("MATCH ()-[:T]->(n) WITH n WHERE n.k {op} $v RETURN id(n)"),
                        &params,
                    );
                    assert_eq!(hop, expected, "round {round}: ()-->(n) n.k {op} {v}");
                    let swapped = ids(
                        &mut g,
                        &format!("MATCH (n) WHERE $v {op} n.k RETURN id(n)"),
                        &params,
                    );
                    let expected = ids(
                        &mut g,
                        &format!("MATCH (n) WITH n WHERE $v {op} n.k RETURN id(n)"),
                        &params,
                    );
                    assert_eq!(swapped, expected, "round {round}: {v} {op} n.k");
                }
            }
            for test in ["IS NULL", "IS NOT NULL"] {
                let params = Params::new();
                let expected = ids(
                    &mut g,
                    &format!("MATCH (n) WITH n WHERE n.k {test} RETURN id(n)"),
                    &params,
                );
                let fast = ids(
                    &mut g,
                    &format!("MATCH (n) WHERE n.k {test} RETURN id(n)"),
                    &params,
                );
                assert_eq!(fast, expected, "n.k {test}");
            }
            assert!(g.node_column("k").is_built());
        }
        assert!(g.node_column("k").bitmaps() > 0);
    }

    #[test]
    fn uncommitted_changes_are_seen() {
        let mut g = graph();
        let none = Params::new();
        // `CONTAINS`: a `STARTS WITH` would seek the index, not read the column.
        let find = "MATCH (n) WHERE n.k CONTAINS 'new' RETURN id(n)";
        for _ in 0..2 {
            assert_eq!(ids(&mut g, find, &none), Vec::<i64>::new());
        }
        assert!(g.node_column("k").is_built());
        // Within a transaction, before its commit.
        ids(&mut g, "MATCH (n) WHERE id(n) = 5 SET n.k = 'new'", &none);
        assert_eq!(ids(&mut g, find, &none), vec![5]);
        ids(&mut g, "MATCH (n) WHERE id(n) = 5 REMOVE n.k", &none);
        let missing = "MATCH (n) WHERE n.k IS NULL RETURN id(n)";
        assert!(ids(&mut g, missing, &none).contains(&5));
        // Within one statement.
        assert_eq!(
            ids(
                &mut g,
                "MATCH (m) WHERE id(m) = 9 SET m.k = 'newer' \
                 WITH count(*) AS c MATCH (n) WHERE n.k CONTAINS 'new' RETURN id(n)",
                &none
            ),
            vec![9]
        );
        // After the commit, from a new column.
        g.commit();
        assert!(!g.node_column("k").is_built());
        for _ in 0..2 {
            assert_eq!(ids(&mut g, find, &none), vec![9]);
            assert!(ids(&mut g, missing, &none).contains(&5));
        }
        assert!(g.node_column("k").is_built());
        // Rolled back: the committed values again.
        ids(&mut g, "MATCH (n) WHERE id(n) = 9 SET n.k = 1", &none);
        assert_eq!(ids(&mut g, find, &none), Vec::<i64>::new());
        g.rollback();
        for _ in 0..2 {
            assert_eq!(ids(&mut g, find, &none), vec![9]);
        }
    }
}
