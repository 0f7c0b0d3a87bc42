//! `[OPTIONAL] CALL { query }` (see [`Op::Apply`]): the subquery runs once
//! per input row, and the row goes on once per row it returns.

use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, build, guard};
use crate::error::Result;
use crate::plan::Op;
use crate::plan::logical::Slot;
use crate::value::Value;

/// [`Op::Apply`]
pub(crate) struct Apply<'p> {
    input: BoxOp<'p>,
    inner_plan: &'p Op,
    outputs: &'p [Slot],
    optional: bool,
    /// The subquery, kept to be rearmed for the next row.
    inner: Option<BoxOp<'p>>,
    /// The input row the subquery runs for, and whether it returned a row.
    current: Option<(Row, bool)>,
}

impl<'p> Apply<'p> {
    /// The subquery `inner_plan` run for each row of `input`.
    pub(crate) fn new(
        input: BoxOp<'p>,
        inner_plan: &'p Op,
        outputs: &'p [Slot],
        optional: bool,
    ) -> Apply<'p> {
        Apply {
            input,
            inner_plan,
            outputs,
            optional,
            inner: None,
            current: None,
        }
    }

    /// Sets the subquery to run for `row`: rearmed, or built anew (always
    /// when the statement writes: what it wrote for the last row must be
    /// read again).
    fn start(&mut self, row: Row, ctx: &Ctx<'_>) {
        let rearmed = !ctx.writes && (self.inner.as_mut()).is_some_and(|op| op.rearm(&row));
        if !rearmed {
            self.inner = Some(build(self.inner_plan, &row));
        }
        self.current = Some((row, false));
    }
}

/// `row` with the subquery's row `returned` in `outputs` (nulls without
/// one).
fn joined(outputs: &[Slot], row: &Row, returned: Option<&Row>) -> Row {
    let mut out = row.clone();
    for (i, &slot) in outputs.iter().enumerate() {
        let v = returned.and_then(|r| r.get(i)).cloned();
        row::set(&mut out, slot, v.unwrap_or(Value::Null));
    }
    out
}

impl Operator for Apply<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let (Some(inner), Some((row, any))) = (&mut self.inner, &mut self.current) {
                if self.outputs.is_empty() {
                    // A subquery that only writes: run it out, pass the row.
                    while inner.next(ctx)?.is_some() {
                        guard::tick()?;
                    }
                    let row = std::mem::take(row);
                    self.current = None;
                    return Ok(Some(row));
                }
                if let Some(returned) = inner.next(ctx)? {
                    *any = true;
                    return Ok(Some(joined(self.outputs, row, Some(&returned))));
                }
                let (row, any) = (std::mem::take(row), *any);
                self.current = None;
                if self.optional && !any {
                    return Ok(Some(joined(self.outputs, &row, None)));
                }
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            guard::tick()?;
            self.start(row, ctx);
        }
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        self.current = None;
        self.input.rearm(arg)
    }
}
