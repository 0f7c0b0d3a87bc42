//! The logical plan: a tree of operators over rows of slots, and the
//! expressions they evaluate, with variables resolved to slot numbers.

pub(crate) use crate::parse::ast::{BinaryOp, Quantifier};
use crate::value::Value;

/// A row position. Rows are `Vec<Value>` that grow as slots are written.
pub(crate) type Slot = usize;

/// A planned statement.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The root operator.
    pub root: Op,
    /// The output column names (empty for a query without `RETURN`).
    pub columns: Vec<String>,
    /// `EXPLAIN`: plan only, do not run.
    pub explain: bool,
    /// `PROFILE`: run and count each operator's rows.
    pub profile: bool,
    /// The statement writes (`CREATE`, `MERGE`, `SET`, `REMOVE`,
    /// `DELETE`; set by the database): its traversals use the compact copy
    /// of the graph only when it is already built, since building one costs
    /// the whole graph and a commit that changes it throws it away.
    pub writes: bool,
    /// The statement calls `tx.setMetaData` (set by the database: in a
    /// `--load` batch, what came before is committed first, under the
    /// metadata it had).
    pub sets_metadata: bool,
}

/// What a subquery run per row answers (see [`Expr::Subquery`]).
#[derive(Debug, Clone)]
pub(crate) enum SubqueryAnswer {
    /// Whether it has a row.
    Exists,
    /// How many rows it has.
    Count,
    /// The list of this expression over its rows.
    Collect(Box<Expr>),
}

/// Which relationships an expansion follows, seen from the node it starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExpandDir {
    /// Relationships that start at the node (`-->`).
    Out,
    /// Relationships that end at the node (`<--`).
    In,
    /// Either (`--`).
    Both,
}

/// What a node must satisfy: labels and property equalities.
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeFilter {
    /// Labels the node must all have.
    pub labels: Vec<String>,
    /// `key = value` pairs the node must satisfy.
    pub properties: Vec<(String, Expr)>,
    /// A `$param` map of required properties.
    pub property_map: Option<Expr>,
    /// A `WHERE` predicate on the row with this node bound, checked as the
    /// node is found (set by the optimizer on node scans).
    pub predicate: Option<Expr>,
    /// Simple tests of the node's own properties that must all be true,
    /// checked before the row is built (split out of `predicate` by the
    /// optimizer).
    pub tests: Vec<PropertyTest>,
}

impl NodeFilter {
    /// Whether the values it compares with are the same for every row
    /// (constants and parameters), so that it can be resolved once.
    pub(crate) fn row_independent(&self) -> bool {
        use super::optimize::row_independent;
        self.properties.iter().all(|(_, e)| row_independent(e))
            && self.property_map.as_ref().is_none_or(row_independent)
            && self.tests.iter().all(|t| match &t.op {
                TestOp::Binary(_, e) => row_independent(e),
                TestOp::IsNull(_) => true,
            })
    }
}

/// `n.key op value` or `n.key IS [NOT] NULL` on the filtered node `n`, with
/// `value` a constant or a parameter: a part of a `WHERE` predicate that
/// can be checked without building a row or walking an expression.
#[derive(Debug, Clone)]
pub(crate) struct PropertyTest {
    /// The property key.
    pub key: String,
    /// What its value must satisfy.
    pub op: TestOp,
}

/// What a [`PropertyTest`] checks.
#[derive(Debug, Clone)]
pub(crate) enum TestOp {
    /// `n.key op value` with `op` one of `= <> < <= > >=`, `STARTS WITH`,
    /// `ENDS WITH`, `CONTAINS`, and `value` an [`Expr::Const`] or
    /// [`Expr::Param`].
    Binary(BinaryOp, Expr),
    /// `n.key IS NULL`, or `IS NOT NULL` (`true`).
    IsNull(bool),
}

/// One more hop of an `Expand(Intersect)`: from a bound node to the far
/// node the expansion binds.
#[derive(Debug, Clone)]
pub(crate) struct Leg {
    /// The bound node it starts from.
    pub from: Slot,
    /// Where its relationship goes.
    pub rel: Slot,
    /// Which way, seen from `from`.
    pub dir: ExpandDir,
    /// What its relationship must satisfy.
    pub rel_filter: RelFilter,
}

