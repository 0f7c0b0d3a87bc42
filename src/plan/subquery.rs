//! Planning `[OPTIONAL] CALL { query }`: the subquery is planned from the
//! outer row, seeing the outer variables it imports, and runs once per row
//! ([`Op::Apply`]); the variables it returns join the outer scope.

use super::logical::Op;
use super::planner::{Planner, already_bound, composition, union_all};
use super::scope::Scope;
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::parse::ast::{self, CallSubquery, Clause, Import};

impl Planner<'_> {
    /// Plans `call` over `input`; the variables it returns are bound in
    /// `scope`.
    pub(crate) fn plan_call_subquery(
        &mut self,
        input: Op,
        call: &CallSubquery,
        scope: &mut Scope,
    ) -> Result<Op> {
        if let Some(Some(rows)) = &call.in_transactions {
            // Checked as a LIMIT is; batches are not committed apart (the
            // statement is one transaction).
            self.row_count(rows, "the batch size of IN TRANSACTIONS")?;
        }
        let outer_width = self.next_free();
        let (mut parts, mut columns, mut returned) = (Vec::new(), None, Scope::new());
        for sq in call.query.singles() {
            let imported = imported(&call.import, sq, scope)?;
            let returns = matches!(sq.clauses.last(), Some(Clause::Return(_)));
            let writes_last = sq.clauses.last().is_some_and(|c| c.first_write().is_some());
            if !returns && !writes_last {
                let span = sq.clauses.last().map_or(sq.span, Clause::span);
                return Err(composition(
                    "a CALL subquery must end with RETURN or an updating clause",
                    span,
                ));
            }
            let (op, cols, end) = self.single_scoped(sq, &imported, false)?;
            let cols = if returns { cols } else { Vec::new() };
            match &columns {
                Some(first) if *first != cols => {
                    return Err(Error::compile(
                        ErrorKind::SyntaxError,
                        Detail::DifferentColumnsInUnion,
                        "all parts of a UNION must return the same columns",
                        Some(sq.span),
                    ));
                }
                Some(_) => {}
                None => {
                    columns = Some(cols);
                    returned = end;
                }
            }
            parts.push(op);
        }
        let columns = columns.unwrap_or_default();
        let inner = match parts.len() {
            1 => parts.pop().unwrap_or(Op::Argument),
            _ => {
                let all = union_all(&call.query)?;
                let width = if all { 0 } else { columns.len() };
                Op::Union { parts, all, width }
            }
        };
        // The subquery's slots live in its own rows: the outer layout goes
        // on where it was.
        self.reset_slots(outer_width);
        let mut outputs = Vec::with_capacity(columns.len());
        for name in &columns {
            if scope.get(name).is_some() {
                return Err(already_bound(&ast::Name {
                    name: name.clone(),
                    span: call.span,
                }));
            }
            let var = returned.get(name);
            let slot = self.alloc();
            let kind = var.map_or(super::scope::VarKind::Value, |v| v.kind);
            scope.bind_typed(name, slot, kind, var.and_then(|v| v.ty));
            outputs.push(slot);
        }
        Ok(Op::Apply {
            input: Box::new(input),
            inner: Box::new(inner),
            outputs,
            optional: call.optional,
        })
    }
}

/// The outer variables a part of the subquery sees: those named in its
/// scope clause, all of them, or, without one, those a `WITH` at its start
/// may name (none when it does not start with `WITH`).
fn imported(import: &Import, sq: &ast::SingleQuery, outer: &Scope) -> Result<Scope> {
    Ok(match import {
        Import::All => outer.clone(),
        Import::Leading => match sq.clauses.first() {
            Some(Clause::With(_)) => outer.clone(),
            _ => Scope::new(),
        },
        Import::Names(names) => {
            let mut scope = Scope::new();
            for n in names {
                let Some(var) = outer.get(&n.name) else {
                    return Err(Error::compile(
                        ErrorKind::SyntaxError,
                        Detail::UndefinedVariable,
                        format!("Variable `{}` not defined", n.name),
                        Some(n.span),
                    ));
                };
                scope.bind_typed(&n.name, var.slot, var.kind, var.ty);
            }
            scope
        }
    })
}
