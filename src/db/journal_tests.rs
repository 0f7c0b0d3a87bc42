//! Commits made durable by the journal: a copy of the database files taken
//! between checkpoints is what a crash leaves (redb's durable state is
//! behind, the journal holds the rest), and opening it replays them.

use super::snapshot_tests::{answer, answers, build};
use super::*;

/// The journal beside a database file.
fn journal_of(path: &Path) -> std::path::PathBuf {
    let mut journal = path.as_os_str().to_owned();
    journal.push(".journal");
    journal.into()
}

/// A copy of the database file and its journal (not the snapshot), in a
/// folder of its own (removed when the first is dropped).
fn crash_copy(path: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let copy = dir.path().join("g.quiver");
    std::fs::copy(path, &copy).expect("copy the file");
    std::fs::copy(journal_of(path), journal_of(&copy)).expect("copy the journal");
    (dir, copy)
}

/// Single-statement commits of every kind, after `build`.
const WRITES: &[&str] = &[
    "CREATE (:P {i: 1000, s: 'late'})",
    "MATCH (n:P {i: 1}) SET n.s = 'renamed', n:R",
    "MATCH (n:P {i: 2}) REMOVE n.s",
    "MATCH (a:P {i: 3}), (b:P {i: 1000}) MERGE (a)-[:M {w: 2}]->(b)",
    "MATCH (n:P {i: 5}) DETACH DELETE n",
    "CREATE INDEX FOR (n:P) ON (n.s)",
    "CALL tx.setMetaData({source: 'test'}) CREATE (:New {k: 'with a new name'})",
];

#[test]
fn a_crash_between_checkpoints_loses_no_commit() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let mut db = Database::open(&path).expect("a new database");
    build(&mut db, 60);
    let mut before = Vec::new();
    for q in WRITES {
        let commits = db.log(None).expect("the log").len();
        before.push((crash_copy(&path), commits));
        answer(&mut db, q);
    }
    let log = db.log(None).expect("the log");
    let (_kept, crashed) = crash_copy(&path);
    drop(db);
    // (The answers of the database read from its file: a live graph lists
    // a relationship made on a freed id in another place.)
    let want = answers(&mut Database::open(&path).expect("opens"));
    // The file alone is behind: redb has not made those commits durable.
    {
        let (_dir, alone) = crash_copy(&crashed);
        std::fs::remove_file(journal_of(&alone)).expect("remove the journal");
        let db = Database::open(&alone).expect("opens");
        assert!(db.log(None).expect("log").len() < log.len());
    }
    let mut copy = Database::open(&crashed).expect("the copy opens");
    assert_eq!(answers(&mut copy), want);
    assert_eq!(copy.log(None).expect("the log"), log);
    assert_eq!(
        answer(&mut copy, "MATCH (n:New) RETURN sources(n)[0].source"),
        answer(
            &mut Database::open(&path).expect("opens"),
            "MATCH (n:New) RETURN sources(n)[0].source"
        )
    );
    // Replayed durably: the journal is empty now, and the file alone holds it.
    drop(copy);
    std::fs::remove_file(journal_of(&crashed)).expect("remove the journal");
    let mut again = Database::open(&crashed).expect("opens");
    assert_eq!(answers(&mut again), want);
    // Each earlier copy holds the commits before it, no more.
    for (i, ((_dir, copy), commits)) in before.iter().enumerate() {
        let db = Database::open(copy).expect("opens");
        assert_eq!(db.log(None).expect("log").len(), *commits, "copy {i}");
    }
}

