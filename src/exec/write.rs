//! Updating operators. Each reads all of its input before changing
//! anything, so that a clause never sees its own writes (Cypher's
//! clause-at-a-time semantics), then yields the updated rows.

use super::eval::build_path;
use super::guard::Reservation;
use super::live::{self, Entity};
use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, build, eval};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::plan::logical::{CreatePattern, Expr, Op, RemoveOp, SetOp};
use crate::store::{Dir, Properties};
use crate::value::{NodeId, RelId, Value};
use std::collections::BTreeMap;

/// Pulls every row of `input`, counting them in `kept`.
fn drain(input: &mut BoxOp<'_>, kept: &mut Reservation, ctx: &mut Ctx<'_>) -> Result<Vec<Row>> {
    let mut rows = Vec::new();
    while let Some(r) = input.next(ctx)? {
        kept.grow_row(&r)?;
        rows.push(r);
    }
    Ok(rows)
}

/// Yields buffered rows after a first call has filled them.
struct Buffered {
    rows: Option<std::vec::IntoIter<Row>>,
    /// The memory the buffered rows hold.
    kept: Reservation,
}

impl Buffered {
    fn new() -> Buffered {
        Buffered {
            rows: None,
            kept: Reservation::new(),
        }
    }

    fn next(&mut self) -> Option<Row> {
        self.rows.as_mut().and_then(Iterator::next)
    }

    fn fill(&mut self, rows: Vec<Row>) {
        self.rows = Some(rows.into_iter());
    }

    fn is_filled(&self) -> bool {
        self.rows.is_some()
    }

    /// The next row of an updating clause: the first call pulls every row
    /// of `input` and runs `update` on each in turn, so the clause has
    /// finished its writes before the next clause sees a row.
    fn next_updated(
        &mut self,
        input: &mut BoxOp<'_>,
        ctx: &mut Ctx<'_>,
        mut update: impl FnMut(&mut Row, &mut Ctx<'_>) -> Result<()>,
    ) -> Result<Option<Row>> {
        if !self.is_filled() {
            let mut rows = drain(input, &mut self.kept, ctx)?;
            for row in &mut rows {
                update(row, ctx)?;
            }
            self.fill(rows);
        }
        Ok(self.next())
    }
}

/// Checks a value can be stored as a property.
fn storable(key: &str, v: &Value) -> Result<()> {
    if v.is_storable() {
        if let Value::List(items) = v {
            let mut kinds = items
                .iter()
                .filter(|i| !i.is_null())
                .map(std::mem::discriminant);
            if let Some(first) = kinds.next() {
                let numeric = items
                    .iter()
                    .all(|i| matches!(i, Value::Int(_) | Value::Float(_) | Value::Null));
                if !numeric && kinds.any(|k| k != first) {
                    return Err(invalid_property(key, v));
                }
            }
        }
        return Ok(());
    }
    Err(invalid_property(key, v))
}

fn invalid_property(key: &str, v: &Value) -> Error {
    Error::runtime(
        ErrorKind::TypeError,
        Detail::InvalidPropertyType,
        format!("property `{key}` cannot hold a {}", v.type_name()),
    )
}

/// The properties a `{...}` or `$map` evaluates to, nulls dropped.
fn property_map(
    e: &Option<Expr>,
    row: &Row,
    ctx: &mut Ctx<'_>,
    merging: bool,
) -> Result<Properties> {
    let mut props = Properties::new();
    let Some(e) = e else { return Ok(props) };
    match eval(e, row, ctx)? {
        Value::Map(m) => {
            for (k, v) in m {
                if v.is_null() {
                    if merging {
                        return Err(Error::runtime(
                            ErrorKind::SemanticError,
                            Detail::MergeReadOwnWrites,
                            format!("cannot merge with a null value for property `{k}`"),
                        ));
                    }
                    continue;
                }
                storable(&k, &v)?;
                props.insert(k, v);
            }
        }
        Value::Null => {}
        other => {
            return Err(Error::type_error(format!(
                "properties must be a map, got {}",
                other.type_name()
            )));
        }
    }
    Ok(props)
}

/// Creates a pattern for one row, writing the new entities into it.
fn create_pattern(
    pattern: &CreatePattern,
    row: &mut Row,
    ctx: &mut Ctx<'_>,
    merging: bool,
) -> Result<()> {
    for n in &pattern.nodes {
        if n.bound {
            continue;
        }
        let props = property_map(&n.properties, row, ctx, merging)?;
        let id = ctx.graph.write()?.create_node(&n.labels, props);
        row::set(row, n.slot, Value::Node(id));
    }
    for r in &pattern.rels {
        let end = |slot| -> Result<NodeId> {
            match row::get(row, slot) {
                Value::Node(id) => Ok(*id),
                other => Err(Error::runtime(
                    ErrorKind::SemanticError,
                    Detail::CreateBlockedByConstraint,
                    format!("a relationship needs two nodes, got {}", other.type_name()),
                )),
            }
        };
        let start = live::node(&ctx.graph, end(r.start)?)?;
        let stop = live::node(&ctx.graph, end(r.end)?)?;
        let props = property_map(&r.properties, row, ctx, merging)?;
        let id = ctx
            .graph
            .write()?
            .create_rel(&r.rel_type, start, stop, props);
        row::set(row, r.slot, Value::Relationship(id));
    }
    for (slot, parts) in &pattern.paths {
        let p = build_path(parts, row, &ctx.graph)?;
        row::set(row, *slot, p);
    }
    Ok(())
}

/// `CREATE`
pub(crate) struct Create<'p> {
    input: BoxOp<'p>,
    pattern: &'p CreatePattern,
    out: Buffered,
}

