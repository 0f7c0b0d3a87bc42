//! Databases that cannot or must not be written: read-only files,
//! directories and file systems, `--read-only`, and a database another
//! process holds (named by pid, waited for with `--wait`).
//!
//! Also the helpers that `disk_full` shares: running quiver with a chosen
//! environment, holding a database open in a REPL, mounting a small tmpfs.

use super::durability::{db_json, db_query};
use super::util::{Run, TempDir, command, json_lines, quiver, temp_dir};
use expectrl::{Eof, Expect, Session};
use serde_json::{Value as Json, json};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `cmd` with an empty standard input and collects what it printed.
pub fn output_of(mut cmd: Command) -> Run {
    let output = cmd
        .stdin(Stdio::null())
        .output()
        .expect("the quiver binary runs");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// `quiver ARGS` with file permissions in force: root writes a read-only
/// file, so as root quiver runs without the capabilities that let it
/// (`setpriv`), or else as `nobody`.
fn as_a_user(args: &[&str]) -> Run {
    let setpriv = "/usr/bin/setpriv";
    let cmd = if !is_root() {
        let mut cmd = command();
        cmd.args(args);
        cmd
    } else if std::path::Path::new(setpriv).exists() {
        let mut cmd = Command::new(setpriv);
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["--bounding-set=-dac_override,-dac_read_search", BIN])
            .args(args);
        cmd
    } else {
        let mut cmd = command();
        cmd.args(args).uid(65534).gid(65534);
        cmd
    };
    output_of(cmd)
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn set_mode(path: &str, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// The quiver binary, as `/proc/PID/cmdline` names it.
const BIN: &str = env!("CARGO_BIN_EXE_quiver");

/// A quiver REPL (in a pseudo-terminal) that holds a database open until
/// it is let go.
pub struct Repl {
    session: expectrl::session::OsSession,
    /// Its process id.
    pub pid: i32,
}

impl Repl {
    /// Starts `quiver ARGS` as a REPL and waits for its prompt: by then it
    /// has the database open.
    pub fn start(dir: &TempDir, args: &[&str], env: &[(&str, &str)]) -> Repl {
        let mut cmd = command();
        cmd.args(args)
            .env("QUIVER_HISTORY", dir.file("history"))
            .env("TERM", "xterm")
            .env("NO_COLOR", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut session = Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
        session.set_expect_timeout(Some(Duration::from_secs(60)));
        session.expect("quiver> ").expect("the prompt");
        let pid = session.get_process().pid().as_raw();
        Repl { session, pid }
    }

    /// Sends a statement and waits for `expected`, then the next prompt.
    pub fn run(&mut self, statement: &str, expected: &str) {
        self.session.send_line(statement).expect("the REPL reads");
        self.session
            .expect(expected)
            .unwrap_or_else(|e| panic!("{statement}: expected {expected:?}: {e}"));
        self.session.expect("quiver> ").expect("the prompt");
    }

    /// Quits, and waits for the process to end.
    pub fn quit(mut self) {
        self.session.send_line(":quit").expect("the REPL reads");
        self.session.expect(Eof).expect("the REPL ends");
        let _ = self.session.get_process().wait();
    }
}

/// A small tmpfs mounted at a directory, unmounted when dropped; `None`
/// (having said why) where mounting is not allowed.
pub struct Mount {
    /// Holds the mount point; removed after the unmount.
    _dir: TempDir,
    path: String,
}

impl Mount {
    pub fn tmpfs(name: &str, size: &str) -> Option<Mount> {
        let dir = temp_dir(name);
        let path = dir.file("mnt");
        std::fs::create_dir_all(&path).expect("a mount point");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs", &path])
            .output();
        match mounted {
            Ok(out) if out.status.success() => Some(Mount { _dir: dir, path }),
            Ok(out) => {
                eprintln!(
                    "NOTE: cannot mount a tmpfs here ({}): {name} is not tested on a real file system",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!(
                    "NOTE: cannot run mount ({e}): {name} is not tested on a real file system"
                );
                None
            }
        }
    }

    /// `MOUNT/name`.
    pub fn file(&self, name: &str) -> String {
        format!("{}/{name}", self.path)
    }

    /// Makes the file system read-only.
    fn remount_read_only(&self) {
        let out = Command::new("mount")
            .args(["-o", "remount,ro", &self.path])
            .output()
            .expect("mount runs");
        assert!(out.status.success(), "{out:?}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        // Before `_dir` is removed.
        let _ = Command::new("umount").args(["-l", &self.path]).output();
    }
}

/// The error object of a statement refused on a read-only database.
fn refused(what: &str, reason: &str, column: u64) -> Json {
    json!({"error": {
        "kind": "SemanticError", "detail": "ReadOnlyDatabase", "phase": "compile",
        "message": format!("{what} cannot run: {reason}"), "line": 1, "column": column
    }})
}

/// A database file made read-only (chmod 444) opens for reading, with a
/// notice, and refuses writes saying why; the file does not change.
#[test]
fn a_read_only_file_is_opened_for_reading() {
    let dir = temp_dir("ro-file");
    let db = dir.file("g.quiver");
    db_json(&db, &["-e", "CREATE (:A {x: 1})-[:R]->(:B)"]);
    let before = std::fs::read(&db).expect("the file");
    set_mode(&db, 0o444);
    let run = as_a_user(&[
        "--db",
        &db,
        "--format",
        "json",
        "-e",
        "MATCH (n) RETURN count(n) AS n",
        "-e",
        "CREATE (:C)",
    ]);
    let reason = format!(
        "the database file {db} cannot be written (Permission denied (os error 13)), so it was opened read-only"
    );
    assert_eq!(run.stderr, format!("notice: {reason}\n"));
    assert_eq!(run.status, Some(1), "{}", run.stdout);
    let objects = json_lines(&run.stdout);
    assert_eq!(objects[0]["rows"], json!([[2]]));
    assert_eq!(objects[1], refused("CREATE", &reason, 1));
    // --quiet: no notice.
    let quiet = as_a_user(&["--db", &db, "-q", "-e", "RETURN 1 AS one"]);
    assert_eq!((quiet.status, quiet.stderr.as_str()), (Some(0), ""));
    assert_eq!(std::fs::read(&db).expect("the file"), before);
}

/// A database directory that cannot be written: its database opens for
/// reading; a new database cannot be made in it.
#[test]
fn a_read_only_directory_is_opened_for_reading() {
    let dir = temp_dir("ro-dir");
    let home = dir.file("graph");
    db_json(&home, &["-e", "CREATE (:A {x: 1})"]);
    let file = format!("{home}/quiver.db");
    let before = std::fs::read(&file).expect("the file");
    set_mode(&file, 0o444);
    set_mode(&home, 0o555);
    let run = as_a_user(&[
        "--db",
        &home,
        "-q",
        "--format",
        "json",
        "-e",
        "MATCH (n:A) RETURN n.x AS x",
        "-e",
        "MATCH (n) DELETE n",
    ]);
    let reason = format!(
        "the database file {file} cannot be written (Permission denied (os error 13)), so it was opened read-only"
    );
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects[0]["rows"], json!([[1]]));
    assert_eq!(objects[1], refused("DELETE", &reason, 11));
    let new = format!("{home}/new.quiver");
    let run = as_a_user(&["--db", &new, "-e", "RETURN 1"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(2), ""));
    assert_eq!(
        run.stderr,
        format!(
            "quiver: cannot open the database {new}: it cannot be created (Permission denied (os error 13))\n"
        )
    );
    set_mode(&home, 0o755);
    assert_eq!(std::fs::read(&file).expect("the file"), before);
}

/// A database on a read-only file system opens for reading.
#[test]
fn a_database_on_a_read_only_file_system_is_opened_for_reading() {
    let Some(mount) = Mount::tmpfs("ro-fs", "4m") else {
        return;
    };
    let db = mount.file("g.quiver");
    db_json(&db, &["-e", "CREATE (:A), (:B)"]);
    mount.remount_read_only();
    let reason = format!(
        "the database file {db} cannot be written (Read-only file system (os error 30)), so it was opened read-only"
    );
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "json",
        "-e",
        "MATCH (n) RETURN count(n) AS n",
        "-e",
        "CREATE (:C)",
    ]);
    assert_eq!(run.stderr, format!("notice: {reason}\n"));
    assert_eq!(run.status, Some(1));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects[0]["rows"], json!([[2]]));
    assert_eq!(objects[1], refused("CREATE", &reason, 1));
    // With --read-only: no notice, the flag's reason.
    let run = quiver(&[
        "--db",
        &db,
        "--read-only",
        "--format",
        "json",
        "-e",
        "MERGE (:A)",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    assert_eq!(
        json_lines(&run.stdout)[0],
        refused(
            "MERGE",
            "the database was opened read-only (--read-only)",
            1
        )
    );
}

/// `--read-only` refuses every kind of write before it runs, and the file
/// is byte for byte what it was.
#[test]
fn read_only_refuses_every_kind_of_write() {
    let dir = temp_dir("ro-writes");
    let db = dir.file("g.quiver");
    db_json(
        &db,
        &[
            "-e",
            "CREATE (:A {x: 1})-[:R {w: 2}]->(:B {y: 3})",
            "-e",
            "CREATE INDEX a_x FOR (n:A) ON (n.x)",
            "-e",
            "CREATE CONSTRAINT b_y FOR (n:B) REQUIRE n.y IS UNIQUE",
        ],
    );
    let before = std::fs::read(&db).expect("the file");
    let reason = "the database was opened read-only (--read-only)";
    let writes = [
        ("CREATE (:X)", "CREATE", 1),
        ("MERGE (:A {x: 1})", "MERGE", 1),
        ("MATCH (n:A) SET n.x = 2", "SET", 13),
        ("MATCH (n:A) REMOVE n.x", "REMOVE", 13),
        ("MATCH (n:A) REMOVE n:A", "REMOVE", 13),
        ("MATCH (n) DETACH DELETE n", "DELETE", 11),
        ("MATCH ()-[r]->() DELETE r", "DELETE", 18),
        ("UNWIND [1, 2] AS i CREATE (:X {i: i})", "CREATE", 20),
        ("PROFILE CREATE (:X)", "CREATE", 9),
        ("FOREACH (i IN [1] | CREATE (:X))", "FOREACH", 1),
        ("MATCH (n:A) CALL (n) { SET n.x = 2 }", "SET", 24),
        (
            "CALL { CALL { CREATE (:X) } RETURN 1 AS one } RETURN one",
            "CREATE",
            15,
        ),
        ("LOAD CSV FROM 'rows.csv' AS row CREATE (:X)", "CREATE", 33),
        ("CREATE INDEX FOR (n:B) ON (n.y)", "CREATE INDEX", 1),
        ("DROP INDEX a_x", "DROP INDEX", 1),
        (
            "CREATE CONSTRAINT FOR (n:A) REQUIRE n.x IS UNIQUE",
            "CREATE CONSTRAINT",
            1,
        ),
        ("DROP CONSTRAINT b_y", "DROP CONSTRAINT", 1),
    ];
    let mut args = vec!["--db", db.as_str(), "--read-only", "--format", "json"];
    for (statement, _, _) in &writes {
        args.extend(["-e", statement]);
    }
    // Reading is allowed, and so are transactions and EXPLAIN.
    for statement in [
        "BEGIN",
        "MATCH (n) RETURN count(n) AS n",
        "COMMIT",
        "EXPLAIN CREATE (:X)",
        "SHOW INDEXES",
    ] {
        args.extend(["-e", statement]);
    }
    let mut cmd = command();
    cmd.args(&args);
    let run = output_of(cmd);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), writes.len() + 5, "{}", run.stdout);
    for ((statement, what, column), object) in writes.iter().zip(&objects) {
        assert_eq!(object, &refused(what, reason, *column), "{statement}");
    }
    let reads = &objects[writes.len()..];
    assert!(reads.iter().all(|o| o.get("error").is_none()), "{reads:?}");
    assert_eq!(reads[1]["rows"], json!([[2]]));

    // A --load file that writes: each statement refused.
    let load = dir.write("load.cypher", "CREATE (:L);\nMATCH (n) SET n.z = 1;\n");
    let run_load = quiver(&[
        "--db",
        &db,
        "--read-only",
        "--load",
        &load,
        "-e",
        "RETURN 1 AS one",
    ]);
    assert_eq!(run_load.status, Some(1));
    assert!(
        run_load
            .stderr
            .contains(&format!("CREATE cannot run: {reason}"))
            && run_load
                .stderr
                .contains(&format!("SET cannot run: {reason}")),
        "{}",
        run_load.stderr
    );

    // Imports.
    let nodes = dir.write("nodes.csv", "id:ID,name\n1,a\n");
    let jsonl = dir.write("g.jsonl", "");
    for import in [
        vec!["import", "--nodes", nodes.as_str()],
        vec!["import", "--format", "jsonl", jsonl.as_str()],
    ] {
        let mut cmd = command();
        cmd.args(["--db", &db, "--read-only"]).args(&import);
        let run = output_of(cmd);
        assert_eq!(
            (run.status, run.stdout.as_str()),
            (Some(1), ""),
            "{import:?}"
        );
        assert_eq!(
            run.stderr,
            format!("quiver: import cannot run: {reason}; nothing was imported\n")
        );
    }

    assert_eq!(std::fs::read(&db).expect("the file"), before);
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), json!([[2]]));
}

