//! Errors for people: the message, where it is, the source line and a caret
//! under the column. The only place in quiver that draws carets.

use crate::error::Error;
use crate::span::line_col;
use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// The most columns of a source line a report shows: a longer line is cut
/// to a window around the caret, `...` marking each side that was cut.
const WINDOW: usize = 100;

/// How many columns a tab is taken to fill when a line is cut.
const TAB_WIDTH: usize = 4;

/// Renders `error` found in `source` (named `name`, e.g. a path or
/// `<query>`). The error's span must be relative to `source`; an error
/// without a span points at `fallback` (the start of its statement).
/// Control characters are shown escaped (`\0`, `\u{1b}`), so a report
/// never sends them to the terminal.
///
/// ```text
/// error: SyntaxError (UnexpectedSyntax): expected `)`
///   --> <query>:1:10
/// 1 | MATCH (n RETURN n
///   |          ^
/// ```
pub(crate) fn render(error: &Error, name: &str, source: &str, fallback: usize) -> String {
    let offset = error
        .span
        .map_or(fallback, |span| span.start)
        .min(source.len());
    let (line, column) = line_col(source, offset);
    let (text, pad) = excerpt(source_line(source, line), column);
    let number = line.to_string();
    let gutter = " ".repeat(number.len());
    format!(
        "error: {kind} ({detail}): {message}\n  --> {name}:{line}:{column}\n{number} | {text}\n{gutter} | {pad}^\n",
        kind = error.kind,
        detail = error.detail,
        message = escape_controls(&error.message),
        name = escape_controls(name),
    )
}

