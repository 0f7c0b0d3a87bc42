//! AST expressions → planned expressions: variables become slots,
//! subqueries become plans, aggregates are pulled out for `Aggregate`.
//!
//! [`Planner::expr_in`] dispatches on the construct. Literals, variables,
//! operators, property access and `CASE` are planned here; function calls
//! and aggregates in `call.rs`; the constructs that bind an element
//! variable (list comprehensions, quantifiers, `reduce`) in `scoped.rs`;
//! patterns used as expressions and `EXISTS { ... }` in `subquery.rs`.

mod call;
mod scoped;
mod subquery;

use super::logical::{AggCall, AggFunc, Expr, MapItem, SubqueryAnswer};
use super::planner::Planner;
use super::scope::Scope;
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast::{self, ExprKind};
use crate::value::Value;

/// While planning the items of an aggregating `WITH`/`RETURN`: where the
/// grouping keys and aggregates go.
pub(crate) struct AggContext<'s> {
    /// The scope before the projection (aggregate arguments are read there).
    pub input_scope: &'s Scope,
    /// Grouping-key expressions by fingerprint, with their output slot.
    pub keys: Vec<(String, usize)>,
    /// The aggregates found so far.
    pub aggs: Vec<AggCall>,
    /// The slot of the first aggregate.
    pub agg_base: usize,
    /// Variables usable only inside a grouping key: naming them elsewhere
    /// is `AmbiguousAggregationExpression` rather than `UndefinedVariable`.
    pub ambiguous: std::collections::HashSet<String>,
    /// `false` when planning `ORDER BY` after an aggregation: every
    /// aggregate must then be one of the projected items (in `keys`).
    pub collect: bool,
}

/// The aggregate function a name stands for, if any.
pub(crate) fn aggregate_function(name: &str) -> Option<AggFunc> {
    Some(match name.to_ascii_lowercase().as_str() {
        "count" => AggFunc::Count,
        "sum" => AggFunc::Sum,
        "avg" => AggFunc::Avg,
        "min" => AggFunc::Min,
        "max" => AggFunc::Max,
        "collect" => AggFunc::Collect,
        "stdev" => AggFunc::StDev,
        "stdevp" => AggFunc::StDevP,
        "percentiledisc" => AggFunc::PercentileDisc,
        "percentilecont" => AggFunc::PercentileCont,
        _ => return None,
    })
}

/// Whether an expression contains an aggregate call (outside subqueries).
pub(crate) fn contains_aggregate(e: &ast::Expr) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        if let ExprKind::CountStar = x.kind {
            found = true;
        }
        if let ExprKind::Function { name, .. } = &x.kind
            && aggregate_function(&name.name).is_some()
        {
            found = true;
        }
    });
    found
}

/// Calls `f` on `e` and every sub-expression (not inside patterns).
pub(crate) fn visit(e: &ast::Expr, f: &mut dyn FnMut(&ast::Expr)) {
    f(e);
    match &e.kind {
        ExprKind::List(items) => items.iter().for_each(|i| visit(i, f)),
        ExprKind::Map(entries) => entries.iter().for_each(|(_, v)| visit(v, f)),
        ExprKind::Property(b, _) => visit(b, f),
        ExprKind::Index(a, b) => {
            visit(a, f);
            visit(b, f);
        }
        ExprKind::Slice(a, b, c) => {
            visit(a, f);
            if let Some(b) = b {
                visit(b, f);
            }
            if let Some(c) = c {
                visit(c, f);
            }
        }
        ExprKind::Unary(_, a) | ExprKind::IsNull(a, _) | ExprKind::HasLabels(a, _) => visit(a, f),
        ExprKind::Binary(_, a, b) => {
            visit(a, f);
            visit(b, f);
        }
        ExprKind::Chain(first, rest) => {
            visit(first, f);
            rest.iter().for_each(|(_, x)| visit(x, f));
        }
        ExprKind::Function { args, .. } => args.iter().for_each(|a| visit(a, f)),
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            if let Some(o) = operand {
                visit(o, f);
            }
            for (w, t) in whens {
                visit(w, f);
                visit(t, f);
            }
            if let Some(e) = else_ {
                visit(e, f);
            }
        }
        ExprKind::ListComprehension {
            list, filter, map, ..
        } => {
            visit(list, f);
            if let Some(x) = filter {
                visit(x, f);
            }
            if let Some(x) = map {
                visit(x, f);
            }
        }
        ExprKind::Quantifier {
            list, predicate, ..
        } => {
            visit(list, f);
            if let Some(p) = predicate {
                visit(p, f);
            }
        }
        ExprKind::Reduce {
            init, list, expr, ..
        } => {
            visit(init, f);
            visit(list, f);
            visit(expr, f);
        }
        ExprKind::MapProjection { items, .. } => {
            for item in items {
                if let ast::MapProjectionItem::Literal(_, v) = item {
                    visit(v, f);
                }
            }
        }
        _ => {}
    }
}