/// `--read-only` never creates a database.
#[test]
fn read_only_does_not_create_a_database() {
    let dir = temp_dir("ro-missing");
    for name in ["g.quiver", "graph"] {
        let db = dir.file(name);
        let run = quiver(&["--db", &db, "--read-only", "-e", "RETURN 1"]);
        let file = if name == "graph" {
            format!("{db}/quiver.db")
        } else {
            db.clone()
        };
        assert_eq!((run.status, run.stdout.as_str()), (Some(2), ""));
        assert_eq!(
            run.stderr,
            format!(
                "quiver: cannot open the database {file}: there is no such database (--read-only never creates one)\n"
            )
        );
        assert!(!std::path::Path::new(&db).exists());
    }
}

/// Several `--read-only` processes read one database at once; a writer is
/// refused at once, told who holds it; a reader is refused while a writer
/// holds it.
#[test]
fn readers_share_a_database_and_writers_are_told_who_holds_it() {
    let dir = temp_dir("ro-share");
    let db = dir.file("g.quiver");
    db_json(&db, &["-e", "CREATE (:A), (:B)"]);

    let reader = Repl::start(&dir, &["--db", &db, "--read-only"], &[]);
    let second = quiver(&[
        "--db",
        &db,
        "--read-only",
        "--format",
        "json",
        "-e",
        "MATCH (n) RETURN count(n)",
    ]);
    assert_eq!((second.status, second.stderr.as_str()), (Some(0), ""));
    assert_eq!(json_lines(&second.stdout)[0]["rows"], json!([[2]]));

    let started = Instant::now();
    let writer = quiver(&["--db", &db, "-e", "CREATE (:C)"]);
    assert!(started.elapsed() < Duration::from_secs(20), "not at once");
    assert_eq!((writer.status, writer.stdout.as_str()), (Some(2), ""));
    assert_eq!(
        writer.stderr,
        format!(
            "quiver: cannot open the database {db}: it is locked by another process (pid {}: {BIN} --db {db} --read-only)\n",
            reader.pid
        )
    );
    reader.quit();

    let holder = Repl::start(&dir, &["--db", &db], &[]);
    let refused_reader = quiver(&["--db", &db, "--read-only", "-e", "RETURN 1"]);
    assert_eq!(
        (refused_reader.status, refused_reader.stdout.as_str()),
        (Some(2), "")
    );
    assert_eq!(
        refused_reader.stderr,
        format!(
            "quiver: cannot open the database {db}: it is locked by another process (pid {}: {BIN} --db {db})\n",
            holder.pid
        )
    );
    holder.quit();
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), json!([[2]]));
}

