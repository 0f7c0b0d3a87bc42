//! Runs the steps of one scenario against a fresh in-memory database.

use super::compare::{Mode, compare_rows, from_actual, show_row};
use super::gherkin::{Scenario, Step};
use super::value::{TckValue, parse_value};
use quiverdb::{Database, Error, Params, Phase, ProcedureSignature, QueryResult, Stats, Value};
use std::path::Path;

/// Why a scenario failed: a one-line reason and, for debugging, details
/// (the query, expected and actual rows).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// One line, e.g. `row mismatch: ...`.
    pub reason: String,
    /// Several lines; may be empty.
    pub detail: String,
}

impl Failure {
    /// A failure with no details.
    pub fn new(reason: impl Into<String>) -> Failure {
        Failure {
            reason: one_line(&reason.into()),
            detail: String::new(),
        }
    }

    /// The same failure with `detail`.
    pub fn with_detail(mut self, detail: String) -> Failure {
        self.detail = detail;
        self
    }
}

/// The first line of a text, shortened to fit a report line.
fn one_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > 300 {
        let cut: String = line.chars().take(300).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

/// A statement's result in the TCK's model, however it ran.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The column names.
    pub columns: Vec<String>,
    /// The rows, or why they could not be read into the TCK's model.
    pub rows: Result<Vec<Vec<TckValue>>, String>,
    /// The side effects.
    pub stats: Stats,
}

impl Answer {
    /// The answer of an in-process result, its entities looked up in it.
    pub fn of(result: &QueryResult) -> Answer {
        let rows = result
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| from_actual(v, result))
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect();
        Answer {
            columns: result.columns.clone(),
            rows,
            stats: result.stats,
        }
    }
}

/// A statement's error as the TCK names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Raised {
    /// `SyntaxError`, `TypeError`, ...
    pub kind: String,
    /// `UndefinedVariable`, ...
    pub detail: String,
    /// When it was found.
    pub phase: Phase,
    /// The message for people.
    pub message: String,
}

impl Raised {
    /// The TCK's view of an in-process error.
    pub fn of(e: &Error) -> Raised {
        Raised {
            kind: e.kind.name().to_string(),
            detail: e.detail.name().to_string(),
            phase: e.phase,
            message: e.message.clone(),
        }
    }
}

/// What a statement gave: its answer or its error.
pub type Outcome = Result<Answer, Raised>;

/// What runs a scenario's statements: the database in-process, or the
/// outcomes the `quiver` program printed for them.
pub trait Engine {
    /// Runs one statement (the text of a `having executed` or `executing
    /// query` step) with the parameters given so far; `Err` is the
    /// harness's own failure, not the statement's.
    fn execute(&mut self, query: &str, params: &Params) -> Result<Outcome, Failure>;

    /// Loads the named graph whose files are in `dir`.
    fn load_graph(&mut self, dir: &Path, params: &Params) -> Result<(), Failure>;

    /// Registers a test procedure (`there exists a procedure ...`).
    fn register_procedure(
        &mut self,
        signature: ProcedureSignature,
        rows: Vec<Vec<Value>>,
    ) -> Result<(), Failure>;
}

/// The in-process engine: a fresh in-memory database.
pub struct InProcess(pub Database);

impl Engine for InProcess {
    fn execute(&mut self, query: &str, params: &Params) -> Result<Outcome, Failure> {
        Ok(match self.0.execute(query, params) {
            Ok(result) => Ok(Answer::of(&result)),
            Err(e) => Err(Raised::of(&e)),
        })
    }

    /// Runs each `.cypher` file of the graph, statement by statement.
    fn load_graph(&mut self, dir: &Path, params: &Params) -> Result<(), Failure> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| Failure::new(format!("harness: graph {}: {e}", dir.display())))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure::new(format!("harness: {}: {e}", file.display())))?;
            let split = quiverdb::fuzzing::split_statements(&text);
            for span in split.statements.iter().chain(std::iter::once(&split.rest)) {
                let statement = &text[span.start..span.end];
                if !statement.trim().is_empty() {
                    let outcome = self.execute(statement, params)?;
                    setup_succeeded(statement, outcome)?;
                }
            }
        }
        Ok(())
    }

    fn register_procedure(
        &mut self,
        signature: ProcedureSignature,
        rows: Vec<Vec<Value>>,
    ) -> Result<(), Failure> {
        self.0
            .register_procedure(signature, rows)
            .map_err(|e| Failure::new(format!("harness: {}", e.message)))
    }
}

