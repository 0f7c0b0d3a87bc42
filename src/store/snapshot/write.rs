//! Writing a snapshot of a committed graph (a checkpoint): to a
//! temporary file beside the final one, synced, then renamed over it.

use super::columns::{ColumnsOut, put_column};
use super::{ABSENT, BYTE_ORDER, ENTRY, HEADER, Kind, MAGIC, VERSION, snapshot_path};
use crate::store::columns::{Column, WORTH_IT};
use crate::store::graph::{Graph, eix, nix};
use crate::store::index::IndexKey;
use crate::store::names::NameId;
use crate::store::read_index::{Pair, Side};
use petgraph::visit::{EdgeIndexable, NodeIndexable};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

/// Sections written one after another, each 8-aligned, with their
/// directory entries and checksums.
struct Out {
    w: BufWriter<std::fs::File>,
    at: u64,
    dir: Vec<u8>,
    crc: crc32fast::Hasher,
    started: u64,
}

impl Out {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.crc.update(bytes);
        self.at += bytes.len() as u64;
        Ok(())
    }

    fn begin(&mut self) -> io::Result<()> {
        let pad = (8 - self.at % 8) % 8;
        self.w.write_all(&[0u8; 8][..pad as usize])?;
        self.at += pad;
        self.started = self.at;
        self.crc = crc32fast::Hasher::new();
        Ok(())
    }

    fn end(&mut self, kind: Kind, name: NameId, param: u32) {
        let crc = std::mem::take(&mut self.crc).finalize();
        for word in [kind as u32, name, param, crc] {
            self.dir.extend_from_slice(&word.to_le_bytes());
        }
        self.dir.extend_from_slice(&self.started.to_le_bytes());
        self.dir
            .extend_from_slice(&(self.at - self.started).to_le_bytes());
    }

    /// A whole section of plain items.
    fn section<T: bytemuck::Pod>(
        &mut self,
        kind: Kind,
        name: NameId,
        param: u32,
        items: &[T],
    ) -> io::Result<()> {
        self.begin()?;
        for chunk in items.chunks(1 << 16) {
            self.put(bytemuck::cast_slice(chunk))?;
        }
        self.end(kind, name, param);
        Ok(())
    }

    /// A section of items made one by one.
    fn stream<T: bytemuck::Pod>(
        &mut self,
        kind: Kind,
        name: NameId,
        items: impl Iterator<Item = T>,
    ) -> io::Result<()> {
        self.begin()?;
        let mut buf: Vec<T> = Vec::with_capacity(1 << 14);
        for item in items {
            buf.push(item);
            if buf.len() == buf.capacity() {
                self.put(bytemuck::cast_slice(&buf))?;
                buf.clear();
            }
        }
        self.put(bytemuck::cast_slice(&buf))?;
        self.end(kind, name, 0);
        Ok(())
    }
}

