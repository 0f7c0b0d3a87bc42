//! The snapshot: the committed graph in the form queries read it, in one
//! file beside the database (`quiver.db.snap` for `quiver.db`), mapped
//! into memory at open (see [`super::mapped`]) so that opening reads
//! nothing in proportion to the graph.
//!
//! redb's file stays the truth; the snapshot is a copy of it at one
//! *generation* (a number every commit draws anew), written at a
//! checkpoint (after an import, or when a process that changed the graph
//! or read it whole closes the database). A database whose file has
//! moved on since (a commit after the checkpoint, a crash before the
//! next) is read from redb as before, and a new snapshot is written when
//! it is closed. A snapshot is written to a temporary file, synced, and
//! renamed into place: a crash leaves the old one or the new one, never
//! a mix, and never touches redb's file.
//!
//! Layout, little-endian, every section aligned to 8 bytes:
//!
//! ```text
//! header   magic "QUIVSNAP", version, byte-order mark, generation,
//!          node and relationship id bounds and counts, where the
//!          directory is, its checksum, the header's checksum
//! sections names; label sets; per node id its label set (u32, ABSENT
//!          for no node); node property blocks (end offsets u64 + bytes,
//!          the blocks of `props`); per relationship id [start, end, type]
//!          (u32; type ABSENT for none); relationship property blocks;
//!          per type the CSR of both directions (see `read_index`); per
//!          label its node ids, sorted; per node property key the ids of
//!          the nodes holding an indexable value, sorted by the value
//!          (the property index); how many entities hold each key; per
//!          key held densely enough, its property column (`columns`)
//! directory one entry per section: kind, name number, a parameter (a
//!          CSR side's first node), checksum (CRC-32), offset, length
//! ```

mod columns;
mod write;

use super::mapped::{Map, Mapped};
use super::names::NameId;
use bytemuck::Pod;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(in crate::store) use columns::read_columns;
pub(crate) use write::write_snapshot;

/// The first bytes of every snapshot.
const MAGIC: &[u8; 8] = b"QUIVSNAP";
/// The layout's version: a snapshot of another version is not used (the
/// database is read from its records, and the next checkpoint writes a
/// snapshot of this version). Version 2 added the property columns.
const VERSION: u32 = 2;
/// Read back as this only on a machine of the byte order that wrote it.
const BYTE_ORDER: u32 = 0x0102_0304;
/// The header's size.
const HEADER: usize = 80;
/// A directory entry's size.
const ENTRY: usize = 32;
/// A snapshot up to this size has every section's checksum checked at
/// open (by positioned reads, so that no page of it stays in memory for
/// the check); a bigger one only its header, directory and small
/// sections, since checking it whole would read it whole.
const CHECK_WHOLE: u64 = 64 << 20;

/// No node at this id (in the label-set array), no relationship (type).
pub(crate) const ABSENT: u32 = u32::MAX;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub(super) enum Kind {
    Names = 1,
    LabelSets = 2,
    NodeLabels = 3,
    NodePropEnds = 4,
    NodePropBytes = 5,
    Rels = 6,
    RelPropEnds = 7,
    RelPropBytes = 8,
    CsrOutOffsets = 9,
    CsrOutEntries = 10,
    CsrInOffsets = 11,
    CsrInEntries = 12,
    LabelNodes = 13,
    KeyIndex = 14,
    KeyCounts = 15,
    Column = 16,
}

impl Kind {
    fn of(n: u32) -> Option<Kind> {
        use Kind::*;
        [
            Names,
            LabelSets,
            NodeLabels,
            NodePropEnds,
            NodePropBytes,
            Rels,
            RelPropEnds,
            RelPropBytes,
            CsrOutOffsets,
            CsrOutEntries,
            CsrInOffsets,
            CsrInEntries,
            LabelNodes,
            KeyIndex,
            KeyCounts,
            Column,
        ]
        .into_iter()
        .find(|k| *k as u32 == n)
    }
}

/// One section, as the directory lists it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Section {
    pub(super) kind: Kind,
    /// The label, type or key it belongs to (0 when none).
    pub(super) name: NameId,
    /// For a CSR side, the first node it covers.
    pub(super) param: u32,
    crc: u32,
    offset: usize,
    len: usize,
}

/// The snapshot file beside the database file `db`.
pub(crate) fn snapshot_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".snap");
    db.with_file_name(name)
}

/// Whether the file at `path` starts as a snapshot does.
pub(crate) fn is_snapshot_file(path: &Path) -> bool {
    use std::io::Read;
    let mut start = [0u8; 8];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut start))
        .is_ok_and(|()| &start == MAGIC)
}

