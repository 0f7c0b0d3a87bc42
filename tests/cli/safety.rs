//! Outputs never destroy data: no spelling of the open database is written
//! over, and a failed export leaves the old file whole.

use super::util::{Run, TempDir, command, json_lines, temp_dir};
use expectrl::{Eof, Expect, Session};
use serde_json::json;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Runs `quiver ARGS` in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    finish(command().current_dir(dir).args(args))
}

fn finish(command: &mut Command) -> Run {
    let output = command
        .stdin(Stdio::null())
        .output()
        .expect("the quiver binary runs");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).to_string(),
        stderr: String::from_utf8_lossy(&output.stderr).to_string(),
    }
}

/// A fresh folder with the database `keep.quiver` holding two nodes.
fn keep(name: &str) -> TempDir {
    let dir = temp_dir(name);
    let run = run_in(
        &dir,
        &[
            "--db",
            "keep.quiver",
            "-e",
            "CREATE (:A {x: 1})-[:T]->(:B {y: 'two'})",
        ],
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    dir
}

/// The database `db` (in `dir`) opens and still holds its two nodes.
fn still_there(dir: &Path, db: &str) {
    let run = run_in(
        dir,
        &[
            "--db",
            db,
            "--format",
            "json",
            "-e",
            "MATCH (n) RETURN count(n)",
        ],
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(json_lines(&run.stdout)[0]["rows"], json!([[2]]));
}

/// Every way of writing to `out`: dump, and export in every format.
fn writers(out: &str) -> Vec<Vec<&str>> {
    let mut all = vec![vec!["dump", out]];
    for format in ["jsonl", "cypher", "graphml", "dot", "svg", "png", "csv"] {
        all.push(vec!["export", "--format", format, "--out", out]);
    }
    all
}

/// Runs every writer of `out` against `--db db` in `dir`, expecting each
/// to be refused with `stderr`.
fn all_refused(dir: &Path, db: &str, out: &str, stderr: &str) {
    for args in writers(out) {
        let mut all = vec!["--db", db];
        all.extend(&args);
        let run = run_in(dir, &all);
        assert_eq!(
            (run.status, run.stdout.as_str(), run.stderr.as_str()),
            (Some(2), "", stderr),
            "{args:?}"
        );
    }
}

#[test]
fn no_spelling_of_the_open_database_is_an_output() {
    let dir = keep("safety-spellings");
    fs::create_dir(dir.join("x")).unwrap();
    std::os::unix::fs::symlink("keep.quiver", dir.join("link.quiver")).unwrap();
    fs::hard_link(dir.join("keep.quiver"), dir.join("hard.quiver")).unwrap();
    let absolute = dir.join("keep.quiver").to_str().unwrap().to_string();
    for out in [
        "keep.quiver",
        absolute.as_str(),
        "./x/../keep.quiver",
        "link.quiver",
        "hard.quiver",
    ] {
        all_refused(
            &dir,
            "keep.quiver",
            out,
            &format!(
                "quiver: {out} is the open database (keep.quiver); quiver never writes over it\n"
            ),
        );
        still_there(&dir, "keep.quiver");
    }
    // The database opened by another name.
    all_refused(
        &dir,
        "link.quiver",
        "keep.quiver",
        "quiver: keep.quiver is the open database (link.quiver); quiver never writes over it\n",
    );
    still_there(&dir, "keep.quiver");
}

#[test]
fn the_directory_form_is_refused_as_an_output_too() {
    let dir = temp_dir("safety-directory");
    let run = run_in(&dir, &["--db", "store", "-e", "CREATE (:A)-[:T]->(:B)"]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let absolute = dir.join("store/quiver.db").to_str().unwrap().to_string();
    for out in ["store/quiver.db", absolute.as_str(), "store", "./store/"] {
        all_refused(
            &dir,
            "store",
            out,
            &format!(
                "quiver: {out} is the open database (store/quiver.db); quiver never writes over it\n"
            ),
        );
        still_there(&dir, "store");
    }
}

#[test]
fn standard_output_appended_to_the_database_is_refused() {
    let dir = keep("safety-stdout");
    let file = fs::OpenOptions::new()
        .append(true)
        .open(dir.join("keep.quiver"))
        .unwrap();
    let run = finish(
        command()
            .current_dir(&dir)
            .args(["--db", "keep.quiver", "-e", "MATCH (n) RETURN n"])
            .stdout(file),
    );
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(2),
            "quiver: standard output is the open database keep.quiver; quiver never writes over a database\n"
        )
    );
    still_there(&dir, "keep.quiver");
}

#[test]
fn other_databases_directories_and_missing_folders_are_refused() {
    let dir = keep("safety-other");
    let run = run_in(&dir, &["--db", "other.quiver", "-e", "CREATE (), ()"]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    fs::create_dir(dir.join("folder")).unwrap();
    fs::write(dir.join("file.txt"), "text").unwrap();
    fs::write(dir.join("kept.txt"), "kept").unwrap();
    let mut read_only = fs::metadata(dir.join("kept.txt")).unwrap().permissions();
    read_only.set_readonly(true);
    fs::set_permissions(dir.join("kept.txt"), read_only).unwrap();
    for (args, stderr) in [
        (
            vec!["dump", "other.quiver"],
            "quiver: other.quiver is a quiver database; quiver never writes over a database \
             (remove it first)\n",
        ),
        (
            vec!["export", "--format", "jsonl", "--out", "folder"],
            "quiver: folder is a directory; give the name of a file to write\n",
        ),
        (
            vec!["dump", "folder"],
            "quiver: folder is a directory; give the name of a file to write\n",
        ),
        (
            vec!["export", "--format", "csv", "--out", "file.txt"],
            "quiver: file.txt is a file; csv export writes a folder of files: give a folder\n",
        ),
        (
            vec!["export", "--format", "dot", "--out", "kept.txt"],
            "quiver: kept.txt is read-only; quiver does not replace it\n",
        ),
        (
            vec!["dump", "nowhere/g.cypher"],
            "quiver: cannot write nowhere/g.cypher: the folder nowhere does not exist\n",
        ),
    ] {
        let mut all = vec!["--db", "keep.quiver"];
        all.extend(&args);
        let run = run_in(&dir, &all);
        assert_eq!(
            (run.status, run.stdout.as_str(), run.stderr.as_str()),
            (Some(2), "", stderr),
            "{args:?}"
        );
    }
    still_there(&dir, "other.quiver");
    assert_eq!(fs::read_to_string(dir.join("file.txt")).unwrap(), "text");
    assert_eq!(fs::read_to_string(dir.join("kept.txt")).unwrap(), "kept");
}

/// Runs `quiver ARGS` in `dir` with files limited to 2 KiB (a write past
/// that fails with "File too large", as on a full disk).
fn with_small_files(dir: &Path, args: &[&str]) -> Run {
    finish(
        Command::new("sh")
            .current_dir(dir)
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_quiver"))
            .args(args),
    )
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn a_failed_export_leaves_the_old_file_whole() {
    let dir = temp_dir("safety-failed-write");
    let run = run_in(
        &dir,
        &[
            "--db",
            "big.quiver",
            "-e",
            "UNWIND range(1, 200) AS i CREATE (:P {name: 'person number ' + i})",
        ],
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    fs::write(dir.join("old.cypher"), "old dump\n").unwrap();
    fs::write(dir.join("old.jsonl"), "old lines\n").unwrap();
    fs::create_dir(dir.join("csv")).unwrap();
    fs::write(dir.join("csv/nodes_P.csv"), "old csv\n").unwrap();
    for (args, out) in [
        (vec!["dump", "old.cypher"], "old.cypher"),
        (
            vec!["export", "--format", "jsonl", "--out", "old.jsonl"],
            "old.jsonl",
        ),
        (vec!["export", "--format", "csv", "--out", "csv"], "csv"),
    ] {
        let mut all = vec!["--db", "big.quiver"];
        all.extend(&args);
        let run = with_small_files(&dir, &all);
        assert_eq!(run.status, Some(1), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .starts_with(&format!("quiver: cannot write {out}"))
                && run.stderr.contains("File too large"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        fs::read_to_string(dir.join("old.cypher")).unwrap(),
        "old dump\n"
    );
    assert_eq!(
        fs::read_to_string(dir.join("old.jsonl")).unwrap(),
        "old lines\n"
    );
    assert_eq!(
        fs::read_to_string(dir.join("csv/nodes_P.csv")).unwrap(),
        "old csv\n"
    );
    // No temporary file is left behind (the journal and the snapshot are
    // the database's).
    assert_eq!(
        names(&dir),
        [
            "big.quiver",
            "big.quiver.journal",
            "big.quiver.snap",
            "csv",
            "old.cypher",
            "old.jsonl"
        ]
    );
    assert_eq!(names(&dir.join("csv")), ["nodes_P.csv"]);
    // Without the limit the same exports replace the files.
    let run = run_in(&dir, &["--db", "big.quiver", "dump", "old.cypher"]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(
        fs::read_to_string(dir.join("old.cypher"))
            .unwrap()
            .starts_with("// quiver dump: 200 nodes")
    );
}

#[test]
fn a_graphviz_failure_leaves_the_old_drawing() {
    let dir = keep("safety-graphviz");
    let bin = dir.join("bin");
    fs::create_dir(&bin).unwrap();
    let dot = bin.join("dot");
    fs::write(
        &dot,
        "#!/bin/sh\ncat >/dev/null\necho partial\necho 'Error: broken' >&2\nexit 1\n",
    )
    .unwrap();
    let mut permissions = fs::metadata(&dot).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    fs::set_permissions(&dot, permissions).unwrap();
    fs::write(dir.join("old.svg"), "<svg>old</svg>").unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = finish(command().current_dir(&dir).env("PATH", path).args([
        "--db",
        "keep.quiver",
        "export",
        "--format",
        "svg",
        "--out",
        "old.svg",
    ]));
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (Some(1), "quiver: Graphviz's dot failed: Error: broken\n")
    );
    assert_eq!(
        fs::read_to_string(dir.join("old.svg")).unwrap(),
        "<svg>old</svg>"
    );
}

#[test]
fn a_symbolic_link_keeps_pointing_at_the_new_output() {
    let dir = keep("safety-link-out");
    fs::write(dir.join("real.jsonl"), "old\n").unwrap();
    std::os::unix::fs::symlink("real.jsonl", dir.join("link.jsonl")).unwrap();
    let run = run_in(
        &dir,
        &[
            "--db",
            "keep.quiver",
            "export",
            "--format",
            "jsonl",
            "--out",
            "link.jsonl",
        ],
    );
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert!(
        fs::symlink_metadata(dir.join("link.jsonl"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(dir.join("real.jsonl"))
            .unwrap()
            .lines()
            .count(),
        // The commit that made them, two nodes, one relationship.
        4
    );
}

#[test]
fn the_repl_refuses_to_export_over_its_database() {
    let dir = keep("safety-repl");
    fs::hard_link(dir.join("keep.quiver"), dir.join("hard.quiver")).unwrap();
    let mut cmd = command();
    cmd.current_dir(&dir)
        .args(["--db", "keep.quiver"])
        .env("QUIVER_HISTORY", dir.join("history"))
        .env("TERM", "xterm");
    let mut repl = Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
    repl.set_expect_timeout(Some(Duration::from_secs(30)));
    repl.expect("quiver> ").unwrap();
    repl.send_line(":export json keep.quiver MATCH (n) RETURN n")
        .unwrap();
    repl.expect(
        "error: keep.quiver is the open database (keep.quiver); quiver never writes over it",
    )
    .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("MATCH (n) RETURN count(n) AS n;").unwrap();
    repl.expect("1 row").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":dot hard.quiver").unwrap();
    repl.expect(
        "error: hard.quiver is the open database (keep.quiver); quiver never writes over it",
    )
    .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":export graphml keep.graphml").unwrap();
    repl.expect("wrote keep.graphml").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":quit").unwrap();
    repl.expect(Eof).unwrap();
    let _ = repl.get_process().wait();
    still_there(&dir, "keep.quiver");
}