/// What a relationship must satisfy: one of the types, property equalities.
#[derive(Debug, Clone, Default)]
pub(crate) struct RelFilter {
    /// Type alternatives; empty = any.
    pub types: Vec<String>,
    /// `key = value` pairs.
    pub properties: Vec<(String, Expr)>,
    /// A `$param` map of required properties.
    pub property_map: Option<Expr>,
    /// Simple tests of the relationship's own properties that must all be
    /// true (split out of the hop's `WHERE` predicate by the optimizer).
    pub tests: Vec<PropertyTest>,
}

impl RelFilter {
    /// Whether the values it compares with are the same for every row.
    pub(crate) fn row_independent(&self) -> bool {
        use super::optimize::row_independent;
        self.properties.iter().all(|(_, e)| row_independent(e))
            && self.property_map.as_ref().is_none_or(row_independent)
            && self.tests.iter().all(|t| match &t.op {
                TestOp::Binary(_, e) => row_independent(e),
                TestOp::IsNull(_) => true,
            })
    }
}

/// How a node scan finds its candidates.
#[derive(Debug, Clone)]
pub(crate) enum ScanKind {
    /// Every node.
    All,
    /// Nodes with a label (the label index).
    Label(String),
    /// Nodes with `key = value` (the property index).
    Property(String, Expr),
    /// Nodes with `key` in a range, or starting with a prefix (the property
    /// index, walked in order). The predicates it comes from stay in the
    /// node's filter: the seek only narrows the candidates.
    Range(String, Box<Seek>),
}

/// What a range seek of the property index looks for; each bound is
/// evaluated for each input row (it does not read the scanned node).
#[derive(Debug, Clone)]
pub(crate) enum Seek {
    /// `key > a`, `key >= a` (the lower bound, `true` when inclusive),
    /// `key < b`, `key <= b` (the upper), or both.
    Between(Option<(Expr, bool)>, Option<(Expr, bool)>),
    /// `key STARTS WITH p`
    Prefix(Expr),
}

/// An element of a path under construction.
#[derive(Debug, Clone)]
pub(crate) enum PathPart {
    /// A node slot.
    Node(Slot),
    /// A relationship slot: a single relationship, or a list of them for a
    /// variable-length pattern (in pattern order).
    Rel(Slot),
}

/// One node of a `CREATE` or `MERGE` pattern.
#[derive(Debug, Clone)]
pub(crate) struct CreateNode {
    /// Where the node goes (or is already, when `bound`).
    pub slot: Slot,
    /// Whether the variable was bound before (then nothing is created).
    pub bound: bool,
    /// Labels to give it.
    pub labels: Vec<String>,
    /// Properties to give it.
    pub properties: Option<Expr>,
}

/// One relationship of a `CREATE` or `MERGE` pattern.
#[derive(Debug, Clone)]
pub(crate) struct CreateRel {
    /// Where the relationship goes.
    pub slot: Slot,
    /// Its type.
    pub rel_type: String,
    /// Start node slot.
    pub start: Slot,
    /// End node slot.
    pub end: Slot,
    /// Properties to give it.
    pub properties: Option<Expr>,
}

/// A `CREATE` pattern, flattened: nodes first, then relationships, then named paths.
#[derive(Debug, Clone, Default)]
pub(crate) struct CreatePattern {
    /// The nodes, in pattern order.
    pub nodes: Vec<CreateNode>,
    /// The relationships.
    pub rels: Vec<CreateRel>,
    /// Named paths: `p = ...`.
    pub paths: Vec<(Slot, Vec<PathPart>)>,
}

/// One `SET` action.
#[derive(Debug, Clone)]
pub(crate) enum SetOp {
    /// `target.key = value`
    Property(Expr, String, Expr),
    /// `n = map` (`replace`) or `n += map`.
    Map(Slot, Expr, bool),
    /// `n:Label`
    Labels(Slot, Vec<String>),
}

/// One `REMOVE` action.
#[derive(Debug, Clone)]
pub(crate) enum RemoveOp {
    /// `target.key`
    Property(Expr, String),
    /// `n:Label`
    Labels(Slot, Vec<String>),
}