/// An open (mapped) snapshot whose header and directory were checked.
#[derive(Debug)]
pub(crate) struct Snapshot {
    map: Arc<Map>,
    pub(crate) generation: u64,
    pub(crate) node_bound: u64,
    pub(crate) rel_bound: u64,
    pub(crate) node_count: u64,
    pub(crate) rel_count: u64,
    sections: Vec<Section>,
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl Snapshot {
    /// Opens the snapshot at `path`: `Ok(None)` when there is none,
    /// `Err` (why) when there is one that cannot be used.
    pub(crate) fn open(path: &Path) -> Result<Option<Snapshot>, String> {
        // Only a regular file is read (a pipe would block the open).
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {}
            Ok(_) => return Err("the snapshot is not a regular file".into()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        }
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let map = Arc::new(Map::new(&file).map_err(|e| e.to_string())?);
        let snap = Snapshot::parse(map)?;
        if file.metadata().map_err(|e| e.to_string())?.len() <= CHECK_WHOLE {
            snap.check_by_reading(&file)?;
        }
        Ok(Some(snap))
    }

    /// Checks every section's checksum, reading the file with positioned
    /// reads into one small buffer.
    fn check_by_reading(&self, file: &std::fs::File) -> Result<(), String> {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0u8; 1 << 20];
        for s in &self.sections {
            let mut crc = crc32fast::Hasher::new();
            let mut at = s.offset;
            let end = s.offset + s.len;
            while at < end {
                let n = (end - at).min(buf.len());
                file.read_exact_at(&mut buf[..n], at as u64)
                    .map_err(|e| e.to_string())?;
                crc.update(&buf[..n]);
                at += n;
            }
            if crc.finalize() != s.crc {
                return Err(format!("the snapshot is damaged: its {:?} section", s.kind));
            }
        }
        Ok(())
    }

    fn parse(map: Arc<Map>) -> Result<Snapshot, String> {
        let b = map.bytes();
        let bad = |what: &str| format!("the snapshot is damaged: {what}");
        let head = b.get(..HEADER).ok_or_else(|| bad("too short"))?;
        if &head[..8] != MAGIC {
            return Err(bad("not a snapshot"));
        }
        if u32_at(head, 8) != Some(VERSION) || u32_at(head, 12) != Some(BYTE_ORDER) {
            return Err("the snapshot was written by another version of quiver".into());
        }
        if u32_at(head, 76) != Some(crc32fast::hash(&head[..76])) {
            return Err(bad("its header's checksum"));
        }
        let field = |at| u64_at(head, at).unwrap_or(0);
        let to_usize = |n: u64| usize::try_from(n).map_err(|_| bad("an offset"));
        let (dir_at, dir_len) = (to_usize(field(56))?, to_usize(field(64))?);
        let dir = dir_len
            .checked_mul(ENTRY)
            .and_then(|n| b.get(dir_at..dir_at.checked_add(n)?))
            .ok_or_else(|| bad("its directory"))?;
        if u32_at(head, 72) != Some(crc32fast::hash(dir)) {
            return Err(bad("its directory's checksum"));
        }
        let mut sections = Vec::with_capacity(dir_len);
        for e in dir.chunks_exact(ENTRY) {
            let word = |at| u32_at(e, at).unwrap_or(0);
            let kind = Kind::of(word(0)).ok_or_else(|| bad("a section of unknown kind"))?;
            let offset = to_usize(u64_at(e, 16).unwrap_or(0))?;
            let len = to_usize(u64_at(e, 24).unwrap_or(0))?;
            if offset.checked_add(len).is_none_or(|end| end > b.len()) {
                return Err(bad("a section past its end"));
            }
            sections.push(Section {
                kind,
                name: word(4),
                param: word(8),
                crc: word(12),
                offset,
                len,
            });
        }
        let snap = Snapshot {
            generation: field(16),
            node_bound: field(24),
            rel_bound: field(32),
            node_count: field(40),
            rel_count: field(48),
            map,
            sections,
        };
        // The small sections are read whole at open: check them whole.
        for s in &snap.sections {
            if matches!(s.kind, Kind::Names | Kind::LabelSets | Kind::KeyCounts)
                && crc32fast::hash(snap.bytes(s)) != s.crc
            {
                return Err(bad("a checksum"));
            }
        }
        Ok(snap)
    }

