//! Logical plan → pull-based operators → rows; runtime errors are found here.

mod aggregate;
mod apply;
pub(crate) mod clock;
pub(crate) mod eval;
mod expand;
mod file_access;
mod foreach;
pub(crate) mod functions;
mod graph_access;
pub(crate) mod guard;
pub(crate) mod history;
mod live;
mod load_csv;
mod nodeset;
mod notices;
pub(crate) mod ops;
mod parallel;
mod procedures;
mod profile;
mod property_test;
mod row;
mod runs;
mod scan;
mod snapshot;
mod sort;
mod stats;
mod stream;
#[cfg(test)]
mod test_values;
mod write;

pub(crate) use eval::eval;
pub use file_access::FileAccess;
pub(crate) use graph_access::GraphAccess;
pub(crate) use parallel::STACK as STATEMENT_STACK;
pub(crate) use procedures::Procedures;
pub(crate) use row::Row;
pub(crate) use snapshot::{node_data, rel_data};
pub(crate) use stats::GraphStats;

use crate::error::Result;
use crate::plan::{Op, Plan, Slot};
use crate::result::{QueryResult, Stats};
use crate::store::Graph;
use crate::value::NodeId;
use crate::value::Params;

/// The functions and procedures this executor offers, for the planner.
pub(crate) struct ExecCatalog<'a> {
    /// The registered procedures.
    pub procedures: &'a Procedures,
    /// The graph's statistics, for the cost model.
    pub stats: Option<GraphStats<'a>>,
}

impl crate::plan::Catalog for ExecCatalog<'_> {
    fn procedure(&self, name: &str) -> Option<crate::plan::ProcedureSignature> {
        self.procedures.signature(name).cloned()
    }

    fn suggest_function(&self, name: &str) -> Option<String> {
        functions::suggest(name).map(str::to_string)
    }

    fn stats(&self) -> Option<&dyn crate::plan::Statistics> {
        self.stats
            .as_ref()
            .map(|s| s as &dyn crate::plan::Statistics)
    }

    fn function_arity(&self, name: &str) -> Option<(usize, Option<usize>)> {
        if functions::is_known(name) {
            Some(functions::arity(name).unwrap_or((0, None)))
        } else {
            None
        }
    }
}

/// What operators share while a statement runs.
pub(crate) struct Ctx<'a> {
    /// The graph, read and written through its transaction.
    pub graph: GraphAccess<'a>,
    /// The statement's parameters.
    pub params: &'a Params,
    /// The procedures `CALL` can run.
    pub procedures: &'a Procedures,
    /// The files `LOAD CSV` may read.
    pub file_access: &'a FileAccess,
    /// Nodes deleted without `DETACH`: they must have no relationships
    /// left when the statement ends.
    pub deleted_nodes: Vec<NodeId>,
    /// The clocks temporal functions read.
    pub clock: clock::Clock,
    /// The statement writes: traversals do not build the compact copy of
    /// the graph (see [`Plan::writes`]).
    pub writes: bool,
    /// The commit history, and the metadata `tx.setMetaData` gives.
    pub history: history::HistoryCtx<'a>,
}

impl Ctx<'_> {
    /// The same statement's context, read-only, for a part of it run on
    /// another thread (see [`parallel`]).
    pub(crate) fn reader(&self) -> Ctx<'_> {
        Ctx {
            graph: GraphAccess::read_only(&self.graph),
            params: self.params,
            procedures: self.procedures,
            file_access: self.file_access,
            deleted_nodes: Vec::new(),
            clock: self.clock.clone(),
            writes: false,
            history: self.history.reader(),
        }
    }
}

/// A pull-based operator: each call yields the next row, or `None` when done.
pub(crate) trait Operator {
    /// The next row.
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>>;