/// An aggregate function call.
#[derive(Debug, Clone)]
pub(crate) struct AggCall {
    /// Which aggregate.
    pub func: AggFunc,
    /// `DISTINCT`
    pub distinct: bool,
    /// The arguments (none for `count(*)`).
    pub args: Vec<Expr>,
}

/// The aggregate functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AggFunc {
    /// `count(*)`
    CountStar,
    /// `count(x)`
    Count,
    /// `sum(x)`
    Sum,
    /// `avg(x)`
    Avg,
    /// `min(x)`
    Min,
    /// `max(x)`
    Max,
    /// `collect(x)`
    Collect,
    /// `stDev(x)`
    StDev,
    /// `stDevP(x)`
    StDevP,
    /// `percentileDisc(x, p)`
    PercentileDisc,
    /// `percentileCont(x, p)`
    PercentileCont,
}

/// A sort key.
#[derive(Debug, Clone)]
pub(crate) struct SortKey {
    /// The key.
    pub expr: Expr,
    /// `DESC`
    pub descending: bool,
}

/// The logical operators. Each pulls rows from its input.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// Yields the argument row once: an empty row at the top of a query,
    /// the outer row inside a subquery.
    Argument,
    /// Yields nothing (a part of the plan known to match nothing).
    Empty,
    /// `MATCH (n:Label {k: v})`: for each input row, each node that passes the filter.
    NodeScan {
        /// Input rows.
        input: Box<Op>,
        /// Where the node goes.
        slot: Slot,
        /// How candidates are found.
        scan: ScanKind,
        /// What the node must satisfy.
        filter: NodeFilter,
        /// The planner's estimate of the rows it yields, when it had statistics.
        est: Option<f64>,
    },
    /// A node variable already bound: keep the row if the node passes the filter.
    CheckNode {
        /// Input rows.
        input: Box<Op>,
        /// The node.
        slot: Slot,
        /// What the node must satisfy.
        filter: NodeFilter,
    },
    /// `(a)-[r:T]->(b)`, `(a)-[r*1..3]->(b)`: follow relationships from a bound node.
    Expand {
        /// Input rows.
        input: Box<Op>,
        /// The node to start from.
        from: Slot,
        /// Where the relationship goes (a list for variable length).
        rel: Slot,
        /// Whether `rel` is already bound (then only that relationship/list matches).
        rel_bound: bool,
        /// Where the other node goes.
        to: Slot,
        /// Whether `to` is already bound (then the other end must be it).
        to_bound: bool,
        /// Which way.
        dir: ExpandDir,
        /// What the relationship must satisfy.
        rel_filter: RelFilter,
        /// What the other node must satisfy.
        to_filter: NodeFilter,
        /// `Some((min, max))` for variable length.
        var_length: Option<(u64, Option<u64>)>,
        /// Relationship slots bound earlier in the same `MATCH`: a match may
        /// not use one relationship twice.
        distinct_from: Vec<Slot>,
        /// The pattern is walked right to left here: store a variable-length
        /// list reversed, so that it is in pattern order.
        reversed: bool,
        /// More hops that must reach `to`, each from another bound node:
        /// `to` is then found in the intersection of their relationships
        /// (`Expand(Intersect)`). Only with `to` free and a fixed length.
        also: Vec<Leg>,
        /// The planner's estimate of the rows it yields, when it had statistics.
        est: Option<f64>,
    },
    /// `shortestPath(...)`, `allShortestPaths(...)` between two bound nodes.
    ShortestPath {
        /// Input rows.
        input: Box<Op>,
        /// Start node.
        from: Slot,
        /// End node.
        to: Slot,
        /// Where the relationship list goes.
        rel: Slot,
        /// Where the path goes.
        path: Option<Slot>,
        /// Which way.
        dir: ExpandDir,
        /// What each relationship must satisfy.
        rel_filter: RelFilter,
        /// `(min, max)` hops.
        length: (u64, Option<u64>),
        /// Every shortest path, not just one.
        all: bool,
    },
    /// Keeps rows whose predicate is `true`.
    Filter {
        /// Input rows.
        input: Box<Op>,
        /// The predicate.
        predicate: Expr,
    },
    /// Writes computed values into slots of the row (keeps the others).
    Extend {
        /// Input rows.
        input: Box<Op>,
        /// `(slot, expression)` pairs, evaluated in order.
        items: Vec<(Slot, Expr)>,
    },
    /// Makes a new row of these expressions.
    Project {
        /// Input rows.
        input: Box<Op>,
        /// One per output slot.
        exprs: Vec<Expr>,
    },
    /// `OPTIONAL MATCH`: the inner plan's rows, or the input row with `slots` null.
    Optional {
        /// Input rows.
        input: Box<Op>,
        /// Runs once per input row, starting from [`Op::Argument`].
        inner: Box<Op>,
        /// The slots the inner plan binds.
        slots: Vec<Slot>,
    },
    /// The last hop of a chain whose only use is its distinct far ends
    /// (`count(DISTINCT x)`): each far node once per `group` values, found
    /// from the distinct near nodes instead of from every path. A far node
    /// is kept when some relationship to it is free in at least one of the
    /// paths to the near node, which is what relationship uniqueness asks.
    /// Its rows hold the far node, the hop and the `group` slots; the other
    /// slots come from any one path of the group (nothing above reads them).
    DistinctEnds {
        /// The rows of the chain before the last hop.
        input: Box<Op>,
        /// The last hop: an [`Op::Expand`] (its own input is [`Op::Empty`]).
        expand: Box<Op>,
        /// A filter on the far node and the `group` slots.
        predicate: Option<Expr>,
        /// Slots (besides the far node) the predicate reads.
        group: Vec<Slot>,
    },
    /// Groups rows by keys and computes aggregates; rows are `keys ++ aggregates`.
    Aggregate {
        /// Input rows.
        input: Box<Op>,
        /// Grouping keys.
        keys: Vec<Expr>,
        /// Aggregates.
        aggs: Vec<AggCall>,
    },
    /// An [`Op::Aggregate`] with a `DISTINCT` aggregate, whose keys read
    /// only what the rows of `input` hold, over the rows `per_row` makes
    /// of each of them: the input rows are grouped first, then `per_row`
    /// runs for the rows of one group after the other, so that only one
    /// group's distinct values are kept at a time (distinct nodes in one
    /// bitmap, not a set per group). `count(DISTINCT x)` alone, of nodes,
    /// keeps no row: each input row's group and the nodes `per_row` gives
    /// for it are taken as (group, node) pairs, counted at the end. Rows,
    /// and their order, are those of the `Aggregate` it stands for.
    AggregateRuns {
        /// The rows that decide the groups.
        input: Box<Op>,
        /// Runs once per input row, starting from [`Op::Argument`].
        per_row: Box<Op>,
        /// Grouping keys.
        keys: Vec<Expr>,
        /// Aggregates.
        aggs: Vec<AggCall>,
    },
    /// Drops rows whose first `width` slots equal an earlier row's.
    Distinct {
        /// Input rows.
        input: Box<Op>,
        /// How many leading slots make the key.
        width: usize,
    },
    /// `ORDER BY`
    Sort {
        /// Input rows.
        input: Box<Op>,
        /// Sort keys.
        keys: Vec<SortKey>,
    },
    /// `SKIP n`
    Skip {
        /// Input rows.
        input: Box<Op>,
        /// How many rows.
        count: Expr,
    },
    /// `LIMIT n`
    Limit {
        /// Input rows.
        input: Box<Op>,
        /// How many rows.
        count: Expr,
    },
    /// `FOREACH (x IN list | update ...)`: for each input row, `body` run
    /// once per element (bound at `slot`) for its changes; the row passes on.
    Foreach {
        /// Input rows.
        input: Box<Op>,
        /// The list.
        list: Expr,
        /// Where each element goes.
        slot: Slot,
        /// The updates, from [`Op::Argument`].
        body: Box<Op>,
    },
    /// `[OPTIONAL] CALL { query }`: `inner` runs once per input row,
    /// starting from it ([`Op::Argument`]); each of its rows gives the
    /// input row with the inner row's columns in `outputs`, in order. With
    /// no `outputs` (a subquery that only writes), the input row goes on
    /// once, after every inner row is pulled. `optional`: an input row with
    /// no inner row goes on with `outputs` null.
    Apply {
        /// Input rows.
        input: Box<Op>,
        /// The subquery, from [`Op::Argument`].
        inner: Box<Op>,
        /// Where each of its columns goes.
        outputs: Vec<Slot>,
        /// `OPTIONAL CALL`
        optional: bool,
    },
    /// `UNWIND list AS x`
    Unwind {
        /// Input rows.
        input: Box<Op>,
        /// The list.
        list: Expr,
        /// Where each element goes.
        slot: Slot,
    },
    /// `LOAD CSV [WITH HEADERS] FROM url AS row`: one row per CSV record.
    LoadCsv {
        /// Input rows.
        input: Box<Op>,
        /// The file (`file:///path` or a path).
        url: Expr,
        /// Where each record goes: a map (with headers) or a list of strings.
        slot: Slot,
        /// `WITH HEADERS`
        headers: bool,
        /// The field delimiter.
        delimiter: u8,
    },
    /// `CREATE pattern`
    Create {
        /// Input rows.
        input: Box<Op>,
        /// What to create for each row.
        pattern: CreatePattern,
    },
    /// `MERGE pattern ON CREATE SET ... ON MATCH SET ...`
    Merge {
        /// Input rows.
        input: Box<Op>,
        /// Matches the pattern, starting from [`Op::Argument`].
        matcher: Box<Op>,
        /// What to create when nothing matches.
        create: CreatePattern,
        /// `ON CREATE SET`
        on_create: Vec<SetOp>,
        /// `ON MATCH SET`
        on_match: Vec<SetOp>,
    },
    /// `SET ...`
    Set {
        /// Input rows.
        input: Box<Op>,
        /// The actions.
        items: Vec<SetOp>,
    },
    /// `REMOVE ...`
    Remove {
        /// Input rows.
        input: Box<Op>,
        /// The actions.
        items: Vec<RemoveOp>,
    },
    /// `[DETACH] DELETE ...`
    Delete {
        /// Input rows.
        input: Box<Op>,
        /// What to delete.
        exprs: Vec<Expr>,
        /// `DETACH`
        detach: bool,
    },
    /// Runs the input to the end and yields nothing (a query with no `RETURN`).
    Discard {
        /// Input rows.
        input: Box<Op>,
    },
    /// `UNION [ALL]`: the rows of each part, in order.
    Union {
        /// The parts.
        parts: Vec<Op>,
        /// `UNION ALL`
        all: bool,
        /// Column count.
        width: usize,
    },
    /// `CALL proc(args) YIELD ...`
    ProcedureCall {
        /// Input rows.
        input: Box<Op>,
        /// The procedure, lowercased.
        name: String,
        /// The arguments.
        args: Vec<Expr>,
        /// `(output field index, slot)` pairs.
        yields: Vec<(usize, Slot)>,
    },
}

