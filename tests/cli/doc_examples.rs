//! The examples in README.md and docs/*.md, run with the real binary.
//!
//! The convention: a ```` ```console ```` block holds commands, each on a
//! line that starts with `$ quiver`, followed by what the command prints
//! (standard output and standard error, in the order written). A command
//! may continue on the next lines after a trailing `\`; its words are
//! split as a POSIX shell splits them (`'...'`, `"..."`, `\`); `> FILE`
//! sends its standard output to FILE; a trailing `# exit status N` says the
//! command exits with N (without it, 0). The commands of a block run one
//! after the other in a fresh directory holding a copy of `graphs/`,
//! `examples/` and `tests/fixtures/history/` (the made-up second source
//! of the README's walk through history), so `graphs/` is never changed
//! and the commands of a block can share a database file.
//!
//! A command whose output holds lines that start with the prompt
//! `quiver> ` is a REPL session: it runs in a pseudo-terminal, each prompt
//! line (and each `   ...> ` line that continues it) is typed, and the
//! lines after it must come back in that order (the tour in docs/repl.md).
//!
//! Times vary from run to run, so a number followed by `ms`, `µs` or `s`,
//! the value of `"elapsed_us"`, and an instant such as a commit's time
//! (`2026-12-02T17:55:49.540Z`) compare equal to any other; everything
//! else must match exactly. Other blocks (```` ```text ````, ```` ```sh ````)
//! are not run.

use super::util::{TempDir, temp_dir};
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Regex, Session};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The prompt of the REPL, and the prompt of a statement's next line.
const PROMPTS: [&str; 2] = ["quiver> ", "   ...> "];

/// One `$ quiver ...` command of a console block and what it prints.
#[derive(Debug)]
struct Example {
    /// Where it is written: `docs/repl.md:42`.
    place: String,
    /// The words after `quiver`.
    args: Vec<String>,
    /// Where its standard output goes instead of the transcript (`> FILE`).
    stdout_to: Option<String>,
    /// The exit status it must end with.
    status: i32,
    /// The lines it prints.
    output: Vec<String>,
}

/// The Markdown files whose examples are run.
fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ is readable")
        .map(|entry| entry.expect("a docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The console blocks of a Markdown text, as commands with their output.
fn examples(name: &str, text: &str) -> Vec<Vec<Example>> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        if line.trim_end() != "```console" {
            continue;
        }
        let mut block: Vec<Example> = Vec::new();
        let mut pending = String::new();
        for (index, line) in lines.by_ref() {
            if line.starts_with("```") {
                break;
            }
            let place = format!("{name}:{}", index + 1);
            if quote_open(&pending) {
                pending.push('\n');
                pending.push_str(line);
            } else if !pending.is_empty() {
                pending.push_str(line.trim_start());
            } else if let Some(command) = line.strip_prefix("$ ") {
                pending.push_str(command);
            } else {
                let last = block.last_mut();
                let last = last.unwrap_or_else(|| panic!("{place}: output before any `$ quiver`"));
                last.output.push(line.to_string());
                continue;
            }
            if let Some(rest) = pending.strip_suffix('\\') {
                pending = format!("{rest} ");
                continue;
            }
            if quote_open(&pending) {
                continue;
            }
            block.push(command(&place, &std::mem::take(&mut pending)));
        }
        blocks.push(block);
    }
    blocks
}

/// Whether a command line so far ends inside a quote, so that its next
/// line continues it (with the line break, as in a shell).
fn quote_open(line: &str) -> bool {
    let mut quote = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') | (Some('"'), '\\') => {
                chars.next();
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if q == c => quote = None,
            _ => {}
        }
    }
    quote.is_some()
}

/// A command line read as a shell reads it.
fn command(place: &str, line: &str) -> Example {
    let mut words = split_words(place, line);
    let mut status = 0;
    if let Some(hash) = words.iter().position(|w| w == "#") {
        let comment = words.split_off(hash)[1..].join(" ");
        let code = comment.strip_prefix("exit status ");
        let code = code.and_then(|c| c.parse().ok());
        status = code.unwrap_or_else(|| panic!("{place}: a comment other than `# exit status N`"));
    }
    let mut stdout_to = None;
    if let Some(arrow) = words.iter().position(|w| w == ">") {
        let file = words.get(arrow + 1).cloned();
        stdout_to = Some(file.unwrap_or_else(|| panic!("{place}: `>` without a file")));
        words.truncate(arrow);
    }
    assert_eq!(
        words.first().map(String::as_str),
        Some("quiver"),
        "{place}: a console example runs `quiver`"
    );
    Example {
        place: place.to_string(),
        args: words[1..].to_vec(),
        stdout_to,
        status,
        output: Vec::new(),
    }
}