/// A string that is equal for two expressions written alike (spans ignored).
pub(crate) fn fingerprint(e: &ast::Expr) -> String {
    let debug = format!("{:?}", e.kind);
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(pos) = rest.find("span: Span {") {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        match rest.find('}') {
            Some(end) => rest = &rest[end + 1..],
            None => break,
        }
    }
    out.push_str(rest);
    // Variable names are case-sensitive, function names are not.
    out
}

fn undefined(name: &str, e: &ast::Expr) -> Error {
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::UndefinedVariable,
        format!("Variable `{name}` not defined"),
        Some(e.span),
    )
}

impl Planner<'_> {
    /// Plans an expression where aggregates are not allowed.
    pub(crate) fn expr(&mut self, e: &ast::Expr, scope: &Scope) -> Result<Expr> {
        self.expr_in(e, scope, None)
    }

    /// Plans an expression; with `agg`, aggregates become slots of the
    /// `Aggregate` operator and grouping keys are recognised.
    pub(crate) fn expr_in(
        &mut self,
        e: &ast::Expr,
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        if let Some(ctx) = agg.as_deref()
            && !ctx.keys.is_empty()
        {
            let fp = fingerprint(e);
            if let Some((_, slot)) = ctx.keys.iter().find(|(k, _)| *k == fp) {
                return Ok(Expr::Slot(*slot));
            }
        }
        super::types::check_expr(e, scope)?;
        Ok(match &e.kind {
            ExprKind::Literal(v) => Expr::Const(v.clone()),
            ExprKind::List(items) => self.list(items, scope, agg)?,
            ExprKind::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    out.push((k.name.clone(), self.expr_in(v, scope, agg.as_deref_mut())?));
                }
                Expr::Map(out)
            }
            ExprKind::Parameter(name) => Expr::Param(name.clone()),
            ExprKind::Variable(name) => variable(e, name, scope, agg.as_deref())?,
            ExprKind::Property(base, key) => {
                Expr::Property(self.boxed(base, scope, agg)?, key.name.clone())
            }
            ExprKind::Index(a, b) => {
                let a = self.boxed(a, scope, agg.as_deref_mut())?;
                Expr::Index(a, self.boxed(b, scope, agg)?)
            }
            ExprKind::Slice(a, b, c) => {
                let a = self.boxed(a, scope, agg.as_deref_mut())?;
                let b = self.opt_boxed(b, scope, agg.as_deref_mut())?;
                Expr::Slice(a, b, self.opt_boxed(c, scope, agg)?)
            }
            ExprKind::Unary(op, a) => self.unary(*op, a, scope, agg)?,
            ExprKind::Binary(op, a, b) => {
                let a = self.boxed(a, scope, agg.as_deref_mut())?;
                Expr::Binary(*op, a, self.boxed(b, scope, agg)?)
            }
            ExprKind::Chain(first, rest) => self.chain_in(first, rest, scope, agg)?,
            ExprKind::IsNull(a, not) => Expr::IsNull(self.boxed(a, scope, agg)?, *not),
            ExprKind::HasLabels(a, labels) => Expr::HasLabels(
                self.boxed(a, scope, agg)?,
                labels.iter().map(|l| l.name.clone()).collect(),
            ),
            ExprKind::CountStar => count_star(e, agg)?,
            ExprKind::Function {
                name,
                distinct,
                args,
            } => self.function(e, &name.name, *distinct, args, scope, agg)?,
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => self.case(operand, whens, else_, scope, agg)?,
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => self.list_comprehension(var, list, filter, map, scope, agg)?,
            ExprKind::Quantifier {
                kind,
                var,
                list,
                predicate,
            } => self.quantifier(*kind, var, list, predicate, scope, agg)?,
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => self.reduce(acc, init, var, list, expr, scope, agg)?,
            ExprKind::PatternComprehension {
                var,
                pattern,
                filter,
                map,
            } => self.pattern_comprehension(var, pattern, filter, map, scope)?,
            ExprKind::PatternPredicate(pattern) => self.pattern_predicate(pattern, scope)?,
            ExprKind::Exists(sub) => self.exists(sub, scope, SubqueryAnswer::Exists)?,
            ExprKind::CountSubquery(sub) => self.exists(sub, scope, SubqueryAnswer::Count)?,
            ExprKind::CollectSubquery(q) => self.collect_subquery(q, scope, e.span)?,
            ExprKind::MapProjection { var, items } => {
                self.map_projection(e, var, items, scope, agg)?
            }
        })
    }

    /// [`Planner::expr_in`], boxed.
    fn boxed(
        &mut self,
        e: &ast::Expr,
        scope: &Scope,
        agg: Option<&mut AggContext<'_>>,
    ) -> Result<Box<Expr>> {
        Ok(Box::new(self.expr_in(e, scope, agg)?))
    }

    /// [`Planner::boxed`] for an optional part.
    fn opt_boxed(
        &mut self,
        e: &Option<Box<ast::Expr>>,
        scope: &Scope,
        agg: Option<&mut AggContext<'_>>,
    ) -> Result<Option<Box<Expr>>> {
        e.as_deref().map(|e| self.boxed(e, scope, agg)).transpose()
    }

    /// `[a, b, ...]`: a constant when every item is one.
    fn list(
        &mut self,
        items: &[ast::Expr],
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(self.expr_in(item, scope, agg.as_deref_mut())?);
        }
        Ok(if out.iter().all(|x| matches!(x, Expr::Const(_))) {
            Expr::Const(Value::List(
                out.into_iter()
                    .map(|x| match x {
                        Expr::Const(v) => v,
                        _ => Value::Null,
                    })
                    .collect(),
            ))
        } else {
            Expr::List(out)
        })
    }

    /// `NOT x`, `-x` (folded into a numeric literal), `+x`.
    fn unary(
        &mut self,
        op: ast::UnaryOp,
        a: &ast::Expr,
        scope: &Scope,
        agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let a = self.boxed(a, scope, agg)?;
        Ok(match op {
            ast::UnaryOp::Not => Expr::Not(a),
            ast::UnaryOp::Neg => match *a {
                Expr::Const(Value::Int(i)) if i != i64::MIN => Expr::Const(Value::Int(-i)),
                Expr::Const(Value::Float(f)) => Expr::Const(Value::Float(-f)),
                other => Expr::Neg(Box::new(other)),
            },
            ast::UnaryOp::Pos => Expr::Function("+".into(), vec![*a]),
        })
    }

    /// Plans `first op x op y ...`, operand by operand.
    fn chain_in(
        &mut self,
        first: &ast::Expr,
        rest: &[(ast::BinaryOp, ast::Expr)],
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let first = self.boxed(first, scope, agg.as_deref_mut())?;
        let mut out = Vec::with_capacity(rest.len());
        for (op, x) in rest {
            out.push((*op, self.expr_in(x, scope, agg.as_deref_mut())?));
        }
        Ok(Expr::Chain(first, out))
    }

    /// `CASE [operand] WHEN a THEN b ... [ELSE c] END`
    fn case(
        &mut self,
        operand: &Option<Box<ast::Expr>>,
        whens: &[(ast::Expr, ast::Expr)],
        else_: &Option<Box<ast::Expr>>,
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let operand = self.opt_boxed(operand, scope, agg.as_deref_mut())?;
        let mut ws = Vec::with_capacity(whens.len());
        for (w, t) in whens {
            let w = self.expr_in(w, scope, agg.as_deref_mut())?;
            ws.push((w, self.expr_in(t, scope, agg.as_deref_mut())?));
        }
        Ok(Expr::Case {
            operand,
            whens: ws,
            else_: self.opt_boxed(else_, scope, agg)?,
        })
    }

    /// `var {.key, key: expr, var2, .*}`
    fn map_projection(
        &mut self,
        e: &ast::Expr,
        var: &ast::Name,
        items: &[ast::MapProjectionItem],
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let base = match scope.get(&var.name) {
            Some(v) => Expr::Slot(v.slot),
            None => return Err(undefined(&var.name, e)),
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(match item {
                ast::MapProjectionItem::Property(k) => MapItem::Property(k.name.clone()),
                ast::MapProjectionItem::Literal(k, v) => {
                    MapItem::Entry(k.name.clone(), self.expr_in(v, scope, agg.as_deref_mut())?)
                }
                ast::MapProjectionItem::Variable(n) => match scope.get(&n.name) {
                    Some(v) => MapItem::Entry(n.name.clone(), Expr::Slot(v.slot)),
                    None => return Err(undefined(&n.name, e)),
                },
                ast::MapProjectionItem::AllProperties => MapItem::All,
            });
        }
        Ok(Expr::MapProjection(Box::new(base), out))
    }
}

