//! A full disk: the write that found it full fails, changes nothing, and
//! says so; reads go on; writes work again, in the same process, once
//! there is space; and the file is no bigger than its data needs.
//!
//! Two ways to fill a disk: the test hook `QUIVER_TEST_DISK_FULL_FLAG`
//! (while the file it names exists, the database file has as many bytes
//! left as that file says), which works everywhere; and a real 4 MiB
//! tmpfs filled with a filler file, where mounting is allowed (it says so
//! where it is not).

use super::durability::{db_json, db_query};
use super::storage_safety::{Mount, Repl, output_of};
use super::util::{TempDir, command, json_lines, temp_dir};
use serde_json::{Value as Json, json};
use std::io::Write;

const HOOK: &str = "QUIVER_TEST_DISK_FULL_FLAG";

/// A write of about 300 KB.
const BIG: &str = "UNWIND range(1, 5000) AS i CREATE (:B {i: i, s: 'some more text to fill the pages of the file'})";
/// A write bigger than the 20,000 bytes the hook leaves, smaller than
/// `BIG` (a commit needs room for its journal entry, about 40 bytes a
/// node here).
const MEDIUM: &str = "UNWIND range(1, 1000) AS i CREATE (:C {i: i, s: 'some text'})";
/// A write bigger than the journal's first megabyte (so that it grows on
/// a full disk).
const HUGE: &str = "UNWIND range(1, 40000) AS i CREATE (:B {i: i, s: 'some more text to fill the pages of the file'})";

/// A database of 2000 nodes (about 150 KB).
fn seed(db: &str) {
    db_json(
        db,
        &[
            "-e",
            "UNWIND range(1, 2000) AS i CREATE (:A {i: i, s: 'some text'})",
        ],
    );
}

fn size(path: &str) -> u64 {
    std::fs::metadata(path).expect("the file").len()
}

/// The size of a database that went through `statements` without a
/// failure: what the data needs.
fn reference_size(dir: &TempDir, statements: &[&str]) -> u64 {
    let db = dir.file("reference.quiver");
    seed(&db);
    let args: Vec<&str> = statements.iter().flat_map(|s| ["-e", *s]).collect();
    db_json(&db, &args);
    size(&db)
}

/// The JSON error of a write that found the disk full.
fn disk_full(db: &str) -> Json {
    json!({"error": {
        "kind": "IoError", "detail": "DiskFull", "phase": "runtime",
        "message": format!(
            "the disk is full: cannot write the database file {db} (No space left on device); nothing was written"
        )
    }})
}

fn count_rows(n: u64) -> Json {
    json!([[n]])
}

/// `quiver --db DB --format json ARGS` with the disk full (the hook's flag
/// file holds `left` bytes).
fn on_full_disk(dir: &TempDir, db: &str, left: u64, args: &[&str]) -> super::util::Run {
    let flag = dir.write("full", &left.to_string());
    let mut cmd = command();
    cmd.args(["--db", db, "--format", "json"])
        .args(args)
        .env(HOOK, &flag);
    let out = output_of(cmd);
    std::fs::remove_file(&flag).expect("the flag");
    out
}

#[test]
fn a_full_disk_fails_the_write_and_reads_go_on() {
    let dir = temp_dir("full-statements");
    let db = dir.file("g.quiver");
    seed(&db);
    let count = "MATCH (n) RETURN count(n)";
    let run = on_full_disk(
        &dir,
        &db,
        20_000,
        &["-e", BIG, "-e", count, "-e", MEDIUM, "-e", count],
    );
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 4, "{}", run.stdout);
    assert_eq!(objects[0], disk_full(&db));
    assert_eq!(objects[1]["rows"], count_rows(2000));
    assert_eq!(objects[2], disk_full(&db));
    assert_eq!(objects[3]["rows"], count_rows(2000));
    // Space again: the next process writes, and the file is no bigger
    // than the data needs.
    assert_eq!(
        db_json(&db, &["-e", "CREATE (:C)", "-e", count])[1]["rows"],
        count_rows(2001)
    );
    let needed = reference_size(&dir, &["CREATE (:C)"]);
    assert!(size(&db) <= needed * 2, "{} > 2 × {needed}", size(&db));
}