    /// How many rows are left, pulled without keeping them. Operators that
    /// can count without building rows do so.
    fn count(&mut self, ctx: &mut Ctx<'_>) -> Result<u64> {
        let mut n = 0;
        while self.next(ctx)?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    /// Hands each row left to `f`, which says whether to go on. Operators
    /// that change one row in place lend it instead of copying it.
    fn for_each_row(&mut self, ctx: &mut Ctx<'_>, f: &mut RowSink<'_>) -> Result<()> {
        while let Some(row) = self.next(ctx)? {
            if !f(&row, ctx)? {
                break;
            }
        }
        Ok(())
    }

    /// Hands `f` each input row of this operator with the number of rows
    /// it yields for it (when not zero), without building them: for a
    /// caller that reads only the slots `reads` of its rows, all of which
    /// the input row holds, and counts the rows where each of `counted`
    /// holds a value (`count(x)`). False, having pulled nothing, when the
    /// operator cannot, when it writes one of `reads`, or when one of
    /// `counted` is not a slot it fills on every row it makes.
    fn for_each_input_count(
        &mut self,
        _ctx: &mut Ctx<'_>,
        _reads: &[Slot],
        _counted: &[Slot],
        _f: &mut CountSink<'_>,
    ) -> Result<bool> {
        Ok(false)
    }

    /// The number of distinct nodes in `slot` over the rows left, when the
    /// operator can tell without building rows (it then has none left);
    /// `None`, having pulled nothing, when it cannot.
    fn count_distinct_nodes(&mut self, _slot: Slot, _ctx: &mut Ctx<'_>) -> Result<Option<u64>> {
        Ok(None)
    }

    /// Hands `f` the node in `slot` of each row left, without building
    /// the rows, when `slot` is one the operator fills with a node on every
    /// row (a hop's far end); false, having pulled nothing, when it cannot.
    fn for_each_node(
        &mut self,
        _ctx: &mut Ctx<'_>,
        _slot: Slot,
        _f: &mut NodeSink<'_>,
    ) -> Result<bool> {
        Ok(false)
    }

    /// Starts over with `arg` as what the [`Op::Argument`] at the bottom
    /// yields, as if built anew with it, keeping what it resolved that reads
    /// no row (a subplan run once per outer row, built once). False when
    /// it cannot: then the caller builds it again.
    fn rearm(&mut self, _arg: &Row) -> bool {
        false
    }

    /// The number of rows it would yield if rearmed with `arg` (see
    /// [`Operator::rearm`]), when it can count them from `arg` alone,
    /// without rearming or building rows (a hop from the argument row
    /// counted in the compact copy); `None`, having pulled nothing, when it
    /// cannot: the caller then rearms it and counts.
    fn count_at(&mut self, _arg: &Row, _ctx: &mut Ctx<'_>) -> Result<Option<u64>> {
        Ok(None)
    }

    /// Hands `f` the node in `slot` of each row it would yield if rearmed
    /// with `arg`, when it can read them from `arg` alone, without rearming
    /// or building rows (a hop from the argument row read in the compact
    /// copy); false, having pulled and handed nothing, when it cannot: the
    /// caller then rearms it.
    fn nodes_at(
        &mut self,
        _arg: &Row,
        _ctx: &mut Ctx<'_>,
        _slot: Slot,
        _f: &mut NodeSink<'_>,
    ) -> Result<bool> {
        Ok(false)
    }

    /// Whether it yields what it was rearmed with, as it is, and nothing
    /// else: the argument row of a subplan.
    fn yields_argument(&self) -> bool {
        false
    }

    /// Keeps only one part of the rows (see [`parallel`]): a row-at-a-time
    /// operator passes this on to its input, the scan that drives the plan
    /// takes its share of the nodes.
    fn split(&mut self, _part: parallel::Part, _graph: &Graph) -> parallel::Split {
        parallel::Split::Cannot
    }
}

/// What [`Operator::for_each_row`] hands rows to: true to go on.
pub(crate) type RowSink<'f> = dyn FnMut(&Row, &mut Ctx<'_>) -> Result<bool> + 'f;

/// What [`Operator::for_each_input_count`] hands rows and counts to: the
/// input row, how many rows it yields, and in how many of those the slots
/// the caller counts hold a value (all of them, but for an optional match
/// that found nothing: one row, of nulls).
pub(crate) type CountSink<'f> = dyn FnMut(&Row, u64, u64, &mut Ctx<'_>) -> Result<()> + 'f;

/// What [`Operator::for_each_node`] hands nodes to.
pub(crate) type NodeSink<'f> = dyn FnMut(crate::value::NodeId) + 'f;

/// A boxed operator borrowing its plan.
pub(crate) type BoxOp<'p> = Box<dyn Operator + 'p>;

/// Builds the operator tree of a plan; `arg` is what [`Op::Argument`] yields.
pub(crate) fn build<'p>(op: &'p Op, arg: &Row) -> BoxOp<'p> {
    profile::wrap(op, build_bare(op, arg))
}

