//! `ORDER BY`: reads all input rows, sorts them by Cypher's total order.

use super::guard::{self, Reservation};
use super::row::Row;
use super::{BoxOp, Ctx, Operator, eval};
use crate::error::Result;
use crate::plan::logical::{Expr, SortKey};
use crate::value::Value;
use std::cmp::Ordering;

/// Sorts its input.
pub(crate) struct Sort<'p> {
    input: BoxOp<'p>,
    keys: &'p [SortKey],
    /// The count of a `LIMIT` right above: only that many rows need order.
    limit: Option<&'p Expr>,
    sorted: Option<std::vec::IntoIter<Row>>,
}

impl<'p> Sort<'p> {
    /// A sort of `input` by `keys`.
    pub(crate) fn new(input: BoxOp<'p>, keys: &'p [SortKey]) -> Sort<'p> {
        Sort {
            input,
            keys,
            limit: None,
            sorted: None,
        }
    }

    /// A sort whose rows a `LIMIT count` takes next: it puts only the first
    /// `count` in order (the same rows, in the same order, as sorting all).
    pub(crate) fn limited(input: BoxOp<'p>, keys: &'p [SortKey], count: &'p Expr) -> Sort<'p> {
        Sort {
            limit: Some(count),
            ..Sort::new(input, keys)
        }
    }

    /// Orders two rows by their keys `a` and `b`; ties go by input
    /// position (so that an unstable sort or a selection gives what a
    /// stable sort would).
    fn compare(&self, a: &[Value], ia: usize, b: &[Value], ib: usize) -> Ordering {
        for ((key, x), y) in self.keys.iter().zip(a).zip(b) {
            let o = x.order_cmp(y);
            let o = if key.descending { o.reverse() } else { o };
            if o != Ordering::Equal {
                return o;
            }
        }
        ia.cmp(&ib)
    }

    /// [`Sort::compare`] of rows `a` and `b`, whose keys are runs of
    /// `values`, one run per row.
    fn order(&self, values: &[Value], a: usize, b: usize) -> Ordering {
        let n = self.keys.len();
        let (ka, kb) = (&values[a * n..(a + 1) * n], &values[b * n..(b + 1) * n]);
        self.compare(ka, a, kb, b)
    }

    /// Every input row, the first `n` of them in order.
    fn sort_all(&mut self, n: Option<usize>, ctx: &mut Ctx<'_>) -> Result<Vec<Row>> {
        // Key values in one vector, not one per row.
        let mut values: Vec<Value> = Vec::new();
        let mut keyed: Vec<(usize, Row)> = Vec::new();
        let mut kept = Reservation::new();
        while let Some(row) = self.input.next(ctx)? {
            for key in self.keys {
                let v = eval(&key.expr, &row, ctx)?;
                kept.grow(guard::value_size(&v))?;
                values.push(v);
            }
            kept.grow_row(&row)?;
            keyed.push((keyed.len(), row));
        }
        match n {
            Some(0) => keyed.clear(),
            Some(n) if n < keyed.len() => {
                keyed.select_nth_unstable_by(n - 1, |a, b| self.order(&values, a.0, b.0));
                keyed.truncate(n);
            }
            _ => {}
        }
        keyed.sort_unstable_by(|a, b| self.order(&values, a.0, b.0));
        Ok(keyed.into_iter().map(|(_, r)| r).collect())
    }

    /// The first `n` input rows in order, for a small `n`: kept sorted as
    /// they come, so a row that cannot make it is dropped at once (one
    /// comparison with the last kept) instead of being stored.
    fn first(&mut self, n: usize, ctx: &mut Ctx<'_>) -> Result<Vec<Row>> {
        let mut kept: Vec<(Vec<Value>, usize, Row)> = Vec::with_capacity(n + 1);
        let mut keys: Vec<Value> = Vec::with_capacity(self.keys.len());
        let mut i = 0;
        while let Some(row) = self.input.next(ctx)? {
            keys.clear();
            for key in self.keys {
                keys.push(eval(&key.expr, &row, ctx)?);
            }
            let later = |k: &(Vec<Value>, usize, Row)| self.compare(&k.0, k.1, &keys, i).is_lt();
            let worse_than_all = kept.len() == n && kept.last().is_none_or(later);
            if !worse_than_all {
                let at = kept.partition_point(later);
                kept.insert(at, (keys.clone(), i, row));
                kept.truncate(n);
            }
            i += 1;
        }
        Ok(kept.into_iter().map(|(_, _, r)| r).collect())
    }
}

/// Up to this `LIMIT`, a sort keeps only the first rows as they come.
const KEEP_FIRST: usize = 64;

impl Operator for Sort<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if self.sorted.is_none() {
            // A bad count is the `LIMIT`'s error to report: then sort all.
            let wanted = match self.limit.map(|e| eval(e, &Row::new(), ctx)) {
                Some(Ok(Value::Int(n))) if n >= 0 => usize::try_from(n).ok(),
                _ => None,
            };
            let rows = match wanted {
                Some(n) if n <= KEEP_FIRST => self.first(n, ctx)?,
                n => self.sort_all(n, ctx)?,
            };
            self.sorted = Some(rows.into_iter());
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
