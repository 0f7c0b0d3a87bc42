//! Running the `quiver` binary and reading what it printed.

use serde_json::Value as Json;
use std::io::Write;
use std::path::Path;
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

/// Fails the test, saying what to install, unless Graphviz's `dot` runs
/// here: a test that needs it must not pass without it.
pub fn require_graphviz() {
    let runs = Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        runs,
        "Graphviz's `dot` is not on PATH: install graphviz (Debian: apt-get install graphviz), \
         or run scripts/test, which does"
    );
}

/// Fails the test, saying what to install, unless `python3` on PATH
/// imports networkx.
pub fn require_networkx() {
    let python = Command::new("python3")
        .args(["-c", "import networkx"])
        .output();
    let missing = match python {
        Err(e) => format!("python3 is not on PATH ({e}): install python3 and networkx"),
        Ok(o) if o.status.success() => return,
        Ok(_) => "python3 on PATH cannot import networkx: install networkx".to_string(),
    };
    panic!(
        "{missing} (pip install networkx; Debian: apt-get install python3-networkx), or run \
         scripts/test, which installs it in target/test-venv and puts that first on PATH"
    );
}

/// A fresh, empty directory for one test, under the system's temporary
/// directory with a unique name that contains `name`, its path canonical
/// (no symbolic link in it); removed when dropped (kept, and named on
/// stderr, when the test failed).
pub fn temp_dir(name: &str) -> TempDir {
    let system = std::env::temp_dir();
    let dir = tempfile::Builder::new()
        .prefix(&format!("quiver-test-{name}-"))
        .tempdir_in(system.canonicalize().unwrap_or(system))
        .expect("a temporary directory");
    TempDir(dir)
}

/// See [`temp_dir`]; it reads as the [`Path`] of the directory.
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    /// `DIR/name` as a string (the file need not exist).
    pub fn file(&self, name: &str) -> String {
        self.join(name).to_str().expect("a UTF-8 path").to_string()
    }

    /// Writes `text` to `DIR/name` and returns its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        write_file(self, name, text)
    }
}

impl std::ops::Deref for TempDir {
    type Target = Path;

    fn deref(&self) -> &Path {
        self.0.path()
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.disable_cleanup(true);
            eprintln!("kept for inspection: {}", self.0.path().display());
        }
    }
}

/// Writes `text` to `dir/name` and returns the path as a string.
pub fn write_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("a temporary file");
    path.to_str().expect("a UTF-8 path").to_string()
}

/// Waits for the REPL in `session` to end (after `:quit` or Ctrl-D) and
/// checks that it exited with status 0.
pub fn expect_clean_exit(session: &mut expectrl::session::OsSession) {
    use expectrl::Expect;
    session.expect(expectrl::Eof).unwrap();
    match session.get_process().wait().unwrap() {
        expectrl::process::unix::WaitStatus::Exited(_, status) => assert_eq!(status, 0),
        other => panic!("quiver did not exit normally: {other:?}"),
    }
}

/// The REPL with `args`, in a pseudo-terminal (`TERM=xterm`), its history
/// in `dir`, waiting 30 s at most for each expected text; returned at its
/// first prompt.
pub fn spawn_repl(dir: &Path, args: &[&str]) -> expectrl::session::OsSession {
    use expectrl::Expect;
    let mut cmd = command();
    cmd.args(args)
        .env("QUIVER_HISTORY", dir.join("history"))
        .env("TERM", "xterm");
    let mut repl = expectrl::Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
    repl.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    repl.expect("quiver> ").unwrap();
    repl
}

/// A JSON Lines export without its history: the commit lines left out and
/// each entity's `sources` removed (an import is a commit of its own, so a
/// copy's history differs).
pub fn without_history(jsonl: &str) -> String {
    let mut out = String::new();
    for mut object in json_lines(jsonl) {
        if object["~"] == "commit" {
            continue;
        }
        if let Some(map) = object.as_object_mut() {
            map.remove("sources");
        }
        out.push_str(&object.to_string());
        out.push('\n');
    }
    out
}