#[test]
fn a_torn_last_entry_is_not_replayed_and_a_read_only_open_replays_in_memory() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let mut db = Database::open(&path).expect("a new database");
    build(&mut db, 30);
    answer(&mut db, "CREATE (:T {k: 1})");
    let (_before, before) = crash_copy(&path);
    let want = answers(&mut Database::open(&before).expect("opens"));
    answer(&mut db, "CREATE (:T {k: 2})");
    let (_kept, crashed) = crash_copy(&path);
    drop(db);
    // Tear the last entry: its last byte lost.
    let journal = journal_of(&crashed);
    let bytes = std::fs::read(&journal).expect("the journal");
    let end = bytes.iter().rposition(|&b| b != 0).expect("entries");
    let mut torn = bytes.clone();
    torn[end] ^= 0xff;
    std::fs::write(&journal, &torn).expect("tear it");
    let file = std::fs::read(&crashed).expect("the file");
    let mut read_only = Database::open_read_only(&crashed).expect("opens read-only");
    assert_eq!(answers(&mut read_only), want);
    assert_eq!(
        answer(&mut read_only, "MATCH (n:T) RETURN n.k")
            .lines()
            .next(),
        Some("[[Int(1)]]")
    );
    drop(read_only);
    assert!(
        std::fs::read(&crashed).expect("the file") == file,
        "read-only: the file is unchanged"
    );
    assert_eq!(std::fs::read(&journal).expect("the journal"), torn);
    let mut db = Database::open(&crashed).expect("opens");
    assert_eq!(answers(&mut db), want);
}

#[test]
fn the_journal_starts_again_after_a_durable_commit() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let mut db = Database::open(&path).expect("a new database");
    let n = crate::store::CHECKPOINT_COMMITS as usize + 5;
    for i in 0..n {
        answer(&mut db, &format!("CREATE (:E {{i: {i}}})"));
    }
    let (_kept, crashed) = crash_copy(&path);
    drop(db);
    let mut copy = Database::open(&crashed).expect("opens");
    assert_eq!(
        answer(&mut copy, "MATCH (n:E) RETURN count(n), max(n.i)")
            .lines()
            .next(),
        Some(format!("[[Int({n}), Int({})]]", n - 1).as_str())
    );
    assert_eq!(copy.log(Some(1)).expect("log")[0].number, n as u64);
}

#[test]
fn a_checkpoint_makes_the_file_alone_hold_every_commit() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let mut db = Database::open(&path).expect("a new database");
    build(&mut db, 30);
    for q in WRITES {
        answer(&mut db, q);
    }
    db.checkpoint().expect("a checkpoint");
    let log = db.log(None).expect("the log");
    let (_kept, copy) = crash_copy(&path);
    drop(db);
    std::fs::remove_file(journal_of(&copy)).expect("remove the journal");
    let mut alone = Database::open(&copy).expect("opens");
    assert_eq!(alone.log(None).expect("the log"), log);
    assert_eq!(
        answers(&mut alone),
        answers(&mut Database::open(&path).expect("opens"))
    );
}

#[test]
fn a_big_commit_goes_straight_to_the_file_and_the_journal_stays_small() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let mut db = Database::open(&path).expect("a new database");
    answer(&mut db, "CREATE (:Small)");
    answer(
        &mut db,
        "UNWIND range(1, 20000) AS i CREATE (:Big {i: i, s: 'a string to make the commit big'})",
    );
    answer(&mut db, "CREATE (:Small)");
    let journal = std::fs::metadata(journal_of(&path))
        .expect("a journal")
        .len();
    assert_eq!(journal, 1 << 20, "the journal kept its first megabyte");
    let (_kept, copy) = crash_copy(&path);
    drop(db);
    let mut copy = Database::open(&copy).expect("opens");
    assert_eq!(
        answer(
            &mut copy,
            "MATCH (n) RETURN labels(n)[0] AS l, count(*) ORDER BY l"
        )
        .lines()
        .next(),
        Some("[[String(\"Big\"), Int(20000)], [String(\"Small\"), Int(2)]]")
    );
}

