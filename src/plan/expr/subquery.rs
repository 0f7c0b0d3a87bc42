//! Patterns used as expressions, and `EXISTS { ... }`: each becomes a plan
//! run per row, starting from the row it is evaluated on.

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast;
use crate::plan::logical::{Expr, Op, SubqueryAnswer};
use crate::plan::planner::Planner;
use crate::plan::scope::Scope;
use crate::span::Span;

impl Planner<'_> {
    /// `[p = (a)-->(b) WHERE filter | map]`: the list of `map` over the
    /// pattern's matches.
    pub(super) fn pattern_comprehension(
        &mut self,
        var: &Option<ast::Name>,
        pattern: &ast::PatternElement,
        filter: &Option<Box<ast::Expr>>,
        map: &ast::Expr,
        scope: &Scope,
    ) -> Result<Expr> {
        let mut inner = scope.clone();
        let op = self.element_plan(var, pattern, &mut inner)?;
        let op = self.filtered(op, filter.as_deref(), &inner)?;
        let map = self.expr(map, &inner)?;
        Ok(Expr::Subquery {
            plan: Box::new(op),
            answer: SubqueryAnswer::Collect(Box::new(map)),
        })
    }

    /// `EXISTS { pattern [WHERE expr] }` or `EXISTS { query }`, and the
    /// same with `COUNT` (`answer` says which).
    pub(super) fn exists(
        &mut self,
        sub: &ast::ExistsSubquery,
        scope: &Scope,
        answer: SubqueryAnswer,
    ) -> Result<Expr> {
        let mut inner = scope.clone();
        let kind = match answer {
            SubqueryAnswer::Count => "COUNT",
            _ => "EXISTS",
        };
        let op = match sub {
            ast::ExistsSubquery::Pattern(parts, where_) => {
                let op = self.plan_pattern(Op::Argument, parts, &mut inner)?;
                self.filtered(op, where_.as_ref(), &inner)?
            }
            ast::ExistsSubquery::Query(q) => self.plan_subquery(q, &inner, kind)?.0,
        };
        Ok(Expr::Subquery {
            plan: Box::new(op),
            answer,
        })
    }

    /// `COLLECT { query }`: the list of the one column the query returns.
    pub(super) fn collect_subquery(
        &mut self,
        q: &ast::Query,
        scope: &Scope,
        span: Span,
    ) -> Result<Expr> {
        let (op, columns) = self.plan_subquery(q, &scope.clone(), "COLLECT")?;
        if columns.len() != 1 {
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                Detail::InvalidClauseComposition,
                format!(
                    "a COLLECT subquery must end with a RETURN of exactly one column (this one returns {})",
                    columns.len()
                ),
                Some(span),
            ));
        }
        // A query's RETURN leaves its columns first in the row.
        Ok(Expr::Subquery {
            plan: Box::new(op),
            answer: SubqueryAnswer::Collect(Box::new(Expr::Slot(0))),
        })
    }

    /// The plan of one pattern (named `var`, if given) matched from the
    /// row it runs on, binding its new variables in `inner`.
    fn element_plan(
        &mut self,
        var: &Option<ast::Name>,
        pattern: &ast::PatternElement,
        inner: &mut Scope,
    ) -> Result<Op> {
        let part = ast::PatternPart {
            var: var.clone(),
            kind: ast::PathKind::Normal,
            element: pattern.clone(),
            span: pattern.span,
        };
        self.plan_pattern(Op::Argument, std::slice::from_ref(&part), inner)
    }

    /// `op`, keeping only the rows where `predicate` (if any) holds.
    fn filtered(&mut self, op: Op, predicate: Option<&ast::Expr>, scope: &Scope) -> Result<Op> {
        Ok(match predicate {
            Some(p) => Op::Filter {
                input: Box::new(op),
                predicate: self.expr(p, scope)?,
            },
            None => op,
        })
    }

    /// `(a)-->(b)` as a predicate: true when it has a match. It may not
    /// introduce variables.
    pub(super) fn pattern_predicate(
        &mut self,
        pattern: &ast::PatternElement,
        scope: &Scope,
    ) -> Result<Expr> {
        let nodes = std::iter::once(&pattern.start).chain(pattern.chain.iter().map(|(_, n)| n));
        let names = nodes
            .filter_map(|n| n.var.as_ref())
            .chain(pattern.chain.iter().filter_map(|(r, _)| r.var.as_ref()));
        for v in names {
            if scope.get(&v.name).is_none() {
                return Err(Error::compile(
                    ErrorKind::SyntaxError,
                    Detail::UndefinedVariable,
                    format!(
                        "Variable `{}` not defined (a pattern expression cannot introduce new variables)",
                        v.name
                    ),
                    Some(v.span),
                ));
            }
        }
        let op = self.element_plan(&None, pattern, &mut scope.clone())?;
        Ok(Expr::Subquery {
            plan: Box::new(op),
            answer: SubqueryAnswer::Exists,
        })
    }
}
