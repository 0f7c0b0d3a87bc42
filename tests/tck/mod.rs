//! The openCypher TCK, run in-process against `quiverdb::Database`.
//!
//! `cargo test --test tests tck` parses every feature under
//! `tests/tck/features` (the vendored TCK subset) and under
//! `tests/tck/quiver` (quiver's own scenarios in the TCK format), runs each
//! scenario (each Examples row of an outline too) in a fresh in-memory
//! database, prints passed/total per folder for each of the two suites,
//! and fails if a scenario listed in the suite's record
//! (`tests/tck/passing.txt`, `tests/tck/quiver-passing.txt`) no longer
//! passes. Environment:
//!
//! - `QUIVER_TCK_UPDATE=1` rewrites both records and `docs/conformance.md`.
//! - `QUIVER_TCK_FILTER=<substring>` runs only the scenarios whose id
//!   contains it (ids of quiver's own scenarios start with `quiver/`), and
//!   prints the query, expected and actual rows of each failure.
//! - `QUIVER_TCK_TIMEOUT=<seconds>` changes the limit per scenario (10).
//!
//! `scripts/tck-report [FILTER]` wraps both modes. Scenarios tagged
//! `@ignore` are skipped. Test procedures (`there exists a procedure ...`)
//! are registered with `Database::register_procedure`.

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

/// A tree of feature files run and recorded together.
struct Suite {
    /// The title of its table.
    title: &'static str,
    /// Its folder under `tests/tck`.
    dir: &'static str,
    /// Prepended to the ids (and folders) of its scenarios.
    id_prefix: &'static str,
    /// Its record of passing scenarios, under `tests/tck`.
    passing: &'static str,
}

/// The vendored subset of the openCypher TCK: the headline figure.
const VENDORED: Suite = Suite {
    title: "openCypher TCK",
    dir: "features",
    id_prefix: "",
    passing: "passing.txt",
};

/// quiver's own scenarios in the TCK format, reported apart.
const QUIVER: Suite = Suite {
    title: "quiver scenarios",
    dir: "quiver",
    id_prefix: "quiver/",
    passing: "quiver-passing.txt",
};

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

/// Every scenario of a suite, in file order; a suite whose folder is
/// missing has none.
fn load_scenarios(suite: &Suite) -> Result<Vec<Scenario>, String> {
    let root = tck_dir().join(suite.dir);
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    feature_files(&root, &root, &mut files).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut scenarios = Vec::new();
    for file in files {
        let relative = file.to_string_lossy().replace('\\', "/");
        let name = format!("{}{relative}", suite.id_prefix);
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

/// The settings of a run, read from the environment.
struct Settings {
    filter: Option<String>,
    update: bool,
    timeout: Duration,
}

impl Settings {
    fn from_env() -> Settings {
        Settings {
            filter: std::env::var("QUIVER_TCK_FILTER")
                .ok()
                .filter(|f| !f.is_empty()),
            update: std::env::var("QUIVER_TCK_UPDATE").is_ok_and(|v| v == "1"),
            timeout: std::env::var("QUIVER_TCK_TIMEOUT")
                .ok()
                .and_then(|t| t.parse::<f64>().ok())
                .map_or(Duration::from_secs(10), Duration::from_secs_f64),
        }
    }
}

/// What one suite's run left: its scenarios that ran, those skipped, and
/// the regressions against its record.
struct SuiteRun {
    ran: Vec<Ran>,
    skipped: Vec<String>,
    regressions: Vec<String>,
}

/// Runs the selected scenarios of a suite, prints its table (and, with a
/// filter, its failures) and compares the outcome with its record.
fn run_suite(suite: &Suite, settings: &Settings) -> SuiteRun {
    let scenarios =
        load_scenarios(suite).unwrap_or_else(|e| panic!("cannot read the {}: {e}", suite.title));
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

    let filter = settings.filter.as_deref();
    let selected = scenarios
        .into_iter()
        .filter(|s| filter.is_none_or(|f| s.id().contains(f)));
    let (skipped, to_run): (Vec<Scenario>, Vec<Scenario>) =
        selected.partition(|s| s.tags.iter().any(|t| t == "@ignore"));
    let skipped: Vec<String> = skipped.iter().map(Scenario::id).collect();
    let info: Vec<(String, String, String)> = to_run
        .iter()
        .map(|s| {
            let relative = s.file.strip_prefix(suite.id_prefix).unwrap_or(&s.file);
            let location = format!("tests/tck/{}/{relative}:{}", suite.dir, s.line);
            (s.id(), s.folder().to_string(), location)
        })
        .collect();
    let outcomes = pool::run_all(to_run, tck_dir().join("graphs"), WORKERS, settings.timeout);
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
    if filter.is_some() && ran.is_empty() && skipped.is_empty() {
        return SuiteRun {
            ran,
            skipped,
            regressions: Vec::new(),
        };
    }
    let table = if suite.id_prefix.is_empty() {
        report::text_table(&ran)
    } else {
        report::plain_table(&ran)
    };
    say(&format!("\n{}\n{table}", suite.title));
    if !skipped.is_empty() {
        say(&format!("skipped (@ignore): {}\n", skipped.len()));
    }

    let passing_path = tck_dir().join(suite.passing);
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
    if settings.update && filter.is_none() {
        std::fs::write(&passing_path, report::passing_text(&ran))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", passing_path.display()));
    } else {
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
                    "{stale} ids in tests/tck/{} name no scenario that ran; \
                     run with QUIVER_TCK_UPDATE=1\n",
                    suite.passing
                ));
            }
        }
    }
    SuiteRun {
        ran,
        skipped,
        regressions,
    }
}

#[test]
fn tck() {
    let settings = Settings::from_env();
    let vendored = run_suite(&VENDORED, &settings);
    let quiver = run_suite(&QUIVER, &settings);

    if settings.update && settings.filter.is_none() {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        std::fs::create_dir_all(&docs).unwrap_or_else(|e| panic!("cannot create docs/: {e}"));
        std::fs::write(
            docs.join("conformance.md"),
            report::conformance_markdown(&vendored.ran, &vendored.skipped, &quiver.ran),
        )
        .unwrap_or_else(|e| panic!("cannot write docs/conformance.md: {e}"));
        say(&format!(
            "recorded tests/tck/{}, tests/tck/{} and docs/conformance.md\n",
            VENDORED.passing, QUIVER.passing
        ));
    } else if settings.update {
        say("QUIVER_TCK_UPDATE is ignored when QUIVER_TCK_FILTER is set\n");
    }
    for (suite, run) in [(&VENDORED, &vendored), (&QUIVER, &quiver)] {
        assert!(
            run.regressions.is_empty(),
            "{} scenarios listed in tests/tck/{} no longer pass:\n{}",
            run.regressions.len(),
            suite.passing,
            run.regressions.join("\n")
        );
    }
}

/// Every expected cell and parameter of both suites parses, so a
/// failure is never the harness's notation gap.
#[test]
fn tck_cells_parse() {
    let mut scenarios =
        load_scenarios(&VENDORED).unwrap_or_else(|e| panic!("cannot read the TCK: {e}"));
    scenarios.extend(
        load_scenarios(&QUIVER).unwrap_or_else(|e| panic!("cannot read quiver's scenarios: {e}")),
    );
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
