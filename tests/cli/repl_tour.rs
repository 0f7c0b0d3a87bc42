//! The REPL's conveniences, driven through a pseudo-terminal: completion,
//! history across sessions, `:param`, `:help`, `EXPLAIN`, timing, and the
//! "did you mean" notices, as docs/repl.md describes them. The tour in
//! docs/repl.md itself is typed in line by line by `doc_examples.rs`; this
//! file tests what a transcript cannot show (Tab, Up, colours).

use super::util::{GRAPH, command, expect_clean_exit, temp_dir};
use expectrl::session::OsSession;
use expectrl::{Expect, Regex, Session};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The Tab key.
const TAB: &str = "\t";
/// The Up arrow.
const UP: &str = "\x1b[A";

/// A REPL on the bundled graph with its history at `history`, without
/// colours (so that the expected text is plain) unless `colour`.
fn repl(history: &Path, colour: bool) -> OsSession {
    let mut cmd: Command = command();
    cmd.args(["--load", GRAPH])
        .env("QUIVER_HISTORY", history)
        .env("TERM", "xterm")
        .env("COLUMNS", "100");
    if colour {
        cmd.env_remove("NO_COLOR");
    } else {
        cmd.env("NO_COLOR", "1");
    }
    let mut session = Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session.expect("quiver> ").unwrap();
    session
}

/// Leaves with `:quit` and checks the exit status.
fn quit(mut session: OsSession) {
    session.send_line(":quit").unwrap();
    expect_clean_exit(&mut session);
}

#[test]
fn tab_completes_labels_and_hyphenated_relationship_types() {
    let dir = temp_dir("tour-complete");
    let mut repl = repl(&dir.join("history"), false);

    // The line so far, completed: `invests-in` needs no backticks.
    repl.send(format!("MATCH (n:Comp{TAB}")).unwrap();
    repl.expect("MATCH (n:Company").unwrap();
    repl.send(format!(")-[r:inv{TAB}")).unwrap();
    repl.expect("-[r:invests-in").unwrap();
    repl.send_line("]->(m) RETURN n.name, m.name ORDER BY m.name;")
        .unwrap();
    repl.expect("│ 'OpenAI'    │ 'Azure'  │").unwrap();
    repl.expect("quiver> ").unwrap();

    // A function, and a variable bound earlier in the statement.
    repl.send(format!("MATCH (company:Company) RETURN toUp{TAB}"))
        .unwrap();
    repl.expect("RETURN toUpper(").unwrap();
    repl.send(format!("compa{TAB}")).unwrap();
    repl.expect("toUpper(company").unwrap();
    repl.send_line(".name) AS up ORDER BY up LIMIT 1;").unwrap();
    repl.expect("│ 'MICROSOFT' │").unwrap();
    repl.expect("quiver> ").unwrap();
    quit(repl);
}

#[test]
fn the_history_is_kept_across_sessions() {
    let dir = temp_dir("tour-history");
    let history = dir.join("history");

    let mut first = repl(&history, false);
    first.send_line("RETURN 40 + 2 AS answer;").unwrap();
    first.expect("│     42 │").unwrap();
    first.expect("quiver> ").unwrap();
    quit(first);

    let mut second = repl(&history, false);
    // The last entry is `:quit`; the one before it, the statement.
    second.send(UP).unwrap();
    second.expect(":quit").unwrap();
    second.send(UP).unwrap();
    second.expect("RETURN 40 + 2 AS answer;").unwrap();
    second.send("\r").unwrap();
    second.expect("│     42 │").unwrap();
    second.expect("quiver> ").unwrap();
    second.send_line(":history").unwrap();
    second.expect("1  RETURN 40 + 2 AS answer;").unwrap();
    second.expect("quiver> ").unwrap();
    quit(second);
}