/// The text of the last query and what it gave.
struct Last {
    query: String,
    outcome: Outcome,
}

/// What a scenario has built up so far.
struct Context<'a> {
    engine: &'a mut dyn Engine,
    params: Params,
    last: Option<Last>,
}

/// Runs a scenario's steps in order in a fresh in-memory database; the
/// first failing step ends it.
pub fn run_scenario(scenario: &Scenario, graphs: &Path) -> Result<(), Failure> {
    run_steps(scenario, &mut InProcess(Database::in_memory()), graphs)
}

/// Runs a scenario's steps in order on `engine`; the first failing step
/// ends it.
pub fn run_steps(
    scenario: &Scenario,
    engine: &mut dyn Engine,
    graphs: &Path,
) -> Result<(), Failure> {
    let mut cx = Context {
        engine,
        params: Params::new(),
        last: None,
    };
    for step in &scenario.steps {
        run_step(&mut cx, step, graphs).map_err(|f| {
            let detail = format!(
                "at the step on line {}: {}\n{}",
                step.line, step.text, f.detail
            );
            f.with_detail(detail)
        })?;
    }
    Ok(())
}

fn run_step(cx: &mut Context, step: &Step, graphs: &Path) -> Result<(), Failure> {
    let text = step.text.as_str();
    match text {
        "an empty graph" | "any graph" => Ok(()),
        "having executed:" => setup(cx, doc(step)?),
        "parameters are:" => {
            for row in &step.table {
                let [name, value] = row.as_slice() else {
                    return Err(Failure::new("harness: a parameter row must have 2 cells"));
                };
                let value = parse_cell(value).and_then(|v| to_param(&v))?;
                cx.params.insert(name.clone(), value);
            }
            Ok(())
        }
        "executing query:" | "executing control query:" => {
            let query = doc(step)?.to_string();
            let outcome = cx.engine.execute(&query, &cx.params)?;
            cx.last = Some(Last { query, outcome });
            Ok(())
        }
        "the result should be empty" => {
            let actual = actual_rows(success(cx)?)?;
            if actual.is_empty() {
                Ok(())
            } else {
                Err(Failure::new(format!(
                    "row mismatch: expected no rows, got {}; first {}",
                    actual.len(),
                    show_row(&actual[0])
                ))
                .with_detail(details(cx, &[], actual)))
            }
        }
        "the side effects should be:" => check_side_effects(cx, expected_side_effects(step)?),
        "no side effects" => match &cx.last {
            Some(Last { outcome: Ok(_), .. }) => check_side_effects(cx, Stats::default()),
            _ => Ok(()),
        },
        _ if text.starts_with("there exists a procedure ") => register_procedure(cx, step, text),
        _ if text.starts_with("the result should be") => {
            let mode = result_mode(text)
                .ok_or_else(|| Failure::new(format!("harness: unsupported step {text:?}")))?;
            check_rows(cx, step, mode)
        }
        _ if text.starts_with("the ") && text.ends_with(" graph") => {
            let name = &text["the ".len()..text.len() - " graph".len()];
            cx.engine.load_graph(&graphs.join(name), &cx.params)
        }
        _ => match parse_error_step(text) {
            Some((kind, phase, detail)) => check_error(cx, kind, phase, detail),
            None => Err(Failure::new(format!("harness: unsupported step {text:?}"))),
        },
    }
}