/// `--wait` waits for the holder to let go, and gives up with the same
/// error, saying how long it waited, when it does not.
#[test]
fn wait_for_a_database_another_process_holds() {
    let dir = temp_dir("wait");
    let db = dir.file("g.quiver");
    db_json(&db, &["-e", "CREATE (:A)"]);

    let holder = Repl::start(&dir, &["--db", &db], &[]);
    let started = Instant::now();
    let late = quiver(&["--db", &db, "--wait", "1s", "-e", "RETURN 1"]);
    let waited = started.elapsed();
    assert_eq!((late.status, late.stdout.as_str()), (Some(2), ""));
    assert_eq!(
        late.stderr,
        format!(
            "quiver: cannot open the database {db}: it is locked by another process (pid {}: {BIN} --db {db}) (waited 1s)\n",
            holder.pid
        )
    );
    assert!(waited >= Duration::from_secs(1), "{waited:?}");
    assert!(waited < Duration::from_secs(30), "{waited:?}");

    // The holder leaves half a second after the waiter starts.
    let waiter = {
        let mut cmd = command();
        cmd.args([
            "--db",
            &db,
            "--wait",
            "60s",
            "--format",
            "json",
            "-e",
            "CREATE (:W)",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        cmd.spawn().expect("the quiver binary runs")
    };
    std::thread::sleep(Duration::from_millis(500));
    holder.quit();
    let out = waiter.wait_with_output().expect("quiver finishes");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), json!([[2]]));
}
