//! Errors for people: the message, where it is, the source line and a caret
//! under the column. The only place in quiver that draws carets.

use crate::error::Error;
use crate::span::line_col;

/// Renders `error` found in `source` (named `name`, e.g. a path or
/// `<query>`). The error's span must be relative to `source`; an error
/// without a span points at `fallback` (the start of its statement).
///
/// ```text
/// error: SyntaxError (UnexpectedSyntax): expected `)`
///   --> <query>:1:10
/// 1 | MATCH (n RETURN n
///   |          ^
/// ```
pub fn render(error: &Error, name: &str, source: &str, fallback: usize) -> String {
    let offset = error
        .span
        .map_or(fallback, |span| span.start)
        .min(source.len());
    let (line, column) = line_col(source, offset);
    let text = source_line(source, line);
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    let pad: String = text
        .chars()
        .take(column - 1)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "error: {kind} ({detail}): {message}\n  --> {name}:{line}:{column}\n{number} | {text}\n{gutter} | {pad}^\n",
        kind = error.kind,
        detail = error.detail,
        message = error.message,
    )
}

/// The 1-based `line` of `source`, without its line ending.
fn source_line(source: &str, line: usize) -> &str {
    source
        .split('\n')
        .nth(line - 1)
        .unwrap_or("")
        .trim_end_matches('\r')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::span::Span;

    fn check(error: Error, name: &str, source: &str, fallback: usize, expected: &str) {
        assert_eq!(render(&error, name, source, fallback), expected);
    }

    #[test]
    fn caret_under_the_column() {
        check(
            Error::syntax("UnexpectedSyntax", "expected `)`", Span::new(9, 10)),
            "<query>",
            "MATCH (n RETURN n",
            0,
            "error: SyntaxError (UnexpectedSyntax): expected `)`\n  --> <query>:1:10\n1 | MATCH (n RETURN n\n  |          ^\n",
        );
    }

    #[test]
    fn later_lines_tabs_and_wide_line_numbers() {
        let source = "RETURN 1;\n\n\n\n\n\n\n\n\n\tRETURN é + x\r\n";
        let offset = source.find('x').unwrap();
        check(
            Error::compile(
                ErrorKind::SyntaxError,
                "UndefinedVariable",
                "Variable `x` not defined",
                Some(Span::new(offset, offset + 1)),
            ),
            "q.cypher",
            source,
            0,
            "error: SyntaxError (UndefinedVariable): Variable `x` not defined\n  --> q.cypher:10:13\n10 | \tRETURN é + x\n   | \t           ^\n",
        );
    }

    #[test]
    fn runtime_errors_point_at_their_statement() {
        check(
            Error::type_error("Cannot add a string and a list"),
            "s.cypher",
            "RETURN 1;\nRETURN 'a' + [1]",
            10,
            "error: TypeError (InvalidArgumentType): Cannot add a string and a list\n  --> s.cypher:2:1\n2 | RETURN 'a' + [1]\n  | ^\n",
        );
    }

    #[test]
    fn an_error_at_the_end_of_the_text() {
        check(
            Error::syntax(
                "UnexpectedSyntax",
                "unexpected end of input",
                Span::new(8, 8),
            ),
            "<stdin>",
            "RETURN (",
            0,
            "error: SyntaxError (UnexpectedSyntax): unexpected end of input\n  --> <stdin>:1:9\n1 | RETURN (\n  |         ^\n",
        );
    }
}