/// A planned expression.
#[derive(Debug, Clone)]
pub(crate) enum Expr {
    /// A constant.
    Const(Value),
    /// `$name`
    Param(String),
    /// A variable.
    Slot(Slot),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `{k: v}`
    Map(Vec<(String, Expr)>),
    /// `x.key`
    Property(Box<Expr>, String),
    /// `x[i]`
    Index(Box<Expr>, Box<Expr>),
    /// `x[a..b]`
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `NOT x`
    Not(Box<Expr>),
    /// `-x`
    Neg(Box<Expr>),
    /// `a op b`
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `a op b op c ...`, left to right: `((a op b) op c) ...`. Long chains
    /// (`OR`s, `AND`s, `+`s) stay as shallow as one operator.
    Chain(Box<Expr>, Vec<(BinaryOp, Expr)>),
    /// `x IS NULL` / `x IS NOT NULL` (`true`)
    IsNull(Box<Expr>, bool),
    /// `x:A:B`
    HasLabels(Box<Expr>, Vec<String>),
    /// A scalar function, name lowercased.
    Function(String, Vec<Expr>),
    /// `CASE`
    Case {
        /// The simple form's operand.
        operand: Option<Box<Expr>>,
        /// `WHEN a THEN b`
        whens: Vec<(Expr, Expr)>,
        /// `ELSE c`
        else_: Option<Box<Expr>>,
    },
    /// `[x IN list WHERE f | m]`, with `x` in `slot`.
    ListComprehension {
        /// The element slot.
        slot: Slot,
        /// The list.
        list: Box<Expr>,
        /// `WHERE`
        filter: Option<Box<Expr>>,
        /// `|`
        map: Option<Box<Expr>>,
    },
    /// `all/any/none/single(x IN list WHERE p)`
    Quantifier {
        /// Which.
        kind: Quantifier,
        /// The element slot.
        slot: Slot,
        /// The list.
        list: Box<Expr>,
        /// The predicate.
        predicate: Box<Expr>,
    },
    /// `reduce(acc = init, x IN list | e)`
    Reduce {
        /// Accumulator slot.
        acc: Slot,
        /// Initial value.
        init: Box<Expr>,
        /// Element slot.
        slot: Slot,
        /// The list.
        list: Box<Expr>,
        /// The step.
        expr: Box<Expr>,
    },
    /// A subquery run per row: `EXISTS` (any row?), `COUNT` (how many
    /// rows?), a pattern comprehension or `COLLECT` (the list of an
    /// expression over its rows).
    Subquery {
        /// The plan, starting from [`Op::Argument`].
        plan: Box<Op>,
        /// What it answers.
        answer: SubqueryAnswer,
    },
    /// Builds a path from slots.
    Path(Vec<PathPart>),
    /// `n {.a, b: e, .*}`
    MapProjection(Box<Expr>, Vec<MapItem>),
}

