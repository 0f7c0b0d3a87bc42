//! A commit's writes to the database file: the chunks of the records it
//! touched, the counts, the generation, schema entries and history,
//! collected as a journal [`Batch`] and applied to redb (see
//! [`super::journal`] and [`super::deferred`]).

use super::chunks::{self, ChunkWriter};
use super::codec;
use super::deferred::{Deferred, Stored};
use super::graph::Graph;
use super::history_tables::LAST_COMMIT;
use super::journal::{self, Batch, Journal};
use super::persist::{FORMAT, damaged, storage};
use crate::error::Result;
use crate::history::{Change, Commit, write_commit};
use crate::value::{NodeId, RelId};

/// What a commit writes: the records of the nodes and relationships it
/// touched (their ids), schema entries (`None` removes one) and its
/// history.
pub(super) struct Changes<'a> {
    pub touched: (&'a [NodeId], &'a [RelId]),
    pub schema: &'a [(String, Option<Vec<u8>>)],
    pub history: Option<(&'a Commit, &'a [Change])>,
}

/// Writes a commit's `changes`: made durable by the journal when there is
/// one and it takes the commit, and left in `deferred` for redb; else in
/// one durable redb commit with the deferred ones. With `wait` (group
/// commit), the journal is not flushed: the commit is durable once
/// [`Journal::sync`] says so.
pub(super) fn write(
    db: &redb::Database,
    graph: &Graph,
    changes: &Changes<'_>,
    journal: Option<&mut Journal>,
    deferred: &mut Deferred,
    wait: bool,
) -> Result<u64> {
    // Before anything of this commit is written: a failure here fails
    // this commit only (the journal holds the ones deferred). redb makes
    // what it holds durable when it closes, so it takes only commits the
    // journal has flushed: with commits waiting for a flush (group
    // commit), the batches wait for the first commit after it.
    if deferred.due() && journal.as_ref().is_none_or(|j| j.unsynced() == 0) {
        deferred.apply_now(db)?;
    }
    let mut batch = Batch::default();
    let (before, generation) = {
        let stored = Stored::new(db, deferred)?;
        collect(&stored, graph, changes, &mut batch)?
    };
    match journal {
        Some(journal) if journal.takes(batch.as_bytes().len()) => {
            let update = Deferred::read(batch.as_bytes())?;
            journal
                .append(before, generation, batch.as_bytes(), wait)
                .map_err(|e| journal.error(&e))?;
            deferred.push(batch.as_bytes(), update);
        }
        journal => {
            let tx = db.begin_write().map_err(storage)?;
            deferred.apply(&tx)?;
            journal::apply(batch.as_bytes(), &tx)?;
            tx.commit().map_err(storage)?;
            deferred.clear();
            // redb now holds every entry durably; were the journal not
            // started again, its first entry would not follow this state.
            if let Some(journal) = journal {
                let _ = journal.restart();
            }
        }
    }
    Ok(generation)
}

/// Collects the writes of a commit into `batch`, reading the counts and
/// chunks they change; returns the generations before and after.
fn collect(
    stored: &Stored<'_>,
    graph: &Graph,
    changes: &Changes<'_>,
    batch: &mut Batch,
) -> Result<(u64, u64)> {
    let (nodes, rels) = changes.touched;
    let count = |key: &str| -> Result<u64> {
        let b: Option<[u8; 8]> = stored.meta(key)?.and_then(|v| v.try_into().ok());
        b.map(u64::from_le_bytes)
            .ok_or_else(|| damaged(format!("the {key} count is missing")))
    };
    let (mut n, mut r) = (count("nodes")?, count("relationships")?);
    // Names first: the records below refer to them by number.
    for id in stored.names()?..graph.name_count() as u64 {
        let id = u32::try_from(id).map_err(|_| damaged("too many names"))?;
        if let Some(name) = graph.name_of(id) {
            batch.put_name(id, name);
        }
    }
    n = write_chunks(
        |c| stored.chunk_entries(false, c),
        nodes,
        n,
        |id| node_record(graph, id),
        &mut |c, v| batch.put_chunk(false, c, v),
    )?;
    r = write_chunks(
        |c| stored.chunk_entries(true, c),
        rels,
        r,
        |id| rel_record(graph, id),
        &mut |c, v| batch.put_chunk(true, c, v),
    )?;
    batch.put_meta("nodes", &n.to_le_bytes());
    batch.put_meta("relationships", &r.to_le_bytes());
    // A new committed state: a snapshot of the one before is out of date.
    let before = count("generation").unwrap_or(0);
    let generation = next_generation(before);
    batch.put_meta("generation", &generation.to_le_bytes());
    batch.put_meta("format", FORMAT);
    for (name, def) in changes.schema {
        batch.put_schema(name, def.as_deref());
    }
    if let Some((commit, history)) = changes.history {
        write_commit(batch, commit, history)?;
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
    stored: impl Fn(u64) -> Result<u32>,
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
        let before = stored(chunk)?;
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