impl<'p> Create<'p> {
    /// Creates `pattern` for each row of `input`.
    pub(crate) fn new(input: BoxOp<'p>, pattern: &'p CreatePattern) -> Create<'p> {
        Create {
            input,
            pattern,
            out: Buffered::new(),
        }
    }
}

impl Operator for Create<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let pattern = self.pattern;
        self.out.next_updated(&mut self.input, ctx, |row, ctx| {
            create_pattern(pattern, row, ctx, false)
        })
    }
}

/// `MERGE`
pub(crate) struct Merge<'p> {
    input: BoxOp<'p>,
    op: &'p Op,
    out: Buffered,
}

impl<'p> Merge<'p> {
    /// Merges for each row of `input`.
    pub(crate) fn new(input: BoxOp<'p>, op: &'p Op) -> Merge<'p> {
        Merge {
            input,
            op,
            out: Buffered::new(),
        }
    }
}

impl Operator for Merge<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let Op::Merge {
            matcher,
            create,
            on_create,
            on_match,
            ..
        } = self.op
        else {
            return Ok(None);
        };
        if !self.out.is_filled() {
            let rows = drain(&mut self.input, &mut self.out.kept, ctx)?;
            let mut out = Vec::new();
            for row in rows {
                let mut m = build(matcher, &row);
                let mut matched = Vec::new();
                while let Some(r) = m.next(ctx)? {
                    matched.push(r);
                }
                drop(m);
                if matched.is_empty() {
                    let mut r = row;
                    create_pattern(create, &mut r, ctx, true)?;
                    for item in on_create {
                        apply_set(item, &r, ctx)?;
                    }
                    out.push(r);
                } else {
                    for r in matched {
                        assert_matched(create, &r, ctx)?;
                        for item in on_match {
                            apply_set(item, &r, ctx)?;
                        }
                        out.push(r);
                    }
                }
            }
            self.out.fill(out);
        }
        Ok(self.out.next())
    }
}

/// Records that a `MERGE` matched the entities of its pattern in `row`
/// (those it would have created), and the properties the pattern names:
/// the commit asserts them again (see [`crate::history`]).
fn assert_matched(pattern: &CreatePattern, row: &Row, ctx: &mut Ctx<'_>) -> Result<()> {
    use crate::history::Key;
    let nodes = pattern.nodes.iter().filter(|n| !n.bound);
    let elements = nodes
        .map(|n| (n.slot, &n.properties))
        .chain(pattern.rels.iter().map(|r| (r.slot, &r.properties)));
    for (slot, properties) in elements {
        let key = match row::get(row, slot) {
            Value::Node(id) => Key::node(*id),
            Value::Relationship(id) => Key::rel(*id),
            _ => continue,
        };
        let names: Vec<String> = property_map(properties, row, ctx, true)?
            .into_keys()
            .collect();
        ctx.graph.write()?.assert_entity(key, &names);
    }
    Ok(())
}

/// An entity a `SET`/`REMOVE` target evaluates to.
enum Target {
    Node(NodeId),
    Rel(RelId),
    Null,
}

