//! A commit's writes to the database file: the chunks of the records it
//! touched, the counts, the generation, schema entries and history,
//! collected as a journal [`Batch`] and applied to redb (see
//! [`super::journal`]).

use super::chunks::{self, ChunkWriter};
use super::codec;
use super::graph::Graph;
use super::history_tables::LAST_COMMIT;
use super::journal::{self, Batch, Journal};
use super::persist::{FORMAT, META, NAMES, NODES, RELS, damaged, storage};
use crate::error::Result;
use crate::history::{Change, Commit, write_commit};
use crate::value::{NodeId, RelId};
use redb::{ReadableTable, ReadableTableMetadata};

/// Writes `nodes`, `rels` (the ids touched), `schema` and the commit's
/// history in one redb transaction, made durable by the journal when
/// there is one and it takes the commit, else by redb.
pub(super) fn write(
    db: &redb::Database,
    graph: &Graph,
    touched: (&[NodeId], &[RelId]),
    schema: &[(String, Option<Vec<u8>>)],
    history: Option<(&Commit, &[Change])>,
    journal: Option<&mut Journal>,
) -> Result<u64> {
    let mut tx = db.begin_write().map_err(storage)?;
    let mut batch = Batch::default();
    let (before, generation) = collect(&tx, graph, touched, schema, history, &mut batch)?;
    journal::apply(batch.as_bytes(), &tx)?;
    match journal {
        Some(journal) if journal.takes(batch.as_bytes().len()) => {
            tx.set_durability(redb::Durability::None).map_err(damaged)?;
            let at = journal
                .append(before, generation, batch.as_bytes())
                .map_err(|e| journal.error(&e))?;
            if let Err(e) = tx.commit() {
                // Never replayed: the commit failed.
                let _ = journal.void(at);
                return Err(storage(e));
            }
        }
        Some(journal) => {
            tx.commit().map_err(storage)?;
            // redb now holds every entry durably; were the journal not
            // started again, its first entry would not follow this state.
            let _ = journal.restart();
        }
        None => tx.commit().map_err(storage)?,
    }
    Ok(generation)
}

/// Collects the writes of a commit into `batch`, reading the counts and
/// chunks they change; returns the generations before and after.
fn collect(
    tx: &redb::WriteTransaction,
    graph: &Graph,
    (nodes, rels): (&[NodeId], &[RelId]),
    schema: &[(String, Option<Vec<u8>>)],
    history: Option<(&Commit, &[Change])>,
    batch: &mut Batch,
) -> Result<(u64, u64)> {
    let meta = tx.open_table(META).map_err(storage)?;
    let count = |key: &str| -> Result<u64> {
        let v = meta.get(key).map_err(storage)?;
        let b: Option<[u8; 8]> = v.and_then(|v| v.value().try_into().ok());
        b.map(u64::from_le_bytes)
            .ok_or_else(|| damaged(format!("the {key} count is missing")))
    };
    let (mut n, mut r) = (count("nodes")?, count("relationships")?);
    // Names first: the records below refer to them by number.
    let stored = tx
        .open_table(NAMES)
        .map_err(storage)?
        .len()
        .map_err(storage)?;
    for id in stored..graph.name_count() as u64 {
        let id = u32::try_from(id).map_err(|_| damaged("too many names"))?;
        if let Some(name) = graph.name_of(id) {
            batch.put_name(id, name);
        }
    }
    let nt = tx.open_table(NODES).map_err(storage)?;
    n = write_chunks(&nt, nodes, n, |id| node_record(graph, id), &mut |c, v| {
        batch.put_chunk(false, c, v)
    })?;
    let rt = tx.open_table(RELS).map_err(storage)?;
    r = write_chunks(&rt, rels, r, |id| rel_record(graph, id), &mut |c, v| {
        batch.put_chunk(true, c, v)
    })?;
    batch.put_meta("nodes", &n.to_le_bytes());
    batch.put_meta("relationships", &r.to_le_bytes());
    // A new committed state: a snapshot of the one before is out of date.
    let before = count("generation").unwrap_or(0);
    let generation = next_generation(before);
    batch.put_meta("generation", &generation.to_le_bytes());
    batch.put_meta("format", FORMAT);
    for (name, def) in schema {
        batch.put_schema(name, def.as_deref());
    }
    if let Some((commit, changes)) = history {
        write_commit(batch, commit, changes)?;
        batch.put_meta(LAST_COMMIT, &commit.number.to_le_bytes());
    }
    Ok((before, generation))
}

/// The generation of the state a commit makes: a number no state of
/// this file (or of a copy of it that took other commits) had before, so
/// that a snapshot is used only beside the very state it holds. Random,
/// from the process's hash keys (drawn from the system) and the clock.
fn next_generation(before: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::hash::RandomState::new().build_hasher();
    h.write_u64(before);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    h.write_u128(now.map_or(0, |d| d.as_nanos()));
    h.finish().max(1)
}

/// Rewrites, from the graph, the chunks holding `ids` (sorted), giving
/// each to `put` (`None`: the chunk is gone); `count` is the number of
/// entities stored before, and the result after.
fn write_chunks(
    t: &redb::Table<u64, &[u8]>,
    ids: &[u64],
    mut count: u64,
    record: impl Fn(u64) -> Option<Vec<u8>>,
    put: &mut dyn FnMut(u64, Option<&[u8]>),
) -> Result<u64> {
    let mut i = 0;
    while let Some(&first) = ids.get(i) {
        let chunk = chunks::chunk_of(first);
        while ids.get(i).is_some_and(|&id| chunks::chunk_of(id) == chunk) {
            i += 1;
        }
        let before = match t.get(chunk).map_err(storage)? {
            Some(v) => chunks::entries(v.value()).map_err(damaged)?,
            None => 0,
        };
        let mut w = ChunkWriter::new();
        for id in chunks::ids_of(chunk) {
            if let Some(bytes) = record(id) {
                w.push(id, &bytes);
            }
        }
        let after = w.entries();
        if after == 0 {
            put(chunk, None);
        } else {
            put(chunk, Some(w.finish().as_slice()));
        }
        count = (count + u64::from(after))
            .checked_sub(u64::from(before))
            .ok_or_else(|| damaged("the stored counts do not add up"))?;
    }
    Ok(count)
}

/// The stored record of a live node.
fn node_record(graph: &Graph, id: NodeId) -> Option<Vec<u8>> {
    let props = graph
        .node_properties(id)
        .filter(|_| graph.contains_node(id))?;
    let labels: Vec<u32> = graph
        .node_labels(id)
        .iter()
        .filter_map(|l| graph.name_id(l))
        .collect();
    Some(codec::encode_node(labels.into_iter(), props.block()))
}

/// The stored record of a live relationship.
fn rel_record(graph: &Graph, id: RelId) -> Option<Vec<u8>> {
    let props = graph
        .rel_properties(id)
        .filter(|_| graph.contains_rel(id))?;
    let (s, e) = graph.rel_endpoints(id)?;
    let rel_type = graph.name_id(graph.rel_type(id))?;
    Some(codec::encode_rel(rel_type, s, e, props.block()))
}