    /// The sections of a kind, in directory order.
    pub(super) fn sections(&self, kind: Kind) -> impl Iterator<Item = &Section> + '_ {
        self.sections.iter().filter(move |s| s.kind == kind)
    }

    /// The one section of a kind.
    pub(super) fn section(&self, kind: Kind) -> Result<&Section, String> {
        self.sections(kind)
            .next()
            .ok_or_else(|| format!("the snapshot is damaged: it has no {kind:?} section"))
    }

    /// A section's bytes.
    pub(super) fn bytes(&self, s: &Section) -> &[u8] {
        self.map
            .bytes()
            .get(s.offset..s.offset + s.len)
            .unwrap_or(&[])
    }

    /// A section as a typed array.
    pub(super) fn array<T: Pod>(&self, s: &Section) -> Result<Mapped<T>, String> {
        Mapped::new(&self.map, s.offset..s.offset + s.len)
            .ok_or_else(|| format!("the snapshot is damaged: its {:?} section", s.kind))
    }

    /// A range of a section's bytes as a typed array.
    pub(super) fn array_in<T: Pod>(
        &self,
        s: &Section,
        range: std::ops::Range<usize>,
    ) -> Result<Mapped<T>, String> {
        let bad = || format!("the snapshot is damaged: its {:?} section", s.kind);
        if range.start > range.end || range.end > s.len {
            return Err(bad());
        }
        Mapped::new(&self.map, s.offset + range.start..s.offset + range.end).ok_or_else(bad)
    }

    /// Whether every section's bytes match their checksum (reads the
    /// whole file: for tests and checks, not for opening).
    #[cfg(test)]
    pub(crate) fn verify(&self) -> bool {
        self.sections
            .iter()
            .all(|s| crc32fast::hash(self.bytes(s)) == s.crc)
    }
}

/// Reads a list of length-prefixed strings (the names section).
pub(super) fn read_names(b: &[u8]) -> Result<Vec<&str>, String> {
    let bad = || "the snapshot is damaged: its names".to_string();
    let count = u32_at(b, 0).ok_or_else(bad)? as usize;
    let mut at = 4;
    let mut out = Vec::with_capacity(count.min(b.len()));
    for _ in 0..count {
        let len = u32_at(b, at).ok_or_else(bad)? as usize;
        let text = b.get(at + 4..at + 4 + len).ok_or_else(bad)?;
        out.push(std::str::from_utf8(text).map_err(|_| bad())?);
        at += 4 + len;
    }
    Ok(out)
}

/// Reads lists of u32 each prefixed by its length (the label sets).
pub(super) fn read_lists(b: &[u8]) -> Result<Vec<Vec<u32>>, String> {
    let bad = || "the snapshot is damaged: its label sets".to_string();
    let count = u32_at(b, 0).ok_or_else(bad)? as usize;
    let mut at = 4;
    let mut out = Vec::with_capacity(count.min(b.len()));
    for _ in 0..count {
        let len = u32_at(b, at).ok_or_else(bad)? as usize;
        at += 4;
        let mut list = Vec::with_capacity(len.min(b.len()));
        for _ in 0..len {
            list.push(u32_at(b, at).ok_or_else(bad)?);
            at += 4;
        }
        out.push(list);
    }
    Ok(out)
}

/// Reads (name, count) pairs (the key counts).
pub(super) fn read_counts(b: &[u8]) -> Vec<(NameId, u64)> {
    b.chunks_exact(16)
        .filter_map(|c| Some((u32_at(c, 0)?, u64_at(c, 8)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Graph;
    use crate::value::Value;

    /// What is written reads back: the header, every checksum, and a graph
    /// that answers as the one written.
    #[test]
    fn a_written_snapshot_reads_back_whole() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("g.quiver");
        let mut g = Graph::new();
        let a = g.create_node(&["A"], [("k", Value::Int(1))]);
        let b = g.create_node(&["A", "B"], [("k", Value::string("x"))]);
        g.create_rel("T", a, b, [("w", Value::Float(0.5))]);
        g.commit();
        write_snapshot(&g, &db, 42).expect("written");
        let snap = Snapshot::open(&snapshot_path(&db))
            .expect("readable")
            .expect("there");
        assert_eq!(
            (snap.generation, snap.node_count, snap.rel_count),
            (42, 2, 1)
        );
        assert!(snap.verify());
        let frozen = Graph::from_snapshot(&snap).expect("a graph");
        assert_eq!(frozen.node_ids(), vec![a, b]);
        assert_eq!(frozen.nodes_with_label("B"), vec![b]);
        assert_eq!(
            frozen.nodes_with_property("k", &Value::string("x")),
            vec![b]
        );
        assert_eq!(frozen.rel_property(0, "w"), Some(Value::Float(0.5)));
        // A flipped byte in a big section: a small snapshot is refused at
        // open (checked whole); `verify`, through the mapping, sees it too.
        let at = snap.section(Kind::Rels).expect("relationships").offset;
        let path = snapshot_path(&db);
        let mut bytes = std::fs::read(&path).expect("the file");
        bytes[at] ^= 1;
        std::fs::write(&path, &bytes).expect("written");
        assert_eq!(
            Snapshot::open(&path).err(),
            Some("the snapshot is damaged: its Rels section".to_string())
        );
        let map = Arc::new(Map::new(&std::fs::File::open(&path).expect("opens")).expect("maps"));
        assert!(!Snapshot::parse(map).expect("its header is whole").verify());
    }
}
