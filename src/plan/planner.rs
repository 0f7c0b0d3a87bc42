//! The planner: walks the clauses of a query in order, keeping the scope,
//! and stacks one operator (or a few) per clause on top of the previous.

use super::catalog::Catalog;
use super::logical::{Op, Plan, Slot};
use super::scope::{Scope, VarKind};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast::{self, Clause, StatementKind};
use crate::span::Span;

/// Plans a statement.
pub(crate) fn plan(statement: &ast::Statement, catalog: &dyn Catalog) -> Result<Plan> {
    let (query, explain, profile) = match &statement.kind {
        StatementKind::Query(q) => (q, false, false),
        StatementKind::Explain(q) => (q, true, false),
        StatementKind::Profile(q) => (q, false, true),
        _ => {
            return Err(Error::compile(
                ErrorKind::SemanticError,
                Detail::NotAQuery,
                "transaction and schema statements are run by the database, not planned",
                Some(statement.span),
            ));
        }
    };
    let mut planner = Planner {
        next_slot: 0,
        catalog,
    };
    let (root, columns) = planner.query(query)?;
    let root = super::optimize::optimize(root);
    Ok(Plan {
        root,
        columns,
        explain,
        profile,
        writes: false,
        sets_metadata: false,
    })
}

/// Planning state: the next free slot, and the function catalog.
pub(crate) struct Planner<'c> {
    next_slot: Slot,
    /// The functions that exist.
    pub catalog: &'c dyn Catalog,
}

