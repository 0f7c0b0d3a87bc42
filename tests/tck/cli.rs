//! The TCK through the `quiver` program, the command line a user runs.
//!
//! One process per scenario: its named graphs as `--load` files, its
//! parameters as a `--params-file` in the contract's tagged JSON, and its
//! statements (each `having executed`, `executing query` and `executing
//! control query`, in order) as one `-f` script run with `--format json`.
//! The JSON line of each statement is then read back into the TCK's model
//! ([`super::json`]) and the scenario's steps are checked against those
//! outcomes by the same code that checks the in-process run
//! ([`super::runner::run_steps`]).

use super::gherkin::{Scenario, Step};
use super::json::{from_json, to_json};
use super::runner::{Answer, Engine, Failure, Outcome, Raised, run_steps};
use super::value::parse_value;
use quiverdb::{Params, Phase, ProcedureSignature, Stats, Value};
use serde_json::{Map, Value as Json};
use std::collections::VecDeque;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Whether a scenario registers test procedures, which only the library
/// can (`Database::register_procedure`): the command line has no way to.
pub fn needs_procedures(scenario: &Scenario) -> bool {
    scenario
        .steps
        .iter()
        .any(|s| s.text.starts_with("there exists a procedure "))
}

/// What one process is given: the files to load, the parameters, and the
/// script of statements.
#[derive(Debug, Default, PartialEq)]
struct Plan {
    loads: Vec<PathBuf>,
    params: Map<String, Json>,
    script: String,
    statements: usize,
}

impl Plan {
    /// Reads the statements, parameters and graphs from the steps.
    fn of(scenario: &Scenario, graphs: &Path) -> Result<Plan, Failure> {
        let mut plan = Plan::default();
        for step in &scenario.steps {
            match step.text.as_str() {
                "having executed:" | "executing query:" | "executing control query:" => {
                    let doc = step
                        .doc
                        .as_deref()
                        .ok_or_else(|| Failure::new("harness: the step needs a doc string"))?;
                    // The `;` on a line of its own ends a trailing `//` comment first.
                    plan.script.push_str(doc);
                    plan.script.push_str("\n;\n");
                    plan.statements += 1;
                }
                "parameters are:" => plan.add_params(step)?,
                text if text.starts_with("the ") && text.ends_with(" graph") => {
                    let name = &text["the ".len()..text.len() - " graph".len()];
                    plan.loads.extend(graph_files(&graphs.join(name))?);
                }
                _ => {}
            }
        }
        Ok(plan)
    }

    fn add_params(&mut self, step: &Step) -> Result<(), Failure> {
        for row in &step.table {
            let [name, cell] = row.as_slice() else {
                return Err(Failure::new("harness: a parameter row must have 2 cells"));
            };
            let json = parse_value(cell)
                .and_then(|v| to_json(&v))
                .map_err(|e| Failure::new(format!("harness: parameter {name}: {e}")))?;
            self.params.insert(name.clone(), json);
        }
        Ok(())
    }
}