#[test]
fn a_param_set_with_a_cypher_value_is_used_by_a_query() {
    let dir = temp_dir("tour-param");
    let mut repl = repl(&dir.join("history"), false);
    repl.send_line(":param who => 'Open' + 'AI'").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":param ids={\"n\": [1, 2]}").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":params").unwrap();
    repl.expect("$ids = {n: [1, 2]}\r\n$who = 'OpenAI'")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("MATCH (c:Company {name: $who}) RETURN c.planned_ipo_usd AS ipo;")
        .unwrap();
    repl.expect("│ 500000000000 │").unwrap();
    // The footer has the row count and the time taken.
    repl.expect(Regex(r"1 row, [0-9.]+ m?s\r\n")).unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":timing off").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("RETURN $who AS who;").unwrap();
    repl.expect("1 row\r\n").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":param bad => nope").unwrap();
    repl.expect("error: `nope`: Variable `nope` not defined")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    quit(repl);
}

#[test]
fn explain_prints_the_plan_without_running() {
    let dir = temp_dir("tour-explain");
    let mut repl = repl(&dir.join("history"), false);
    repl.send_line("EXPLAIN MATCH (c:Company {name: 'OpenAI'})-[r]->(m) RETURN m.name;")
        .unwrap();
    repl.expect("Project 1 columns\r\n").unwrap();
    repl.expect("NodeIndexSeek {name}").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("PROFILE MATCH (c:Company) RETURN count(c) AS n;")
        .unwrap();
    repl.expect(Regex(
        r"NodeByLabelScan :Company [^\r]*\[rows 4, [0-9.]+ ms\]",
    ))
    .unwrap();
    repl.expect("│ 4 │").unwrap();
    repl.expect("quiver> ").unwrap();
    quit(repl);
}

#[test]
fn did_you_mean_for_labels_types_and_keys() {
    let dir = temp_dir("tour-hints");
    let mut repl = repl(&dir.join("history"), false);
    repl.send_line("MATCH (c:Compnay) RETURN c;").unwrap();
    repl.expect("notice: no label :Compnay in the graph; did you mean :Company?")
        .unwrap();
    repl.expect("0 rows").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("MATCH (a)-[:invest-in]->(b) WHERE a.nmae = 'OpenAI' RETURN b;")
        .unwrap();
    repl.expect(
        "notice: no relationship type :invest-in in the graph; did you mean :invests-in?\r\n\
         notice: no property key nmae in the graph; did you mean name?",
    )
    .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("MATCH (c {name: 'Open AI'}) RETURN c;")
        .unwrap();
    repl.expect("notice: no node has name 'Open AI'; did you mean 'OpenAI'?")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("RETURN toUper(1);").unwrap();
    repl.expect("Unknown function 'toUper'; did you mean 'toUpper'?")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    quit(repl);
}

#[test]
fn help_on_clauses_functions_and_commands() {
    let dir = temp_dir("tour-help");
    let mut repl = repl(&dir.join("history"), false);
    repl.send_line(":help shortestPath").unwrap();
    repl.expect("shortestPath\r\n  p = shortestPath((a)-[*]-(b))\r\n  one shortest path between two nodes\r\nExample:\r\n").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":help toupper").unwrap();
    repl.expect("MATCH (c:Company) RETURN toUpper(c.name);")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":help MACTH").unwrap();
    repl.expect("no help on `MACTH`; did you mean MATCH?")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":help").unwrap();
    repl.expect("Functions (:help NAME for an example):")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    quit(repl);
}

#[test]
fn load_and_source_files() {
    let dir = temp_dir("tour-load");
    let script = dir.join("two.cypher");
    std::fs::write(&script, "MATCH (p:Person) RETURN count(p) AS people;").unwrap();
    let mut repl = repl(&dir.join("history"), false);
    repl.send_line(format!(":load {GRAPH}")).unwrap();
    repl.expect(format!("loaded {GRAPH}: +9 nodes, +13 relationships"))
        .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(format!(":source {}", script.display()))
        .unwrap();
    repl.expect("│      4 │").unwrap();
    repl.expect("quiver> ").unwrap();
    quit(repl);
}

#[test]
fn keywords_are_coloured_on_a_terminal() {
    let dir = temp_dir("tour-colour");
    let mut repl = repl(&dir.join("history"), true);
    repl.send("RETURN 'x'").unwrap();
    repl.expect("\x1b[1;34mRETURN\x1b[0m \x1b[32m'x'\x1b[0m")
        .unwrap();
    repl.send("\r").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(";").unwrap();
    repl.expect("│ 'x' │").unwrap();
    repl.expect("quiver> ").unwrap();
    quit(repl);
}
