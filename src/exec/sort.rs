//! `ORDER BY`: reads all input rows, sorts them by Cypher's total order.

use super::row::Row;
use super::{BoxOp, Ctx, Operator, eval};
use crate::error::Result;
use crate::plan::logical::{Expr, SortKey};
use crate::value::Value;
use std::cmp::Ordering;

/// Sorts its input.
pub struct Sort<'p> {
    input: BoxOp<'p>,
    keys: &'p [SortKey],
    /// The count of a `LIMIT` right above: only that many rows need order.
    limit: Option<&'p Expr>,
    sorted: Option<std::vec::IntoIter<Row>>,
}

impl<'p> Sort<'p> {
    /// A sort of `input` by `keys`.
    pub fn new(input: BoxOp<'p>, keys: &'p [SortKey]) -> Sort<'p> {
        Sort {
            input,
            keys,
            limit: None,
            sorted: None,
        }
    }

    /// A sort whose rows a `LIMIT count` takes next: it puts only the first
    /// `count` in order (the same rows, in the same order, as sorting all).
    pub fn limited(input: BoxOp<'p>, keys: &'p [SortKey], count: &'p Expr) -> Sort<'p> {
        Sort {
            limit: Some(count),
            ..Sort::new(input, keys)
        }
    }

    /// Orders two rows' keys; ties go by input position (so that an
    /// unstable sort or a selection gives what a stable sort would).
    /// `values` holds every row's key values, one run per row.
    fn order(&self, values: &[Value], a: usize, b: usize) -> Ordering {
        let n = self.keys.len();
        let (ka, kb) = (&values[a * n..(a + 1) * n], &values[b * n..(b + 1) * n]);
        for ((key, x), y) in self.keys.iter().zip(ka).zip(kb) {
            let o = x.order_cmp(y);
            let o = if key.descending { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        a.cmp(&b)
    }
}

impl Operator for Sort<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if self.sorted.is_none() {
            // Key values in one vector, not one per row.
            let mut values: Vec<Value> = Vec::new();
            let mut keyed: Vec<(usize, Row)> = Vec::new();
            while let Some(row) = self.input.next(ctx)? {
                for key in self.keys {
                    values.push(eval(&key.expr, &row, ctx)?);
                }
                keyed.push((keyed.len(), row));
            }
            // A bad count is the `LIMIT`'s error to report: then sort all.
            let wanted = match self.limit.map(|e| eval(e, &Row::new(), ctx)) {
                Some(Ok(Value::Int(n))) if n >= 0 => usize::try_from(n).ok(),
                _ => None,
            };
            match wanted {
                Some(0) => keyed.clear(),
                Some(n) if n < keyed.len() => {
                    keyed.select_nth_unstable_by(n - 1, |a, b| self.order(&values, a.0, b.0));
                    keyed.truncate(n);
                }
                _ => {}
            }
            keyed.sort_unstable_by(|a, b| self.order(&values, a.0, b.0));
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

#[cfg(test)]
mod tests {
    use crate::exec::run_query;
    use crate::store::Graph;
    use crate::value::{Params, Value};

    fn column(query: &str) -> Vec<Value> {
        let mut g = Graph::new();
        run_query(&mut g, query, &Params::new())
            .rows
            .into_iter()
            .map(|r| r.into_iter().next().unwrap_or(Value::Null))
            .collect()
    }

    #[test]
    fn a_limited_sort_gives_the_first_rows_of_the_full_sort() {
        // Many ties (kept in input order), mixed types, nulls, NaN.
        let rows = "UNWIND range(0, 199) AS i \
                    WITH i, CASE i % 9 WHEN 0 THEN null WHEN 1 THEN 'a' WHEN 2 THEN 0.0 / 0.0 \
                    ELSE i % 5 END AS k";
        for order in ["k", "k DESC", "k, i DESC", "k DESC, i"] {
            let all = column(&format!("{rows} RETURN i ORDER BY {order}"));
            assert_eq!(all.len(), 200);
            for n in [0, 1, 2, 17, 199, 200, 250] {
                let first = column(&format!("{rows} RETURN i ORDER BY {order} LIMIT {n}"));
                assert_eq!(first, all[..n.min(200)], "ORDER BY {order} LIMIT {n}");
            }
        }
    }
}
