//! Target `open`: arbitrary bytes as a database file. Opening must refuse
//! the file or open it, never panic; a refused file keeps its data; an
//! opened one answers reads, takes a write, and opens again with exactly
//! what it held plus the write.
//!
//! The input's first byte chooses how the rest becomes a file: even, the
//! rest is the file; odd, the rest is a list of table entries that the
//! check writes into a well-formed redb file itself, so that the fuzzer
//! reaches quiver's own records past redb's page checksums. An entry is a
//! table byte (its remainder by 5: meta, nodes, relationships, names,
//! schema), a key (a length byte, then the bytes; integer keys are
//! little-endian) and a value (a 2-byte little-endian length, then the
//! bytes). The five tables are always there, empty unless entries say
//! otherwise.

use super::snapshot::Snapshot;
use super::temp::TempFile;
use quiverdb::{Database, Params};
use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use std::path::Path;

/// Reads an opened database must answer (or refuse with an error).
const READS: [&str; 6] = [
    "MATCH (n) RETURN n",
    "MATCH ()-[r]->() RETURN r",
    "MATCH p = (a)-[*0..2]-(b) RETURN count(p) AS c",
    "MATCH (n) RETURN labels(n) AS l, keys(n) AS k, count(*) AS c",
    "CALL db.labels()",
    "SHOW INDEXES",
];

/// The write that must survive a reopening.
const WRITE: &str = "CREATE (:Fuzz {k: 1})-[:T {w: 2.5}]->(:Fuzz)";

// quiver's tables (src/store/persist.rs), for writing files entry by entry.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_meta");
const NODES: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_nodes");
const RELS: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_relationships");
const NAMES: TableDefinition<u32, &str> = TableDefinition::new("quiver_names");
const SCHEMA: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_schema");

pub fn open(data: &[u8]) {
    opened(data);
}

/// Runs [`open`]'s check; tells whether the file opened.
pub fn opened(data: &[u8]) -> bool {
    let Some((&mode, rest)) = data.split_first() else {
        return false;
    };
    let file = TempFile::new("db.quiver");
    let path = file.path();
    if mode % 2 == 0 {
        if let Err(e) = std::fs::write(path, rest) {
            panic!("cannot write {}: {e}", path.display());
        }
    } else if write_entries(path, rest).is_err() {
        return false;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => panic!("cannot read {}: {e}", path.display()),
    };
    let mut db = match Database::open(path) {
        Ok(db) => db,
        Err(refusal) => {
            kept(path, &bytes, &refusal.to_string());
            return false;
        }
    };
    let opened = Snapshot::of(&db);
    let params = Params::new();
    for query in READS {
        let _ = db.execute(query, &params);
    }
    let _ = db.dump(&mut std::io::sink());
    opened.assert_same(&Snapshot::of(&db), "reading an opened database changed it");
    let wrote = db.execute(WRITE, &params);
    let written = Snapshot::of(&db);
    if let Err(e) = &wrote {
        opened.assert_same(
            &written,
            &format!("a write that failed ({e}) changed the graph"),
        );
    }
    drop(db);
    match Database::open(path) {
        Ok(again) => written.assert_same(
            &Snapshot::of(&again),
            &format!("the database opened again differs (the write: {wrote:?})"),
        ),
        Err(e) => panic!(
            "a database that opened (and took a write: {wrote:?}) cannot be opened again: {e}"
        ),
    }
    true
}

/// A file quiver refused still holds what it held: the same bytes, or, if
/// redb's bookkeeping rewrote its header when opening it, the same entries.
fn kept(path: &Path, before: &[u8], refusal: &str) {
    let now = match std::fs::read(path) {
        Ok(now) => now,
        Err(e) => panic!("a database file that was refused ({refusal}) is gone: {e}"),
    };
    if now == before {
        return;
    }
    let copy = TempFile::with("before.quiver", before);
    match (entries(copy.path()), entries(path)) {
        (Ok(was), Ok(is)) if was == is => {}
        (was, is) => panic!(
            "a database file that was refused ({refusal}) was changed: \
             its entries were {was:?}, are {is:?}"
        ),
    }
}

