//! The openCypher TCK, run in-process against `quiverdb::Database`, and
//! on demand through the `quiver` program.
//!
//! `cargo test --test tests tck` parses every feature under
//! `tests/tck/features` (the vendored TCK subset) and under
//! `tests/tck/quiver` (quiver's own scenarios in the TCK format), runs each
//! scenario (each Examples row of an outline too) in a fresh in-memory
//! database, and prints for each of the two suites the count over every
//! scenario (`openCypher TCK: 2,511 scenarios, N pass (x%)`), then
//! passed/total per folder. It fails when:
//!
//! - a scenario recorded in the suite's list of passing scenarios
//!   (`tests/tck/passing.txt`, `tests/tck/quiver-passing.txt`) fails, or
//!   names no scenario that ran (renamed, removed, tagged `@ignore`);
//! - a list is missing or empty (it would guard nothing);
//! - any of quiver's own scenarios fails: each one is an assertion, listed
//!   or not.
//!
//! Environment (a flag is on when set to `1`):
//!
//! - `QUIVER_TCK_UPDATE=1` rewrites both lists and `docs/conformance.md`.
//!   The lists only grow: when a recorded scenario fails or no longer
//!   runs, the update lists it, writes nothing and fails.
//! - `QUIVER_TCK_ALLOW_DROP=1`, with `QUIVER_TCK_UPDATE=1`, lets the update
//!   drop such scenarios from the lists (naming each), or record a list
//!   that is missing.
//! - `QUIVER_TCK_CLI=1` also runs every vendored scenario through the
//!   `quiver` binary (`tck/cli.rs`: one process per scenario, `--format
//!   json`), prints `cli: N/M` beside the in-process count of the same
//!   scenarios, and fails when a scenario passes one way and fails the
//!   other. Scenarios that register test procedures are left out (only the
//!   library can register them). With `QUIVER_TCK_UPDATE=1`, the counts go
//!   into `docs/conformance.md`.
//! - `QUIVER_TCK_FILTER=<substring>` runs only the scenarios whose id
//!   contains it (ids of quiver's own scenarios start with `quiver/`), and
//!   prints the query, expected and actual rows of each failure (and of
//!   each failure through the command line). The lists are then checked
//!   but not rewritten.
//! - `QUIVER_TCK_TIMEOUT=<seconds>` changes the limit per scenario (10).
//!
//! `scripts/tck-report [FILTER]` wraps the update (with the command line
//! check) and the filtered run; `scripts/tck-cli [FILTER]` the command
//! line check alone. Scenarios tagged `@ignore` are skipped. Test
//! procedures (`there exists a procedure ...`) are registered with
//! `Database::register_procedure`.

mod cli;
mod compare;
mod gherkin;
mod json;
mod pool;
mod report;
mod runner;
mod value;

use gherkin::Scenario;
use report::Ran;
use runner::Failure;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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
    allow_drop: bool,
    cli: bool,
    timeout: Duration,
}

impl Settings {
    fn from_env() -> Settings {
        let on = |name: &str| std::env::var(name).is_ok_and(|v| v == "1");
        Settings {
            filter: std::env::var("QUIVER_TCK_FILTER")
                .ok()
                .filter(|f| !f.is_empty()),
            update: on("QUIVER_TCK_UPDATE"),
            allow_drop: on("QUIVER_TCK_ALLOW_DROP"),
            cli: on("QUIVER_TCK_CLI"),
            timeout: std::env::var("QUIVER_TCK_TIMEOUT")
                .ok()
                .and_then(|t| t.parse::<f64>().ok())
                .map_or(Duration::from_secs(10), Duration::from_secs_f64),
        }
    }

    /// Whether this run rewrites the records (an update without a filter).
    fn records(&self) -> bool {
        self.update && self.filter.is_none()
    }
}

/// What one suite's run left: the scenarios that ran and how, and those
/// skipped.
struct SuiteRun {
    scenarios: Vec<Scenario>,
    ran: Vec<Ran>,
    skipped: Vec<String>,
}