/// Splits a command line into words: quotes and backslashes as in a POSIX
/// shell; an unquoted `#` or `>` is a word of its own.
fn split_words(place: &str, line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => words.extend(word.take()),
            '#' | '>' if word.is_none() => words.push(c.to_string()),
            '\'' => {
                let text = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => text.push(c),
                        None => panic!("{place}: a ' left open"),
                    }
                }
            }
            '"' => {
                let text = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => text.push(c),
                            Some(c) => text.extend(['\\', c]),
                            None => panic!("{place}: a \" left open"),
                        },
                        Some(c) => text.push(c),
                        None => panic!("{place}: a \" left open"),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// A fresh directory with a copy of `graphs/` and `examples/`.
fn workspace(name: &str) -> TempDir {
    let dir = temp_dir(name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["graphs", "examples", "tests/fixtures/history"] {
        copy_dir(&root.join(folder), &dir.join(folder));
    }
    dir
}

/// Copies the files of `from`, and its folders, into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder in the workspace");
    for entry in std::fs::read_dir(from).expect("a readable folder") {
        let path = entry.expect("a folder entry").path();
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a copied file");
        }
    }
}

/// The `quiver` program, run in `dir` with no colours and a fixed width.
fn quiver_in(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiver"));
    command
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("TERM", "xterm")
        .env("QUIVER_HISTORY", dir.join(".quiver_history"));
    command
}