/// The counts of a `the side effects should be:` table; those it does
/// not name are 0.
fn expected_side_effects(step: &Step) -> Result<Stats, Failure> {
    let mut expected = Stats::default();
    for row in &step.table {
        let [name, count] = row.as_slice() else {
            return Err(Failure::new("harness: a side-effect row must have 2 cells"));
        };
        let count: u64 = count
            .parse()
            .map_err(|_| Failure::new(format!("harness: bad side-effect count {count:?}")))?;
        let field = match name.as_str() {
            "+nodes" => &mut expected.nodes_created,
            "-nodes" => &mut expected.nodes_deleted,
            "+relationships" => &mut expected.relationships_created,
            "-relationships" => &mut expected.relationships_deleted,
            "+properties" => &mut expected.properties_set,
            "-properties" => &mut expected.properties_removed,
            "+labels" => &mut expected.labels_added,
            "-labels" => &mut expected.labels_removed,
            other => {
                return Err(Failure::new(format!(
                    "harness: unknown side effect {other:?}"
                )));
            }
        };
        *field = count;
    }
    Ok(expected)
}

fn doc(step: &Step) -> Result<&str, Failure> {
    step.doc
        .as_deref()
        .ok_or_else(|| Failure::new("harness: the step needs a doc string"))
}

fn setup(cx: &mut Context, query: &str) -> Result<(), Failure> {
    let outcome = cx.engine.execute(query, &cx.params)?;
    setup_succeeded(query, outcome)
}

/// `Ok` when a setup statement succeeded, else the scenario's failure.
fn setup_succeeded(query: &str, outcome: Outcome) -> Result<(), Failure> {
    outcome.map(|_| ()).map_err(|e| {
        Failure::new(format!("setup failed: {}", describe_error(&e))).with_detail(query.to_string())
    })
}

fn describe_error(e: &Raised) -> String {
    format!("error: {}/{}: {}", e.kind, e.detail, e.message)
}

fn phase_words(phase: Phase) -> &'static str {
    match phase {
        Phase::Compile => "compile time",
        Phase::Runtime => "runtime",
    }
}

/// The query's result, or the failure of a query that failed or never ran.
fn success<'c>(cx: &'c Context) -> Result<&'c Answer, Failure> {
    match &cx.last {
        Some(Last {
            outcome: Ok(answer),
            ..
        }) => Ok(answer),
        Some(Last {
            outcome: Err(e),
            query,
        }) => Err(Failure::new(describe_error(e)).with_detail(format!(
            "{query}\n{} at {}: {}",
            e.kind,
            phase_words(e.phase),
            e.message
        ))),
        None => Err(Failure::new("harness: no query was executed")),
    }
}

/// `(ordered, lists_unordered)` from the wording of a result step.
fn result_mode(text: &str) -> Option<Mode> {
    let (ordered, lists_unordered) = match text {
        "the result should be, in any order:" => (false, false),
        "the result should be, in order:" => (true, false),
        "the result should be, in any order (ignoring element order for lists):"
        | "the result should be (ignoring element order for lists):" => (false, true),
        "the result should be, in order (ignoring element order for lists):" => (true, true),
        _ => return None,
    };
    Some(Mode {
        ordered,
        lists_unordered,
    })
}

/// `there exists a procedure ns.name(in :: T?) :: (out :: T?):` with a
/// table whose header names the inputs and outputs.
fn register_procedure(cx: &mut Context, step: &Step, text: &str) -> Result<(), Failure> {
    let sig = text["there exists a procedure ".len()..].trim_end_matches(':');
    let sig = ProcedureSignature::parse(sig)
        .map_err(|e| Failure::new(format!("harness: {}", e.message)))?;
    let order: Vec<&str> = sig
        .inputs
        .iter()
        .chain(&sig.outputs)
        .map(|(n, _)| n.as_str())
        .collect();
    let mut rows = Vec::new();
    if let Some((header, body)) = step.table.split_first() {
        let position = |name: &str| header.iter().position(|h| h == name);
        let columns: Vec<usize> = order
            .iter()
            .map(|n| position(n).ok_or_else(|| Failure::new(format!("harness: no column {n}"))))
            .collect::<Result<_, _>>()?;
        for row in body {
            let values = columns
                .iter()
                .map(|&c| parse_cell(&row[c]).and_then(|v| to_param(&v)))
                .collect::<Result<Vec<_>, _>>()?;
            rows.push(values);
        }
    }
    cx.engine.register_procedure(sig, rows)
}

