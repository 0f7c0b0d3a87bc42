//! What a `WHERE` says about a pattern's nodes for the join order
//! (see [`super::join`]): the properties it compares with constants.

use crate::parse::ast;
use crate::value::Value;
use std::ops::Bound;

/// What a `WHERE`'s conjuncts that compare a property of a pattern
/// variable with a literal or parameter say about the variable's nodes:
/// they make a vertex more selective.
#[derive(Debug, Default)]
pub(crate) struct WhereHints {
    /// `var.key = value`: the `(var, key)` pairs.
    pub(super) equalities: Vec<(String, String)>,
    /// `var.key < value` (`<=`, `>`, `>=`): `(var, key, bounds)`, the
    /// bounds `None` when a parameter gives them.
    pub(super) ranges: Vec<(String, String, Option<Range>)>,
}

/// A range of property values.
pub(crate) type Range = (Bound<Value>, Bound<Value>);

impl WhereHints {
    /// The hints of a `WHERE`.
    pub(crate) fn of(e: &ast::Expr) -> WhereHints {
        let mut hints = WhereHints::default();
        hints.add(e);
        hints
    }

    fn add(&mut self, e: &ast::Expr) {
        use ast::{BinaryOp, ExprKind};
        let constant = |v: &ast::Expr| match &v.kind {
            ExprKind::Literal(value) => Some(Some(value.clone())),
            ExprKind::Parameter(_) => Some(None),
            _ => None,
        };
        let property = |p: &ast::Expr| match &p.kind {
            ExprKind::Property(base, key) => match &base.kind {
                ExprKind::Variable(var) => Some((var.clone(), key.name.clone())),
                _ => None,
            },
            _ => None,
        };
        match &e.kind {
            ExprKind::Binary(BinaryOp::And, a, b) => {
                self.add(a);
                self.add(b);
            }
            ExprKind::Chain(first, rest) if rest.iter().all(|(op, _)| *op == BinaryOp::And) => {
                self.add(first);
                for (_, x) in rest {
                    self.add(x);
                }
            }
            ExprKind::Binary(
                op @ (BinaryOp::Eq | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge),
                a,
                b,
            ) => {
                for (p, v, flipped) in [(a, b, false), (b, a, true)] {
                    let (Some((var, key)), Some(value)) = (property(p), constant(v)) else {
                        continue;
                    };
                    // `value < x` is `x > value`.
                    let below = matches!(op, BinaryOp::Lt | BinaryOp::Le) != flipped;
                    let inclusive = matches!(op, BinaryOp::Le | BinaryOp::Ge);
                    let bound = |v: Value| match inclusive {
                        true => Bound::Included(v),
                        false => Bound::Excluded(v),
                    };
                    let range = value.map(|v| match below {
                        true => (Bound::Unbounded, bound(v)),
                        false => (bound(v), Bound::Unbounded),
                    });
                    match op {
                        BinaryOp::Eq => self.equalities.push((var, key)),
                        _ => self.ranges.push((var, key, range)),
                    }
                }
            }
            _ => {}
        }
    }
}
