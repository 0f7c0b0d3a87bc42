//! Property columns in the snapshot (see [`crate::store::Column`]): per
//! key, every entity's value in flat arrays by id, written at a
//! checkpoint so that a graph opened from the snapshot has them from its
//! first query, read in place, where a graph read from records builds a
//! key's column only after scans have asked for it often.
//!
//! A section of kind `Column` (its name the key, its parameter 0 for node
//! properties and 1 for relationship properties) holds, 8-aligned:
//!
//! ```text
//! base, span, text length, distinct    four u64: the first id held, how
//!                                      many ids from it, the string bytes,
//!                                      0 unknown / 1 no / 2 yes
//! payload                              span u64
//! tags                                 span u8, padded to 8
//! text                                 the string values, UTF-8
//! ```
//!
//! A key gets a column only when its holders are dense in the ids they
//! span (at least one id in two), so a key a few entities hold far apart
//! costs no more than the values themselves.

use super::{Kind, Section, Snapshot};
use crate::store::columns::{Column, ColumnBuilder};
use crate::store::mapped::Arr;
use crate::store::names::NameId;
use crate::value::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The size of a column section's head.
const HEAD: usize = 32;

/// A column is given up while written once it spans more ids than this
/// and fewer than half of them hold the key.
const SPARSE_FROM: u64 = 4096;

/// The columns a checkpoint writes, built in one pass over the entities.
#[derive(Debug, Default)]
pub(super) struct ColumnsOut {
    /// Per key, its column so far (`None`: given up, too sparse).
    keys: [BTreeMap<NameId, Option<ColumnBuilder>>; 2],
}

impl ColumnsOut {
    /// Adds entity `id`'s value for `key` (`rels`: a relationship's);
    /// ids ascend per kind of entity.
    pub(super) fn push(&mut self, rels: bool, key: NameId, id: u64, value: &Value) {
        let slot = self.keys[usize::from(rels)]
            .entry(key)
            .or_insert_with(|| Some(ColumnBuilder::default()));
        if let Some(b) = slot {
            // Weighed before the gap is filled: a sparse key never holds
            // more than its values' worth.
            let span = b.span_with(id);
            if span > SPARSE_FROM && (b.held + 1) * 2 < span {
                *slot = None;
            } else {
                b.push(id, value);
            }
        }
    }

    /// The columns worth writing, with what they cover.
    pub(super) fn finish(self, bounds: [u64; 2]) -> Vec<(NameId, bool, Column)> {
        let mut out = Vec::new();
        for (rels, keys) in self.keys.into_iter().enumerate() {
            for (key, b) in keys {
                let Some(b) = b.filter(|b| b.held * 2 >= b.span()) else {
                    continue;
                };
                let column = b.finish(bounds[rels]);
                // Found now for node keys (a key naming its node is what
                // grouping asks); a relationship key's only if asked.
                if rels == 0 {
                    column.distinct();
                }
                out.push((key, rels == 1, column));
            }
        }
        out
    }
}

/// Writes a column section's bytes (its head, payload, tags and text) to
/// `put`.
pub(super) fn put_column(
    column: &Column,
    mut put: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let distinct: u64 = match column.distinct.get() {
        None => 0,
        Some(false) => 1,
        Some(true) => 2,
    };
    for n in [
        column.base,
        column.tags.len() as u64,
        column.text.len() as u64,
        distinct,
    ] {
        put(&n.to_le_bytes())?;
    }
    for chunk in column.payload.chunks(1 << 16) {
        put(bytemuck::cast_slice(chunk))?;
    }
    put(&column.tags)?;
    let pad = column.tags.len().next_multiple_of(8) - column.tags.len();
    put(&[0u8; 8][..pad])?;
    put(&column.text)
}

/// The columns a snapshot holds, read in place: per key, whether it is
/// of relationships, and its column.
pub(in crate::store) fn read_columns(
    snap: &Snapshot,
) -> Result<Vec<(NameId, bool, Column)>, String> {
    let mut out = Vec::new();
    for s in snap.sections(Kind::Column) {
        let rels = match s.param {
            0 => false,
            1 => true,
            _ => return Err(damaged(s)),
        };
        let bound = if rels {
            snap.rel_bound
        } else {
            snap.node_bound
        };
        out.push((s.name, rels, read_column(snap, s, bound)?));
    }
    Ok(out)
}

fn damaged(s: &Section) -> String {
    format!("the snapshot is damaged: its {:?} section", s.kind)
}

