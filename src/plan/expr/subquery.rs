//! Patterns used as expressions, and `EXISTS { ... }`: each becomes a plan
//! run per row, starting from the row it is evaluated on.

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast;
use crate::plan::logical::{Expr, Op};
use crate::plan::planner::Planner;
use crate::plan::scope::Scope;

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
            collect: Some(Box::new(map)),
        })
    }

    /// `EXISTS { pattern [WHERE expr] }` or `EXISTS { query }`.
    pub(super) fn exists(&mut self, sub: &ast::ExistsSubquery, scope: &Scope) -> Result<Expr> {
        let mut inner = scope.clone();
        let op = match sub {
            ast::ExistsSubquery::Pattern(parts, where_) => {
                let op = self.plan_pattern(Op::Argument, parts, &mut inner)?;
                self.filtered(op, where_.as_ref(), &inner)?
            }
            ast::ExistsSubquery::Query(q) => self.plan_subquery(q, &inner)?,
        };
        Ok(Expr::Subquery {
            plan: Box::new(op),
            collect: None,
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
            collect: None,
        })
    }
}