/// Commits that wait for redb (see `store::deferred`) are read back by the
/// next commits (the stored counts, the chunks they rewrite, the names),
/// by history, and replayed after a crash.
#[test]
fn commits_waiting_for_redb_are_read_by_the_next_and_replayed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let mut db = Database::open(&path).expect("a new database");
    build(&mut db, 40);
    // 150 single-statement commits, more than are applied to redb at once,
    // in the same chunks, with new names, and nothing read in between.
    for i in 0..150 {
        let q = match i % 5 {
            0 => format!("CREATE (:W{} {{i: {i}}})", i % 7),
            1 => format!("MATCH (n:P {{i: {}}}) SET n.w = {i}", i % 40),
            2 => format!(
                "MATCH (a:P {{i: {}}}), (b:P {{i: {}}}) CREATE (a)-[:X{} {{i: {i}}}]->(b)",
                i % 40,
                (i * 3) % 40,
                i % 3
            ),
            // Half the new nodes and relationships are deleted again.
            3 => format!(
                "MATCH (n) WHERE n.i = {} AND NOT n:P DETACH DELETE n",
                if i % 10 == 3 { i - 3 } else { -1 }
            ),
            _ => format!(
                "MATCH ()-[r]->() WHERE r.i = {} DELETE r",
                if i % 10 == 4 { i - 2 } else { -1 }
            ),
        };
        answer(&mut db, &q);
    }
    let (_kept, crashed) = crash_copy(&path);
    let log = db.log(None).expect("the log");
    let live = answers(&mut db);
    let (_later, applied) = crash_copy(&path);
    drop(db);
    let want = answers(&mut Database::open(&path).expect("opens"));
    assert_eq!(live, want);
    // Before and after history applied the waiting commits to redb.
    for copy in [&crashed, &applied] {
        let mut db = Database::open(copy).expect("the copy opens");
        assert_eq!(answers(&mut db), want);
        assert_eq!(db.log(None).expect("the log"), log);
        assert_eq!(
            answer(
                &mut db,
                "MATCH (n) WHERE NOT n:P RETURN count(n) AS c, sum(n.i) AS s \
                 UNION ALL MATCH ()-[r]->() WHERE r.i IS NOT NULL RETURN count(r) AS c, sum(r.i) AS s"
            )
            .lines()
            .next(),
            Some("[[Int(15), Int(1125)], [Int(12), Int(924)]]")
        );
    }
}

/// Group commit: commits wait for `sync`, which makes them durable with
/// one flush; turning it off, and dropping the database, sync too.
#[test]
fn group_commits_wait_for_one_sync() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let mut db = Database::open(&path).expect("a new database");
    build(&mut db, 60);
    db.set_group_commit(true).expect("group commit");
    let flushes = db.flushes();
    for q in WRITES {
        answer(&mut db, q);
    }
    assert_eq!(db.unsynced(), WRITES.len());
    assert_eq!(db.flushes(), flushes);
    db.sync().expect("one flush");
    assert_eq!((db.unsynced(), db.flushes()), (0, flushes + 1));
    // A statement that writes nothing makes no commit to wait for.
    answer(&mut db, "MATCH (n) RETURN count(n)");
    assert_eq!(db.unsynced(), 0);
    answer(&mut db, "CREATE (:Late)");
    db.set_group_commit(false).expect("off");
    assert_eq!(db.unsynced(), 0);
    answer(&mut db, "CREATE (:Later)");
    assert_eq!(db.unsynced(), 0);
    db.set_group_commit(true).expect("on again");
    answer(&mut db, "CREATE (:Last)");
    assert_eq!(db.unsynced(), 1);
    let log = db.log(None).expect("the log").len();
    drop(db);
    let db = Database::open(&path).expect("opens");
    assert_eq!(db.log(None).expect("the log").len(), log);
    // Without a file there is nothing to wait for.
    let mut memory = Database::in_memory();
    memory.set_group_commit(true).expect("group commit");
    answer(&mut memory, "CREATE (:M)");
    assert_eq!(memory.unsynced(), 0);
    memory.sync().expect("nothing to sync");
}