/// Writes a redb file at `path` holding the entries `bytes` lists.
fn write_entries(path: &Path, mut bytes: &[u8]) -> Result<(), redb::Error> {
    let db = redb::Database::create(path)?;
    let mut tx = db.begin_write()?;
    // The file is thrown away after the check: no need to wait for the disk.
    tx.set_durability(redb::Durability::None)?;
    // Every table exists, if empty, as in the files quiver writes.
    tx.open_table(META)?;
    tx.open_table(NODES)?;
    tx.open_table(RELS)?;
    tx.open_table(NAMES)?;
    tx.open_table(SCHEMA)?;
    while let Some((table, key, value)) = next_entry(&mut bytes) {
        let text = |b| String::from_utf8_lossy(b).into_owned();
        match table % 5 {
            0 => drop(tx.open_table(META)?.insert(&*text(key), value)?),
            1 => drop(tx.open_table(NODES)?.insert(le_u64(key), value)?),
            2 => drop(tx.open_table(RELS)?.insert(le_u64(key), value)?),
            3 => drop(
                tx.open_table(NAMES)?
                    .insert(le_u64(key) as u32, &*text(value))?,
            ),
            _ => drop(tx.open_table(SCHEMA)?.insert(&*text(key), value)?),
        }
    }
    tx.commit()?;
    Ok(())
}

/// Reads one entry off the front of `bytes`.
fn next_entry<'a>(bytes: &mut &'a [u8]) -> Option<(u8, &'a [u8], &'a [u8])> {
    let (&table, rest) = bytes.split_first()?;
    let (&key_len, rest) = rest.split_first()?;
    let (key, rest) = rest.split_at_checked(usize::from(key_len))?;
    let (len, rest) = rest.split_at_checked(2)?;
    let (value, rest) = rest.split_at_checked(usize::from(u16::from_le_bytes([len[0], len[1]])))?;
    *bytes = rest;
    Some((table, key, value))
}

fn le_u64(bytes: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = bytes.len().min(8);
    b[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(b)
}

/// One entry of one of quiver's tables: the table's number (as in the
/// input), the key and the value.
type Entry = (u8, Vec<u8>, Vec<u8>);

/// Every entry of quiver's tables in the file at `path`, a missing table
/// holding none.
fn entries(path: &Path) -> Result<Vec<Entry>, redb::Error> {
    fn missing(e: &redb::TableError) -> bool {
        matches!(e, redb::TableError::TableDoesNotExist(_))
    }
    // Checked as quiver checks it: unchecked, some damaged files make redb
    // panic (an `unreachable!` reading a table's type).
    let db = redb::Database::builder()
        .set_check_integrity_on_open(true)
        .open(path)?;
    let tx = db.begin_read()?;
    let mut out = Vec::new();
    match tx.open_table(META) {
        Ok(t) => {
            for entry in t.iter()? {
                let (k, v) = entry?;
                out.push((0, k.value().as_bytes().to_vec(), v.value().to_vec()));
            }
        }
        Err(e) if missing(&e) => {}
        Err(e) => return Err(e.into()),
    }
    for (n, table) in [(1, NODES), (2, RELS)] {
        match tx.open_table(table) {
            Ok(t) => {
                for entry in t.iter()? {
                    let (k, v) = entry?;
                    out.push((n, k.value().to_le_bytes().to_vec(), v.value().to_vec()));
                }
            }
            Err(e) if missing(&e) => {}
            Err(e) => return Err(e.into()),
        }
    }
    match tx.open_table(NAMES) {
        Ok(t) => {
            for entry in t.iter()? {
                let (k, v) = entry?;
                out.push((
                    3,
                    k.value().to_le_bytes().to_vec(),
                    v.value().as_bytes().to_vec(),
                ));
            }
        }
        Err(e) if missing(&e) => {}
        Err(e) => return Err(e.into()),
    }
    match tx.open_table(SCHEMA) {
        Ok(t) => {
            for entry in t.iter()? {
                let (k, v) = entry?;
                out.push((4, k.value().as_bytes().to_vec(), v.value().to_vec()));
            }
        }
        Err(e) if missing(&e) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(out)
}

/// The entries of the database file at `path` in the form the odd mode of
/// [`open`] reads (for seeding its corpus). Keys and values too long for
/// that form are cut.
pub fn database_entries(path: &Path) -> Result<Vec<u8>, redb::Error> {
    let mut out = Vec::new();
    for (table, key, value) in entries(path)? {
        let key = &key[..key.len().min(255)];
        let value = &value[..value.len().min(usize::from(u16::MAX))];
        out.push(table);
        out.push(key.len() as u8);
        out.extend_from_slice(key);
        out.extend_from_slice(&(value.len() as u16).to_le_bytes());
        out.extend_from_slice(value);
    }
    Ok(out)
}