fn build_bare<'p>(op: &'p Op, arg: &Row) -> BoxOp<'p> {
    match op {
        Op::Argument => Box::new(scan::Argument::new(arg.clone())),
        Op::Empty => Box::new(scan::Argument::empty()),
        Op::NodeScan {
            input,
            slot,
            scan,
            filter,
            ..
        } => Box::new(scan::NodeScan::new(build(input, arg), *slot, scan, filter)),
        Op::CheckNode {
            input,
            slot,
            filter,
        } => Box::new(scan::CheckNode::new(build(input, arg), *slot, filter)),
        Op::Expand {
            input,
            var_length: None,
            also,
            ..
        } if !also.is_empty() => Box::new(expand::Intersect::new(build(input, arg), op)),
        Op::Expand {
            input,
            var_length: None,
            ..
        } => Box::new(expand::Expand::new(build(input, arg), op)),
        Op::Expand { input, .. } => Box::new(expand::VarExpand::new(build(input, arg), op)),
        Op::ShortestPath { input, .. } => {
            Box::new(expand::ShortestPath::new(build(input, arg), op))
        }
        Op::Filter { input, predicate } => {
            Box::new(stream::Filter::new(build(input, arg), predicate))
        }
        Op::Extend { input, items } => Box::new(stream::Extend::new(build(input, arg), items)),
        Op::Project { input, exprs } => Box::new(stream::Project::new(build(input, arg), exprs)),
        Op::Optional {
            input,
            inner,
            slots,
        } => Box::new(stream::Optional::new(build(input, arg), inner, slots)),
        Op::DistinctEnds {
            input,
            expand,
            predicate,
            group,
        } => Box::new(expand::DistinctEnds::new(
            build(input, arg),
            expand,
            predicate.as_ref(),
            group,
        )),
        Op::AggregateRuns {
            input,
            per_row,
            keys,
            aggs,
        } => Box::new(runs::AggregateRuns::new(
            (build(input, arg), input, arg),
            per_row,
            keys,
            aggs,
        )),
        Op::Aggregate { input, keys, aggs } => Box::new(aggregate::Aggregate::new(
            build(input, arg),
            input,
            arg,
            keys,
            aggs,
        )),
        Op::Distinct { input, width } => Box::new(stream::Distinct::new(build(input, arg), *width)),
        Op::Sort { input, keys } => Box::new(sort::Sort::new(build(input, arg), keys)),
        Op::Skip { input, count } => Box::new(stream::Skip::new(build(input, arg), count)),
        Op::Limit { input, count } => {
            // A sort under a limit orders only the rows the limit lets through.
            let rows = match &**input {
                Op::Sort { input: below, keys } => profile::wrap(
                    input,
                    Box::new(sort::Sort::limited(build(below, arg), keys, count)),
                ),
                _ => build(input, arg),
            };
            Box::new(stream::Limit::new(rows, count, input.has_updates()))
        }
        Op::Unwind { input, list, slot } => {
            Box::new(stream::Unwind::new(build(input, arg), list, *slot))
        }
        Op::Foreach {
            input,
            list,
            slot,
            body,
        } => Box::new(foreach::Foreach::new(build(input, arg), list, *slot, body)),
        Op::Apply {
            input,
            inner,
            outputs,
            optional,
        } => Box::new(apply::Apply::new(
            build(input, arg),
            inner,
            outputs,
            *optional,
        )),
        Op::LoadCsv {
            input,
            url,
            slot,
            headers,
            delimiter,
        } => Box::new(load_csv::LoadCsv::new(
            build(input, arg),
            url,
            *slot,
            *headers,
            *delimiter,
        )),
        Op::Create { input, pattern } => Box::new(write::Create::new(build(input, arg), pattern)),
        Op::Merge { input, .. } => Box::new(write::Merge::new(build(input, arg), op)),
        Op::Set { input, items } => Box::new(write::Set::new(build(input, arg), items)),
        Op::Remove { input, items } => Box::new(write::Remove::new(build(input, arg), items)),
        Op::Delete {
            input,
            exprs,
            detach,
        } => Box::new(write::Delete::new(build(input, arg), exprs, *detach)),
        Op::Discard { input } => Box::new(stream::Discard::new(build(input, arg))),
        Op::Union { parts, all, width } => {
            let parts = parts.iter().map(|p| build(p, arg)).collect();
            Box::new(stream::Union::new(parts, *all, *width))
        }
        Op::ProcedureCall {
            input,
            name,
            args,
            yields,
        } => Box::new(procedures::ProcedureCall::new(
            build(input, arg),
            name,
            args,
            yields,
        )),
    }
}