/// Writes the snapshot of `graph` (committed: no open transaction) for
/// the database file `db` at `generation`, replacing any older one.
pub(crate) fn write_snapshot(graph: &Graph, db: &Path, generation: u64) -> io::Result<()> {
    if graph.has_uncommitted_changes() || graph.frozen.is_some() {
        return Err(io::Error::other("the graph has uncommitted changes"));
    }
    let path = snapshot_path(db);
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    let written = write_to(graph, &tmp, generation).and_then(|()| {
        std::fs::rename(&tmp, &path)?;
        crate::io::atomic::sync_parent(&path)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

fn write_to(graph: &Graph, tmp: &Path, generation: u64) -> io::Result<()> {
    // A new file, never one that is there (nor what a link there points to).
    let _ = std::fs::remove_file(tmp);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    let mut out = Out {
        w: BufWriter::with_capacity(1 << 20, file),
        at: 0,
        dir: Vec::new(),
        crc: crc32fast::Hasher::new(),
        started: 0,
    };
    out.put(&[0u8; HEADER])?;
    let node_bound = graph.g.node_bound() as u64;
    let rel_bound = graph.g.edge_bound() as u64;
    // The property index sorts while the rest is written (two cores).
    std::thread::scope(|scope| {
        let keys = scope.spawn(|| key_index(graph, node_bound, rel_bound));
        write_names(&mut out, graph)?;
        write_nodes(&mut out, graph, node_bound)?;
        write_rels(&mut out, graph, rel_bound)?;
        write_adjacency(&mut out, graph)?;
        write_labels(&mut out, graph)?;
        let (index, counts, columns) = keys
            .join()
            .map_err(|_| io::Error::other("sorting failed"))?;
        write_keys(&mut out, index, counts)?;
        write_columns(&mut out, &columns)
    })?;
    // The directory, then the header that points at it.
    out.begin()?;
    let (dir_at, dir) = (out.at, std::mem::take(&mut out.dir));
    out.put(&dir)?;
    let mut head = Vec::with_capacity(HEADER);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&VERSION.to_le_bytes());
    head.extend_from_slice(&BYTE_ORDER.to_le_bytes());
    for n in [
        generation,
        node_bound,
        rel_bound,
        graph.node_count() as u64,
        graph.rel_count() as u64,
        dir_at,
        (dir.len() / ENTRY) as u64,
    ] {
        head.extend_from_slice(&n.to_le_bytes());
    }
    head.extend_from_slice(&crc32fast::hash(&dir).to_le_bytes());
    head.extend_from_slice(&crc32fast::hash(&head).to_le_bytes());
    let mut file = out.w.into_inner().map_err(|e| e.into_error())?;
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&head)?;
    file.sync_all()
}

fn write_names(out: &mut Out, graph: &Graph) -> io::Result<()> {
    out.begin()?;
    out.put(&(graph.names.len() as u32).to_le_bytes())?;
    for id in 0..graph.names.len() {
        let name = graph.names.name(id as NameId).map_or("", |n| &**n);
        out.put(&(name.len() as u32).to_le_bytes())?;
        out.put(name.as_bytes())?;
    }
    out.end(Kind::Names, 0, 0);
    out.begin()?;
    let sets = graph.label_sets.all();
    out.put(&(sets.len() as u32).to_le_bytes())?;
    for set in sets {
        out.put(&(set.len() as u32).to_le_bytes())?;
        for label in set.iter() {
            let id = graph.names.id(label).unwrap_or(ABSENT);
            out.put(&id.to_le_bytes())?;
        }
    }
    out.end(Kind::LabelSets, 0, 0);
    Ok(())
}

/// Property blocks: their end offsets, then their bytes.
fn write_blocks<'g>(
    out: &mut Out,
    bound: u64,
    block: impl Fn(u64) -> &'g [u8],
    kinds: [Kind; 2],
) -> io::Result<()> {
    let mut end = 0u64;
    out.stream(
        kinds[0],
        0,
        (0..bound).map(|id| {
            end += block(id).len() as u64;
            end
        }),
    )?;
    out.begin()?;
    for id in 0..bound {
        out.put(block(id))?;
    }
    out.end(kinds[1], 0, 0);
    Ok(())
}

fn write_nodes(out: &mut Out, graph: &Graph, bound: u64) -> io::Result<()> {
    let labels = (0..bound).map(|id| graph.g.node_weight(nix(id)).map_or(ABSENT, |n| n.labels));
    out.stream(Kind::NodeLabels, 0, labels)?;
    write_blocks(
        out,
        bound,
        |id| graph.node_props.get(id),
        [Kind::NodePropEnds, Kind::NodePropBytes],
    )
}

fn write_rels(out: &mut Out, graph: &Graph, bound: u64) -> io::Result<()> {
    let rels = (0..bound).map(|id| {
        let e = eix(id);
        match (graph.g.edge_endpoints(e), graph.g.edge_weight(e)) {
            (Some((s, t)), Some(r)) => [s.index() as u32, t.index() as u32, r.rel_type],
            _ => [ABSENT; 3],
        }
    });
    out.stream(Kind::Rels, 0, rels)?;
    write_blocks(
        out,
        bound,
        |id| graph.rel_props.get(id),
        [Kind::RelPropEnds, Kind::RelPropBytes],
    )
}