/// `text` with its control characters (but line breaks and tabs) escaped,
/// for messages that quote what a user wrote.
pub(crate) fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && c != '\t' && escaped(c).is_some())
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match escaped(c) {
            Some(e) if c != '\n' && c != '\t' => out.push_str(&e),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// How a character that must not reach a terminal as it is is shown:
/// control characters, and the marks that reorder text (bidirectional
/// overrides and isolates).
fn escaped(c: char) -> Option<String> {
    let reorders = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !c.is_control() && !reorders {
        return None;
    }
    Some(match c {
        '\0' => "\\0".to_string(),
        '\n' => "\\n".to_string(),
        '\r' => "\\r".to_string(),
        '\t' => "\\t".to_string(),
        c => format!("\\u{{{:x}}}", c as u32),
    })
}

/// One character of a source line as shown, and the columns it takes.
fn cell(c: char) -> (Cow<'static, str>, usize) {
    if c == '\t' {
        return (Cow::Borrowed("\t"), TAB_WIDTH);
    }
    match escaped(c) {
        Some(e) => {
            let width = e.len();
            (Cow::Owned(e), width)
        }
        None => (Cow::Owned(c.to_string()), c.width().unwrap_or(0)),
    }
}

/// The source line as shown, cut to a window around the character at the
/// 1-based `column` when it is long, and the padding that puts a caret
/// under that character (tabs stay tabs, wide characters take two
/// columns, escaped ones as many as their escape).
fn excerpt(line: &str, column: usize) -> (String, String) {
    let cells: Vec<(Cow<'static, str>, usize)> = line.chars().map(cell).collect();
    let at = (column - 1).min(cells.len());
    let (from, to) = window(&cells.iter().map(|c| c.1).collect::<Vec<_>>(), at);
    let mut text = String::new();
    let mut pad = String::new();
    if from > 0 {
        text.push_str("...");
        pad.push_str("   ");
    }
    for (i, (shown, width)) in cells.iter().enumerate().take(to).skip(from) {
        text.push_str(shown);
        if i < at {
            if shown == "\t" {
                pad.push('\t');
            } else {
                pad.extend(std::iter::repeat_n(' ', *width));
            }
        }
    }
    if to < cells.len() {
        text.push_str("...");
    }
    (text, pad)
}

/// The cells `from..to` to show of cells of `widths`, at most [`WINDOW`]
/// columns around the cell `at` (which may be one past the end): half of
/// the room before it, the rest after, and what the end leaves unused
/// before it again.
fn window(widths: &[usize], at: usize) -> (usize, usize) {
    let total: usize = widths.iter().sum();
    if total <= WINDOW {
        return (0, widths.len());
    }
    let mut used = widths.get(at).copied().unwrap_or(1);
    let mut from = at;
    while from > 0 && used + widths[from - 1] <= WINDOW / 2 {
        from -= 1;
        used += widths[from];
    }
    let mut to = (at + 1).min(widths.len());
    while to < widths.len() && used + widths[to] <= WINDOW {
        used += widths[to];
        to += 1;
    }
    while from > 0 && used + widths[from - 1] <= WINDOW {
        from -= 1;
        used += widths[from];
    }
    (from, to)
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
    use crate::error::Detail;
    use crate::error::ErrorKind;
    use crate::span::Span;

    fn check(error: Error, name: &str, source: &str, fallback: usize, expected: &str) {
        assert_eq!(render(&error, name, source, fallback), expected);
    }

    #[test]
    fn caret_under_the_column() {
        check(
            Error::syntax(Detail::UnexpectedSyntax, "expected `)`", Span::new(9, 10)),
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
                Detail::UndefinedVariable,
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
    fn control_characters_are_escaped_and_the_caret_follows() {
        let source = "RETURN '\0\u{1b}[31m' + x";
        let offset = source.find('x').unwrap();
        check(
            Error::compile(
                ErrorKind::SyntaxError,
                Detail::UndefinedVariable,
                "Variable `x\0` not defined",
                Some(Span::new(offset, offset + 1)),
            ),
            "<query>",
            source,
            0,
            "error: SyntaxError (UndefinedVariable): Variable `x\\0` not defined\n  --> <query>:1:19\n\
             1 | RETURN '\\0\\u{1b}[31m' + x\n  |                         ^\n",
        );
        assert_eq!(
            escape_controls("a\nb\tc\u{7f}\u{202e}"),
            "a\nb\tc\\u{7f}\\u{202e}"
        );
        assert!(matches!(escape_controls("plain é 中"), Cow::Borrowed(_)));
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let source = "RETURN '中文' + x";
        let offset = source.find('x').unwrap();
        let shown = render(
            &Error::syntax(
                Detail::UnexpectedSyntax,
                "here",
                Span::new(offset, offset + 1),
            ),
            "<query>",
            source,
            0,
        );
        assert!(
            shown.ends_with(&format!("1 | RETURN '中文' + x\n  | {}^\n", " ".repeat(16))),
            "{shown}"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let source = format!(
            "RETURN {} + x + {}",
            "1 + ".repeat(25_000),
            "2 + ".repeat(25_000)
        );
        let offset = source.find('x').unwrap();
        let shown = render(
            &Error::syntax(
                Detail::UnexpectedSyntax,
                "here",
                Span::new(offset, offset + 1),
            ),
            "<query>",
            &source,
            0,
        );
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[1], "  --> <query>:1:100011");
        let (text, caret) = (lines[2], lines[3]);
        assert!(
            text.starts_with("1 | ...") && text.ends_with("..."),
            "{text}"
        );
        assert!(text.chars().count() <= 4 + 3 + WINDOW + 3, "{text}");
        let under = caret.chars().count() - 1;
        assert_eq!(text.chars().nth(under), Some('x'), "{text}\n{caret}");
        // Near the start of a long line only the right side is cut.
        let shown = render(
            &Error::syntax(Detail::UnexpectedSyntax, "here", Span::new(0, 1)),
            "<query>",
            &source,
            0,
        );
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[2].chars().count(), 4 + WINDOW + 3);
        assert!(lines[2].starts_with("1 | RETURN 1 + 1") && lines[2].ends_with("..."));
        assert_eq!(lines[3], "  | ^");
    }

    #[test]
    fn an_error_at_the_end_of_the_text() {
        check(
            Error::syntax(
                Detail::UnexpectedSyntax,
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
