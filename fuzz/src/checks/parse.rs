//! Targets `parse` and `roundtrip`: the statement splitter and the parser.

use quiverdb::fuzzing::{Statement, parse_statement, split_statements};
use regex::Regex;
use std::sync::LazyLock;

/// Target `parse`: splits `data` (as UTF-8) into statements and parses the
/// whole text and each piece. Only a panic is a failure.
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_statement(text);
    let split = split_statements(text);
    for span in split.statements.iter().chain(std::iter::once(&split.rest)) {
        // Slicing panics if the splitter returns a span off a char boundary.
        let _ = parse_statement(&text[span.start..span.end]);
    }
}

/// Target `roundtrip`: if `data` parses, its printed form must parse to the
/// same tree (spans and projection item text aside) and print the same again.
pub fn round_trip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(statement) = parse_statement(text) else {
        return;
    };
    let printed = statement.to_string();
    let reparsed = match parse_statement(&printed) {
        Ok(s) => s,
        Err(e) => panic!("{text:?} prints as {printed:?}, which does not parse: {e}"),
    };
    assert_eq!(
        normalized(&statement),
        normalized(&reparsed),
        "{text:?} prints as {printed:?}, which parses to another tree"
    );
    assert_eq!(
        printed,
        reparsed.to_string(),
        "printing {text:?} is not stable"
    );
}

/// The `Debug` text of a statement with spans and item text blanked.
fn normalized(statement: &Statement) -> String {
    static SPAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"span: Span \{ start: \d+, end: \d+ \}").unwrap());
    static TEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"text: "(?:[^"\\]|\\.)*""#).unwrap());
    let debug = format!("{statement:?}");
    let debug = SPAN.replace_all(&debug, "span: _");
    TEXT.replace_all(&debug, "text: _").into_owned()
}