/// Runs a plan against the graph, `LOAD CSV` reading only the files
/// `file_access` allows. The caller commits or rolls back.
pub(crate) fn execute<'a>(
    plan: &Plan,
    graph: &'a mut Graph,
    params: &'a Params,
    procedures: &'a Procedures,
    file_access: &'a FileAccess,
    clock: clock::Clock,
    history: history::HistoryCtx<'a>,
) -> (Result<QueryResult>, Option<crate::history::Metadata>) {
    if plan.explain {
        let result = QueryResult {
            plan: Some(plan.root.to_string()),
            ..QueryResult::default()
        };
        return (Ok(result), history.meta);
    }
    let savepoint = graph.savepoint();
    let labels_before = graph.label_names();
    let mut ctx = Ctx {
        graph: GraphAccess::writable(graph),
        params,
        procedures,
        file_access,
        deleted_nodes: Vec::new(),
        clock,
        writes: plan.writes,
        history,
    };
    let executed = pull(plan, &mut ctx);
    let meta = ctx.history.meta.take();
    let mut result = match executed {
        Ok(r) => r,
        Err(e) => return (Err(e), meta),
    };
    let graph = &ctx.graph;
    let changes = graph.changes_since(savepoint);
    let labels_after = graph.label_names();
    result.stats = Stats {
        nodes_created: changes.nodes_created,
        nodes_deleted: changes.nodes_deleted,
        relationships_created: changes.rels_created,
        relationships_deleted: changes.rels_deleted,
        properties_set: changes.properties_set,
        properties_removed: changes.properties_removed,
        labels_added: labels_after.difference(&labels_before).count() as u64,
        labels_removed: labels_before.difference(&labels_after).count() as u64,
    };
    snapshot::fill(&mut result, graph);
    if result.rows.is_empty() && !result.columns.is_empty() {
        result.notices = notices::for_empty_result(&plan.root, graph);
    }
    (Ok(result), meta)
}

/// Pulls the plan's rows (and its profile, when asked for).
fn pull(plan: &Plan, ctx: &mut Ctx<'_>) -> Result<QueryResult> {
    let profiling = plan.profile.then(profile::Collecting::start);
    let mut root = build(&plan.root, &Row::new());
    let width = plan.columns.len();
    let mut rows = Vec::new();
    let mut kept = guard::Reservation::new();
    while let Some(mut row) = root.next(ctx)? {
        row.truncate(width);
        row.resize(width, crate::value::Value::Null);
        kept.grow_row(&row)?;
        rows.push(row);
    }
    write::check_deleted_nodes(ctx)?;
    let mut result = QueryResult {
        columns: plan.columns.clone(),
        rows,
        ..QueryResult::default()
    };
    if let Some(p) = profiling {
        drop(root);
        result.plan = Some(p.finish(&plan.root));
    }
    Ok(result)
}

/// Plans and runs `query` on `graph` (for tests; a failure panics).
#[cfg(test)]
pub(crate) fn run_query(graph: &mut Graph, query: &str, params: &Params) -> QueryResult {
    try_query(graph, query, params).unwrap_or_else(|e| panic!("{query}: {}", e.message))
}

/// Plans and runs `query` on `graph` (for tests).
#[cfg(test)]
pub(crate) fn try_query(graph: &mut Graph, query: &str, params: &Params) -> Result<QueryResult> {
    let procedures = Procedures::default();
    let planned = {
        let catalog = ExecCatalog {
            procedures: &procedures,
            stats: Some(GraphStats::new(graph, Vec::new())),
        };
        crate::parse::parse_statement(query).and_then(|s| crate::plan::plan(&s, &catalog))
    };
    planned.and_then(|plan| {
        execute(
            &plan,
            graph,
            params,
            &procedures,
            &FileAccess::Anywhere,
            clock::Clock::starting(None),
            history::HistoryCtx::default(),
        )
        .0
    })
}