/// Prints each failure of a run: its id, location, reason and details.
fn print_failures(ran: &[Ran]) {
    for r in ran {
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

/// Runs the selected scenarios of a suite and prints its table (and,
/// with a filter, its failures).
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
    let graphs = tck_dir().join("graphs");
    let job: pool::Job = Arc::new(move |s: &Scenario| runner::run_scenario(s, &graphs));
    let outcomes = pool::run_all(to_run.clone(), job, WORKERS, settings.timeout);
    let ran = ran(suite, &to_run, outcomes);
    if filter.is_some() {
        print_failures(&ran);
    }
    if !(filter.is_some() && ran.is_empty() && skipped.is_empty()) {
        say(&format!("\n{}", report::text_table(suite.title, &ran)));
        if !skipped.is_empty() {
            say(&format!("skipped (@ignore): {}\n", skipped.len()));
        }
    }
    SuiteRun {
        scenarios: to_run,
        ran,
        skipped,
    }
}

/// Pairs scenarios with their outcomes.
fn ran(suite: &Suite, scenarios: &[Scenario], outcomes: Vec<Result<(), Failure>>) -> Vec<Ran> {
    scenarios
        .iter()
        .zip(outcomes)
        .map(|(s, outcome)| {
            let relative = s.file.strip_prefix(suite.id_prefix).unwrap_or(&s.file);
            Ran {
                id: s.id(),
                folder: s.folder().to_string(),
                location: format!("tests/tck/{}/{relative}:{}", suite.dir, s.line),
                outcome,
            }
        })
        .collect()
}

/// Checks a suite's run against its record of passing scenarios; returns
/// what is wrong. The record only grows: a recorded scenario that fails
/// or no longer runs is a regression, and an update refuses to drop it
/// unless `QUIVER_TCK_ALLOW_DROP=1`. A missing or empty record is wrong
/// too, since it would guard nothing.
fn check_record(suite: &Suite, run: &SuiteRun, settings: &Settings) -> Vec<String> {
    if run.ran.is_empty() && run.skipped.is_empty() {
        return Vec::new();
    }
    let path = format!("tests/tck/{}", suite.passing);
    let recorded = report::parse_passing(
        &std::fs::read_to_string(tck_dir().join(suite.passing)).unwrap_or_default(),
    );
    if recorded.is_empty() {
        if settings.records() && settings.allow_drop {
            return Vec::new();
        }
        return vec![format!(
            "{path} is missing or empty, so nothing would guard the {} against regressions. \
             Restore it (git checkout {path}); to record a new one from scratch, run \
             QUIVER_TCK_UPDATE=1 QUIVER_TCK_ALLOW_DROP=1 cargo test --test tests tck::tck \
             -- --exact",
            suite.title,
        )];
    }
    let regressions: Vec<String> = run
        .ran
        .iter()
        .filter_map(|r| match &r.outcome {
            Err(f) if recorded.contains(&r.id) => Some(format!("{}: {}", r.id, f.reason)),
            _ => None,
        })
        .collect();
    let known: BTreeSet<&str> = run.ran.iter().map(|r| r.id.as_str()).collect();
    let stale: Vec<String> = if settings.filter.is_none() {
        recorded
            .iter()
            .filter(|id| !known.contains(id.as_str()))
            .map(|id| format!("{id}: no such scenario ran (renamed, removed or @ignore?)"))
            .collect()
    } else {
        Vec::new()
    };
    let dropped: Vec<&String> = regressions.iter().chain(&stale).collect();
    let list = |items: &[&String]| {
        items
            .iter()
            .map(|i| format!("  {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    if settings.records() {
        if dropped.is_empty() {
            return Vec::new();
        }
        if settings.allow_drop {
            say(&format!(
                "dropping {} scenarios from {path} (QUIVER_TCK_ALLOW_DROP=1):\n{}\n",
                dropped.len(),
                list(&dropped)
            ));
            return Vec::new();
        }
        return vec![format!(
            "QUIVER_TCK_UPDATE=1 refuses to drop {} scenarios recorded in {path}; nothing was \
             written. Make them pass again, or set QUIVER_TCK_ALLOW_DROP=1 to drop them:\n{}",
            dropped.len(),
            list(&dropped)
        )];
    }
    let newly = run
        .ran
        .iter()
        .filter(|r| r.outcome.is_ok() && !recorded.contains(&r.id))
        .count();
    if newly > 0 {
        say(&format!(
            "newly passing: {newly}; run with QUIVER_TCK_UPDATE=1 to record them in {path}\n"
        ));
    }
    if dropped.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "{} scenarios recorded in {path} no longer pass (QUIVER_TCK_UPDATE=1 \
         QUIVER_TCK_ALLOW_DROP=1 drops them from the record, if that is really meant):\n{}",
        dropped.len(),
        list(&dropped)
    )]
}

/// quiver's own scenarios are assertions: each one that ran must pass.
fn check_all_pass(suite: &Suite, run: &SuiteRun) -> Vec<String> {
    let failing: Vec<String> = run
        .ran
        .iter()
        .filter_map(|r| {
            let f = r.outcome.as_ref().err()?;
            Some(format!("  {} ({}): {}", r.id, r.location, f.reason))
        })
        .collect();
    if failing.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "{} of the {} fail; each must pass (QUIVER_TCK_FILTER=<id> shows why):\n{}",
        failing.len(),
        suite.title,
        failing.join("\n")
    )]
}

