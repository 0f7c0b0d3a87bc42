//! The database file: a redb store of node and relationship records, read
//! whole into the in-memory [`Graph`] at open, and written, per committed
//! transaction, with the records that transaction touched.
//!
//! redb gives the guarantees: a commit is atomic, checksummed, and on disk
//! (fsync) before `save` returns; a crash leaves the last committed state;
//! a second process cannot open the file while this one has it.

use super::codec;
use super::graph::Graph;
use super::load::GraphBuilder;
use crate::error::{Error, ErrorKind, Result};
use crate::value::{NodeId, RelId};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::Path;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_meta");
const NODES: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_nodes");
const RELS: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_relationships");
/// Named schema objects (indexes, constraints), as their definitions.
const SCHEMA: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_schema");

/// What the `format` entry of the meta table holds.
const FORMAT: &[u8] = b"quiver graph 1";

/// Named schema entries as stored: name and definition bytes.
pub type SchemaEntries = Vec<(String, Vec<u8>)>;

/// An open database file.
pub struct Disk {
    db: redb::Database,
}

impl std::fmt::Debug for Disk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Disk")
    }
}

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

/// What a database is opened for, which sets the size of redb's page cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workload {
    /// Queries: the whole file is read once, in order, into memory, and
    /// commits write only what changed, so a big cache would only hold a
    /// second copy of the graph.
    Queries,
    /// A bulk load writes the whole graph in one commit, which a big cache
    /// speeds up.
    BulkLoad,
}

impl Workload {
    fn cache_bytes(self) -> usize {
        match self {
            Workload::Queries => 16 << 20,
            Workload::BulkLoad => 1 << 30,
        }
    }
}

impl Disk {
    /// Opens the database at `path`, creating it if missing, and reads its
    /// graph and schema entries.
    pub fn open(path: &Path, work: Workload) -> Result<(Disk, Graph, SchemaEntries)> {
        let file = database_file(path).map_err(|e| open_error(path, e))?;
        let (disk, graph, schema) = Disk::open_file(&file, work)?;
        Ok((disk, graph, schema))
    }

    fn open_file(path: &Path, work: Workload) -> Result<(Disk, Graph, SchemaEntries)> {
        let empty = std::fs::metadata(path).is_ok_and(|m| m.len() == 0);
        // quiver never leaves an empty file (a new one is linked into place
        // whole): an empty file is one that lost its data, not a new database.
        if empty {
            return Err(open_error(path, "it is empty, not a quiver database"));
        }
        let disk = if path.exists() {
            Disk::open_existing(path, work)?
        } else {
            if let Some(dir) = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| open_error(path, format!("its directory cannot be made ({e})")))?;
            }
            Disk::create(path, work)?
        };
        let file_len = std::fs::metadata(path).map_or(0, |m| m.len());
        let (graph, schema) = disk
            .read(file_len)
            .map_err(|e| open_error(path, e.message))?;
        Ok((disk, graph, schema))
    }

    fn builder(work: Workload) -> redb::Builder {
        let mut builder = redb::Database::builder();
        builder.set_check_integrity_on_open(true);
        builder.set_cache_size(work.cache_bytes());
        builder
    }

    fn open_existing(path: &Path, work: Workload) -> Result<Disk> {
        let db = Disk::builder(work)
            .open(path)
            .map_err(|e| redb_open_error(path, e))?;
        let disk = Disk { db };
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
    fn create(path: &Path, work: Workload) -> Result<Disk> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let tmp = path.with_file_name(format!(".{name}.creating-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let db = Disk::builder(work)
            .create(&tmp)
            .map_err(|e| redb_open_error(path, e))?;
        let disk = Disk { db };
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
                Disk::open_existing(path, work)
            }
            Err(e) => Err(open_error(path, format!("it cannot be created ({e})"))),
        }
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
        let nodes_t = tx.open_table(NODES).map_err(|_| not_quiver())?;
        let rels_t = tx.open_table(RELS).map_err(|_| not_quiver())?;
        // Room for what the counts say, but never more than the file could
        // hold (a record takes at least 8 bytes), whatever the counts say.
        let capacity = |n: u64| usize::try_from(n.min(file_len / 8)).unwrap_or(0);
        let mut builder = GraphBuilder::with_capacity(capacity(want_nodes), capacity(want_rels));
        let (mut nodes, mut rels) = (0u64, 0u64);
        for entry in nodes_t.iter().map_err(storage)? {
            let (k, v) = entry.map_err(storage)?;
            let id = k.value();
            let (labels, props) = codec::decode_node(v.value())
                .map_err(|e| storage(format!("node {id}: {}", e.0)))?;
            builder.add_node(id, &labels, props).map_err(storage)?;
            nodes += 1;
        }
        for entry in rels_t.iter().map_err(storage)? {
            let (k, v) = entry.map_err(storage)?;
            let id = k.value();
            let (t, s, e, props) = codec::decode_rel(v.value())
                .map_err(|er| storage(format!("relationship {id}: {}", er.0)))?;
            builder.add_rel(id, t, s, e, props).map_err(storage)?;
            rels += 1;
        }
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
            let mut nt = tx.open_table(NODES).map_err(storage)?;
            for id in nodes {
                write_node(&mut nt, graph, id)?;
            }
            let mut rt = tx.open_table(RELS).map_err(storage)?;
            for id in rels {
                write_rel(&mut rt, graph, id)?;
            }
            let (n, r) = (nt.len().map_err(storage)?, rt.len().map_err(storage)?);
            let mut meta = tx.open_table(META).map_err(storage)?;
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

fn write_node(t: &mut redb::Table<u64, &[u8]>, graph: &Graph, id: NodeId) -> Result<()> {
    match (graph.contains_node(id), graph.node_properties(id)) {
        (true, Some(props)) => {
            let bytes = codec::encode_node(graph.node_labels(id), props);
            t.insert(id, bytes.as_slice()).map_err(storage)?;
        }
        _ => {
            t.remove(id).map_err(storage)?;
        }
    }
    Ok(())
}

fn write_rel(t: &mut redb::Table<u64, &[u8]>, graph: &Graph, id: RelId) -> Result<()> {
    let live = graph.contains_rel(id);
    match (live, graph.rel_endpoints(id), graph.rel_properties(id)) {
        (true, Some((s, e)), Some(props)) => {
            let bytes = codec::encode_rel(graph.rel_type(id), s, e, props);
            t.insert(id, bytes.as_slice()).map_err(storage)?;
        }
        _ => {
            t.remove(id).map_err(storage)?;
        }
    }
    Ok(())
}
