//! Reading stored records into a graph on two cores: one thread reads the
//! file's chunks, checks every record and builds the property chunks; the
//! other links nodes and relationships into petgraph as they arrive.
//! Linking is bound by memory latency and reading by decoding, so each
//! hides most of the other.

use super::chunks;
use super::codec;
use super::load::GraphBuilder;
use super::names::NameId;
use super::props::PropStore;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// The nodes of one stored chunk.
#[derive(Default)]
struct Nodes {
    ids: Vec<u64>,
    /// Where each node's labels end in `labels`.
    label_ends: Vec<usize>,
    labels: Vec<NameId>,
}

/// A relationship to link.
struct Link {
    id: u64,
    rel_type: NameId,
    start: u64,
    end: u64,
}

enum Batch {
    Nodes(Nodes),
    Rels(Vec<Link>),
}

/// Takes one stored chunk: its number and bytes.
pub(crate) type ChunkSink<'a> = &'a mut dyn FnMut(u64, &[u8]) -> Result<(), String>;

/// What reading found: the property chunks, and how many records.
pub(crate) struct Read {
    /// Node properties.
    pub node_props: PropStore,
    /// Relationship properties.
    pub rel_props: PropStore,
    /// Nodes read.
    pub nodes: u64,
    /// Relationships read.
    pub rels: u64,
}

/// Reads the node and relationship chunks into `builder` (which holds the
/// stored names already): `nodes` and `rels` run on a second thread,
/// handing each stored chunk to the sink they are given.
pub(crate) fn read<N, R>(builder: &mut GraphBuilder, nodes: N, rels: R) -> Result<Read, String>
where
    N: FnOnce(ChunkSink<'_>) -> Result<(), String> + Send,
    R: FnOnce(ChunkSink<'_>) -> Result<(), String> + Send,
{
    let names = builder.names().len();
    std::thread::scope(|s| {
        let (send, recv) = sync_channel(256);
        let reader = s.spawn(move || read_records(names, nodes, rels, &send));
        let linked = link(builder, recv);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err("reading the records failed".to_string()));
        // A linking error comes first: the reader then only saw the
        // channel close.
        linked.and(read)
    })
}

fn read_records<N, R>(
    names: usize,
    nodes: N,
    rels: R,
    send: &SyncSender<Batch>,
) -> Result<Read, String>
where
    N: FnOnce(ChunkSink<'_>) -> Result<(), String>,
    R: FnOnce(ChunkSink<'_>) -> Result<(), String>,
{
    let mut out = Read {
        node_props: PropStore::default(),
        rel_props: PropStore::default(),
        nodes: 0,
        rels: 0,
    };
    let stopped = || "stopped".to_string();
    let mut labels = Vec::new();
    nodes(&mut |chunk, bytes| {
        let mut batch = Nodes::default();
        let mut blocks = Vec::with_capacity(1 << chunks::CHUNK_BITS);
        for (id, record) in chunks::read(chunk, bytes)? {
            let block = codec::decode_node(record, names, &mut labels)
                .map_err(|e| format!("node {id}: {}", e.0))?;
            batch.ids.push(id);
            batch.labels.extend_from_slice(&labels);
            batch.label_ends.push(batch.labels.len());
            blocks.push((id, block));
        }
        out.nodes += batch.ids.len() as u64;
        out.node_props.load_chunk(chunk, blocks, bytes.len());
        send.send(Batch::Nodes(batch)).map_err(|_| stopped())
    })?;
    rels(&mut |chunk, bytes| {
        let mut batch = Vec::with_capacity(1 << chunks::CHUNK_BITS);
        let mut blocks = Vec::with_capacity(1 << chunks::CHUNK_BITS);
        for (id, record) in chunks::read(chunk, bytes)? {
            let r = codec::decode_rel(record, names)
                .map_err(|e| format!("relationship {id}: {}", e.0))?;
            batch.push(Link {
                id,
                rel_type: r.rel_type,
                start: r.start,
                end: r.end,
            });
            blocks.push((id, r.block));
        }
        out.rels += batch.len() as u64;
        out.rel_props.load_chunk(chunk, blocks, bytes.len());
        send.send(Batch::Rels(batch)).map_err(|_| stopped())
    })?;
    Ok(out)
}

fn link(builder: &mut GraphBuilder, recv: Receiver<Batch>) -> Result<(), String> {
    for batch in recv {
        match batch {
            Batch::Nodes(n) => {
                let mut from = 0;
                for (id, &to) in n.ids.iter().zip(&n.label_ends) {
                    builder.add_node(*id, n.labels.get(from..to).unwrap_or(&[]))?;
                    from = to;
                }
            }
            Batch::Rels(links) => {
                for l in links {
                    builder.add_rel(l.id, l.rel_type, l.start, l.end)?;
                }
            }
        }
    }
    Ok(())
}
