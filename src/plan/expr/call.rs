//! Function calls: aggregates become slots of the `Aggregate` operator,
//! scalar functions are checked against the catalog.

use super::{AggContext, aggregate_function, contains_aggregate, invalid_aggregation, visit};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast::{self, ExprKind};
use crate::plan::logical::{AggCall, AggFunc, Expr};
use crate::plan::planner::Planner;
use crate::plan::scope::Scope;

impl Planner<'_> {
    /// `name(args)` or `name(DISTINCT args)`.
    pub(super) fn function(
        &mut self,
        e: &ast::Expr,
        name: &str,
        distinct: bool,
        args: &[ast::Expr],
        scope: &Scope,
        mut agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
        let lower = name.to_ascii_lowercase();
        if let Some(func) = aggregate_function(&lower) {
            return self.aggregate(e, func, name, distinct, args, scope, agg);
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
                Detail::UnknownFunction,
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
                Detail::InvalidNumberOfArguments,
                format!("wrong number of arguments for {name}()"),
                Some(e.span),
            ));
        }
        let mut planned = Vec::with_capacity(args.len());
        for a in args {
            planned.push(self.expr_in(a, scope, agg.as_deref_mut())?);
        }
        Ok(Expr::Function(lower, planned))
    }

    /// An aggregate call: its arguments are planned in the scope before the
    /// projection, and it becomes the slot of its result.
    #[allow(clippy::too_many_arguments)]
    fn aggregate(
        &mut self,
        e: &ast::Expr,
        func: AggFunc,
        name: &str,
        distinct: bool,
        args: &[ast::Expr],
        scope: &Scope,
        agg: Option<&mut AggContext<'_>>,
    ) -> Result<Expr> {
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
            check_aggregate_argument(a)?;
            planned.push(self.expr(a, input_scope)?);
        }
        let want = match func {
            AggFunc::PercentileCont | AggFunc::PercentileDisc => 2,
            _ => 1,
        };
        if planned.len() != want {
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                Detail::InvalidNumberOfArguments,
                format!("{name}() takes {want} argument(s)"),
                Some(e.span),
            ));
        }
        ctx.aggs.push(AggCall {
            func,
            distinct,
            args: planned,
        });
        Ok(Expr::Slot(ctx.agg_base + ctx.aggs.len() - 1))
    }
}

/// An aggregate's argument may not be random or hold another aggregate.
fn check_aggregate_argument(a: &ast::Expr) -> Result<()> {
    let mut random = false;
    visit(a, &mut |x| {
        if let ExprKind::Function { name, .. } = &x.kind {
            random |= name.name.eq_ignore_ascii_case("rand");
        }
    });
    if random {
        return Err(Error::compile(
            ErrorKind::SyntaxError,
            Detail::NonConstantExpression,
            "an aggregate cannot take a random value",
            Some(a.span),
        ));
    }
    if contains_aggregate(a) {
        return Err(Error::compile(
            ErrorKind::SyntaxError,
            Detail::NestedAggregation,
            "an aggregate cannot be the argument of another aggregate",
            Some(a.span),
        ));
    }
    Ok(())
}
