//! Rows: values by slot, growing as slots are written.

use crate::plan::Slot;
use crate::value::Value;

/// A row of values, indexed by slot.
pub(crate) type Row = Vec<Value>;

/// The value in a slot (null when the row is shorter).
pub(crate) fn get(row: &Row, slot: Slot) -> &Value {
    const NULL: &Value = &Value::Null;
    row.get(slot).unwrap_or(NULL)
}

/// Writes a slot, growing the row as needed.
pub(crate) fn set(row: &mut Row, slot: Slot, value: Value) {
    if row.len() <= slot {
        row.resize(slot + 1, Value::Null);
    }
    row[slot] = value;
}

/// Room a copied row keeps for slots written after it (a hop's relationship
/// and far node, say), so that writing them does not move the row.
const SPARE: usize = 4;

/// A copy of `row` with room to grow.
pub(crate) fn copy(row: &Row) -> Row {
    let mut out = Vec::with_capacity(row.len() + SPARE);
    out.extend_from_slice(row);
    out
}
