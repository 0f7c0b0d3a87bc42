//! A program that embeds quiver and commits through it, one statement at
//! a time: the engine `quiver-embedded` of the write benchmark
//! (`benches/writes.py`). `cargo build --release --example commits`, then
//! `target/release/examples/commits FILE` reads commands on its standard
//! input, one a line, and answers `ok` (or `error: MESSAGE`) once each is
//! done:
//!
//! - `create FROM TO`: `CREATE (:Event {i: $i})` for each i in FROM..TO;
//! - `merge FROM TO N`: `MATCH (a:Event {i: $a}), (b:Event {i: $b})
//!   MERGE (a)-[:NEXT]->(b)` for each a in FROM..TO, b = (a + 1) % N;
//! - `index`: `CREATE INDEX FOR (e:Event) ON (e.i)`;
//! - `begin`, `commit`;
//! - `group`: group commit from now on (`Database::set_group_commit`).
//!
//! Outside `begin` ... `commit` each statement is its own transaction,
//! durable before `execute` returns and the next one starts; with `group`,
//! the statements of one command are durable once `Database::sync`, called
//! before the answer, has flushed them all at once.

use quiverdb::{Database, Params, Value};
use std::io::{BufRead, Write};

const CREATE: &str = "CREATE (:Event {i: $i})";
const MERGE: &str = "MATCH (a:Event {i: $a}), (b:Event {i: $b}) MERGE (a)-[:NEXT]->(b)";

fn main() {
    let Some(file) = std::env::args_os().nth(1) else {
        eprintln!("usage: commits FILE  (commands on standard input)");
        std::process::exit(2);
    };
    let mut db = match Database::open(file.as_ref()) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("commits: {}", e.message);
            std::process::exit(1);
        }
    };
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let answer = match run(&mut db, &line) {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("error: {e}"),
        };
        let mut out = stdout.lock();
        if writeln!(out, "{answer}")
            .and_then(|()| out.flush())
            .is_err()
        {
            break;
        }
    }
}

fn run(db: &mut Database, line: &str) -> Result<(), String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |at: usize| -> Result<i64, String> {
        let word = words.get(at).ok_or("a number is missing")?;
        word.parse().map_err(|_| format!("not a number: {word}"))
    };
    let failed = |e: quiverdb::Error| e.message;
    match words.first().copied() {
        Some("create") => {
            for i in number(1)?..number(2)? {
                let params = Params::from([("i".to_string(), Value::Int(i))]);
                db.execute(CREATE, &params).map_err(failed)?;
            }
        }
        Some("merge") => {
            let n = number(3)?.max(1);
            for a in number(1)?..number(2)? {
                let params = Params::from([
                    ("a".to_string(), Value::Int(a)),
                    ("b".to_string(), Value::Int((a + 1) % n)),
                ]);
                db.execute(MERGE, &params).map_err(failed)?;
            }
        }
        Some("group") => db.set_group_commit(true).map_err(failed)?,
        Some("begin") => db.begin().map_err(failed)?,
        Some("commit") => db.commit().map_err(failed)?,
        Some("index") => {
            db.execute("CREATE INDEX FOR (e:Event) ON (e.i)", &Params::new())
                .map_err(failed)?;
        }
        other => return Err(format!("unknown command {other:?}")),
    }
    // Nothing is answered before it is durable.
    db.sync().map_err(failed)
}