fn write_adjacency(out: &mut Out, graph: &Graph) -> io::Result<()> {
    let ix = graph.build_read_index();
    for (name, csr) in ix.types() {
        let Some(id) = graph.names.id(name) else {
            continue;
        };
        let sides: [(&Side, Kind, Kind); 2] = [
            (&csr.out, Kind::CsrOutOffsets, Kind::CsrOutEntries),
            (&csr.incoming, Kind::CsrInOffsets, Kind::CsrInEntries),
        ];
        for (side, offsets, entries) in sides {
            out.section::<u32>(offsets, id, side.base, &side.offsets)?;
            out.section::<Pair>(entries, id, side.base, &side.entries)?;
        }
    }
    Ok(())
}

fn write_labels(out: &mut Out, graph: &Graph) -> io::Result<()> {
    let mut labels: Vec<_> = graph.labels.iter().filter(|(_, s)| !s.is_empty()).collect();
    labels.sort_by(|a, b| a.0.cmp(b.0));
    for (label, ids) in labels {
        if let Some(id) = graph.names.id(label) {
            out.stream(Kind::LabelNodes, id, ids.iter().map(|&n| n as u32))?;
        }
    }
    Ok(())
}

/// Per node key, its holders sorted by value; per key, how many entities
/// hold it; the property columns.
type KeyIndex = (
    Vec<(NameId, Vec<u32>)>,
    BTreeMap<NameId, u64>,
    Vec<(NameId, bool, Column)>,
);

/// The property index (per node key, the holders sorted by value), how
/// many entities hold each key, and the property columns (for a graph
/// big enough to use them: see `columns_usable`).
fn key_index(graph: &Graph, node_bound: u64, rel_bound: u64) -> KeyIndex {
    let mut index: BTreeMap<NameId, Vec<(IndexKey, u32)>> = BTreeMap::new();
    let mut counts: BTreeMap<NameId, u64> = BTreeMap::new();
    let mut columns =
        (graph.node_count() + graph.rel_count() >= WORTH_IT).then(ColumnsOut::default);
    for id in 0..node_bound {
        for (key, value) in graph.node_props_of(id).entries() {
            *counts.entry(key).or_default() += 1;
            if let Some(c) = &mut columns {
                c.push(false, key, id, &value);
            }
            if let Some(k) = IndexKey::of(&value) {
                index.entry(key).or_default().push((k, id as u32));
            }
        }
    }
    for id in 0..rel_bound {
        let props = graph.rel_props_of(id);
        match &mut columns {
            Some(c) => {
                for (key, value) in props.entries() {
                    *counts.entry(key).or_default() += 1;
                    c.push(true, key, id, &value);
                }
            }
            None => {
                for key in props.key_ids() {
                    *counts.entry(key).or_default() += 1;
                }
            }
        }
    }
    let index = index
        .into_iter()
        .map(|(key, mut holders)| {
            holders.sort_unstable();
            (key, holders.into_iter().map(|(_, id)| id).collect())
        })
        .collect();
    let columns = columns.map_or_else(Vec::new, |c| c.finish([node_bound, rel_bound]));
    (index, counts, columns)
}

fn write_keys(
    out: &mut Out,
    index: Vec<(NameId, Vec<u32>)>,
    counts: BTreeMap<NameId, u64>,
) -> io::Result<()> {
    for (key, holders) in index {
        out.section(Kind::KeyIndex, key, 0, &holders)?;
    }
    out.begin()?;
    for (key, n) in counts {
        out.put(&u64::from(key).to_le_bytes())?;
        out.put(&n.to_le_bytes())?;
    }
    out.end(Kind::KeyCounts, 0, 0);
    Ok(())
}

fn write_columns(out: &mut Out, columns: &[(NameId, bool, Column)]) -> io::Result<()> {
    for (key, rels, column) in columns {
        out.begin()?;
        put_column(column, |bytes| out.put(bytes))?;
        out.end(Kind::Column, *key, u32::from(*rels));
    }
    Ok(())
}
