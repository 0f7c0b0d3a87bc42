//! Running the `quiver` binary and reading what it printed.

use serde_json::Value as Json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The bundled knowledge graph, relative to the repository root.
pub const GRAPH: &str = "graphs/microsoft-openai.cypher";

/// What a run of `quiver` did.
#[derive(Debug)]
pub struct Run {
    /// The exit status (`None` when killed by a signal).
    pub status: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// The `quiver` program, run from the repository root.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiver"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `quiver ARGS` with `stdin` as standard input.
pub fn quiver_with_stdin(args: &[&str], stdin: &str) -> Run {
    let mut child = command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the quiver binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    input
        .write_all(stdin.as_bytes())
        .expect("quiver reads its input");
    drop(input);
    let output = child.wait_with_output().expect("quiver finishes");
    Run {
        status: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `quiver ARGS` with an empty standard input.
pub fn quiver(args: &[&str]) -> Run {
    quiver_with_stdin(args, "")
}

/// Runs `quiver --load GRAPH --format json ARGS`.
pub fn on_graph_json(args: &[&str]) -> Run {
    let mut all = vec!["--load", GRAPH, "--format", "json"];
    all.extend_from_slice(args);
    quiver(&all)
}

/// The JSON objects of JSON Lines output.
pub fn json_lines(stdout: &str) -> Vec<Json> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// The `columns` and `rows` of a success object, without `stats` and
/// `elapsed_us` (which varies).
pub fn columns_and_rows(object: &Json) -> (Json, Json) {
    assert!(
        object.get("error").is_none(),
        "expected a result, got {object}"
    );
    (object["columns"].clone(), object["rows"].clone())
}

/// A fresh, empty directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// Writes `text` to `dir/name` and returns the path as a string.
pub fn write_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("a temporary file");
    path.to_str().expect("a UTF-8 path").to_string()
}