/// In one process (the REPL): the failed write, a read, then writes once
/// the disk has room again.
#[test]
fn writes_work_again_in_the_same_process_once_there_is_room() {
    let dir = temp_dir("full-repl");
    let db = dir.file("g.quiver");
    seed(&db);
    let flag = dir.write("full", "20000");
    let mut repl = Repl::start(&dir, &["--db", &db], &[(HOOK, &flag)]);
    let full = format!(
        "error: IoError (DiskFull): the disk is full: cannot write the database file {db} (No space left on device); nothing was written"
    );
    repl.run(&format!("{BIG};"), &full);
    repl.run("MATCH (n) RETURN count(n) AS n;", "│ 2000 │");
    repl.run(&format!("{MEDIUM};"), &full);
    std::fs::remove_file(&flag).expect("the flag");
    repl.run("CREATE (:C);", "1 node created");
    repl.run(&format!("{BIG};"), "5000 nodes created");
    repl.run("MATCH (n) RETURN count(n) AS n;", "│ 7001 │");
    repl.quit();
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), count_rows(7001));
    let needed = reference_size(&dir, &["CREATE (:C)", BIG]);
    assert!(size(&db) <= needed * 2, "{} > 2 × {needed}", size(&db));
}

/// A transaction's COMMIT, the --load batch and an import on a full disk:
/// each fails whole, says the disk is full, and leaves the data as it was.
#[test]
fn a_full_disk_fails_a_transaction_a_load_and_an_import_whole() {
    let dir = temp_dir("full-batches");
    let db = dir.file("g.quiver");
    seed(&db);
    let script = dir.write(
        "tx.cypher",
        &format!("BEGIN;\n{BIG};\nCOMMIT;\nMATCH (n) RETURN count(n);\n"),
    );
    let run = on_full_disk(&dir, &db, 20_000, &["-f", &script]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 4, "{}", run.stdout);
    assert_eq!(objects[1]["stats"]["nodes_created"], json!(5000));
    assert_eq!(objects[2], disk_full(&db));
    assert_eq!(objects[3]["rows"], count_rows(2000));

    let load = dir.write("big.cypher", &format!("{BIG};\nCREATE (:Z);\n"));
    let run = on_full_disk(&dir, &db, 20_000, &["--load", &load, "-e", "RETURN 1"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(1), ""));
    assert_eq!(
        run.stderr,
        format!(
            "error: the load files could not be committed: the disk is full: cannot write the database file {db} (No space left on device); nothing was written\n"
        )
    );

    let mut csv = String::from("id:ID,name\n");
    for i in 0..5000 {
        csv.push_str(&format!("{i},some name to fill the pages {i}\n"));
    }
    let nodes = dir.write("nodes.csv", &csv);
    let flag = dir.write("full", "20000");
    let mut cmd = command();
    cmd.args([
        "--db",
        &db,
        "import",
        "--append",
        "--nodes",
        &format!("P={nodes}"),
    ])
    .env(HOOK, &flag);
    let run = output_of(cmd);
    assert_eq!((run.status, run.stdout.as_str()), (Some(1), ""));
    assert_eq!(
        run.stderr,
        format!(
            "quiver: the import could not be committed: the disk is full: cannot write the database file {db} (No space left on device); nothing was written\n"
        )
    );
    std::fs::remove_file(&flag).expect("the flag");
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), count_rows(2000));
}

/// Fills the file system of `path` with a file there, to the last byte.
fn fill(path: &str) {
    let mut filler = std::fs::File::create(path).expect("a filler file");
    let block = vec![0u8; 64 * 1024];
    while filler.write_all(&block).is_ok() {}
    let small = [0u8; 512];
    while filler.write_all(&small).is_ok() {}
    let _ = filler.sync_all();
}

/// The same on a real, full, 4 MiB tmpfs: the failed write leaves no
/// handle refusing every later write, and once the filler is gone the
/// file shrinks back to what its data needs.
#[test]
fn a_real_full_disk() {
    let Some(mount) = Mount::tmpfs("full-tmpfs", "4m") else {
        return;
    };
    let dir = temp_dir("full-tmpfs-home");
    let db = mount.file("g.quiver");
    seed(&db);
    let mut repl = Repl::start(&dir, &["--db", &db], &[]);
    let filler = mount.file("filler");
    fill(&filler);
    let full = format!(
        "error: IoError (DiskFull): the disk is full: cannot write the database file {db} (No space left on device (os error 28)); nothing was written"
    );
    repl.run(&format!("{HUGE};"), &full);
    repl.run("MATCH (n) RETURN count(n) AS n;", "│ 2000 │");
    repl.run(&format!("{HUGE};"), &full);
    std::fs::remove_file(&filler).expect("the filler");
    repl.run("CREATE (:C);", "1 node created");
    repl.run("MATCH (n) RETURN count(n) AS n;", "│ 2001 │");
    repl.quit();
    let needed = reference_size(&dir, &["CREATE (:C)"]);
    assert!(size(&db) <= needed * 2, "{} > 2 × {needed}", size(&db));
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), count_rows(2001));
}
