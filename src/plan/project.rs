//! `WITH` and `RETURN`: projection, aggregation, `DISTINCT`, `ORDER BY`,
//! `SKIP`, `LIMIT` and `WITH ... WHERE`.

use super::expr::{AggContext, contains_aggregate, fingerprint, visit};
use super::logical::{Expr, Op, SortKey};
use super::planner::Planner;
use super::scope::{Scope, VarKind};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast::{self, ExprKind};
use crate::value::Value;
use std::collections::HashSet;

/// Whether a grouping key may be named inside an aggregating expression:
/// a variable or a property of one.
fn is_simple(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Variable(_) => true,
        ExprKind::Property(base, _) => matches!(base.kind, ExprKind::Variable(_)),
        _ => false,
    }
}

/// A projected column: its name, its expression, and its kind.
struct Item {
    name: String,
    expr: ast::Expr,
    kind: VarKind,
}

impl Planner<'_> {
    /// Plans `WITH`/`RETURN`; returns the operator and the column names, and
    /// replaces `scope` with the projected variables.
    pub(crate) fn plan_projection(
        &mut self,
        input: Op,
        p: &ast::Projection,
        scope: &mut Scope,
        is_return: bool,
    ) -> Result<(Op, Vec<String>)> {
        let (items, unaliased) = self.projection_items(p, scope, is_return)?;
        let names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
        let keys: Vec<(String, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, it)| (fingerprint(&it.expr), i))
            .collect();
        let aggregating = items.iter().any(|i| contains_aggregate(&i.expr));
        let mut new_scope = Scope::new();
        for (i, it) in items.iter().enumerate() {
            new_scope.bind(&it.name, i, it.kind);
        }

        let mut op;
        if !aggregating {
            let slots: Vec<usize> = items.iter().map(|_| self.alloc()).collect();
            let mut extend = Vec::with_capacity(items.len());
            for (it, &slot) in items.iter().zip(&slots) {
                extend.push((slot, self.expr(&it.expr, scope)?));
            }
            op = Op::Extend {
                input: Box::new(input),
                items: extend,
            };
            let project = |input: Op| Op::Project {
                input: Box::new(input),
                exprs: slots.iter().map(|&s| Expr::Slot(s)).collect(),
            };
            if p.distinct {
                op = Op::Distinct {
                    input: Box::new(project(op)),
                    width: items.len(),
                };
                self.reset_slots(items.len());
                op = self.order_skip_limit(op, p, &new_scope, &keys)?;
            } else {
                let mut order_scope = scope.clone();
                for (it, &slot) in items.iter().zip(&slots) {
                    order_scope.bind(&it.name, slot, it.kind);
                }
                let slot_keys: Vec<(String, usize)> =
                    keys.iter().map(|(f, i)| (f.clone(), slots[*i])).collect();
                op = self.order_skip_limit(op, p, &order_scope, &slot_keys)?;
                // `WITH a WHERE b.x` may still see the variables before the WITH.
                if let Some(w) = &p.where_ {
                    op = self.where_filter(op, w, &order_scope)?;
                }
                op = project(op);
                self.reset_slots(items.len());
            }
        } else {
            op = self.plan_aggregation(input, &items, scope, p.distinct)?;
            self.reset_slots(items.len());
            op = self.order_after_aggregation(op, p, &new_scope, &items)?;
        }

        // Reported only now, so that an ORDER BY mixing an aggregate with
        // what is not a grouping key is `AmbiguousAggregationExpression`
        // first, as the TCK asks (WithOrderBy4 [20]).
        if let Some(e) = unaliased {
            return Err(e);
        }
        if let Some(w) = &p.where_
            && (aggregating || p.distinct)
        {
            op = self.where_filter(op, w, &new_scope)?;
        }
        *scope = new_scope;
        Ok((op, names))
    }

    fn where_filter(&mut self, op: Op, w: &ast::Expr, scope: &Scope) -> Result<Op> {
        if contains_aggregate(w) {
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                Detail::InvalidAggregation,
                "aggregate functions are not allowed in WHERE",
                Some(w.span),
            ));
        }
        super::types::expect_boolean(w, scope, "WHERE")?;
        let predicate = self.expr(w, scope)?;
        Ok(Op::Filter {
            input: Box::new(op),
            predicate,
        })
    }

    /// The projected items, and the `NoExpressionAlias` error of the first
    /// expression of a `WITH` that has no alias (raised by the caller after
    /// `ORDER BY`, whose errors come first).
    fn projection_items(
        &self,
        p: &ast::Projection,
        scope: &Scope,
        is_return: bool,
    ) -> Result<(Vec<Item>, Option<Error>)> {
        let mut items = Vec::new();
        let mut unaliased = None;
        if p.star {
            let names = scope.names();
            if names.is_empty() && is_return && p.items.is_empty() {
                return Err(Error::compile(
                    ErrorKind::SyntaxError,
                    Detail::NoVariablesInScope,
                    "RETURN * and WITH * need at least one variable in scope",
                    Some(p.span),
                ));
            }
            for name in names {
                let kind = scope.get(&name).map_or(VarKind::Value, |v| v.kind);
                let expr = ast::Expr {
                    kind: ExprKind::Variable(name.clone()),
                    span: p.span,
                };
                items.push(Item { name, expr, kind });
            }
        }
        for it in &p.items {
            let name = match &it.alias {
                Some(a) => a.name.clone(),
                None => {
                    if !is_return
                        && !matches!(it.expr.kind, ExprKind::Variable(_))
                        && unaliased.is_none()
                    {
                        unaliased = Some(Error::compile(
                            ErrorKind::SyntaxError,
                            Detail::NoExpressionAlias,
                            "expressions in WITH must be aliased (use AS)",
                            Some(it.expr.span),
                        ));
                    }
                    it.text.trim().to_string()
                }
            };
            let kind = super::types::kind_of(&it.expr, scope);
            items.push(Item {
                name,
                expr: it.expr.clone(),
                kind,
            });
        }
        let mut seen = HashSet::new();
        for it in &items {
            if !seen.insert(it.name.clone()) {
                let span = it.expr.span;
                return Err(Error::compile(
                    ErrorKind::SyntaxError,
                    Detail::ColumnNameConflict,
                    format!("Multiple result columns with the same name `{}`", it.name),
                    Some(span),
                ));
            }
        }
        Ok((items, unaliased))
    }

    fn plan_aggregation(
        &mut self,
        input: Op,
        items: &[Item],
        scope: &Scope,
        distinct: bool,
    ) -> Result<Op> {
        let mut key_exprs = Vec::new();
        let mut key_fps = Vec::new();
        let mut post_scope = Scope::new();
        for it in items.iter().filter(|i| !contains_aggregate(&i.expr)) {
            let j = key_exprs.len();
            key_exprs.push(self.expr(&it.expr, scope)?);
            if is_simple(&it.expr) {
                key_fps.push((fingerprint(&it.expr), j));
            }
            if let ExprKind::Variable(v) = &it.expr.kind {
                post_scope.bind(v, j, it.kind);
            }
        }
        let agg_base = key_exprs.len();
        let mut agg_count = 0;
        for it in items {
            visit(&it.expr, &mut |_| agg_count += 1);
        }
        // Slots allocated while planning the items (comprehension variables)
        // must not land on the aggregates' slots.
        self.reserve_slots(agg_base + agg_count);
        let mut ctx = AggContext {
            input_scope: scope,
            keys: key_fps,
            aggs: Vec::new(),
            agg_base,
            ambiguous: scope.names().into_iter().collect(),
            collect: true,
        };
        let mut finals = Vec::with_capacity(items.len());
        let mut key_i = 0;
        for it in items {
            if contains_aggregate(&it.expr) {
                finals.push(self.expr_in(&it.expr, &post_scope, Some(&mut ctx))?);
            } else {
                finals.push(Expr::Slot(key_i));
                key_i += 1;
            }
        }
        let mut op = Op::Aggregate {
            input: Box::new(input),
            keys: key_exprs,
            aggs: ctx.aggs,
        };
        op = Op::Project {
            input: Box::new(op),
            exprs: finals,
        };
        if distinct {
            op = Op::Distinct {
                input: Box::new(op),
                width: items.len(),
            };
        }
        Ok(op)
    }

    /// `ORDER BY` after an aggregation reads the projected items: an item
    /// written again (an aggregate, a grouping key that is a variable or a
    /// property), an alias, or a projected variable.
    fn order_after_aggregation(
        &mut self,
        mut op: Op,
        p: &ast::Projection,
        scope: &Scope,
        items: &[Item],
    ) -> Result<Op> {
        if !p.order_by.is_empty() {
            let keys: Vec<(String, usize)> = items
                .iter()
                .enumerate()
                .filter(|(_, it)| is_simple(&it.expr) || contains_aggregate(&it.expr))
                .map(|(i, it)| (fingerprint(&it.expr), i))
                .collect();
            let mut ambiguous = HashSet::new();
            for it in items.iter().filter(|it| !contains_aggregate(&it.expr)) {
                visit(&it.expr, &mut |x| {
                    if let ExprKind::Variable(v) = &x.kind {
                        ambiguous.insert(v.clone());
                    }
                });
            }
            let empty = Scope::new();
            op = self.sort(op, &p.order_by, |planner, e| {
                let mut ctx = AggContext {
                    input_scope: &empty,
                    keys: keys.clone(),
                    aggs: Vec::new(),
                    agg_base: 0,
                    ambiguous: ambiguous.clone(),
                    collect: false,
                };
                planner.expr_in(e, scope, Some(&mut ctx))
            })?;
        }
        let no_order = ast::Projection {
            order_by: Vec::new(),
            ..p.clone()
        };
        self.order_skip_limit(op, &no_order, scope, &[])
    }

    fn order_skip_limit(
        &mut self,
        mut op: Op,
        p: &ast::Projection,
        scope: &Scope,
        keys: &[(String, usize)],
    ) -> Result<Op> {
        if !p.order_by.is_empty() {
            op = self.sort(op, &p.order_by, |planner, e| {
                let fp = fingerprint(e);
                match keys.iter().find(|(k, _)| *k == fp) {
                    Some((_, slot)) => Ok(Expr::Slot(*slot)),
                    None if contains_aggregate(e) => Err(Error::compile(
                        ErrorKind::SyntaxError,
                        Detail::InvalidAggregation,
                        "ORDER BY can only use aggregates that are projected",
                        Some(e.span),
                    )),
                    None => planner.expr(e, scope),
                }
            })?;
        }
        if let Some(s) = &p.skip {
            let count = self.row_count(s, "SKIP")?;
            op = Op::Skip {
                input: Box::new(op),
                count,
            };
        }
        if let Some(l) = &p.limit {
            let count = self.row_count(l, "LIMIT")?;
            op = Op::Limit {
                input: Box::new(op),
                count,
            };
        }
        Ok(op)
    }

    /// `ORDER BY items` over `input`, each key planned by `key`.
    fn sort(
        &mut self,
        input: Op,
        items: &[ast::SortItem],
        mut key: impl FnMut(&mut Self, &ast::Expr) -> Result<Expr>,
    ) -> Result<Op> {
        let mut keys = Vec::with_capacity(items.len());
        for item in items {
            keys.push(SortKey {
                expr: key(self, &item.expr)?,
                descending: item.descending,
            });
        }
        Ok(Op::Sort {
            input: Box::new(input),
            keys,
        })
    }

    /// A `SKIP`/`LIMIT` count: constant, a non-negative integer.
    pub(crate) fn row_count(&mut self, e: &ast::Expr, what: &str) -> Result<Expr> {
        let mut has_var = false;
        visit(e, &mut |x| {
            if matches!(
                x.kind,
                ExprKind::Variable(_) | ExprKind::PatternPredicate(_)
            ) {
                has_var = true;
            }
        });
        if has_var {
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                Detail::NonConstantExpression,
                format!("{what} must be a constant expression"),
                Some(e.span),
            ));
        }
        let planned = self.expr(e, &Scope::new())?;
        if let Expr::Const(v) = &planned {
            match v {
                Value::Int(i) if *i < 0 => {
                    return Err(Error::compile(
                        ErrorKind::SyntaxError,
                        Detail::NegativeIntegerArgument,
                        format!("{what} must not be negative"),
                        Some(e.span),
                    ));
                }
                Value::Int(_) => {}
                _ => {
                    return Err(Error::compile(
                        ErrorKind::SyntaxError,
                        Detail::InvalidArgumentType,
                        format!("{what} must be an integer"),
                        Some(e.span),
                    ));
                }
            }
        }
        Ok(planned)
    }
}
