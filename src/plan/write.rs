//! Updating clauses: `CREATE`, `MERGE`, `SET`, `REMOVE`, `DELETE`, and `CALL`.

use super::logical::{
    CreateNode, CreatePattern, CreateRel, Expr, Op, PathPart, RemoveOp, SetOp, Slot,
};
use super::planner::{Planner, already_bound};
use super::scope::{Scope, VarKind};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast::{self, ExprKind};

fn syntax(detail: Detail, message: impl Into<String>, span: crate::span::Span) -> Error {
    Error::compile(ErrorKind::SyntaxError, detail, message, Some(span))
}

impl Planner<'_> {
    /// `CREATE pattern`
    pub(crate) fn plan_create(
        &mut self,
        input: Op,
        c: &ast::Create,
        scope: &mut Scope,
    ) -> Result<Op> {
        let mut pattern = CreatePattern::default();
        for part in &c.pattern {
            self.create_part(part, scope, None, &mut pattern)?;
        }
        Ok(Op::Create {
            input: Box::new(input),
            pattern,
        })
    }

    /// Adds one pattern part to a create pattern. With `merge_scope`
    /// (planning `MERGE`), variables take the slots the matcher bound them
    /// to, and `scope` is the scope before the `MERGE`.
    fn create_part(
        &mut self,
        part: &ast::PatternPart,
        scope: &mut Scope,
        merge_scope: Option<&Scope>,
        out: &mut CreatePattern,
    ) -> Result<()> {
        if part.kind != ast::PathKind::Normal {
            return Err(syntax(
                Detail::UnexpectedSyntax,
                "shortestPath cannot be created",
                part.span,
            ));
        }
        if let Some(p) = &part.var
            && scope.get(&p.name).is_some()
        {
            return Err(already_bound(p));
        }
        let el = &part.element;
        if el.chain.is_empty()
            && let Some(v) = &el.start.var
            && scope.get(&v.name).is_some()
        {
            return Err(already_bound(v));
        }
        check_rels_unbound(el, scope)?;
        let mut path = Vec::new();
        let first = self.create_node(&el.start, scope, merge_scope, out)?;
        path.push(PathPart::Node(first));
        let mut prev = first;
        for (r, n) in &el.chain {
            let next = self.create_node(n, scope, merge_scope, out)?;
            if r.types.len() != 1 {
                return Err(syntax(
                    Detail::NoSingleRelationshipType,
                    "a relationship must have exactly one type to be created",
                    r.span,
                ));
            }
            if r.length.is_some() {
                return Err(syntax(
                    Detail::CreatingVarLength,
                    "variable-length relationships cannot be created",
                    r.span,
                ));
            }
            let (start, end) = match r.direction {
                ast::Direction::Right => (prev, next),
                ast::Direction::Left => (next, prev),
                ast::Direction::Both if merge_scope.is_some() => (prev, next),
                ast::Direction::Both => {
                    return Err(syntax(
                        Detail::RequiresDirectedRelationship,
                        "only directed relationships can be created",
                        r.span,
                    ));
                }
            };
            let slot = match &r.var {
                Some(v) => {
                    if scope.get(&v.name).is_some() {
                        return Err(already_bound(v));
                    }
                    let slot = match merge_scope.and_then(|m| m.get(&v.name)) {
                        Some(var) => var.slot,
                        None => self.alloc(),
                    };
                    scope.bind(&v.name, slot, VarKind::Rel);
                    slot
                }
                None => self.alloc(),
            };
            let properties = match &r.properties {
                Some(p) => Some(self.expr(p, scope)?),
                None => None,
            };
            out.rels.push(CreateRel {
                slot,
                rel_type: r.types[0].name.clone(),
                start,
                end,
                properties,
            });
            path.push(PathPart::Rel(slot));
            path.push(PathPart::Node(next));
            prev = next;
        }
        if let Some(p) = &part.var {
            let slot = match merge_scope.and_then(|m| m.get(&p.name)) {
                Some(var) => var.slot,
                None => self.alloc(),
            };
            scope.bind(&p.name, slot, VarKind::Path);
            out.paths.push((slot, path));
        }
        Ok(())
    }

    fn create_node(
        &mut self,
        n: &ast::NodePattern,
        scope: &mut Scope,
        merge_scope: Option<&Scope>,
        out: &mut CreatePattern,
    ) -> Result<Slot> {
        let properties = match &n.properties {
            Some(p) => Some(self.expr(p, scope)?),
            None => None,
        };
        let labels: Vec<String> = n.labels.iter().map(|l| l.name.clone()).collect();
        if let Some(v) = &n.var {
            if let Some(var) = scope.get(&v.name) {
                if !matches!(var.kind, VarKind::Node | VarKind::Value) {
                    return Err(syntax(
                        Detail::VariableTypeConflict,
                        format!("Variable `{}` is not a node", v.name),
                        v.span,
                    ));
                }
                if !labels.is_empty() || properties.is_some() {
                    return Err(already_bound(v));
                }
                out.nodes.push(CreateNode {
                    slot: var.slot,
                    bound: true,
                    labels,
                    properties,
                });
                return Ok(var.slot);
            }
            let slot = match merge_scope.and_then(|m| m.get(&v.name)) {
                Some(var) => var.slot,
                None => self.alloc(),
            };
            scope.bind(&v.name, slot, VarKind::Node);
            out.nodes.push(CreateNode {
                slot,
                bound: false,
                labels,
                properties,
            });
            return Ok(slot);
        }
        let slot = self.alloc();
        out.nodes.push(CreateNode {
            slot,
            bound: false,
            labels,
            properties,
        });
        Ok(slot)
    }

    /// `MERGE pattern [ON CREATE SET ...] [ON MATCH SET ...]`
    pub(crate) fn plan_merge(
        &mut self,
        input: Op,
        m: &ast::Merge,
        scope: &mut Scope,
    ) -> Result<Op> {
        check_no_parameter_maps(&m.pattern)?;
        let el = &m.pattern.element;
        if el.chain.is_empty()
            && let Some(v) = &el.start.var
            && scope.get(&v.name).is_some()
        {
            return Err(already_bound(v));
        }
        check_rels_unbound(el, scope)?;
        let pattern = name_anonymous(&m.pattern, scope);
        let mut matched = scope.clone();
        let matcher =
            self.plan_pattern(Op::Argument, std::slice::from_ref(&pattern), &mut matched)?;
        let mut created = scope.clone();
        let mut create = CreatePattern::default();
        self.create_part(&pattern, &mut created, Some(&matched), &mut create)?;
        let on_create = self.set_ops(&m.on_create, &matched)?;
        let on_match = self.set_ops(&m.on_match, &matched)?;
        *scope = matched;
        Ok(Op::Merge {
            input: Box::new(input),
            matcher: Box::new(matcher),
            create,
            on_create,
            on_match,
        })
    }

    /// `SET items`
    pub(crate) fn plan_set(
        &mut self,
        input: Op,
        items: &[ast::SetItem],
        scope: &Scope,
    ) -> Result<Op> {
        let items = self.set_ops(items, scope)?;
        Ok(Op::Set {
            input: Box::new(input),
            items,
        })
    }

    fn var_slot(&self, v: &ast::Name, scope: &Scope) -> Result<Slot> {
        scope.get(&v.name).map(|x| x.slot).ok_or_else(|| {
            syntax(
                Detail::UndefinedVariable,
                format!("Variable `{}` not defined", v.name),
                v.span,
            )
        })
    }

    fn set_ops(&mut self, items: &[ast::SetItem], scope: &Scope) -> Result<Vec<SetOp>> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(match item {
                ast::SetItem::Property { target, key, value } => SetOp::Property(
                    self.expr(target, scope)?,
                    key.name.clone(),
                    self.expr(value, scope)?,
                ),
                ast::SetItem::Replace { var, value } => {
                    SetOp::Map(self.var_slot(var, scope)?, self.expr(value, scope)?, true)
                }
                ast::SetItem::Merge { var, value } => {
                    SetOp::Map(self.var_slot(var, scope)?, self.expr(value, scope)?, false)
                }
                ast::SetItem::Labels { var, labels } => SetOp::Labels(
                    self.var_slot(var, scope)?,
                    labels.iter().map(|l| l.name.clone()).collect(),
                ),
            });
        }
        Ok(out)
    }

    /// `REMOVE items`
    pub(crate) fn plan_remove(&mut self, input: Op, r: &ast::Remove, scope: &Scope) -> Result<Op> {
        let mut items = Vec::with_capacity(r.items.len());
        for item in &r.items {
            items.push(match item {
                ast::RemoveItem::Property { target, key } => {
                    RemoveOp::Property(self.expr(target, scope)?, key.name.clone())
                }
                ast::RemoveItem::Labels { var, labels } => RemoveOp::Labels(
                    self.var_slot(var, scope)?,
                    labels.iter().map(|l| l.name.clone()).collect(),
                ),
            });
        }
        Ok(Op::Remove {
            input: Box::new(input),
            items,
        })
    }

    /// `FOREACH (x IN list | update ...)`: the updates planned from the
    /// row with `x` bound (what they bind stays inside).
    pub(crate) fn plan_foreach(
        &mut self,
        input: Op,
        each: &ast::Foreach,
        scope: &Scope,
    ) -> Result<Op> {
        let list = self.expr(&each.list, scope)?;
        let mut inner = scope.clone();
        let slot = self.bind_new(&each.var, &mut inner, VarKind::Value)?;
        let mut body = Op::Argument;
        for clause in &each.clauses {
            body = match clause {
                ast::Clause::Create(c) => self.plan_create(body, c, &mut inner)?,
                ast::Clause::Merge(m) => self.plan_merge(body, m, &mut inner)?,
                ast::Clause::Set(s) => self.plan_set(body, &s.items, &inner)?,
                ast::Clause::Remove(r) => self.plan_remove(body, r, &inner)?,
                ast::Clause::Delete(d) => self.plan_delete(body, d, &inner)?,
                ast::Clause::Foreach(f) => self.plan_foreach(body, f, &inner)?,
                other => {
                    return Err(syntax(
                        Detail::InvalidClauseComposition,
                        "FOREACH can hold only updating clauses",
                        other.span(),
                    ));
                }
            };
        }
        Ok(Op::Foreach {
            input: Box::new(input),
            list,
            slot,
            body: Box::new(body),
        })
    }

    /// `[DETACH] DELETE exprs`
    pub(crate) fn plan_delete(&mut self, input: Op, d: &ast::Delete, scope: &Scope) -> Result<Op> {
        let mut exprs = Vec::with_capacity(d.exprs.len());
        for e in &d.exprs {
            if matches!(e.kind, ExprKind::HasLabels(..)) {
                return Err(syntax(
                    Detail::InvalidDelete,
                    "DELETE takes nodes, relationships or paths; use REMOVE for labels",
                    e.span,
                ));
            }
            exprs.push(self.expr(e, scope)?);
        }
        Ok(Op::Delete {
            input: Box::new(input),
            exprs,
            detach: d.detach,
        })
    }

    /// `CALL proc(args) [YIELD ...]`; returns the columns of a standalone call.
    pub(crate) fn plan_call(
        &mut self,
        input: Op,
        c: &ast::Call,
        scope: &mut Scope,
        standalone: bool,
    ) -> Result<(Op, Vec<String>)> {
        let Some(sig) = self.catalog.procedure(&c.procedure.name) else {
            return Err(Error::compile(
                ErrorKind::ProcedureError,
                Detail::ProcedureNotFound,
                format!("There is no procedure with the name `{}`", c.procedure.name),
                Some(c.procedure.span),
            ));
        };
        let args = match &c.args {
            Some(args) => {
                if args.len() != sig.inputs.len() {
                    return Err(syntax(
                        Detail::InvalidNumberOfArguments,
                        format!(
                            "`{}` takes {} argument(s), got {}",
                            sig.name,
                            sig.inputs.len(),
                            args.len()
                        ),
                        c.span,
                    ));
                }
                let mut planned = Vec::with_capacity(args.len());
                for (a, (name, ty)) in args.iter().zip(&sig.inputs) {
                    if !super::types::may_pass(a, scope, *ty) {
                        return Err(syntax(
                            Detail::InvalidArgumentType,
                            format!("argument `{name}` of `{}` has the wrong type", sig.name),
                            a.span,
                        ));
                    }
                    planned.push(self.expr(a, scope)?);
                }
                planned
            }
            // `CALL proc` alone takes its arguments from the parameters of the same names.
            None if standalone => sig
                .inputs
                .iter()
                .map(|(n, _)| Expr::Param(n.clone()))
                .collect(),
            None if sig.inputs.is_empty() => Vec::new(),
            None => {
                return Err(syntax(
                    Detail::InvalidArgumentPassingMode,
                    "a CALL inside a query must pass its arguments in parentheses",
                    c.span,
                ));
            }
        };
        let mut yields = Vec::new();
        let mut columns = Vec::new();
        match &c.yields {
            Some(items) if !c.yield_all => {
                for y in items {
                    let Some(field) = sig.outputs.iter().position(|(o, _)| *o == y.field.name)
                    else {
                        return Err(syntax(
                            Detail::UndefinedVariable,
                            format!("`{}` is not an output of `{}`", y.field.name, sig.name),
                            y.field.span,
                        ));
                    };
                    let alias = y.alias.as_ref().unwrap_or(&y.field);
                    if scope.get(&alias.name).is_some() {
                        return Err(already_bound(alias));
                    }
                    let slot = self.alloc();
                    scope.bind(&alias.name, slot, VarKind::Value);
                    yields.push((field, slot));
                    columns.push(alias.name.clone());
                }
            }
            _ => {
                if !standalone && !c.yield_all && !sig.outputs.is_empty() {
                    return Err(syntax(
                        Detail::UnexpectedSyntax,
                        "a CALL inside a query needs YIELD",
                        c.span,
                    ));
                }
                for (i, (o, _)) in sig.outputs.iter().enumerate() {
                    let slot = self.alloc();
                    scope.bind(o, slot, VarKind::Value);
                    yields.push((i, slot));
                    columns.push(o.clone());
                }
            }
        }
        let mut op = Op::ProcedureCall {
            input: Box::new(input),
            name: sig.name.to_ascii_lowercase(),
            args,
            yields: yields.clone(),
        };
        if let Some(w) = &c.where_ {
            let predicate = self.expr(w, scope)?;
            op = Op::Filter {
                input: Box::new(op),
                predicate,
            };
        }
        if standalone {
            op = Op::Project {
                input: Box::new(op),
                exprs: yields.iter().map(|(_, s)| Expr::Slot(*s)).collect(),
            };
        }
        Ok((op, columns))
    }
}

