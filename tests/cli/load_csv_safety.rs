//! `LOAD CSV` reads only files under the import directory (the current
//! directory by default, `--import-dir`), unless
//! `--allow-file-access-anywhere`; and a CSV file that ends inside a quoted
//! field is an error, in `LOAD CSV` and in `import` alike.

use super::util::{Run, TempDir, command, json_lines, quiver_with_stdin, temp_dir, write_file};
use serde_json::{Value as Json, json};
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Runs `quiver --format json ARGS` in the directory `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = command()
        .current_dir(dir)
        .args(["--format", "json"])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("quiver runs");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

/// A base folder holding `outside.csv` and the import directory `imp`,
/// which holds `data.csv` and `sub/more.csv`.
fn layout(name: &str) -> (TempDir, PathBuf) {
    let base = temp_dir(name);
    let imp = base.join("imp");
    std::fs::create_dir_all(imp.join("sub")).expect("a directory");
    write_file(&base, "outside.csv", "secret\n");
    write_file(&imp, "data.csv", "a,b\n1,2\n");
    write_file(&imp.join("sub"), "more.csv", "x\n");
    (base, imp)
}

/// The `LOAD CSV ... RETURN r` of `url`: the records read, or its
/// error's `detail: message`.
fn load(dir: &Path, url: &str, extra: &[&str]) -> Result<Json, String> {
    let query = format!("LOAD CSV FROM '{url}' AS r RETURN r");
    let mut args = extra.to_vec();
    args.extend(["-e", &query]);
    let run = run_in(dir, &args);
    let object = json_lines(&run.stdout).pop().expect("one result");
    match object.get("error") {
        Some(e) => {
            assert_eq!(run.status, Some(1), "{url}");
            assert_eq!(e["kind"], "IoError", "{url}");
            Err(format!(
                "{}: {}",
                e["detail"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or("")
            ))
        }
        None => {
            assert_eq!(run.status, Some(0), "{url}: {}", run.stderr);
            let rows = object["rows"].as_array().cloned().unwrap_or_default();
            Ok(rows.into_iter().map(|row| row[0].clone()).collect())
        }
    }
}

fn outside(imp: &Path, url: &str) -> Result<Json, String> {
    Err(format!(
        "FileAccessDenied: LOAD CSV may read only files under the import directory {} \
         (--import-dir); '{url}' is outside it",
        imp.display()
    ))
}

fn not_found(imp: &Path, url: &str, inside: &str) -> Result<Json, String> {
    Err(format!(
        "LoadCsvFailed: LOAD CSV cannot find '{url}': the import directory {} (--import-dir) \
         has no {inside}; paths and file: URLs are relative to it",
        imp.display()
    ))
}

#[test]
fn etc_passwd_is_refused_by_default_also_from_a_parameter() {
    let (_base, imp) = layout("csv-passwd");
    // Under the import directory, `/etc/passwd` is `IMP/etc/passwd`.
    for url in ["file:///etc/passwd", "/etc/passwd", "file:/etc/passwd"] {
        assert_eq!(load(&imp, url, &[]), not_found(&imp, url, "etc/passwd"));
    }
    let up = "../".repeat(imp.components().count()) + "etc/passwd";
    assert_eq!(load(&imp, &up, &[]), outside(&imp, &up));
    let run = run_in(
        &imp,
        &[
            "--param",
            "url=\"file:///../../../../../../../../etc/passwd\"",
            "-e",
            "LOAD CSV FROM $url AS r RETURN r",
        ],
    );
    assert_eq!(run.status, Some(1));
    assert_eq!(
        json_lines(&run.stdout)[0]["error"]["detail"],
        "FileAccessDenied"
    );
}

#[test]
fn dot_dot_and_percent_escapes_do_not_leave_the_import_directory() {
    let (_base, imp) = layout("csv-dotdot");
    for url in [
        "../outside.csv",
        "sub/../../outside.csv",
        "file:///../outside.csv",
        "file:../outside.csv",
        "file:///%2e%2e/outside.csv",
        "file:///sub/%2E%2E/%2e%2e/outside.csv",
        "file:///..%2Foutside.csv",
        "file://localhost/%2e%2e/outside.csv",
    ] {
        assert_eq!(load(&imp, url, &[]), outside(&imp, url), "{url}");
    }
    // What stays inside is read.
    assert_eq!(
        load(&imp, "file:///sub/%2e%2e/data.csv", &[]),
        Ok(json!([["a", "b"], ["1", "2"]]))
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_import_directory_are_refused() {
    use std::os::unix::fs::symlink;
    let (base, imp) = layout("csv-symlink");
    symlink(&base, imp.join("up")).expect("a symlink");
    symlink(base.join("outside.csv"), imp.join("link.csv")).expect("a symlink");
    symlink(imp.join("data.csv"), imp.join("inner.csv")).expect("a symlink");
    for url in [
        "up/outside.csv",
        "file:///link.csv",
        "up/imp/../outside.csv",
    ] {
        assert_eq!(load(&imp, url, &[]), outside(&imp, url), "{url}");
    }
    // Whether a file exists out there is not told either.
    assert_eq!(
        load(&imp, "up/no-such.csv", &[]),
        outside(&imp, "up/no-such.csv")
    );
    // A symlink that stays inside is followed.
    assert_eq!(
        load(&imp, "inner.csv", &[]),
        Ok(json!([["a", "b"], ["1", "2"]]))
    );
}

#[test]
fn files_inside_the_import_directory_are_read() {
    let (base, imp) = layout("csv-inside");
    let rows = Ok(json!([["a", "b"], ["1", "2"]]));
    for url in [
        "data.csv",
        "./data.csv",
        "file:data.csv",
        "file:///data.csv",
        "file:/data.csv",
        "file://localhost/data.csv",
        "FILE://LOCALHOST/data.csv",
        "file:///sub/../data.csv",
    ] {
        assert_eq!(load(&imp, url, &[]), rows, "{url}");
    }
    assert_eq!(load(&imp, "sub/more.csv", &[]), Ok(json!([["x"]])));
    // --import-dir, relative to where quiver runs.
    assert_eq!(load(&base, "data.csv", &["--import-dir", "imp"]), rows);
    assert_eq!(
        load(&base, "outside.csv", &["--import-dir", "imp"]),
        not_found(&imp, "outside.csv", "outside.csv")
    );
    assert_eq!(
        load(&imp, "file:///nope.csv", &[]),
        not_found(&imp, "file:///nope.csv", "nope.csv")
    );
}

#[test]
fn other_hosts_and_schemes_are_refused() {
    let (_base, imp) = layout("csv-schemes");
    assert_eq!(
        load(&imp, "https://example.com/data.csv", &[]),
        Err(
            "LoadCsvFailed: LOAD CSV reads local files only, not `https://example.com/data.csv`"
                .into()
        )
    );
    assert_eq!(
        load(&imp, "file://example.com/data.csv", &[]),
        Err(
            "LoadCsvFailed: LOAD CSV reads files of this machine only, not of host \
             `example.com` (`file://example.com/data.csv`)"
                .into()
        )
    );
}

