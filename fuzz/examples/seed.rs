//! Writes the seed corpora of the fuzz targets: `scripts/fuzz-seed` runs
//! `cargo run --manifest-path fuzz/Cargo.toml --example seed -- OUT`.
//!
//! - `OUT/parse`, `OUT/roundtrip`: each query of the TCK's features (the
//!   vendored ones and tests/tck/quiver), outlines expanded row by row;
//! - `OUT/execute`: each scenario's setup and query as one script;
//! - `OUT/open`: database files quiver wrote, raw and as table entries;
//! - `OUT/import`: the import fixtures and small node/relationship pairs.
//!
//! A file's name is a hash of its bytes, as libFuzzer names its own.

#[path = "../../tests/tck/gherkin.rs"]
#[allow(dead_code)]
mod gherkin;

use quiverdb::{Database, Params};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// Where the repository is, from this file's place in it.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: seed OUT_DIR");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    let mut counts = Vec::new();
    let (queries, scripts) = tck_queries();
    for target in ["parse", "roundtrip"] {
        counts.push((target, write_all(&out.join(target), &queries)));
    }
    counts.push(("execute", write_all(&out.join("execute"), &scripts)));
    counts.push(("open", write_all(&out.join("open"), &databases())));
    counts.push(("import", write_all(&out.join("import"), &csv_files())));
    for (target, n) in counts {
        println!("{n:6} seeds in {}", out.join(target).display());
    }
}

fn write_all(dir: &Path, inputs: &[Vec<u8>]) -> usize {
    if let Err(e) = std::fs::create_dir_all(dir) {
        fail(&format!("cannot make {}: {e}", dir.display()));
    }
    for input in inputs {
        let mut h = DefaultHasher::new();
        input.hash(&mut h);
        let path = dir.join(format!("seed-{:016x}", h.finish()));
        if let Err(e) = std::fs::write(&path, input) {
            fail(&format!("cannot write {}: {e}", path.display()));
        }
    }
    inputs.len()
}

fn fail(message: &str) -> ! {
    eprintln!("seed: {message}");
    std::process::exit(1);
}

/// Every query (one per input), and every scenario's statements as one
/// script of at most 1 KiB (the `execute` target's limit).
fn tck_queries() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut files = Vec::new();
    for dir in ["tests/tck/features", "tests/tck/quiver"] {
        feature_files(&repo().join(dir), &mut files);
    }
    files.sort();
    let (mut queries, mut scripts) = (Vec::new(), Vec::new());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let name = file.display().to_string();
        let scenarios = gherkin::parse_feature(&name, &text)
            .unwrap_or_else(|e| fail(&format!("cannot read {name}: {e}")));
        for scenario in scenarios {
            let docs: Vec<&str> = scenario
                .steps
                .iter()
                .filter(|s| {
                    s.text.starts_with("executing") || s.text.starts_with("having executed")
                })
                .filter_map(|s| s.doc.as_deref())
                .collect();
            queries.extend(docs.iter().map(|d| d.as_bytes().to_vec()));
            let script = docs.join(";\n");
            if script.len() <= 1024 {
                scripts.push(script.into_bytes());
            }
        }
    }
    queries.sort();
    queries.dedup();
    scripts.sort();
    scripts.dedup();
    (queries, scripts)
}

fn feature_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        fail(&format!("cannot read {}", dir.display()));
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            feature_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "feature") {
            out.push(path);
        }
    }
}

/// Small databases written by quiver, each as raw file bytes and as the
/// table entries the `open` target writes itself.
fn databases() -> Vec<Vec<u8>> {
    let scripts: [&[&str]; 4] = [
        &[],
        &["CREATE (:A {x: 1})"],
        &[
            "CREATE INDEX FOR (n:Person) ON (n.name)",
            "CREATE CONSTRAINT u FOR (n:City) REQUIRE n.name IS UNIQUE",
            "CREATE (a:Person {name: 'Ann', tags: ['x'], f: 1.5, b: true}), \
             (c:City {name: 'Oslo'}), (a)-[:LIVES_IN {since: 2020}]->(c), (c)-[:SELF]->(c)",
        ],
        &[
            "UNWIND range(1, 300) AS i CREATE (:N {i: i})",
            "MATCH (a:N), (b:N) WHERE b.i = a.i + 1 CREATE (a)-[:NEXT]->(b)",
            "MATCH (n:N) WHERE n.i % 3 = 0 DETACH DELETE n",
            "MATCH (n:N) WHERE n.i % 5 = 0 SET n:Five REMOVE n.i",
        ],
    ];
    let dir = std::env::temp_dir().join(format!("quiver-seed-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut seeds = Vec::new();
    for (i, statements) in scripts.iter().enumerate() {
        let path = dir.join(format!("{i}.quiver"));
        let mut db = Database::open(&path).unwrap_or_else(|e| fail(&e.to_string()));
        for statement in *statements {
            if let Err(e) = db.execute(statement, &Params::new()) {
                fail(&format!("{statement}: {e}"));
            }
        }
        drop(db);
        let raw = std::fs::read(&path).unwrap_or_else(|e| fail(&e.to_string()));
        seeds.push([&[0u8][..], &raw].concat());
        let entries = quiverdb_fuzz::database_entries(&path)
            .unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", path.display())));
        seeds.push([&[1u8][..], &entries].concat());
    }
    let _ = std::fs::remove_dir_all(&dir);
    seeds
}

/// The import fixtures as node files, and small node/relationship pairs,
/// under several option bytes (see `checks/import.rs`).
fn csv_files() -> Vec<Vec<u8>> {
    let mut pairs: Vec<(Vec<u8>, Option<&[u8]>)> = Vec::new();
    let fixtures = repo().join("tests/fixtures/import");
    if let Ok(entries) = std::fs::read_dir(&fixtures) {
        for entry in entries.flatten() {
            if let Ok(bytes) = std::fs::read(entry.path()) {
                pairs.push((bytes, None));
            }
        }
    }
    let nodes: &[u8] = b"id:ID,name,age:int,tags:string[],:LABEL\n\
        1,Ann,30,a;b,Person\n2,\"Bob, Jr\",,x,Person;Admin\n3,Oslo,,,City\n";
    let rels: &[u8] = b":START_ID,:END_ID,:TYPE,since:long,w:float,ok:boolean\n\
        1,2,KNOWS,2010,1.5,true\n2,3,LIVES_IN,,,false\n3,3,SELF,,,\n";
    pairs.push((nodes.to_vec(), Some(rels)));
    pairs.push((
        b"person:ID(P),name\n1,a\n2,b\n".to_vec(),
        Some(b":START_ID(P),:END_ID(P),:TYPE\n1,2,R\n"),
    ));
    let mut seeds = Vec::new();
    for (nodes, rels) in pairs {
        for options in [0u8, 8, 16] {
            let mut input = vec![options];
            input.extend_from_slice(&nodes);
            if let Some(rels) = rels {
                input.push(0);
                input.extend_from_slice(rels);
            }
            seeds.push(input);
        }
    }
    seeds
}
