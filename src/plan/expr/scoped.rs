//! The constructs that bind an element variable for their inner parts:
//! list comprehensions, quantifiers and `reduce`.

use super::AggContext;
use crate::error::Result;
use crate::parse::ast;
use crate::plan::logical::{Expr, Quantifier, Slot};
use crate::plan::planner::Planner;
use crate::plan::scope::{Scope, VarKind};
use crate::plan::types;

impl Planner<'_> {
    /// `var IN list` of a comprehension or quantifier: plans `list` in
    /// `scope`, then opens the inner scope, with `var` bound to a new slot
    /// typed as the list's elements.
    fn element_scope(
        &mut self,
        var: &ast::Name,
        list: &ast::Expr,
        scope: &Scope,
        agg: Option<&mut AggContext<'_>>,
    ) -> Result<(Box<Expr>, Slot, Scope)> {
        let elem = types::element_type(list, scope);
        let list = self.boxed(list, scope, agg)?;
        let slot = self.alloc();
        let mut inner = scope.clone();
        inner.bind_typed(&var.name, slot, VarKind::Value, elem);
        Ok((list, slot, inner))
    }

    /// `[var IN list [WHERE filter] [| map]]`
    pub(super) fn list_comprehension(
        &mut self,
        var: &ast::Name,
        list: &ast::Expr,
        filter: &Option<Box<ast::Expr>>,
        map: &Option<Box<ast::Expr>>,
        scope: &Scope,
        agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let (list, slot, inner) = self.element_scope(var, list, scope, agg)?;
        // Aggregates cannot run per element.
        Ok(Expr::ListComprehension {
            slot,
            list,
            filter: self.opt_boxed(filter, &inner, None)?,
            map: self.opt_boxed(map, &inner, None)?,
        })
    }

    /// `all|any|none|single(var IN list [WHERE predicate])`; without a
    /// predicate, the elements themselves are tested.
    pub(super) fn quantifier(
        &mut self,
        kind: Quantifier,
        var: &ast::Name,
        list: &ast::Expr,
        predicate: &Option<Box<ast::Expr>>,
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let (list, slot, inner) = self.element_scope(var, list, scope, agg.as_deref_mut())?;
        let predicate = match predicate {
            Some(p) => {
                types::expect_boolean(p, &inner, "a quantifier")?;
                self.expr_in(p, &inner, agg)?
            }
            None => Expr::Slot(slot),
        };
        Ok(Expr::Quantifier {
            kind,
            slot,
            list,
            predicate: Box::new(predicate),
        })
    }

    /// `reduce(acc = init, var IN list | expr)`
    #[allow(clippy::too_many_arguments)]
    pub(super) fn reduce(
        &mut self,
        acc: &ast::Name,
        init: &ast::Expr,
        var: &ast::Name,
        list: &ast::Expr,
        expr: &ast::Expr,
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let init = self.boxed(init, scope, agg.as_deref_mut())?;
        let list = self.boxed(list, scope, agg.as_deref_mut())?;
        let acc_slot = self.alloc();
        let slot = self.alloc();
        let mut inner = scope.clone();
        inner.bind(&acc.name, acc_slot, VarKind::Value);
        inner.bind(&var.name, slot, VarKind::Value);
        Ok(Expr::Reduce {
            acc: acc_slot,
            init,
            slot,
            list,
            expr: self.boxed(expr, &inner, agg)?,
        })
    }
}
