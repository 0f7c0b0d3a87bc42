//! `FOREACH (x IN list | update ...)` (see [`Op::Foreach`]): the updates
//! run once per element for each row, and the row passes on unchanged.

use super::eval::eval;
use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, build, guard};
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::plan::Op;
use crate::plan::logical::{Expr, Slot};
use crate::value::Value;

/// [`Op::Foreach`]
pub(crate) struct Foreach<'p> {
    input: BoxOp<'p>,
    list: &'p Expr,
    slot: Slot,
    body: &'p Op,
}

impl<'p> Foreach<'p> {
    /// The updates of `body` for each element of `list`, for each row of
    /// `input`.
    pub(crate) fn new(input: BoxOp<'p>, list: &'p Expr, slot: Slot, body: &'p Op) -> Foreach<'p> {
        Foreach {
            input,
            list,
            slot,
            body,
        }
    }
}

impl Operator for Foreach<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let Some(row) = self.input.next(ctx)? else {
            return Ok(None);
        };
        let items = match eval(self.list, &row, ctx)? {
            Value::List(items) => items,
            Value::Null => Vec::new(),
            other => {
                return Err(Error::runtime(
                    ErrorKind::TypeError,
                    Detail::InvalidArgumentType,
                    format!("FOREACH needs a list, got {}", other.type_name()),
                ));
            }
        };
        for item in items {
            guard::tick()?;
            let mut inner = row.clone();
            row::set(&mut inner, self.slot, item);
            let mut body = build(self.body, &inner);
            while body.next(ctx)?.is_some() {}
        }
        Ok(Some(row))
    }
}