/// An item of a map projection.
#[derive(Debug, Clone)]
pub(crate) enum MapItem {
    /// `.key`
    Property(String),
    /// `key: expr` (also `var`, with the variable's name as key)
    Entry(String, Expr),
    /// `.*`
    All,
}

/// The match behind [`Op::children`] and [`Op::children_mut`], written
/// once: `$iter` is `iter` or `iter_mut`, and `$($m)?` is empty or `mut`.
macro_rules! children {
    ($op:expr, $iter:ident $(, $m:tt)?) => {
        match $op {
            Op::Argument | Op::Empty => vec![],
            Op::Optional { input, inner, .. } => vec![&$($m)? **input, &$($m)? **inner],
            Op::AggregateRuns { input, per_row, .. } => vec![&$($m)? **input, &$($m)? **per_row],
            Op::DistinctEnds { input, .. } => vec![&$($m)? **input],
            Op::Merge { input, matcher, .. } => vec![&$($m)? **input, &$($m)? **matcher],
            Op::Foreach { input, body, .. } => vec![&$($m)? **input, &$($m)? **body],
            Op::Apply { input, inner, .. } => vec![&$($m)? **input, &$($m)? **inner],
            Op::Union { parts, .. } => parts.$iter().collect(),
            Op::NodeScan { input, .. }
            | Op::CheckNode { input, .. }
            | Op::Expand { input, .. }
            | Op::ShortestPath { input, .. }
            | Op::Filter { input, .. }
            | Op::Extend { input, .. }
            | Op::Project { input, .. }
            | Op::Aggregate { input, .. }
            | Op::Distinct { input, .. }
            | Op::Sort { input, .. }
            | Op::Skip { input, .. }
            | Op::Limit { input, .. }
            | Op::Unwind { input, .. }
            | Op::LoadCsv { input, .. }
            | Op::Create { input, .. }
            | Op::Set { input, .. }
            | Op::Remove { input, .. }
            | Op::Delete { input, .. }
            | Op::Discard { input, .. }
            | Op::ProcedureCall { input, .. } => vec![&$($m)? **input],
        }
    };
}

impl Op {
    /// The operators this one reads from, in order.
    pub(crate) fn children(&self) -> Vec<&Op> {
        children!(self, iter)
    }

    /// [`Op::children`], to change in place.
    pub(crate) fn children_mut(&mut self) -> Vec<&mut Op> {
        children!(self, iter_mut, mut)
    }
}
