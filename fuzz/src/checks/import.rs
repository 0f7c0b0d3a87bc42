//! Target `import`: arbitrary bytes as CSV files, imported the way
//! `quiver import` imports them (`cli::import::run_import`, from the same
//! command-line words) and read by `LOAD CSV`. Never a panic; an import or
//! a statement that fails changes nothing; one that succeeds adds what it
//! says it added.
//!
//! The input: a first byte of options (its bits: the delimiter, two bits;
//! labels for the node file; integer ids; skip bad rows; `|` between array
//! items; an empty database instead of the small graph with `--append`),
//! then the node file, then (after a NUL byte, if there is one) the
//! relationship file.

use super::execute::small_graph;
use super::snapshot::Snapshot;
use super::temp::TempFile;
use clap::Parser;
use quiverdb::fuzzing::{ImportArgs, run_import};
use quiverdb::{Database, Params, Value};
use regex::Regex;
use std::sync::LazyLock;

/// Longer inputs are not tried.
const MAX_INPUT: usize = 1 << 16;

/// `quiver import`'s options, read as the command line reads them.
#[derive(Parser)]
struct Import {
    #[command(flatten)]
    args: ImportArgs,
}

pub fn import(data: &[u8]) {
    let Some((&options, files)) = data.split_first() else {
        return;
    };
    if data.len() > MAX_INPUT {
        return;
    }
    let (nodes, rels) = match files.iter().position(|&b| b == 0) {
        Some(at) => (&files[..at], Some(&files[at + 1..])),
        None => (files, None),
    };
    let delimiter = [",", ";", "tab", "|"][usize::from(options & 3)];
    let node_file = TempFile::with("nodes.csv", nodes);
    let rel_file = rels.map(|r| TempFile::with("rels.csv", r));
    let mut words = vec!["import".to_string(), "--delimiter".into(), delimiter.into()];
    let node_spec = node_file.path().display().to_string();
    words.push("--nodes".into());
    words.push(match options & 4 {
        0 => node_spec,
        _ => format!("Fuzz:Person={node_spec}"),
    });
    if let Some(rel_file) = &rel_file {
        words.push("--relationships".into());
        words.push(rel_file.path().display().to_string());
    }
    if options & 8 != 0 {
        words.extend(["--id-type".into(), "integer".into()]);
    }
    if options & 16 != 0 {
        words.push("--skip-bad-rows".into());
    }
    if options & 32 != 0 {
        words.extend(["--array-delimiter".into(), "|".into()]);
    }
    // Into an empty database, or (with --append) into the small graph.
    let into_empty = options & 64 != 0;
    if !into_empty {
        words.push("--append".into());
    }
    let args = match Import::try_parse_from(&words) {
        Ok(import) => import.args,
        Err(e) => panic!("the import command line {words:?} is refused: {e}"),
    };
    let mut db = if into_empty {
        Database::in_memory()
    } else {
        small_graph()
    };
    imported(&mut db, &args);
    load_csv(&mut db, node_file.path(), delimiter);
}

/// `quiver import`: all or nothing, and it says what it added.
fn imported(db: &mut Database, args: &ImportArgs) {
    static SUMMARY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^imported (\d+) nodes? and (\d+) relationships?").unwrap());
    let before = Snapshot::of(db);
    let outcome = run_import(db, args);
    let after = Snapshot::of(db);
    match &outcome {
        Ok(summary) => {
            let Some(counts) = SUMMARY.captures(summary) else {
                panic!("an import's summary is {summary:?}");
            };
            let said = (counts[1].parse::<i64>(), counts[2].parse::<i64>());
            let (n0, r0) = before.counts();
            let (n1, r1) = after.counts();
            assert!(
                said == (Ok(n1 - n0), Ok(r1 - r0)),
                "an import says {summary:?} but added {} nodes and {} relationships",
                n1 - n0,
                r1 - r0
            );
        }
        Err(e) => before.assert_same(
            &after,
            &format!("a failed import ({e:?}) changed the graph"),
        ),
    }
    if db.in_transaction() {
        panic!("an import left its transaction open ({outcome:?})");
    }
}

/// `LOAD CSV` of the node file, with and without headers.
fn load_csv(db: &mut Database, path: &std::path::Path, delimiter: &str) {
    let terminator = match delimiter {
        "tab" => "\\t",
        d => d,
    };
    let url = format!("file://{}", path.display());
    let params = Params::from([("url".to_string(), Value::string(url))]);
    for query in [
        format!("LOAD CSV FROM $url AS row FIELDTERMINATOR '{terminator}' RETURN row"),
        format!(
            "LOAD CSV WITH HEADERS FROM $url AS row FIELDTERMINATOR '{terminator}' \
             CREATE (n:Row) SET n = row RETURN n"
        ),
    ] {
        let before = Snapshot::of(db);
        let outcome = db.execute(&query, &params);
        let after = Snapshot::of(db);
        match outcome {
            Ok(result) => {
                let created = result.stats.nodes_created as i64;
                assert_eq!(
                    after.counts().0 - before.counts().0,
                    created,
                    "{query} counts {created} nodes created"
                );
            }
            Err(e) => {
                before.assert_same(&after, &format!("failed {query} ({e}) changed the graph"))
            }
        }
    }
}
