//! The database file: a redb store of node and relationship records (in
//! chunks of neighbouring ids, see [`super::chunks`]), read whole into the
//! in-memory [`Graph`] at open, and written, per committed transaction,
//! with the chunks of the records that transaction touched.
//!
//! redb gives the guarantees: a commit is atomic, checksummed, and on disk
//! (fsync) before `save` returns; a crash leaves the last committed state;
//! a second process cannot open the file while this one has it.

use super::chunks::{self, ChunkWriter};
use super::codec;
use super::graph::Graph;
use super::load::GraphBuilder;
use super::reader;
use crate::error::{Error, ErrorKind, Result};
use crate::value::{NodeId, RelId};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::Path;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_meta");
const NODES: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_nodes");
const RELS: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_relationships");
/// Every label, type and property key, by the number records use.
const NAMES: TableDefinition<u32, &str> = TableDefinition::new("quiver_names");
/// Named schema objects (indexes, constraints), as their definitions.
const SCHEMA: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_schema");

/// What the `format` entry of the meta table holds.
const FORMAT: &[u8] = b"quiver graph 3";

/// Named schema entries as stored: name and definition bytes.
pub type SchemaEntries = Vec<(String, Vec<u8>)>;

/// An open database file.
pub struct Disk {
    db: redb::Database,
    /// The database file (not the directory of the directory form).
    file: std::path::PathBuf,
}

impl std::fmt::Debug for Disk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Disk")
    }
}

/// The first bytes of every redb file (redb's `MAGICNUMBER`).
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

/// The name of the database file inside a database directory.
pub const FILE_IN_DIRECTORY: &str = "quiver.db";

/// Where the database of `--db PATH` lives: PATH itself when it is a file
/// or names one (it has an extension, like `graph.quiver`); else PATH is a
/// directory (made if missing) holding [`FILE_IN_DIRECTORY`].
pub fn database_file(path: &Path) -> std::result::Result<std::path::PathBuf, String> {
    let directory = path.is_dir() || (!path.exists() && path.extension().is_none());
    if !directory {
        return Ok(path.to_path_buf());
    }
    std::fs::create_dir_all(path).map_err(|e| format!("the directory cannot be made ({e})"))?;
    Ok(path.join(FILE_IN_DIRECTORY))
}

/// What redb's refusal to open a file means for a person.
fn redb_open_error(path: &Path, e: redb::DatabaseError) -> Error {
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen | redb::DatabaseError::LockProtocolMismatch => {
            open_error(path, "it is locked by another process")
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io))
            if io.kind() == std::io::ErrorKind::InvalidData =>
        {
            open_error(path, "it is not a quiver database")
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io)) => {
            open_error(path, format!("it cannot be read ({io})"))
        }
        other => open_error(path, format!("it is damaged ({other})")),
    }
}

/// An error opening or reading the file: an `IoError` that names the path.
fn open_error(path: &Path, what: impl std::fmt::Display) -> Error {
    Error::runtime(
        ErrorKind::IoError,
        "DatabaseUnavailable",
        format!("cannot open the database {}: {what}", path.display()),
    )
}

fn storage(e: impl std::fmt::Display) -> Error {
    Error::runtime(ErrorKind::IoError, "StorageFailure", e.to_string())
}

/// redb's page cache. The whole file is read once, in order, into memory
/// at open, and commits write whole chunks: a big cache would only hold a
/// second copy of the graph (and makes a bulk import no faster).
const CACHE_BYTES: usize = 16 << 20;

impl Disk {
    /// Opens the database at `path`, creating it if missing, and reads its
    /// graph and schema entries.
    pub fn open(path: &Path) -> Result<(Disk, Graph, SchemaEntries)> {
        let file = database_file(path).map_err(|e| open_error(path, e))?;
        let (disk, graph, schema) = Disk::open_file(&file)?;
        Ok((disk, graph, schema))
    }