/// A relationship that `CREATE` or `MERGE` makes is always new: naming a
/// bound variable is `VariableAlreadyBound`, checked before anything else
/// about the relationship (its type, its direction).
fn check_rels_unbound(el: &ast::PatternElement, scope: &Scope) -> Result<()> {
    for (r, _) in &el.chain {
        if let Some(v) = &r.var
            && scope.get(&v.name).is_some()
        {
            return Err(already_bound(v));
        }
    }
    Ok(())
}

/// `MATCH`/`MERGE` may not take a `$param` as a whole property map.
pub(crate) fn check_no_parameter_maps(part: &ast::PatternPart) -> Result<()> {
    let el = &part.element;
    let nodes = std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n));
    let maps = nodes
        .map(|n| &n.properties)
        .chain(el.chain.iter().map(|(r, _)| &r.properties));
    for map in maps {
        if let Some(
            p @ ast::Expr {
                kind: ExprKind::Parameter(_),
                ..
            },
        ) = map
        {
            return Err(syntax(
                Detail::InvalidParameterUse,
                "a parameter cannot be a property map here",
                p.span,
            ));
        }
    }
    Ok(())
}

/// A `MERGE` pattern whose anonymous nodes and relationships have hidden
/// names (a leading space: `RETURN *` skips them), so that the pattern
/// matched and the pattern created put each element in the same slot: a
/// match then tells which entities the `MERGE` asserted (see
/// [`crate::history`]).
fn name_anonymous(part: &ast::PatternPart, scope: &Scope) -> ast::PatternPart {
    let mut part = part.clone();
    let mut n = 0;
    let mut name = |var: &mut Option<ast::Name>, span: crate::span::Span| {
        if var.is_none() {
            // Not a name an earlier MERGE of the query took.
            while scope.get(&format!(" merged {n}")).is_some() {
                n += 1;
            }
            *var = Some(ast::Name {
                name: format!(" merged {n}"),
                span,
            });
            n += 1;
        }
    };
    let el = &mut part.element;
    name(&mut el.start.var, el.start.span);
    for (rel, node) in &mut el.chain {
        name(&mut rel.var, rel.span);
        name(&mut node.var, node.span);
    }
    part
}