fn read_column(snap: &Snapshot, s: &Section, bound: u64) -> Result<Column, String> {
    let head = snap.bytes(s).get(..HEAD).ok_or_else(|| damaged(s))?;
    let word = |i: usize| {
        head.get(i * 8..i * 8 + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    let to_usize = |n: u64| usize::try_from(n).map_err(|_| damaged(s));
    let (base, span, text) = (word(0), to_usize(word(1))?, to_usize(word(2))?);
    if base.checked_add(span as u64).is_none_or(|end| end > bound) {
        return Err(damaged(s));
    }
    let payload_end = span
        .checked_mul(8)
        .and_then(|n| n.checked_add(HEAD))
        .ok_or_else(|| damaged(s))?;
    let tags_end = payload_end
        .checked_add(span.next_multiple_of(8))
        .ok_or_else(|| damaged(s))?;
    let text_end = tags_end.checked_add(text).ok_or_else(|| damaged(s))?;
    if text_end != s.len {
        return Err(damaged(s));
    }
    let payload = snap.array_in(s, HEAD..payload_end)?;
    let tags = snap.array_in(s, payload_end..payload_end + span)?;
    let text = snap.array_in(s, tags_end..text_end)?;
    let distinct = match word(3) {
        1 => OnceLock::from(false),
        2 => OnceLock::from(true),
        _ => OnceLock::new(),
    };
    Ok(Column {
        bound,
        base,
        tags: Arr::Mapped(tags),
        payload: Arr::Mapped(payload),
        text: Arr::Mapped(text),
        distinct,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Snapshot, snapshot_path, write_snapshot};
    use super::*;
    use crate::store::Graph;
    use crate::store::columns::{Cell, WORTH_IT};

    /// A graph big enough for columns: `k` on every node (of every kind),
    /// `far` on two nodes far apart, `w` on the second half of the
    /// relationships, `id` counting up (distinct).
    fn big() -> Graph {
        let mut g = Graph::new();
        let n = WORTH_IT as i64;
        for i in 0..n {
            let k = match i % 4 {
                0 => Value::Int(i),
                1 => Value::string(format!("s{i}")),
                2 => Value::Float(i as f64 / 2.0),
                _ => Value::List(vec![Value::Bool(true)]),
            };
            let mut props = vec![("k", k), ("id", Value::Int(i))];
            if i == 3 || i == n - 1 {
                props.push(("far", Value::Bool(true)));
            }
            g.create_node(&["N"], props);
        }
        for i in 0..1000u64 {
            let props: Vec<(&str, Value)> = if i >= 500 {
                vec![("w", Value::Int(i as i64))]
            } else {
                vec![]
            };
            g.create_rel("T", i, i + 1, props);
        }
        g.commit();
        g
    }

    fn reopen(g: &Graph) -> (tempfile::TempDir, Graph) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("g.quiver");
        write_snapshot(g, &db, 7).expect("written");
        let snap = Snapshot::open(&snapshot_path(&db))
            .expect("readable")
            .expect("there");
        let frozen = Graph::from_snapshot(&snap).expect("a graph");
        (dir, frozen)
    }

    #[test]
    fn a_snapshot_holds_the_columns_of_dense_keys() {
        let g = big();
        let (_dir, frozen) = reopen(&g);
        let slot = frozen.node_column("k");
        let column = slot.column(&frozen).expect("read from the snapshot");
        for id in [0, 1, 2, 3, 9_998, 9_999] {
            let want = g.node_property(id, "k");
            match column.cell(id) {
                Cell::Other => assert!(matches!(want, Some(Value::List(_)))),
                cell => assert_eq!(cell.value(), want, "node {id}"),
            }
        }
        assert_eq!(column.cell(WORTH_IT as u64), Cell::Missing);
        assert_eq!(column.len(), WORTH_IT);
        assert!(!column.distinct());
        let ids = frozen.node_column("id");
        assert!(
            ids.column(&frozen)
                .is_some_and(|c| c.distinct.get() == Some(&true))
        );
        // Two holders ten thousand ids apart: no column written.
        assert!(!frozen.node_column("far").is_built());
        // Relationship ids 500..1000 hold `w`: a column from id 500.
        let w = frozen.rel_column("w");
        let w = w.column(&frozen).expect("read from the snapshot");
        assert_eq!((w.base, w.len()), (500, 1000));
        assert_eq!(
            (w.cell(499), w.cell(500), w.cell(999)),
            (Cell::Missing, Cell::Int(500), Cell::Int(999))
        );
        assert!(!frozen.rel_column("k").is_built());
    }

    #[test]
    fn a_key_held_far_apart_is_given_up_before_its_gap_is_filled() {
        let mut out = ColumnsOut::default();
        out.push(false, 3, 0, &Value::Int(1));
        // A billion ids on: filling the gap would take 9 GB.
        out.push(false, 3, 1 << 30, &Value::Int(2));
        assert!(out.keys[0].get(&3).is_some_and(Option::is_none));
        // Dense keys are kept, up to the first gap too wide.
        for id in 0..5000 {
            out.push(true, 4, 100 + 2 * id, &Value::Int(0));
        }
        let columns = out.finish([1 << 31, 20_000]);
        assert_eq!(columns.len(), 1);
        assert_eq!(
            (columns[0].0, columns[0].1, columns[0].2.held()),
            (4, true, 100..10_099)
        );
    }

    #[test]
    fn a_small_graph_has_no_columns_written() {
        let mut g = Graph::new();
        g.create_node(&["N"], [("k", Value::Int(1))]);
        g.commit();
        let (_dir, frozen) = reopen(&g);
        assert!(!frozen.node_column("k").is_built());
    }

    #[test]
    fn a_column_section_that_disagrees_with_itself_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("g.quiver");
        write_snapshot(&big(), &db, 7).expect("written");
        let path = snapshot_path(&db);
        let snap = Snapshot::open(&path).expect("readable").expect("there");
        let at = snap.sections(Kind::Column).next().expect("a column").offset;
        drop(snap);
        // A span past the ids the snapshot has: refused, whatever the
        // checksum says (a big snapshot is not checked whole).
        let mut bytes = std::fs::read(&path).expect("the file");
        bytes[at + 8..at + 16].copy_from_slice(&u64::MAX.to_le_bytes());
        std::fs::write(&path, &bytes).expect("written");
        let map = std::sync::Arc::new(
            crate::store::mapped::Map::new(&std::fs::File::open(&path).expect("opens"))
                .expect("maps"),
        );
        let snap = Snapshot::parse(map).expect("its header is whole");
        assert_eq!(
            read_columns(&snap).err(),
            Some("the snapshot is damaged: its Column section".to_string())
        );
    }
}
