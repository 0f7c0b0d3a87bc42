//! The fuzz targets' checks over the inputs they once failed on: each file
//! under `tests/fuzz/TARGET/` is one input, replayed through the check the
//! target runs (`fuzz/src/checks/`, compiled here as it is in the fuzz
//! crate), so a fixed bug stays fixed. Inputs of findings not fixed yet wait
//! in `tests/fuzz/pending/`, which is not replayed.

#[path = "../../fuzz/src/checks/mod.rs"]
mod checks;

use std::path::{Path, PathBuf};

/// Runs `target`'s check over every file of `tests/fuzz/TARGET/`.
fn replay(target: &str) {
    let Some(&(_, check)) = checks::TARGETS.iter().find(|(name, _)| *name == target) else {
        panic!("no fuzz target `{target}`");
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            std::panic::catch_unwind(|| check(&data)).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(failed.is_empty(), "{target} fails on: {failed:#?}");
}

#[test]
fn parse() {
    replay("parse");
}

#[test]
fn roundtrip() {
    replay("roundtrip");
}

#[test]
fn execute() {
    replay("execute");
}

#[test]
fn open() {
    replay("open");
}

#[test]
fn import() {
    replay("import");
}

/// The `open` target's second form (table entries written by the check)
/// opens what quiver wrote: the seeds made from real files reach quiver's
/// records, not a refusal.
#[test]
fn open_reads_table_entries_back() {
    use quiverdb::{Database, Params};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.quiver");
    let mut db = Database::open(&path).unwrap();
    db.execute("CREATE INDEX FOR (n:P) ON (n.name)", &Params::new())
        .unwrap();
    db.execute(
        "CREATE (:P {name: 'a', xs: [1, 2]})-[:T {w: 1.5}]->(:Q)",
        &Params::new(),
    )
    .unwrap();
    drop(db);
    let entries = checks::database_entries(&path).unwrap();
    let input = [&[1u8][..], &entries].concat();
    assert!(
        checks::opened(&input),
        "the entries of a real file are refused"
    );
}