#[test]
fn anywhere_must_be_asked_for() {
    let (base, imp) = layout("csv-anywhere");
    let absolute = base.join("outside.csv").display().to_string();
    let anywhere = ["--allow-file-access-anywhere"];
    for url in [
        format!("file://{absolute}"),
        format!("file://localhost{absolute}"),
        absolute.clone(),
    ] {
        assert_eq!(
            load(&imp, &url, &anywhere),
            Ok(json!([["secret"]])),
            "{url}"
        );
    }
    assert_eq!(
        load(&imp, "data.csv", &anywhere),
        Ok(json!([["a", "b"], ["1", "2"]]))
    );
    let passwd = load(&imp, "file:///etc/passwd", &anywhere).expect("readable");
    assert!(passwd.as_array().is_some_and(|rows| !rows.is_empty()));
    // Both at once, or a directory that is not one: bad usage.
    let run = run_in(
        &imp,
        &[
            "--import-dir",
            ".",
            "--allow-file-access-anywhere",
            "-e",
            "RETURN 1",
        ],
    );
    assert_eq!(run.status, Some(2), "{}", run.stderr);
    let run = run_in(&imp, &["--import-dir", "data.csv", "-e", "RETURN 1"]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (Some(2), "quiver: --import-dir data.csv: not a directory\n")
    );
}

#[test]
fn load_csv_refuses_a_quote_left_open() {
    let (_base, imp) = layout("csv-open-quote");
    write_file(&imp, "open.csv", "id,name\n1,Ann\n2,\"Bo\n3,Cy\n4,Di\n");
    write_file(
        &imp,
        "closed.csv",
        "id,name\n1,\"Ann\nMarie\"\n2,\"say \"\"hi\"\"\"\n",
    );
    let file = imp.join("open.csv").display().to_string();
    let message = |line, column| {
        Err(format!(
            "LoadCsvFailed: {file}:{line}:{column}: a quoted field opens here and is never \
             closed (every line after it would be read as part of that field)"
        ))
    };
    assert_eq!(load(&imp, "open.csv", &[]), message(3, 3));
    let run = run_in(
        &imp,
        &[
            "-e",
            "LOAD CSV WITH HEADERS FROM 'open.csv' AS r CREATE (:P {id: r.id})",
            "-e",
            "MATCH (p:P) RETURN count(p)",
        ],
    );
    let lines = json_lines(&run.stdout);
    assert_eq!(run.status, Some(1));
    assert_eq!(lines[0]["error"]["detail"], "LoadCsvFailed");
    assert_eq!(lines[1]["rows"], json!([[0]]));
    // Quotes that close, over lines and doubled, are fine.
    assert_eq!(
        load(&imp, "closed.csv", &[]),
        Ok(json!([
            ["id", "name"],
            ["1", "Ann\nMarie"],
            ["2", "say \"hi\""]
        ]))
    );
}

#[test]
fn import_refuses_a_quote_left_open() {
    let (base, _) = layout("import-open-quote");
    let nodes = write_file(&base, "people.csv", "id:ID,name\n1,Ann\n2,\"Bo\n3,Cy\n");
    let db = base.join("graph.quiver").display().to_string();
    let spec = format!("Person={nodes}");
    let run = run_in(&base, &["--db", &db, "import", "--nodes", &spec]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (
            Some(1),
            "",
            format!(
                "quiver: {nodes}:3:3: a quoted field opens here and is never closed (every line \
                 after it would be read as part of that field); nothing was imported\n"
            )
            .as_str()
        )
    );
    // From a pipe, which cannot be read twice: followed as it passes.
    let piped = "id:ID,name\n1,Ann\n2,Bo\n3,\"Cy\n";
    let run = quiver_with_stdin(&["--db", &db, "import", "--nodes", "P=/dev/stdin"], piped);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(1),
            "quiver: /dev/stdin:4:3: a quoted field opens here and is never closed (every line \
             after it would be read as part of that field); nothing was imported\n"
        )
    );
    let fine = "id:ID,name\n1,Ann\n2,\"Bo\nBob\"\n";
    let run = quiver_with_stdin(&["--db", &db, "import", "--nodes", "P=/dev/stdin"], fine);
    assert_eq!(
        (run.status, run.stdout.as_str()),
        (Some(0), "imported 2 nodes and 0 relationships\n")
    );
}