fn target(v: Value) -> Result<Target> {
    match v {
        Value::Node(id) => Ok(Target::Node(id)),
        Value::Relationship(id) => Ok(Target::Rel(id)),
        Value::Null => Ok(Target::Null),
        other => Err(Error::type_error(format!(
            "only nodes and relationships have properties, got {}",
            other.type_name()
        ))),
    }
}

fn set_property(t: &Target, key: &str, v: Option<Value>, ctx: &mut Ctx<'_>) -> Result<()> {
    let v = v.filter(|v| !v.is_null());
    if let Some(v) = &v {
        storable(key, v)?;
    }
    match t {
        Target::Node(id) => {
            let id = live::node(&ctx.graph, *id)?;
            ctx.graph.write()?.set_node_property(id, key, v);
        }
        Target::Rel(id) => {
            let id = live::rel(&ctx.graph, *id)?;
            ctx.graph.write()?.set_rel_property(id, key, v);
        }
        Target::Null => {}
    }
    Ok(())
}

fn properties_of(v: Value, ctx: &Ctx<'_>) -> Result<BTreeMap<String, Value>> {
    match v {
        Value::Map(m) => Ok(m),
        Value::Null => Ok(BTreeMap::new()),
        other => match live::entity(&ctx.graph, &other)? {
            Some(e) => Ok(e
                .properties(&ctx.graph)
                .map(|p| p.to_map())
                .unwrap_or_default()),
            None => Err(Error::type_error(format!(
                "SET needs a map, node or relationship, got {}",
                other.type_name()
            ))),
        },
    }
}

/// `SET t = map` (`replace`) or `SET t += map`: every key in one edit of
/// the entity, so a wide map costs time linear in its size.
fn set_map(
    t: &Target,
    new: BTreeMap<String, Value>,
    replace: bool,
    ctx: &mut Ctx<'_>,
) -> Result<()> {
    let entity = match t {
        Target::Node(id) => Entity::Node(live::node(&ctx.graph, *id)?),
        Target::Rel(id) => Entity::Rel(live::rel(&ctx.graph, *id)?),
        Target::Null => return Ok(()),
    };
    let old: Vec<String> = entity
        .properties(&ctx.graph)
        .map(|p| p.keys().map(str::to_string).collect())
        .unwrap_or_default();
    for (k, v) in &new {
        if !v.is_null() {
            storable(k, v)?;
        }
    }
    let mut edits: Vec<(&str, Option<Value>)> = Vec::with_capacity(old.len() + new.len());
    if replace {
        edits.extend(
            old.iter()
                .filter(|k| !new.contains_key(*k))
                .map(|k| (k.as_str(), None)),
        );
    }
    edits.extend(
        new.iter()
            .map(|(k, v)| (k.as_str(), Some(v.clone()).filter(|v| !v.is_null()))),
    );
    match t {
        Target::Node(id) => ctx.graph.write()?.set_node_properties(*id, edits),
        Target::Rel(id) => ctx.graph.write()?.set_rel_properties(*id, edits),
        Target::Null => true,
    };
    Ok(())
}

fn apply_set(item: &SetOp, row: &Row, ctx: &mut Ctx<'_>) -> Result<()> {
    match item {
        SetOp::Property(t, key, value) => {
            let t = target(eval(t, row, ctx)?)?;
            let v = eval(value, row, ctx)?;
            set_property(&t, key, Some(v), ctx)
        }
        SetOp::Map(slot, value, replace) => {
            let t = target(row::get(row, *slot).clone())?;
            let new = properties_of(eval(value, row, ctx)?, ctx)?;
            set_map(&t, new, *replace, ctx)
        }
        SetOp::Labels(slot, labels) => match row::get(row, *slot) {
            Value::Node(id) => {
                let id = live::node(&ctx.graph, *id)?;
                for l in labels {
                    ctx.graph.write()?.add_label(id, l);
                }
                Ok(())
            }
            Value::Null => Ok(()),
            other => Err(Error::type_error(format!(
                "only nodes have labels, got {}",
                other.type_name()
            ))),
        },
    }
}

/// `SET`
pub(crate) struct Set<'p> {
    input: BoxOp<'p>,
    items: &'p [SetOp],
    out: Buffered,
}