/// Runs the same scenarios through the `quiver` program and checks that
/// each passes or fails there as it did in-process; returns the counts
/// and what is wrong.
fn check_cli(
    suite: &Suite,
    run: &SuiteRun,
    settings: &Settings,
) -> (report::CliCount, Vec<String>) {
    let (unsupported, runnable): (Vec<usize>, Vec<usize>) =
        (0..run.scenarios.len()).partition(|&i| cli::needs_procedures(&run.scenarios[i]));
    let scenarios: Vec<Scenario> = runnable.iter().map(|&i| run.scenarios[i].clone()).collect();
    let graphs = tck_dir().join("graphs");
    let timeout = settings.timeout;
    let job: pool::Job = Arc::new(move |s: &Scenario| cli::run_scenario(s, &graphs, timeout));
    // The process is killed at `timeout`; the thread waits a little longer.
    let outcomes = pool::run_all(
        scenarios.clone(),
        job,
        WORKERS,
        timeout + Duration::from_secs(10),
    );
    let through_cli = ran(suite, &scenarios, outcomes);
    if settings.filter.is_some() {
        print_failures(&through_cli);
    }
    let in_process: Vec<&Ran> = runnable.iter().map(|&i| &run.ran[i]).collect();
    let passed =
        |outcomes: &mut dyn Iterator<Item = &Ran>| outcomes.filter(|r| r.outcome.is_ok()).count();
    let mut count = report::CliCount {
        cli: passed(&mut through_cli.iter()),
        in_process: passed(&mut in_process.iter().copied()),
        total: through_cli.len(),
        unsupported: unsupported.len(),
        differ: 0,
    };
    say(&format!(
        "\n{} through the command line (quiver --format json, a process per scenario)\n\
         cli: {}/{}\nin-process: {}/{} (the same scenarios)\n",
        suite.title, count.cli, count.total, count.in_process, count.total
    ));
    if !unsupported.is_empty() {
        say(&format!(
            "not run through the command line: {} scenarios that register test procedures, \
             which only the library can\n",
            unsupported.len()
        ));
    }
    let reasons: Vec<String> = in_process
        .iter()
        .zip(&through_cli)
        .filter_map(|(a, b)| match (&a.outcome, &b.outcome) {
            (Err(x), Err(y)) if x.reason != y.reason => Some(format!(
                "  {}\n    in-process: {}\n    cli: {}",
                a.id, x.reason, y.reason
            )),
            _ => None,
        })
        .collect();
    if !reasons.is_empty() {
        say(&format!(
            "failing both ways but for different reasons: {}\n",
            reasons.len()
        ));
        if settings.filter.is_some() {
            say(&format!("{}\n", reasons.join("\n")));
        }
    }
    let differ: Vec<String> = in_process
        .iter()
        .zip(&through_cli)
        .filter(|(a, b)| a.outcome.is_ok() != b.outcome.is_ok())
        .map(|(a, b)| {
            let show = |r: &Ran| match &r.outcome {
                Ok(()) => "passes".to_string(),
                Err(f) => format!("fails: {}", f.reason),
            };
            format!(
                "  {}\n    in-process {}\n    cli {}",
                a.id,
                show(a),
                show(b)
            )
        })
        .collect();
    count.differ = differ.len();
    if differ.is_empty() {
        return (count, Vec::new());
    }
    let problem = format!(
        "{} scenarios pass in-process and fail through the command line, or the other way:\n{}",
        differ.len(),
        differ.join("\n")
    );
    (count, vec![problem])
}

#[test]
fn tck() {
    let settings = Settings::from_env();
    let vendored = run_suite(&VENDORED, &settings);
    let quiver = run_suite(&QUIVER, &settings);

    let mut problems = check_record(&VENDORED, &vendored, &settings);
    problems.extend(check_record(&QUIVER, &quiver, &settings));
    let mut cli = None;
    let mut cli_problems = Vec::new();
    if settings.cli {
        let (count, found) = check_cli(&VENDORED, &vendored, &settings);
        cli = Some(count);
        cli_problems = found;
    }
    if settings.records() && problems.is_empty() {
        for (suite, run) in [(&VENDORED, &vendored), (&QUIVER, &quiver)] {
            let path = tck_dir().join(suite.passing);
            std::fs::write(&path, report::passing_text(&run.ran))
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
        std::fs::create_dir_all(&docs).unwrap_or_else(|e| panic!("cannot create docs/: {e}"));
        std::fs::write(
            docs.join("conformance.md"),
            report::conformance_markdown(&vendored.ran, &vendored.skipped, &quiver.ran, cli),
        )
        .unwrap_or_else(|e| panic!("cannot write docs/conformance.md: {e}"));
        say(&format!(
            "recorded tests/tck/{}, tests/tck/{} and docs/conformance.md\n",
            VENDORED.passing, QUIVER.passing
        ));
    } else if settings.update && settings.filter.is_some() {
        say("QUIVER_TCK_UPDATE is ignored when QUIVER_TCK_FILTER is set\n");
    }
    problems.extend(check_all_pass(&QUIVER, &quiver));
    problems.extend(cli_problems);
    assert!(problems.is_empty(), "\n{}", problems.join("\n\n"));
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