impl Planner<'_> {
    /// A fresh slot.
    pub(crate) fn alloc(&mut self) -> Slot {
        self.next_slot += 1;
        self.next_slot - 1
    }

    /// Starts a new row layout whose first `width` slots are taken.
    pub(crate) fn reset_slots(&mut self, width: usize) {
        self.next_slot = width;
    }

    /// Makes sure the next fresh slot is at least `width`.
    pub(crate) fn reserve_slots(&mut self, width: usize) {
        self.next_slot = self.next_slot.max(width);
    }

    /// Binds a variable that must not be bound yet (`UNWIND ... AS x`,
    /// `LOAD CSV ... AS row`, a shortest path's relationships) to a new
    /// slot; `VariableAlreadyBound` if it is.
    pub(crate) fn bind_new(
        &mut self,
        name: &ast::Name,
        scope: &mut Scope,
        kind: VarKind,
    ) -> Result<Slot> {
        if scope.get(&name.name).is_some() {
            return Err(already_bound(name));
        }
        let slot = self.alloc();
        scope.bind(&name.name, slot, kind);
        Ok(slot)
    }

    fn query(&mut self, q: &ast::Query) -> Result<(Op, Vec<String>)> {
        let (first, columns) = self.single(&q.first, &Scope::new(), true)?;
        if q.unions.is_empty() {
            return Ok((first, columns));
        }
        let all = union_all(q)?;
        let mut parts = vec![first];
        for (_, sq) in &q.unions {
            let (op, cols) = self.single(sq, &Scope::new(), true)?;
            if cols != columns {
                return Err(Error::compile(
                    ErrorKind::SyntaxError,
                    Detail::DifferentColumnsInUnion,
                    "all parts of a UNION must return the same columns",
                    Some(sq.span),
                ));
            }
            parts.push(op);
        }
        let width = columns.len();
        Ok((Op::Union { parts, all, width }, columns))
    }

    /// Plans the body of `EXISTS { ... }` (or of `COUNT`, `COLLECT`:
    /// `kind`), starting from the outer row: its plan and its columns.
    pub(crate) fn plan_subquery(
        &mut self,
        q: &ast::Query,
        scope: &Scope,
        kind: &str,
    ) -> Result<(Op, Vec<String>)> {
        let clauses = q.singles().flat_map(|sq| &sq.clauses);
        if let Some(c) = clauses.into_iter().find(|c| c.first_write().is_some()) {
            return Err(composition(
                &format!("a {kind} subquery cannot change the graph"),
                c.span(),
            ));
        }
        if !q.unions.is_empty() {
            let all = union_all(q)?;
            let (mut parts, mut columns) = (Vec::new(), Vec::new());
            for sq in q.singles() {
                let (op, cols) = self.single(sq, scope, false)?;
                parts.push(op);
                columns = cols;
            }
            // Whether rows repeat matters only to what counts them.
            let all = kind == "EXISTS" || all;
            let width = if all { 0 } else { columns.len() };
            let union = Op::Union { parts, all, width };
            return Ok((union, columns));
        }
        self.single(&q.first, scope, false)
    }

    /// The next fresh slot: every slot before it may be taken.
    pub(crate) fn next_free(&self) -> Slot {
        self.next_slot
    }

    /// Plans a single query; `top` says whether it is the statement itself
    /// (which must end with `RETURN` or an updating clause).
    fn single(
        &mut self,
        sq: &ast::SingleQuery,
        outer: &Scope,
        top: bool,
    ) -> Result<(Op, Vec<String>)> {
        let (op, columns, _) = self.single_scoped(sq, outer, top)?;
        Ok((op, columns))
    }

    /// What [`Planner::single`] gives, and the scope at its end.
    pub(crate) fn single_scoped(
        &mut self,
        sq: &ast::SingleQuery,
        outer: &Scope,
        top: bool,
    ) -> Result<(Op, Vec<String>, Scope)> {
        let mut scope = outer.clone();
        let mut op = Op::Argument;
        let mut columns = Vec::new();
        let n = sq.clauses.len();
        let mut updates = false;
        for (i, clause) in sq.clauses.iter().enumerate() {
            let last = i + 1 == n;
            if let Clause::Return(_) = clause
                && !last
            {
                return Err(composition(
                    "RETURN can only be the last clause",
                    clause.span(),
                ));
            }
            op = match clause {
                Clause::Match(m) => self.plan_match(op, m, &mut scope)?,
                Clause::LoadCsv(l) => {
                    let url = self.expr(&l.url, &scope)?;
                    let slot = self.bind_new(&l.alias, &mut scope, VarKind::Value)?;
                    let delimiter = l
                        .field_terminator
                        .as_deref()
                        .and_then(|t| t.bytes().next())
                        .unwrap_or(b',');
                    Op::LoadCsv {
                        input: Box::new(op),
                        url,
                        slot,
                        headers: l.with_headers,
                        delimiter,
                    }
                }
                Clause::Unwind(u) => {
                    let list = self.expr(&u.expr, &scope)?;
                    let slot = self.bind_new(&u.alias, &mut scope, VarKind::Value)?;
                    Op::Unwind {
                        input: Box::new(op),
                        list,
                        slot,
                    }
                }
                Clause::With(p) => {
                    let (o, _) = self.plan_projection(op, p, &mut scope, false)?;
                    o
                }
                Clause::Return(p) => {
                    let (o, cols) = self.plan_projection(op, p, &mut scope, true)?;
                    columns = cols;
                    o
                }
                Clause::Create(c) => {
                    updates = true;
                    self.plan_create(op, c, &mut scope)?
                }
                Clause::Merge(m) => {
                    updates = true;
                    self.plan_merge(op, m, &mut scope)?
                }
                Clause::Set(s) => {
                    updates = true;
                    self.plan_set(op, &s.items, &scope)?
                }
                Clause::Remove(r) => {
                    updates = true;
                    self.plan_remove(op, r, &scope)?
                }
                Clause::Delete(d) => {
                    updates = true;
                    self.plan_delete(op, d, &scope)?
                }
                Clause::Foreach(each) => {
                    updates = true;
                    self.plan_foreach(op, each, &scope)?
                }
                Clause::Subquery(call) => {
                    updates |= call.query.first_write().is_some();
                    self.plan_call_subquery(op, call, &mut scope)?
                }
                Clause::Call(c) => {
                    let standalone = n == 1;
                    let (o, cols) = self.plan_call(op, c, &mut scope, standalone)?;
                    if standalone {
                        columns = cols;
                    }
                    o
                }
            };
        }
        if top {
            let ends_with_return = matches!(sq.clauses.last(), Some(Clause::Return(_)));
            let standalone_call = n == 1 && matches!(sq.clauses[0], Clause::Call(_));
            if !ends_with_return && !standalone_call {
                if !updates {
                    let span = sq.clauses.last().map_or(sq.span, |c| c.span());
                    return Err(composition(
                        "a query must end with RETURN or an updating clause",
                        span,
                    ));
                }
                op = Op::Discard {
                    input: Box::new(op),
                };
            }
        }
        Ok((op, columns, scope))
    }
}

/// Whether the parts of `q` are joined by `UNION ALL` (else by `UNION`);
/// `InvalidClauseComposition` when both are used.
pub(crate) fn union_all(q: &ast::Query) -> Result<bool> {
    let all = q.unions.first().is_some_and(|(all, _)| *all);
    match q.unions.iter().find(|(is_all, _)| *is_all != all) {
        Some((_, sq)) => Err(composition("UNION and UNION ALL cannot be mixed", sq.span)),
        None => Ok(all),
    }
}

/// `InvalidClauseComposition` at a span.
pub(crate) fn composition(message: &str, span: Span) -> Error {
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::InvalidClauseComposition,
        message,
        Some(span),
    )
}

/// `VariableAlreadyBound` for a name.
pub(crate) fn already_bound(name: &ast::Name) -> Error {
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::VariableAlreadyBound,
        format!("Variable `{}` already declared", name.name),
        Some(name.span),
    )
}