impl<'p> Set<'p> {
    /// Applies `items` to each row of `input`.
    pub(crate) fn new(input: BoxOp<'p>, items: &'p [SetOp]) -> Set<'p> {
        Set {
            input,
            items,
            out: Buffered::new(),
        }
    }
}

impl Operator for Set<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let items = self.items;
        self.out.next_updated(&mut self.input, ctx, |row, ctx| {
            items.iter().try_for_each(|item| apply_set(item, row, ctx))
        })
    }
}

/// `REMOVE`
pub(crate) struct Remove<'p> {
    input: BoxOp<'p>,
    items: &'p [RemoveOp],
    out: Buffered,
}

impl<'p> Remove<'p> {
    /// Applies `items` to each row of `input`.
    pub(crate) fn new(input: BoxOp<'p>, items: &'p [RemoveOp]) -> Remove<'p> {
        Remove {
            input,
            items,
            out: Buffered::new(),
        }
    }
}

impl Operator for Remove<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let items = self.items;
        self.out.next_updated(&mut self.input, ctx, |row, ctx| {
            items
                .iter()
                .try_for_each(|item| apply_remove(item, row, ctx))
        })
    }
}

fn apply_remove(item: &RemoveOp, row: &Row, ctx: &mut Ctx<'_>) -> Result<()> {
    match item {
        RemoveOp::Property(t, key) => {
            let t = target(eval(t, row, ctx)?)?;
            set_property(&t, key, None, ctx)
        }
        RemoveOp::Labels(slot, labels) => {
            if let Value::Node(id) = row::get(row, *slot) {
                let id = live::node(&ctx.graph, *id)?;
                for l in labels {
                    ctx.graph.write()?.remove_label(id, l);
                }
            }
            Ok(())
        }
    }
}

/// `[DETACH] DELETE`
pub(crate) struct Delete<'p> {
    input: BoxOp<'p>,
    exprs: &'p [Expr],
    detach: bool,
    out: Buffered,
}

impl<'p> Delete<'p> {
    /// Deletes what `exprs` evaluate to, for each row of `input`.
    pub(crate) fn new(input: BoxOp<'p>, exprs: &'p [Expr], detach: bool) -> Delete<'p> {
        Delete {
            input,
            exprs,
            detach,
            out: Buffered::new(),
        }
    }
}

fn delete_rel(id: RelId, ctx: &mut Ctx<'_>) -> Result<()> {
    ctx.graph.write()?.delete_rel(id);
    Ok(())
}

fn delete_node(id: NodeId, detach: bool, ctx: &mut Ctx<'_>) -> Result<()> {
    if detach {
        for (r, _) in ctx.graph.relationships(id, Dir::Both) {
            delete_rel(r, ctx)?;
        }
    }
    if ctx.graph.write()?.delete_node(id) && !detach {
        ctx.deleted_nodes.push(id);
    }
    Ok(())
}

fn delete_value(v: Value, detach: bool, ctx: &mut Ctx<'_>) -> Result<()> {
    match v {
        Value::Null => {}
        Value::Node(id) => delete_node(id, detach, ctx)?,
        Value::Relationship(id) => delete_rel(id, ctx)?,
        Value::Path(p) => {
            for r in p.rels {
                delete_rel(r, ctx)?;
            }
            for n in p.nodes {
                delete_node(n, detach, ctx)?;
            }
        }
        Value::List(items) => {
            for i in items {
                delete_value(i, detach, ctx)?;
            }
        }
        other => {
            return Err(Error::type_error(format!(
                "DELETE needs a node, relationship or path, got {}",
                other.type_name()
            )));
        }
    }
    Ok(())
}

impl Operator for Delete<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let (exprs, detach) = (self.exprs, self.detach);
        self.out.next_updated(&mut self.input, ctx, |row, ctx| {
            for e in exprs {
                let v = eval(e, row, ctx)?;
                delete_value(v, detach, ctx)?;
            }
            Ok(())
        })
    }
}

/// At the end of a statement: a node deleted without `DETACH` must have no
/// relationships left.
pub(crate) fn check_deleted_nodes(ctx: &Ctx<'_>) -> Result<()> {
    for &id in &ctx.deleted_nodes {
        if ctx.graph.degree(id, Dir::Both) > 0 {
            return Err(Error::runtime(
                ErrorKind::ConstraintVerificationFailed,
                Detail::DeleteConnectedNode,
                "Cannot delete a node that still has relationships; use DETACH DELETE",
            ));
        }
    }
    Ok(())
}
