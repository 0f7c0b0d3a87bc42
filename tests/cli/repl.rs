//! The REPL, driven through a pseudo-terminal.

use super::util::{GRAPH, command, expect_clean_exit, spawn_repl, temp_dir};
use expectrl::{ControlCode, Expect, Session};
use std::time::Duration;

#[test]
fn a_session_with_a_multi_line_query_an_error_and_ctrl_d() {
    let dir = temp_dir("repl");
    let history = dir.join("history");
    let mut cmd = command();
    cmd.args(["--load", GRAPH])
        .env("QUIVER_HISTORY", &history)
        .env("TERM", "xterm");
    let mut repl = Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
    repl.set_expect_timeout(Some(Duration::from_secs(30)));

    repl.expect(concat!(
        "quiver ",
        env!("CARGO_PKG_VERSION"),
        " — type :help for help, :quit to exit"
    ))
    .unwrap();
    repl.expect("quiver> ").unwrap();

    // A statement over two lines: the second prompt says it goes on.
    repl.send_line("MATCH (c)-[:sued]->(t)").unwrap();
    repl.expect("   ...> ").unwrap();
    repl.send_line("RETURN c.name, t.name;").unwrap();
    repl.expect("│ 'Ziff Davis' │ 'OpenAI' │").unwrap();
    repl.expect("1 row").unwrap();
    repl.expect("quiver> ").unwrap();

    // An error: the message, the line and a caret under the column.
    repl.send_line("RETURN x;").unwrap();
    repl.expect(
        "error: SyntaxError (UndefinedVariable): Variable `x` not defined\r\n  \
         --> <query>:1:8\r\n1 | RETURN x;\r\n  |        ^\r\n",
    )
    .unwrap();
    repl.expect("quiver> ").unwrap();

    // A command, then Ctrl-D.
    repl.send_line(":format json").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("RETURN 1 AS one;").unwrap();
    repl.expect("{\"columns\":[\"one\"],\"rows\":[[1]]")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send(ControlCode::EndOfTransmission).unwrap();
    expect_clean_exit(&mut repl);

    let saved = std::fs::read_to_string(&history).expect("the history is saved");
    assert!(saved.contains("RETURN x;"), "{saved}");
    assert!(saved.contains(":format json"), "{saved}");
}

#[test]
fn commands_and_ctrl_c() {
    let dir = temp_dir("repl-commands");
    let mut repl = spawn_repl(&dir, &["--load", GRAPH]);

    repl.send_line(":schema").unwrap();
    repl.expect("Labels:\r\n  Company                4\r\n")
        .unwrap();
    repl.expect("quiver> ").unwrap();

    repl.send_line(":nope").unwrap();
    repl.expect("unknown command `:nope`: type :help for the list")
        .unwrap();
    repl.expect("quiver> ").unwrap();

    // Ctrl-C drops the statement being typed.
    repl.send_line("MATCH (n)").unwrap();
    repl.expect("   ...> ").unwrap();
    repl.send(ControlCode::EndOfText).unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("RETURN 7 AS seven;").unwrap();
    repl.expect("│     7 │").unwrap();
    repl.expect("quiver> ").unwrap();

    let dot = dir.join("last.dot");
    repl.send_line(format!(":dot {}", dot.display())).unwrap();
    repl.expect("wrote ").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":quit").unwrap();
    expect_clean_exit(&mut repl);
    let written = std::fs::read_to_string(&dot).expect(":dot wrote the file");
    assert!(written.starts_with("digraph"), "{written}");
}

#[test]
fn lines_typed_ahead_all_run() {
    // Pasted at once (a terminal without bracketed paste, or typing while a
    // query runs): the REPL used to drop what it had read past the first line.
    let dir = temp_dir("repl-typeahead");
    let mut repl = spawn_repl(&dir, &[]);
    repl.send("RETURN 'first' AS one;\rRETURN\r'second' AS two;\rRETURN 'third' AS three;\r")
        .unwrap();
    repl.expect("│ 'first' │").unwrap();
    repl.expect("│ 'second' │").unwrap();
    repl.expect("│ 'third' │").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":quit").unwrap();
    expect_clean_exit(&mut repl);
}