    fn open_file(path: &Path) -> Result<(Disk, Graph, SchemaEntries)> {
        let empty = std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
        // quiver never leaves an empty file (a new one is linked into place
        // whole): an empty file is one that lost its data, not a new database.
        if empty {
            return Err(open_error(path, "it is empty, not a quiver database"));
        }
        let disk = if path.exists() {
            Disk::open_existing(path)?
        } else {
            if let Some(dir) = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| open_error(path, format!("its directory cannot be made ({e})")))?;
            }
            Disk::create(path)?
        };
        let file_len = std::fs::metadata(path).map_or(0, |m| m.len());
        let (graph, schema) = disk
            .read(file_len)
            .map_err(|e| open_error(path, e.message))?;
        Ok((disk, graph, schema))
    }

    fn builder() -> redb::Builder {
        let mut builder = redb::Database::builder();
        builder.set_check_integrity_on_open(true);
        builder.set_cache_size(CACHE_BYTES);
        builder
    }

    fn open_existing(path: &Path) -> Result<Disk> {
        let db = Disk::builder()
            .open(path)
            .map_err(|e| redb_open_error(path, e))?;
        let disk = Disk {
            db,
            file: path.to_path_buf(),
        };
        // A database with no tables at all holds nothing: set it up.
        if disk
            .has_no_tables()
            .map_err(|e| open_error(path, e.message))?
        {
            disk.init().map_err(|e| open_error(path, e.message))?;
        }
        Ok(disk)
    }

    /// Makes a new database file whole before it appears under `path`:
    /// it is written under a temporary name and linked into place, so a
    /// crash while creating never leaves a half-made file at `path`, and
    /// two processes creating the same path end up sharing one file.
    fn create(path: &Path) -> Result<Disk> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.creating-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let db = Disk::builder()
            .create(&tmp)
            .map_err(|e| redb_open_error(path, e))?;
        let disk = Disk {
            db,
            file: path.to_path_buf(),
        };
        let made = disk.init().map_err(|e| open_error(path, e.message));
        if let Err(e) = made {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        let linked = std::fs::hard_link(&tmp, path);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    // The new name is durable too.
                    let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
                }
                Ok(disk)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                drop(disk);
                Disk::open_existing(path)
            }
            Err(e) => Err(open_error(path, format!("it cannot be created ({e})"))),
        }
    }

    /// The database file: `PATH`, or `PATH/quiver.db` for a directory.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Whether the file at `path` starts as a database file does (it may
    /// belong to this or another process, open or not).
    pub fn is_database_file(path: &Path) -> bool {
        use std::io::Read;
        let mut start = [0u8; REDB_MAGIC.len()];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut start))
            .is_ok_and(|()| start == REDB_MAGIC)
    }

    fn has_no_tables(&self) -> Result<bool> {
        let tx = self.db.begin_read().map_err(storage)?;
        let mut tables = tx.list_tables().map_err(storage)?;
        Ok(tables.next().is_none())
    }

    fn init(&self) -> Result<()> {
        let tx = self.db.begin_write().map_err(storage)?;
        {
            let mut meta = tx.open_table(META).map_err(storage)?;
            meta.insert("format", FORMAT).map_err(storage)?;
            meta.insert("nodes", 0u64.to_le_bytes().as_slice())
                .map_err(storage)?;
            meta.insert("relationships", 0u64.to_le_bytes().as_slice())
                .map_err(storage)?;
            tx.open_table(NAMES).map_err(storage)?;
            tx.open_table(NODES).map_err(storage)?;
            tx.open_table(RELS).map_err(storage)?;
            tx.open_table(SCHEMA).map_err(storage)?;
        }
        tx.commit().map_err(storage)
    }

    /// Reads the graph and schema entries of a file of `file_len` bytes.
    fn read(&self, file_len: u64) -> Result<(Graph, SchemaEntries)> {
        let not_quiver = || storage("it is not a quiver database");
        let tx = self.db.begin_read().map_err(storage)?;
        let meta = tx.open_table(META).map_err(|_| not_quiver())?;
        let format = meta
            .get("format")
            .map_err(storage)?
            .ok_or_else(not_quiver)?;
        if format.value() != FORMAT {
            return Err(storage(format!(
                "it was written by another version of quiver ({})",
                String::from_utf8_lossy(format.value())
            )));
        }
        let count = |key: &str| -> Result<u64> {
            let v = meta.get(key).map_err(storage)?.ok_or_else(not_quiver)?;
            let b: [u8; 8] = v.value().try_into().map_err(|_| storage("a bad count"))?;
            Ok(u64::from_le_bytes(b))
        };
        let (want_nodes, want_rels) = (count("nodes")?, count("relationships")?);
        let names_t = tx.open_table(NAMES).map_err(|_| not_quiver())?;
        let nodes_t = tx.open_table(NODES).map_err(|_| not_quiver())?;
        let rels_t = tx.open_table(RELS).map_err(|_| not_quiver())?;
        // Room for what the counts say, but never more than the file could
        // hold, whatever the counts say: a stored node takes at least 3
        // bytes (its chunk entry and a label count), a relationship 5.
        let capacity = |n: u64, least: u64| usize::try_from(n.min(file_len / least)).unwrap_or(0);
        let mut builder =
            GraphBuilder::with_capacity(capacity(want_nodes, 3), capacity(want_rels, 5));
        for (i, entry) in names_t.iter().map_err(storage)?.enumerate() {
            let (k, v) = entry.map_err(storage)?;
            if k.value() as usize != i {
                return Err(storage(format!(
                    "name number {} is out of place",
                    k.value()
                )));
            }
            builder.names().push(v.value()).map_err(storage)?;
        }
        let each_chunk = |t: &redb::ReadOnlyTable<u64, &[u8]>,
                          f: reader::ChunkSink<'_>|
         -> std::result::Result<(), String> {
            for entry in t.iter().map_err(|e| e.to_string())? {
                let (k, v) = entry.map_err(|e| e.to_string())?;
                f(k.value(), v.value())?;
            }
            Ok(())
        };
        let read = reader::read(
            &mut builder,
            |f| each_chunk(&nodes_t, f),
            |f| each_chunk(&rels_t, f),
        )
        .map_err(storage)?;
        let (nodes, rels) = (read.nodes, read.rels);
        builder.set_props(read.node_props, read.rel_props);
        if nodes != want_nodes || rels != want_rels {
            return Err(storage(format!(
                "it should hold {want_nodes} nodes and {want_rels} relationships but holds {nodes} and {rels}"
            )));
        }
        let graph = builder.finish();
        let mut schema = Vec::new();
        let schema_t = tx.open_table(SCHEMA).map_err(|_| not_quiver())?;
        for entry in schema_t.iter().map_err(storage)? {
            let (k, v) = entry.map_err(storage)?;
            schema.push((k.value().to_string(), v.value().to_vec()));
        }
        Ok((graph, schema))
    }

    /// Writes, in one durable transaction, every record changed since
    /// `savepoint` and the schema entries given (`None` removes one).
    pub fn save(
        &self,
        graph: &Graph,
        savepoint: usize,
        schema: &[(String, Option<Vec<u8>>)],
    ) -> Result<()> {
        self.save_inner(graph, savepoint, schema).map_err(|mut e| {
            e.message = format!("cannot write the database file: {}", e.message);
            e
        })
    }

    fn save_inner(
        &self,
        graph: &Graph,
        savepoint: usize,
        schema: &[(String, Option<Vec<u8>>)],
    ) -> Result<()> {
        let (nodes, rels) = graph.touched_since(savepoint);
        if nodes.is_empty() && rels.is_empty() && schema.is_empty() {
            return Ok(());
        }
        let tx = self.db.begin_write().map_err(storage)?;
        {
            let mut meta = tx.open_table(META).map_err(storage)?;
            let count = |meta: &redb::Table<&str, &[u8]>, key: &str| -> Result<u64> {
                let v = meta.get(key).map_err(storage)?;
                let b: Option<[u8; 8]> = v.and_then(|v| v.value().try_into().ok());
                b.map(u64::from_le_bytes)
                    .ok_or_else(|| storage(format!("the {key} count is missing")))
            };
            let (mut n, mut r) = (count(&meta, "nodes")?, count(&meta, "relationships")?);
            // Names first: the records below refer to them by number.
            let mut names = tx.open_table(NAMES).map_err(storage)?;
            let stored = names.len().map_err(storage)?;
            for id in stored..graph.name_count() as u64 {
                let id = u32::try_from(id).map_err(|_| storage("too many names"))?;
                if let Some(name) = graph.name_of(id) {
                    names.insert(id, &**name).map_err(storage)?;
                }
            }
            let mut nt = tx.open_table(NODES).map_err(storage)?;
            n = write_chunks(&mut nt, &nodes, n, |id| node_record(graph, id))?;
            let mut rt = tx.open_table(RELS).map_err(storage)?;
            r = write_chunks(&mut rt, &rels, r, |id| rel_record(graph, id))?;
            meta.insert("nodes", n.to_le_bytes().as_slice())
                .map_err(storage)?;
            meta.insert("relationships", r.to_le_bytes().as_slice())
                .map_err(storage)?;
            let mut st = tx.open_table(SCHEMA).map_err(storage)?;
            for (name, def) in schema {
                match def {
                    Some(d) => st.insert(name.as_str(), d.as_slice()).map(|_| ()),
                    None => st.remove(name.as_str()).map(|_| ()),
                }
                .map_err(storage)?;
            }
        }
        tx.commit().map_err(storage)
    }
}

/// Rewrites, from the graph, the chunks holding `ids` (sorted); `count`
/// is the number of entities stored before, and the result after.
fn write_chunks(
    t: &mut redb::Table<u64, &[u8]>,
    ids: &[u64],
    mut count: u64,
    record: impl Fn(u64) -> Option<Vec<u8>>,
) -> Result<u64> {
    let mut i = 0;
    while let Some(&first) = ids.get(i) {
        let chunk = chunks::chunk_of(first);
        while ids.get(i).is_some_and(|&id| chunks::chunk_of(id) == chunk) {
            i += 1;
        }
        let before = match t.get(chunk).map_err(storage)? {
            Some(v) => chunks::entries(v.value()).map_err(storage)?,
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
            t.remove(chunk).map_err(storage)?;
        } else {
            t.insert(chunk, w.finish().as_slice()).map_err(storage)?;
        }
        count = (count + u64::from(after))
            .checked_sub(u64::from(before))
            .ok_or_else(|| storage("the stored counts do not add up"))?;
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