/// A variable's slot; naming one that only a grouping key may use is
/// `AmbiguousAggregationExpression`.
fn variable(
    e: &ast::Expr,
    name: &str,
    scope: &Scope,
    agg: Option<&AggContext<'_>>,
) -> Result<Expr> {
    if let Some(var) = scope.get(name) {
        return Ok(Expr::Slot(var.slot));
    }
    if agg.is_some_and(|ctx| ctx.ambiguous.contains(name)) {
        return Err(Error::compile(
            ErrorKind::SyntaxError,
            Detail::AmbiguousAggregationExpression,
            format!("`{name}` is used beside an aggregate but is not a grouping key"),
            Some(e.span),
        ));
    }
    Err(undefined(name, e))
}

/// `count(*)`: an aggregate slot.
fn count_star(e: &ast::Expr, agg: Option<&mut AggContext<'_>>) -> Result<Expr> {
    match agg {
        Some(ctx) if ctx.collect => {
            ctx.aggs.push(AggCall {
                func: AggFunc::CountStar,
                distinct: false,
                args: vec![],
            });
            Ok(Expr::Slot(ctx.agg_base + ctx.aggs.len() - 1))
        }
        _ => Err(invalid_aggregation(e)),
    }
}

fn invalid_aggregation(e: &ast::Expr) -> Error {
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::InvalidAggregation,
        "aggregate functions are only allowed in WITH and RETURN",
        Some(e.span),
    )
}
