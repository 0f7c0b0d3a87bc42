//! The openCypher TCK, run in-process against `quiverdb::Database`.
//!
//! `cargo test --test tests tck` parses every feature under
//! `tests/tck/features`, runs each scenario (each Examples row of an
//! outline too) in a fresh in-memory database, prints passed/total per
//! folder, and fails if a scenario listed in `tests/tck/passing.txt` no
//! longer passes. Environment:
//!
//! - `QUIVER_TCK_UPDATE=1` rewrites `passing.txt` and `docs/conformance.md`.
//! - `QUIVER_TCK_FILTER=<substring>` runs only the scenarios whose id
//!   contains it, and prints the query, expected and actual rows of each
//!   failure.
//! - `QUIVER_TCK_TIMEOUT=<seconds>` changes the limit per scenario (10).
//!
//! `scripts/tck-report [FILTER]` wraps both modes. Scenarios tagged
//! `@ignore` in the TCK are skipped. Test procedures (`there exists a
//! procedure ...`) are registered with `Database::register_procedure`.

mod compare;
mod gherkin;
mod pool;
mod report;
mod runner;
mod value;

use gherkin::Scenario;
use report::Ran;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Scenarios run on this many threads at once (the machine has 2 cores).
const WORKERS: usize = 2;

fn tck_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tck")
}

/// Every `.feature` file under `dir`, sorted, as paths relative to `root`.
fn feature_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            feature_files(root, &path, out)?;
        } else if path.extension().is_some_and(|x| x == "feature") {
            out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
        }
    }
    Ok(())
}

/// Every scenario of the vendored TCK, in file order.
fn load_scenarios() -> Result<Vec<Scenario>, String> {
    let root = tck_dir().join("features");
    let mut files = Vec::new();
    feature_files(&root, &root, &mut files).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut scenarios = Vec::new();
    for file in files {
        let name = file.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(root.join(&file)).map_err(|e| format!("{name}: {e}"))?;
        scenarios.extend(gherkin::parse_feature(&name, &text)?);
    }
    Ok(scenarios)
}

/// Writes to the real stderr, which `cargo test` does not capture, so the
/// table shows on every run.
fn say(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[test]
fn tck() {
    let scenarios = load_scenarios().unwrap_or_else(|e| panic!("cannot read the TCK: {e}"));
    let filter = std::env::var("QUIVER_TCK_FILTER")
        .ok()
        .filter(|f| !f.is_empty());
    let update = std::env::var("QUIVER_TCK_UPDATE").is_ok_and(|v| v == "1");
    let timeout = std::env::var("QUIVER_TCK_TIMEOUT")
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        .map_or(Duration::from_secs(10), Duration::from_secs_f64);

    let mut ids = std::collections::BTreeSet::new();
    let duplicates: Vec<String> = scenarios
        .iter()
        .map(Scenario::id)
        .filter(|id| !ids.insert(id.clone()))
        .collect();
    assert!(
        duplicates.is_empty(),
        "scenario ids must be unique: {duplicates:?}"
    );

    let selected = scenarios
        .into_iter()
        .filter(|s| filter.as_ref().is_none_or(|f| s.id().contains(f.as_str())));
    let (skipped, to_run): (Vec<Scenario>, Vec<Scenario>) =
        selected.partition(|s| s.tags.iter().any(|t| t == "@ignore"));
    let skipped: Vec<String> = skipped.iter().map(Scenario::id).collect();
    let info: Vec<(String, String, String)> = to_run
        .iter()
        .map(|s| {
            let location = format!("tests/tck/features/{}:{}", s.file, s.line);
            (s.id(), s.folder().to_string(), location)
        })
        .collect();
    let outcomes = pool::run_all(to_run, tck_dir().join("graphs"), WORKERS, timeout);
    let ran: Vec<Ran> = info
        .into_iter()
        .zip(outcomes)
        .map(|((id, folder, location), outcome)| Ran {
            id,
            folder,
            location,
            outcome,
        })
        .collect();

    if filter.is_some() {
        for r in &ran {
            if let Err(f) = &r.outcome {
                say(&format!(
                    "\nFAILED {} ({})\n  {}\n",
                    r.id, r.location, f.reason
                ));
                for line in f.detail.lines() {
                    say(&format!("    {line}\n"));
                }
            }
        }
    }
    say(&format!("\nopenCypher TCK\n{}", report::text_table(&ran)));
    if !skipped.is_empty() {
        say(&format!("skipped (@ignore): {}\n", skipped.len()));
    }

    let passing_path = tck_dir().join("passing.txt");
    let recorded =
        report::parse_passing(&std::fs::read_to_string(&passing_path).unwrap_or_default());
    let regressions: Vec<String> = ran
        .iter()
        .filter_map(|r| match &r.outcome {
            Err(f) if recorded.contains(&r.id) => Some(format!("{}: {}", r.id, f.reason)),
            _ => None,
        })
        .collect();
    let newly = ran
        .iter()
        .filter(|r| r.outcome.is_ok() && !recorded.contains(&r.id))
        .count();

    if update && filter.is_none() {
        std::fs::write(&passing_path, report::passing_text(&ran))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", passing_path.display()));
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        std::fs::create_dir_all(&docs).unwrap_or_else(|e| panic!("cannot create docs/: {e}"));
        std::fs::write(
            docs.join("conformance.md"),
            report::conformance_markdown(&ran, &skipped),
        )
        .unwrap_or_else(|e| panic!("cannot write docs/conformance.md: {e}"));
        say("recorded tests/tck/passing.txt and docs/conformance.md\n");
    } else {
        if update {
            say("QUIVER_TCK_UPDATE is ignored when QUIVER_TCK_FILTER is set\n");
        }
        if newly > 0 {
            say(&format!(
                "newly passing: {newly}; run with QUIVER_TCK_UPDATE=1 to record them\n"
            ));
        }
        if filter.is_none() {
            let known: std::collections::BTreeSet<&str> =
                ran.iter().map(|r| r.id.as_str()).collect();
            let stale = recorded
                .iter()
                .filter(|id| !known.contains(id.as_str()))
                .count();
            if stale > 0 {
                say(&format!(
                    "{stale} ids in passing.txt name no scenario that ran; run with QUIVER_TCK_UPDATE=1\n"
                ));
            }
        }
    }
    assert!(
        regressions.is_empty(),
        "{} scenarios listed in tests/tck/passing.txt no longer pass:\n{}",
        regressions.len(),
        regressions.join("\n")
    );
}

/// Every expected cell and parameter of the vendored TCK parses, so a
/// failure is never the harness's notation gap.
#[test]
fn tck_cells_parse() {
    let scenarios = load_scenarios().unwrap_or_else(|e| panic!("cannot read the TCK: {e}"));
    let mut bad = Vec::new();
    for s in &scenarios {
        for step in &s.steps {
            let cells: Vec<&String> = if step.text.starts_with("the result should be") {
                step.table.iter().skip(1).flatten().collect()
            } else if step.text == "parameters are:" {
                step.table.iter().filter_map(|row| row.get(1)).collect()
            } else {
                continue;
            };
            for cell in cells {
                if let Err(e) = value::parse_value(cell) {
                    bad.push(format!("{} line {}: {e}", s.id(), step.line));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} cells do not parse:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