/// Text with every time written as `<time>`.
fn without_times(text: &str) -> String {
    let times = regex::Regex::new(r"\b[0-9]+(\.[0-9]+)? ?(ms|µs|s)\b").expect("a valid regex");
    let elapsed = regex::Regex::new(r#""elapsed_us":[0-9]+"#).expect("a valid regex");
    let instants =
        regex::Regex::new(r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z")
            .expect("a valid regex");
    let text = instants.replace_all(text, "<instant>");
    let text = times.replace_all(&text, "<time>");
    elapsed
        .replace_all(&text, r#""elapsed_us":<time>"#)
        .into_owned()
}

/// Runs a script example; what differs from the document, if anything.
fn run_script(dir: &Path, example: &Example) -> Result<(), String> {
    let (mut reader, writer) = std::io::pipe().expect("a pipe");
    let mut command = quiver_in(dir);
    command.args(&example.args).stdin(Stdio::null());
    match &example.stdout_to {
        Some(file) => {
            let file = std::fs::File::create(dir.join(file)).expect("the output file");
            command.stdout(file);
        }
        None => {
            command.stdout(writer.try_clone().expect("a pipe"));
        }
    }
    command.stderr(writer);
    let mut child = command.spawn().expect("quiver runs");
    drop(command);
    let mut printed = String::new();
    reader
        .read_to_string(&mut printed)
        .expect("quiver prints UTF-8");
    let status = child.wait().expect("quiver finishes").code();
    let expected: String = example.output.iter().map(|l| format!("{l}\n")).collect();
    if without_times(&printed) != without_times(&expected) {
        return Err(format!(
            "printed, instead of what the document shows:\n{printed}(exit status {status:?})"
        ));
    }
    if status != Some(example.status) {
        return Err(format!("exited with {status:?}, not {}", example.status));
    }
    Ok(())
}

/// A pattern for lines of REPL output as a terminal shows them.
fn lines_pattern(lines: &[String]) -> String {
    let mut pattern = String::new();
    for line in lines {
        let escaped = regex::escape(&without_times(line));
        let escaped = escaped.replace("<instant>", "[0-9]{4}-[0-9-]{5}T[0-9:]{8}(?:\\.[0-9]+)?Z");
        pattern.push_str(&escaped.replace("<time>", "[0-9.]+ ?(?:ms|µs|s)"));
        pattern.push_str(r"\r\n");
    }
    pattern
}

/// Runs a REPL example in a pseudo-terminal: types each prompt line and
/// waits for the lines after it; the first that do not come, if any.
fn run_repl(dir: &Path, example: &Example) -> Result<(), String> {
    let mut command = quiver_in(dir);
    command.args(&example.args);
    let mut session = Session::spawn(command).expect("quiver runs in a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    let mut expected: Vec<String> = Vec::new();
    let wait_for = |session: &mut OsSession, lines: &mut Vec<String>| {
        if lines.is_empty() {
            return Ok(());
        }
        let pattern = lines_pattern(lines);
        let found = session.expect(Regex(pattern.as_str()));
        let lines = std::mem::take(lines).join("\n");
        found
            .map(|_| ())
            .map_err(|e| format!("did not print\n{lines}\n({e})"))
    };
    for line in &example.output {
        let typed = PROMPTS
            .iter()
            .find_map(|p| line.strip_prefix(p).map(|t| (p, t)));
        match typed {
            Some((prompt, text)) => {
                wait_for(&mut session, &mut expected)?;
                session
                    .expect(*prompt)
                    .map_err(|e| format!("no prompt ({e})"))?;
                session.send_line(text).expect("the REPL reads a line");
            }
            None => expected.push(line.clone()),
        }
    }
    wait_for(&mut session, &mut expected)?;
    session
        .expect(Eof)
        .map_err(|e| format!("did not end ({e})"))?;
    match session.get_process().wait().expect("quiver finishes") {
        WaitStatus::Exited(_, status) if status == example.status => Ok(()),
        other => Err(format!("ended with {other:?}, not {}", example.status)),
    }
}

#[test]
fn every_console_example_prints_what_it_shows() {
    let mut count = 0;
    let mut failures = Vec::new();
    for document in documents() {
        let text = std::fs::read_to_string(&document).expect("a readable document");
        let name = document.file_name().expect("a file name").to_string_lossy();
        let name = if name == "README.md" {
            name.into_owned()
        } else {
            format!("docs/{name}")
        };
        for (number, block) in examples(&name, &text).into_iter().enumerate() {
            let stem = name.trim_end_matches(".md").replace('/', "-");
            let dir = workspace(&format!("doc-{stem}-{number}"));
            for example in &block {
                let repl = example.output.iter().any(|l| l.starts_with(PROMPTS[0]));
                let run = if repl {
                    run_repl(&dir, example)
                } else {
                    run_script(&dir, example)
                };
                if let Err(e) = run {
                    let args = example.args.join(" ");
                    failures.push(format!("{}: `quiver {args}` {e}", example.place));
                }
                count += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(count >= 20, "only {count} console examples were found");
}

#[test]
fn commands_split_as_a_shell_splits_them() {
    let example = command(
        "here",
        r#"quiver -e "RETURN 'a b' AS \"x\"" --format 'json' > out.json  # exit status 1"#,
    );
    assert_eq!(
        example.args,
        ["-e", "RETURN 'a b' AS \"x\"", "--format", "json"]
    );
    assert_eq!(example.stdout_to.as_deref(), Some("out.json"));
    assert_eq!(example.status, 1);
}

#[test]
fn times_compare_equal_and_nothing_else_does() {
    assert_eq!(
        without_times("2 rows, 0.3 ms [rows 4, 12 µs] took 1.5s {\"elapsed_us\":917}"),
        "2 rows, <time> [rows 4, <time>] took <time> {\"elapsed_us\":<time>}"
    );
    assert_eq!(
        without_times("│ 2026-12-02T17:55:49.540Z │ 2026-01-01T00:00:00Z 2026-01-01"),
        "│ <instant> │ <instant> 2026-01-01"
    );
    assert_eq!(without_times("'5 seconds' 27 ms2"), "'5 seconds' 27 ms2");
}

#[test]
fn a_block_reads_continued_lines_and_output() {
    let text = "```console\n$ quiver -e \"RETURN 1\n  AS one\" \\\n    --format csv\none\n1\n$ quiver -e 'RETURN x'  # exit status 1\nerror\n```\n";
    let blocks = examples("doc.md", text);
    let [block] = &blocks[..] else {
        panic!("one block: {blocks:?}")
    };
    assert_eq!(
        block[0].args,
        ["-e", "RETURN 1\n  AS one", "--format", "csv"]
    );
    assert_eq!(block[0].output, ["one", "1"]);
    assert_eq!(block[1].place, "doc.md:7");
    assert_eq!(
        (block[1].status, &block[1].output[..]),
        (1, &["error".to_string()][..])
    );
}

/// The anchor GitHub gives a heading: lower case, spaces as `-`, and
/// nothing but letters, digits, `-` and `_` kept.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn every_link_between_the_documents_leads_somewhere() {
    let link = regex::Regex::new(r"\]\(([^)#\s]*)(?:#([^)\s]+))?\)").expect("a valid regex");
    let mut broken = Vec::new();
    for document in documents() {
        let text = std::fs::read_to_string(&document).expect("a readable document");
        for found in link.captures_iter(&text) {
            let path = found.get(1).map_or("", |m| m.as_str());
            if path.starts_with("http") {
                continue;
            }
            let folder = document.parent().expect("a folder");
            let target = if path.is_empty() {
                document.clone()
            } else {
                folder.join(path)
            };
            let Some(fragment) = found.get(2) else {
                if !target.exists() {
                    broken.push(format!("{}: {path}", document.display()));
                }
                continue;
            };
            let headings = std::fs::read_to_string(&target).unwrap_or_default();
            let known = headings
                .lines()
                .filter_map(|l| l.strip_prefix('#'))
                .any(|h| anchor(h.trim_start_matches('#')) == fragment.as_str());
            if !known {
                broken.push(format!(
                    "{}: {path}#{}",
                    document.display(),
                    fragment.as_str()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links that lead nowhere:\n{}",
        broken.join("\n")
    );
}
