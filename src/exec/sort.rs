//! `ORDER BY`: reads all input rows, sorts them by Cypher's total order.

use super::row::Row;
use super::{BoxOp, Ctx, Operator, eval};
use crate::error::Result;
use crate::plan::logical::SortKey;
use crate::value::Value;
use std::cmp::Ordering;

/// Sorts its input.
pub struct Sort<'p> {
    input: BoxOp<'p>,
    keys: &'p [SortKey],
    sorted: Option<std::vec::IntoIter<Row>>,
}

impl<'p> Sort<'p> {
    /// A sort of `input` by `keys`.
    pub fn new(input: BoxOp<'p>, keys: &'p [SortKey]) -> Sort<'p> {
        Sort {
            input,
            keys,
            sorted: None,
        }
    }
}

impl Operator for Sort<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if self.sorted.is_none() {
            let mut keyed: Vec<(Vec<Value>, Row)> = Vec::new();
            while let Some(row) = self.input.next(ctx)? {
                let mut k = Vec::with_capacity(self.keys.len());
                for key in self.keys {
                    k.push(eval(&key.expr, &row, ctx)?);
                }
                keyed.push((k, row));
            }
            let keys = self.keys;
            keyed.sort_by(|(a, _), (b, _)| {
                for (i, key) in keys.iter().enumerate() {
                    let o = a[i].order_cmp(&b[i]);
                    let o = if key.descending { o.reverse() } else { o };
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            });
            self.sorted = Some(
                keyed
                    .into_iter()
                    .map(|(_, r)| r)
                    .collect::<Vec<_>>()
                    .into_iter(),
            );
        }
        Ok(self.sorted.as_mut().and_then(Iterator::next))
    }
}