/// The `.cypher` files of a named graph, sorted.
fn graph_files(dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Failure::new(format!("harness: graph {}: {e}", dir.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
        .collect();
    files.sort();
    Ok(files)
}

/// What the process printed.
struct Printed {
    stdout: String,
    stderr: String,
}

/// Runs `quiver` as the plan says, in `dir`, killing it after `timeout`.
fn run_quiver(plan: &Plan, dir: &Path, timeout: Duration) -> Result<Printed, Failure> {
    let io = |e: std::io::Error| Failure::new(format!("harness: {e}"));
    let script = dir.join("scenario.cypher");
    let params = dir.join("params.json");
    std::fs::write(&script, &plan.script).map_err(io)?;
    std::fs::write(&params, Json::Object(plan.params.clone()).to_string()).map_err(io)?;
    let (out_path, err_path) = (dir.join("stdout"), dir.join("stderr"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiver"));
    command.args(["--format", "json"]);
    for load in &plan.loads {
        command.arg("--load").arg(load);
    }
    command
        .arg("--params-file")
        .arg(&params)
        .arg("-f")
        .arg(&script);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(File::create(&out_path).map_err(io)?)
        .stderr(File::create(&err_path).map_err(io)?)
        .spawn()
        .map_err(|e| Failure::new(format!("harness: cannot run quiver: {e}")))?;
    let status = wait(&mut child, timeout).map_err(io)?;
    let read = |p: &Path| std::fs::read_to_string(p).map_err(io);
    let printed = Printed {
        stdout: read(&out_path)?,
        stderr: read(&err_path)?,
    };
    match status {
        None => Err(Failure::new(format!(
            "timeout after {} s",
            timeout.as_secs_f64()
        ))),
        // 0: every statement succeeded; 1: some failed (each printed its error).
        Some(s) if matches!(s.code(), Some(0 | 1)) => Ok(printed),
        Some(s) => Err(Failure::new(format!(
            "quiver exited with {s}: {}",
            printed.stderr.trim()
        ))),
    }
}

/// Waits for `child`; `None` when it ran past `timeout` and was killed.
fn wait(child: &mut std::process::Child, timeout: Duration) -> std::io::Result<Option<ExitStatus>> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if Instant::now() >= deadline {
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Reads the JSON line of one statement.
fn outcome(line: &str) -> Result<Outcome, String> {
    let json: Json = serde_json::from_str(line).map_err(|e| format!("{e}: {line}"))?;
    if let Some(error) = json.get("error") {
        let text = |name: &str| {
            error
                .get(name)
                .and_then(Json::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("an error without `{name}`: {line}"))
        };
        let phase = match text("phase")?.as_str() {
            "compile" => Phase::Compile,
            "runtime" => Phase::Runtime,
            other => return Err(format!("an unknown phase {other:?}")),
        };
        return Ok(Err(Raised {
            kind: text("kind")?,
            detail: text("detail")?,
            phase,
            message: text("message")?,
        }));
    }
    let columns = json["columns"]
        .as_array()
        .and_then(|c| c.iter().map(|c| c.as_str().map(str::to_string)).collect())
        .ok_or_else(|| format!("no list of column names: {line}"))?;
    let rows = json["rows"]
        .as_array()
        .ok_or_else(|| format!("no rows: {line}"))?
        .iter()
        .map(|row| match row {
            Json::Array(cells) => cells.iter().map(from_json).collect(),
            other => Err(format!("a row that is not a list: {other}")),
        })
        .collect();
    Ok(Ok(Answer {
        columns,
        rows,
        stats: stats(&json["stats"]).ok_or_else(|| format!("no stats: {line}"))?,
    }))
}

/// The side effects of a success object.
fn stats(json: &Json) -> Option<Stats> {
    let count = |name: &str| json.get(name).and_then(Json::as_u64);
    Some(Stats {
        nodes_created: count("nodes_created")?,
        nodes_deleted: count("nodes_deleted")?,
        relationships_created: count("relationships_created")?,
        relationships_deleted: count("relationships_deleted")?,
        properties_set: count("properties_set")?,
        properties_removed: count("properties_removed")?,
        labels_added: count("labels_added")?,
        labels_removed: count("labels_removed")?,
    })
}

/// The outcomes the process printed, handed out statement by statement.
struct Replay {
    outcomes: VecDeque<Outcome>,
    /// Standard error, where a failed `--load` is reported.
    stderr: String,
}

impl Engine for Replay {
    fn execute(&mut self, _query: &str, _params: &Params) -> Result<Outcome, Failure> {
        self.outcomes
            .pop_front()
            .ok_or_else(|| Failure::new("harness: quiver printed fewer results than statements"))
    }

    /// The graph was loaded by `--load`; anything on standard error is its failure.
    fn load_graph(&mut self, _dir: &Path, _params: &Params) -> Result<(), Failure> {
        match self.stderr.lines().find(|l| !l.trim().is_empty()) {
            None => Ok(()),
            Some(line) => {
                Err(Failure::new(format!("setup failed: {line}")).with_detail(self.stderr.clone()))
            }
        }
    }

    fn register_procedure(
        &mut self,
        _signature: ProcedureSignature,
        _rows: Vec<Vec<Value>>,
    ) -> Result<(), Failure> {
        Err(Failure::new(
            "harness: the command line cannot register test procedures",
        ))
    }
}

/// Runs one scenario through the `quiver` program.
pub fn run_scenario(scenario: &Scenario, graphs: &Path, timeout: Duration) -> Result<(), Failure> {
    let plan = Plan::of(scenario, graphs)?;
    let dir = tempfile::Builder::new()
        .prefix("quiver-tck-cli-")
        .tempdir()
        .map_err(|e| Failure::new(format!("harness: a temporary directory: {e}")))?;
    let printed = run_quiver(&plan, dir.path(), timeout)?;
    let outcomes = printed
        .stdout
        .lines()
        .map(outcome)
        .collect::<Result<VecDeque<_>, _>>()
        .map_err(|e| Failure::new(format!("bad output: {e}")))?;
    if outcomes.len() != plan.statements {
        return Err(Failure::new(format!(
            "quiver printed {} results for {} statements",
            outcomes.len(),
            plan.statements
        ))
        .with_detail(format!("{}\n{}", plan.script, printed.stdout)));
    }
    run_steps(
        scenario,
        &mut Replay {
            outcomes,
            stderr: printed.stderr,
        },
        graphs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_results_and_errors() {
        let line = r#"{"columns":["n"],"rows":[[{"~":"node","id":1,"labels":["A"],"properties":{}}],[1.5]],"stats":{"nodes_created":1,"nodes_deleted":0,"relationships_created":0,"relationships_deleted":0,"properties_set":2,"properties_removed":0,"labels_added":0,"labels_removed":0},"elapsed_us":3}"#;
        let Ok(Ok(answer)) = outcome(line) else {
            panic!("{line}")
        };
        assert_eq!(answer.columns, ["n"]);
        assert_eq!(
            answer.rows,
            Ok(vec![
                vec![parse_value("(:A)").unwrap()],
                vec![parse_value("1.5").unwrap()]
            ])
        );
        assert_eq!(
            (answer.stats.nodes_created, answer.stats.properties_set),
            (1, 2)
        );
        let error = r#"{"error":{"kind":"SyntaxError","detail":"UndefinedVariable","phase":"compile","message":"Variable `x` not defined","line":2,"column":8}}"#;
        assert_eq!(
            outcome(error),
            Ok(Err(Raised {
                kind: "SyntaxError".into(),
                detail: "UndefinedVariable".into(),
                phase: Phase::Compile,
                message: "Variable `x` not defined".into(),
            }))
        );
        assert!(
            outcome(r#"{"columns":["n"],"rows":[]}"#)
                .unwrap_err()
                .starts_with("no stats")
        );
    }

    #[test]
    fn plans_one_script_with_parameters_and_graphs() {
        let step = |text: &str, doc: Option<&str>, table: &[&[&str]]| Step {
            text: text.to_string(),
            doc: doc.map(str::to_string),
            table: table
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            line: 1,
        };
        let scenario = Scenario {
            file: "a/A.feature".into(),
            name: "x".into(),
            example: None,
            tags: vec![],
            line: 1,
            steps: vec![
                step("an empty graph", None, &[]),
                step("having executed:", Some("CREATE ()"), &[]),
                step("parameters are:", None, &[&["p", "[1, 2.0]"]]),
                step("executing query:", Some("RETURN $p // the list"), &[]),
                step("the result should be empty", None, &[]),
            ],
        };
        let plan = Plan::of(&scenario, Path::new("/nonexistent")).unwrap();
        assert_eq!(plan.script, "CREATE ()\n;\nRETURN $p // the list\n;\n");
        assert_eq!(plan.statements, 2);
        assert_eq!(Json::Object(plan.params).to_string(), r#"{"p":[1,2.0]}"#);
        assert!(plan.loads.is_empty());
        assert!(!needs_procedures(&scenario));
    }
}