fn parse_cell(cell: &str) -> Result<TckValue, Failure> {
    parse_value(cell).map_err(|e| Failure::new(format!("harness: bad expected value: {e}")))
}

fn to_param(value: &TckValue) -> Result<Value, Failure> {
    Ok(match value {
        TckValue::Null => Value::Null,
        TckValue::Bool(b) => Value::Bool(*b),
        TckValue::Int(i) => Value::Int(*i),
        TckValue::Float(f) => Value::Float(*f),
        TckValue::String(s) => Value::string(s),
        TckValue::List(items) => Value::List(items.iter().map(to_param).collect::<Result<_, _>>()?),
        TckValue::Map(map) => Value::Map(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), to_param(v)?)))
                .collect::<Result<_, Failure>>()?,
        ),
        TckValue::Node(_) | TckValue::Rel(_) | TckValue::Path(_) => {
            return Err(Failure::new("harness: an entity cannot be a parameter"));
        }
    })
}

fn actual_rows(answer: &Answer) -> Result<&[Vec<TckValue>], Failure> {
    answer
        .rows
        .as_deref()
        .map_err(|e| Failure::new(format!("bad result: {e}")))
}

fn check_rows(cx: &Context, step: &Step, mode: Mode) -> Result<(), Failure> {
    let answer = success(cx)?;
    let Some((header, cells)) = step.table.split_first() else {
        return Err(Failure::new("harness: a result table needs a header"));
    };
    let expected = cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| parse_cell(c))
                .collect::<Result<Vec<_>, _>>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let actual = actual_rows(answer)?;
    if *header != answer.columns {
        return Err(Failure::new(format!(
            "column mismatch: expected {header:?}, got {:?}",
            answer.columns
        ))
        .with_detail(details(cx, &expected, actual)));
    }
    compare_rows(&expected, actual, mode)
        .map_err(|reason| Failure::new(reason).with_detail(details(cx, &expected, actual)))
}

/// The query, then expected and actual rows, for a debugging report.
fn details(cx: &Context, expected: &[Vec<TckValue>], actual: &[Vec<TckValue>]) -> String {
    let mut out = String::new();
    if let Some(last) = &cx.last {
        out.push_str(&last.query);
        out.push('\n');
        if let Ok(answer) = &last.outcome {
            out.push_str(&format!("columns: {:?}\n", answer.columns));
        }
    }
    out.push_str("expected:\n");
    for row in expected {
        out.push_str(&format!("  {}\n", show_row(row)));
    }
    out.push_str("actual:\n");
    for row in actual {
        out.push_str(&format!("  {}\n", show_row(row)));
    }
    out
}

fn check_side_effects(cx: &Context, expected: Stats) -> Result<(), Failure> {
    let actual = success(cx)?.stats;
    if actual == expected {
        return Ok(());
    }
    let diffs: Vec<String> = expected
        .fields()
        .iter()
        .zip(actual.fields())
        .filter(|(e, a)| e.1 != a.1)
        .map(|(e, a)| format!("{} expected {}, got {}", e.0, e.1, a.1))
        .collect();
    Err(Failure::new(format!("side effects: {}", diffs.join(", "))))
}

/// `a <Kind> should be raised at <phase>: <Detail>` → its parts; the
/// phase is `None` for "any time".
fn parse_error_step(text: &str) -> Option<(&str, Option<Phase>, &str)> {
    let rest = text.strip_prefix("a ")?;
    let (kind, rest) = rest.split_once(" should be raised at ")?;
    let (phase, detail) = rest.split_once(": ")?;
    let phase = match phase {
        "compile time" => Some(Phase::Compile),
        "runtime" => Some(Phase::Runtime),
        "any time" => None,
        _ => return None,
    };
    Some((kind, phase, detail.trim()))
}

