//! AST expressions → planned expressions: variables become slots,
//! subqueries become plans, aggregates are pulled out for `Aggregate`.

use super::logical::{AggCall, AggFunc, Expr, MapItem, Op};
use super::planner::Planner;
use super::scope::{Scope, VarKind};
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast::{self, ExprKind};
use crate::value::Value;

/// While planning the items of an aggregating `WITH`/`RETURN`: where the
/// grouping keys and aggregates go.
pub struct AggContext<'s> {
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
pub fn aggregate_function(name: &str) -> Option<AggFunc> {
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
pub fn contains_aggregate(e: &ast::Expr) -> bool {
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
pub fn visit(e: &ast::Expr, f: &mut dyn FnMut(&ast::Expr)) {
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
pub fn fingerprint(e: &ast::Expr) -> String {
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
        "UndefinedVariable",
        format!("Variable `{name}` not defined"),
        Some(e.span),
    )
}

impl Planner<'_> {
    /// Plans `first op x op y ...`, operand by operand.
    fn chain_in(
        &mut self,
        first: &ast::Expr,
        rest: &[(ast::BinaryOp, ast::Expr)],
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let first = Box::new(self.expr_in(first, scope, agg.as_deref_mut())?);
        let mut out = Vec::with_capacity(rest.len());
        for (op, x) in rest {
            out.push((*op, self.expr_in(x, scope, agg.as_deref_mut())?));
        }
        Ok(Expr::Chain(first, out))
    }

    /// Plans an expression where aggregates are not allowed.
    pub fn expr(&mut self, e: &ast::Expr, scope: &Scope) -> Result<Expr> {
        self.expr_in(e, scope, None)
    }

    /// Plans an expression; with `agg`, aggregates become slots of the
    /// `Aggregate` operator and grouping keys are recognised.
    pub fn expr_in(
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
        let boxed = |p: &mut Planner<'_>,
                     x: &ast::Expr,
                     agg: Option<&mut AggContext<'_>>|
         -> Result<Box<Expr>> { Ok(Box::new(p.expr_in(x, scope, agg)?)) };
        Ok(match &e.kind {
            ExprKind::Literal(v) => Expr::Const(v.clone()),
            ExprKind::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.expr_in(item, scope, agg.as_deref_mut())?);
                }
                if out.iter().all(|x| matches!(x, Expr::Const(_))) {
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
                }
            }
            ExprKind::Map(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    out.push((k.name.clone(), self.expr_in(v, scope, agg.as_deref_mut())?));
                }
                Expr::Map(out)
            }
            ExprKind::Parameter(name) => Expr::Param(name.clone()),
            ExprKind::Variable(name) => match scope.get(name) {
                Some(var) => Expr::Slot(var.slot),
                None => {
                    if let Some(ctx) = agg.as_deref()
                        && ctx.ambiguous.contains(name)
                    {
                        return Err(Error::compile(
                            ErrorKind::SyntaxError,
                            "AmbiguousAggregationExpression",
                            format!(
                                "`{name}` is used beside an aggregate but is not a grouping key"
                            ),
                            Some(e.span),
                        ));
                    }
                    return Err(undefined(name, e));
                }
            },
            ExprKind::Property(base, key) => {
                Expr::Property(boxed(self, base, agg)?, key.name.clone())
            }
            ExprKind::Index(a, b) => {
                let a = boxed(self, a, agg.as_deref_mut())?;
                Expr::Index(a, boxed(self, b, agg)?)
            }
            ExprKind::Slice(a, b, c) => {
                let a = boxed(self, a, agg.as_deref_mut())?;
                let b = match b {
                    Some(b) => Some(boxed(self, b, agg.as_deref_mut())?),
                    None => None,
                };
                let c = match c {
                    Some(c) => Some(boxed(self, c, agg)?),
                    None => None,
                };
                Expr::Slice(a, b, c)
            }
            ExprKind::Unary(op, a) => {
                let a = boxed(self, a, agg)?;
                match op {
                    ast::UnaryOp::Not => Expr::Not(a),
                    ast::UnaryOp::Neg => match *a {
                        Expr::Const(Value::Int(i)) if i != i64::MIN => Expr::Const(Value::Int(-i)),
                        Expr::Const(Value::Float(f)) => Expr::Const(Value::Float(-f)),
                        other => Expr::Neg(Box::new(other)),
                    },
                    ast::UnaryOp::Pos => Expr::Function("+".into(), vec![*a]),
                }
            }
            ExprKind::Binary(op, a, b) => {
                let a = boxed(self, a, agg.as_deref_mut())?;
                Expr::Binary(*op, a, boxed(self, b, agg)?)
            }
            ExprKind::Chain(first, rest) => self.chain_in(first, rest, scope, agg)?,
            ExprKind::IsNull(a, not) => Expr::IsNull(boxed(self, a, agg)?, *not),
            ExprKind::HasLabels(a, labels) => Expr::HasLabels(
                boxed(self, a, agg)?,
                labels.iter().map(|l| l.name.clone()).collect(),
            ),
            ExprKind::CountStar => match agg {
                Some(ctx) if ctx.collect => {
                    ctx.aggs.push(AggCall {
                        func: AggFunc::CountStar,
                        distinct: false,
                        args: vec![],
                    });
                    Expr::Slot(ctx.agg_base + ctx.aggs.len() - 1)
                }
                _ => return Err(invalid_aggregation(e)),
            },
            ExprKind::Function {
                name,
                distinct,
                args,
            } => {
                return self.function(e, &name.name, *distinct, args, scope, agg);
            }
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => {
                let operand = match operand {
                    Some(o) => Some(boxed(self, o, agg.as_deref_mut())?),
                    None => None,
                };
                let mut ws = Vec::with_capacity(whens.len());
                for (w, t) in whens {
                    let w = self.expr_in(w, scope, agg.as_deref_mut())?;
                    ws.push((w, self.expr_in(t, scope, agg.as_deref_mut())?));
                }
                let else_ = match else_ {
                    Some(x) => Some(boxed(self, x, agg)?),
                    None => None,
                };
                Expr::Case {
                    operand,
                    whens: ws,
                    else_,
                }
            }
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                let elem = super::types::element_type(list, scope);
                let list = boxed(self, list, agg.as_deref_mut())?;
                let slot = self.alloc();
                let mut inner = scope.clone();
                inner.bind_typed(&var.name, slot, VarKind::Value, elem);
                // Aggregates cannot run per element.
                let filter = match filter {
                    Some(f) => Some(Box::new(self.expr(f, &inner)?)),
                    None => None,
                };
                let map = match map {
                    Some(m) => Some(Box::new(self.expr(m, &inner)?)),
                    None => None,
                };
                Expr::ListComprehension {
                    slot,
                    list,
                    filter,
                    map,
                }
            }
            ExprKind::Quantifier {
                kind,
                var,
                list,
                predicate,
            } => {
                let elem = super::types::element_type(list, scope);
                let list = boxed(self, list, agg.as_deref_mut())?;
                let slot = self.alloc();
                let mut inner = scope.clone();
                inner.bind_typed(&var.name, slot, VarKind::Value, elem);
                let predicate = match predicate {
                    Some(p) => {
                        super::types::expect_boolean(p, &inner, "a quantifier")?;
                        self.expr_in(p, &inner, agg)?
                    }
                    None => Expr::Slot(slot),
                };
                Expr::Quantifier {
                    kind: *kind,
                    slot,
                    list,
                    predicate: Box::new(predicate),
                }
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => {
                let init = boxed(self, init, agg.as_deref_mut())?;
                let list = boxed(self, list, agg.as_deref_mut())?;
                let acc_slot = self.alloc();
                let slot = self.alloc();
                let mut inner = scope.clone();
                inner.bind(&acc.name, acc_slot, VarKind::Value);
                inner.bind(&var.name, slot, VarKind::Value);
                let expr = Box::new(self.expr_in(expr, &inner, agg)?);
                Expr::Reduce {
                    acc: acc_slot,
                    init,
                    slot,
                    list,
                    expr,
                }
            }
            ExprKind::PatternComprehension {
                var,
                pattern,
                filter,
                map,
            } => {
                let mut inner = scope.clone();
                let part = ast::PatternPart {
                    var: var.clone(),
                    kind: ast::PathKind::Normal,
                    element: (**pattern).clone(),
                    span: pattern.span,
                };
                let mut op =
                    self.plan_pattern(Op::Argument, std::slice::from_ref(&part), &mut inner)?;
                if let Some(f) = filter {
                    let predicate = self.expr(f, &inner)?;
                    op = Op::Filter {
                        input: Box::new(op),
                        predicate,
                    };
                }
                let map = self.expr(map, &inner)?;
                Expr::Subquery {
                    plan: Box::new(op),
                    collect: Some(Box::new(map)),
                }
            }
            ExprKind::PatternPredicate(pattern) => self.pattern_predicate(pattern, scope)?,
            ExprKind::Exists(sub) => {
                let mut inner = scope.clone();
                let op = match &**sub {
                    ast::ExistsSubquery::Pattern(parts, where_) => {
                        let mut op = self.plan_pattern(Op::Argument, parts, &mut inner)?;
                        if let Some(w) = where_ {
                            let predicate = self.expr(w, &inner)?;
                            op = Op::Filter {
                                input: Box::new(op),
                                predicate,
                            };
                        }
                        op
                    }
                    ast::ExistsSubquery::Query(q) => self.plan_subquery(q, &inner)?,
                };
                Expr::Subquery {
                    plan: Box::new(op),
                    collect: None,
                }
            }
            ExprKind::MapProjection { var, items } => {
                let base = match scope.get(&var.name) {
                    Some(v) => Expr::Slot(v.slot),
                    None => return Err(undefined(&var.name, e)),
                };
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(match item {
                        ast::MapProjectionItem::Property(k) => MapItem::Property(k.name.clone()),
                        ast::MapProjectionItem::Literal(k, v) => MapItem::Entry(
                            k.name.clone(),
                            self.expr_in(v, scope, agg.as_deref_mut())?,
                        ),
                        ast::MapProjectionItem::Variable(n) => match scope.get(&n.name) {
                            Some(v) => MapItem::Entry(n.name.clone(), Expr::Slot(v.slot)),
                            None => return Err(undefined(&n.name, e)),
                        },
                        ast::MapProjectionItem::AllProperties => MapItem::All,
                    });
                }
                Expr::MapProjection(Box::new(base), out)
            }
        })
    }

    fn function(
        &mut self,
        e: &ast::Expr,
        name: &str,
        distinct: bool,
        args: &[ast::Expr],
        scope: &Scope,
        agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let lower = name.to_ascii_lowercase();
        if let Some(func) = aggregate_function(&lower) {
            let Some(ctx) = agg else {
                return Err(invalid_aggregation(e));
            };
            if !ctx.collect {
                // Not a projected aggregate: its arguments can only read
                // projected variables, and even then it is not allowed.
                for a in args {
                    self.expr(a, scope)?;
                }
                return Err(invalid_aggregation(e));
            }
            let input_scope = ctx.input_scope;
            let mut planned = Vec::with_capacity(args.len());
            for a in args {
                let mut random = false;
                visit(a, &mut |x| {
                    if let ExprKind::Function { name, .. } = &x.kind {
                        random |= name.name.eq_ignore_ascii_case("rand");
                    }
                });
                if random {
                    return Err(Error::compile(
                        ErrorKind::SyntaxError,
                        "NonConstantExpression",
                        "an aggregate cannot take a random value",
                        Some(a.span),
                    ));
                }
                if contains_aggregate(a) {
                    return Err(Error::compile(
                        ErrorKind::SyntaxError,
                        "NestedAggregation",
                        "an aggregate cannot be the argument of another aggregate",
                        Some(a.span),
                    ));
                }
                planned.push(self.expr(a, input_scope)?);
            }
            let want = match func {
                AggFunc::PercentileCont | AggFunc::PercentileDisc => 2,
                _ => 1,
            };
            if planned.len() != want {
                return Err(Error::compile(
                    ErrorKind::SyntaxError,
                    "InvalidNumberOfArguments",
                    format!("{name}() takes {want} argument(s)"),
                    Some(e.span),
                ));
            }
            ctx.aggs.push(AggCall {
                func,
                distinct,
                args: planned,
            });
            return Ok(Expr::Slot(ctx.agg_base + ctx.aggs.len() - 1));
        }
        if lower == "exists"
            && args.len() == 1
            && let ExprKind::PatternPredicate(p) = &args[0].kind
        {
            return self.pattern_predicate(p, scope);
        }
        let Some((min, max)) = self.catalog.function_arity(&lower) else {
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                "UnknownFunction",
                match self.catalog.suggest_function(name) {
                    Some(close) => format!("Unknown function '{name}'; did you mean '{close}'?"),
                    None => format!("Unknown function '{name}'"),
                },
                Some(e.span),
            ));
        };
        if args.len() < min || max.is_some_and(|m| args.len() > m) {
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                "InvalidNumberOfArguments",
                format!("wrong number of arguments for {name}()"),
                Some(e.span),
            ));
        }
        let mut planned = Vec::with_capacity(args.len());
        let mut agg = agg;
        for a in args {
            planned.push(self.expr_in(a, scope, agg.as_deref_mut())?);
        }
        Ok(Expr::Function(lower, planned))
    }

    fn pattern_predicate(&mut self, pattern: &ast::PatternElement, scope: &Scope) -> Result<Expr> {
        let nodes = std::iter::once(&pattern.start).chain(pattern.chain.iter().map(|(_, n)| n));
        let names = nodes
            .filter_map(|n| n.var.as_ref())
            .chain(pattern.chain.iter().filter_map(|(r, _)| r.var.as_ref()));
        for v in names {
            if scope.get(&v.name).is_none() {
                return Err(Error::compile(
                    ErrorKind::SyntaxError,
                    "UndefinedVariable",
                    format!(
                        "Variable `{}` not defined (a pattern expression cannot introduce new variables)",
                        v.name
                    ),
                    Some(v.span),
                ));
            }
        }
        let mut inner = scope.clone();
        let part = ast::PatternPart {
            var: None,
            kind: ast::PathKind::Normal,
            element: pattern.clone(),
            span: pattern.span,
        };
        let op = self.plan_pattern(Op::Argument, std::slice::from_ref(&part), &mut inner)?;
        Ok(Expr::Subquery {
            plan: Box::new(op),
            collect: None,
        })
    }
}

fn invalid_aggregation(e: &ast::Expr) -> Error {
    Error::compile(
        ErrorKind::SyntaxError,
        "InvalidAggregation",
        "aggregate functions are only allowed in WITH and RETURN",
        Some(e.span),
    )
}