fn check_error(
    cx: &Context,
    kind: &str,
    phase: Option<Phase>,
    detail: &str,
) -> Result<(), Failure> {
    let when = phase.map_or("any time", phase_words);
    let expected = format!("expected {kind}/{detail} at {when}");
    match &cx.last {
        None => Err(Failure::new("harness: no query was executed")),
        Some(Last {
            outcome: Ok(_),
            query,
        }) => Err(Failure::new(format!("{expected}, got success")).with_detail(query.clone())),
        Some(Last {
            outcome: Err(e),
            query,
        }) => {
            let matches = e.kind == kind
                && (detail == "*" || e.detail == detail)
                && phase.is_none_or(|p| p == e.phase);
            if matches {
                Ok(())
            } else {
                Err(Failure::new(format!(
                    "{expected}, got {}/{} at {}: {}",
                    e.kind,
                    e.detail,
                    phase_words(e.phase),
                    e.message
                ))
                .with_detail(query.clone()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_error_steps() {
        assert_eq!(
            parse_error_step("a SyntaxError should be raised at compile time: UndefinedVariable"),
            Some(("SyntaxError", Some(Phase::Compile), "UndefinedVariable"))
        );
        assert_eq!(
            parse_error_step("a TypeError should be raised at any time: *"),
            Some(("TypeError", None, "*"))
        );
        assert_eq!(
            parse_error_step("a TypeError should be raised at runtime: InvalidArgumentValue"),
            Some(("TypeError", Some(Phase::Runtime), "InvalidArgumentValue"))
        );
        assert_eq!(
            parse_error_step("a TypeError should be raised soon: X"),
            None
        );
    }

    #[test]
    fn reads_result_modes() {
        assert_eq!(
            result_mode("the result should be, in order (ignoring element order for lists):"),
            Some(Mode {
                ordered: true,
                lists_unordered: true
            })
        );
        assert_eq!(result_mode("the result should be sorted"), None);
    }

    fn table(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    fn step(text: &str, rows: &[&[&str]]) -> Step {
        Step {
            text: text.to_string(),
            table: table(rows),
            ..Step::default()
        }
    }

    /// A context whose last query gave `result`; its database lives as
    /// long as the test binary.
    fn context(result: Result<QueryResult, Error>) -> Context<'static> {
        Context {
            engine: Box::leak(Box::new(InProcess(Database::in_memory()))),
            params: Params::new(),
            last: Some(Last {
                query: "RETURN 1".to_string(),
                outcome: result.as_ref().map(Answer::of).map_err(Raised::of),
            }),
        }
    }

    fn run(cx: &mut Context, step: &Step) -> Result<(), String> {
        run_step(cx, step, Path::new("/nonexistent")).map_err(|f| f.reason)
    }

    fn one_node_result() -> QueryResult {
        let mut result = QueryResult {
            columns: vec!["n".into(), "x".into()],
            rows: vec![
                vec![Value::Node(7), Value::Int(1)],
                vec![
                    Value::Node(7),
                    Value::List(vec![Value::Int(2), Value::Int(1)]),
                ],
            ],
            ..QueryResult::default()
        };
        result.stats.nodes_created = 1;
        result.stats.properties_set = 2;
        result.nodes.insert(
            7,
            quiverdb::NodeData {
                labels: vec!["A".into()],
                properties: [("k".to_string(), Value::string("v"))].into(),
            },
        );
        result
    }

    #[test]
    fn checks_rows_columns_and_side_effects() {
        let mut cx = context(Ok(one_node_result()));
        let rows: &[&[&str]] = &[
            &["n", "x"],
            &["(:A {k: 'v'})", "[1, 2]"],
            &["(:A {k: 'v'})", "1"],
        ];
        assert_eq!(
            run(&mut cx, &step("the result should be, in any order:", rows)),
            Err(
                "row mismatch: expected 2 rows, got 2; missing | (:A {k: 'v'}) | [1, 2] |, \
                 unexpected | (:A {k: 'v'}) | [2, 1] |"
                    .into()
            )
        );
        let lists = "the result should be, in any order (ignoring element order for lists):";
        assert_eq!(run(&mut cx, &step(lists, rows)), Ok(()));
        let in_order = "the result should be, in order (ignoring element order for lists):";
        assert_eq!(
            run(&mut cx, &step(in_order, rows)),
            Err("row mismatch: row 1 expected | (:A {k: 'v'}) | [1, 2] |, got | (:A {k: 'v'}) | 1 |".into())
        );
        assert_eq!(
            run(
                &mut cx,
                &step("the result should be, in order:", &[&["x", "n"]])
            ),
            Err(r#"column mismatch: expected ["x", "n"], got ["n", "x"]"#.into())
        );
        assert_eq!(
            run(&mut cx, &step("the result should be empty", &[])),
            Err("row mismatch: expected no rows, got 2; first | (:A {k: 'v'}) | 1 |".into())
        );
        let effects = "the side effects should be:";
        assert_eq!(
            run(
                &mut cx,
                &step(effects, &[&["+nodes", "1"], &["+properties", "2"]])
            ),
            Ok(())
        );
        assert_eq!(
            run(
                &mut cx,
                &step(effects, &[&["+nodes", "1"], &["-labels", "1"]])
            ),
            Err("side effects: properties_set expected 0, got 2, \
                 labels_removed expected 1, got 0"
                .into())
        );
        assert_eq!(
            run(&mut cx, &step("no side effects", &[])),
            Err(
                "side effects: nodes_created expected 0, got 1, properties_set expected 0, got 2"
                    .into()
            )
        );
    }

    #[test]
    fn checks_errors() {
        let raised = "a SyntaxError should be raised at compile time: UndefinedVariable";
        let mut ok = context(Ok(QueryResult::default()));
        assert_eq!(
            run(&mut ok, &step(raised, &[])),
            Err("expected SyntaxError/UndefinedVariable at compile time, got success".into())
        );
        let error = Error::runtime(
            quiverdb::ErrorKind::TypeError,
            quiverdb::Detail::InvalidArgumentType,
            "bad\nline",
        );
        let mut failed = context(Err(error));
        assert_eq!(
            run(&mut failed, &step(raised, &[])),
            Err("expected SyntaxError/UndefinedVariable at compile time, \
                 got TypeError/InvalidArgumentType at runtime: bad"
                .into())
        );
        let any = "a TypeError should be raised at any time: *";
        assert_eq!(run(&mut failed, &step(any, &[])), Ok(()));
        let compile = "a TypeError should be raised at compile time: InvalidArgumentType";
        assert!(run(&mut failed, &step(compile, &[])).is_err());
        assert_eq!(run(&mut failed, &step("no side effects", &[])), Ok(()));
        assert_eq!(
            run(&mut failed, &step("the result should be empty", &[])),
            Err("error: TypeError/InvalidArgumentType: bad".into())
        );
    }

    #[test]
    fn reads_parameters_and_procedures() {
        let mut cx = context(Ok(QueryResult::default()));
        let params = step(
            "parameters are:",
            &[&["expr", "['Apa', {k: 1.5}]"], &["idx", "0"]],
        );
        assert_eq!(run(&mut cx, &params), Ok(()));
        assert_eq!(
            cx.params,
            Params::from([
                (
                    "expr".to_string(),
                    Value::List(vec![
                        Value::string("Apa"),
                        Value::Map([("k".to_string(), Value::Float(1.5))].into()),
                    ])
                ),
                ("idx".to_string(), Value::Int(0)),
            ])
        );
        let proc = "there exists a procedure test.labels() :: (label :: STRING?):";
        assert_eq!(run(&mut cx, &step(proc, &[&["label"], &["'A'"]])), Ok(()));
        let bad = "there exists a procedure test.labels() :: (label :: STRING?):";
        assert_eq!(
            run(&mut cx, &step(bad, &[&["nope"], &["'A'"]])),
            Err("harness: no column label".into())
        );
        assert_eq!(
            run(&mut cx, &step("a miracle occurs", &[])),
            Err(r#"harness: unsupported step "a miracle occurs""#.into())
        );
        assert!(run(&mut cx, &step("the nowhere graph", &[])).is_err());
    }

    #[test]
    fn shortens_reasons_to_one_line() {
        assert_eq!(Failure::new("a\nb").reason, "a");
    }
}
