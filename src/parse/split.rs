//! The lexical view of a script, on the tokens of [`super::lex`]:
//! statements split at top-level `;`, blank text, what is left open, and
//! bracket nesting depth. A `;` or `(` inside a string, backtick name or
//! comment is part of that token and counts for nothing.

use super::lex::{Kind, Token, Unclosed, tokens};
#[cfg(feature = "cli")]
use crate::span::Span;

/// The statements of a script, found lexically (strings, comments and
/// backticks respected) so that one bad statement does not hide the others.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg(feature = "cli")]
pub struct Split {
    /// Each complete statement (ended by `;`), without the `;`.
    pub statements: Vec<Span>,
    /// What follows the last `;`: empty, blank, or an unterminated statement.
    pub rest: Span,
}

/// Splits a script into statements at top-level `;`.
#[cfg(feature = "cli")]
pub fn split_statements(text: &str) -> Split {
    let mut statements = Vec::new();
    let mut start = 0;
    // Where the statement's first token is: its span starts there, so that
    // an error without a position of its own points at the statement, not
    // at the blank text before it.
    let mut first = None;
    for token in tokens(text) {
        if is_punct(text, token, b";") {
            statements.push(Span::new(first.take().unwrap_or(start), token.start));
            start = token.end;
        } else if !token.is_trivia() {
            first.get_or_insert(token.start);
        }
    }
    Split {
        statements,
        rest: Span::new(start, text.len()),
    }
}

/// Whether `token` is one of the ASCII punctuation characters `among`.
fn is_punct(text: &str, token: Token, among: &[u8]) -> bool {
    token.kind == Kind::Punct
        && text
            .as_bytes()
            .get(token.start)
            .is_some_and(|b| among.contains(b))
}

/// `text` without the whitespace and comments at its end.
pub(super) fn trim_trivia_end(text: &str) -> &str {
    let end = tokens(text)
        .filter(|t| !t.is_trivia())
        .last()
        .map_or(0, |t| t.end);
    &text[..end]
}

/// True when `text` holds only whitespace and comments (a comment left
/// open is not blank: it is an error in a script, and more lines to come
/// in the REPL).
#[cfg(feature = "cli")]
pub(crate) fn is_blank(text: &str) -> bool {
    tokens(text).all(|t| t.is_trivia())
}

/// The comment, string or backtick name that `text` leaves open, and
/// where it starts.
pub(crate) fn unclosed(text: &str) -> Option<(Unclosed, usize)> {
    // Only the last token can run to the end of the text.
    let last = tokens(text).last()?;
    last.unclosed().map(|what| (what, last.start))
}

/// The offset of the first bracket nested deeper than `limit`, if any.
pub(super) fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for token in tokens(text) {
        if is_punct(text, token, b"([{") {
            depth += 1;
            if depth > limit {
                return Some(token.start);
            }
        } else if is_punct(text, token, b")]}") {
            depth = depth.saturating_sub(1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splits `text` and returns the statements' texts and the rest.
    fn check(text: &str, statements: &[&str], rest: &str) {
        let split = split_statements(text);
        let got: Vec<&str> = split
            .statements
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, statements);
        assert_eq!(&text[split.rest.start..split.rest.end], rest);
    }

    #[test]
    fn splits_at_top_level_semicolons() {
        check("RETURN 1; RETURN 2;", &["RETURN 1", "RETURN 2"], "");
        check(
            "RETURN 1;\n// why\n  RETURN 2;",
            &["RETURN 1", "RETURN 2"],
            "",
        );
        check("RETURN 1; RETURN", &["RETURN 1"], " RETURN");
        check("", &[], "");
        check(";;", &["", ""], "");
    }

    #[test]
    fn ignores_semicolons_in_strings_names_and_comments() {
        check("RETURN ';' AS a;", &["RETURN ';' AS a"], "");
        check(r#"RETURN "a;b" ;"#, &[r#"RETURN "a;b" "#], "");
        check(r"RETURN 'it\'s;' ;x", &[r"RETURN 'it\'s;' "], "x");
        check("RETURN 1 AS `a;``;b`;", &["RETURN 1 AS `a;``;b`"], "");
        check("RETURN 1 // no; split\n;", &["RETURN 1 // no; split\n"], "");
        check("RETURN /* ; */ 1;", &["RETURN /* ; */ 1"], "");
    }

    #[test]
    fn unterminated_pieces_swallow_the_rest() {
        check("RETURN 'abc; RETURN 1;", &[], "RETURN 'abc; RETURN 1;");
        check("RETURN 1 /* abc; def", &[], "RETURN 1 /* abc; def");
        check("RETURN `a; b", &[], "RETURN `a; b");
        check("RETURN 'a\\", &[], "RETURN 'a\\");
    }

    #[test]
    fn finds_what_is_left_open() {
        assert_eq!(unclosed("RETURN 1; /* c */"), None);
        assert_eq!(
            unclosed("RETURN 1;\n/* forgot\nRETURN 2;"),
            Some((Unclosed::Comment, 10))
        );
        assert_eq!(unclosed("RETURN 'a' + 'b"), Some((Unclosed::String, 13)));
        assert_eq!(unclosed("RETURN \"a\\\""), Some((Unclosed::String, 7)));
        assert_eq!(unclosed("RETURN 1 AS `a``"), Some((Unclosed::Name, 12)));
        assert_eq!(unclosed("RETURN 1 // open to the end"), None);
        assert_eq!(unclosed("RETURN '/*'"), None);
    }

    #[test]
    fn handles_crlf_and_unicode() {
        check(
            "RETURN 1;\r\nRETURN 'é;';\r\n",
            &["RETURN 1", "RETURN 'é;'"],
            "\r\n",
        );
        check("RETURN 1 // c\r\n;", &["RETURN 1 // c\r\n"], "");
    }

    #[test]
    fn trailing_comments_are_trimmed() {
        assert_eq!(trim_trivia_end("c // keep\n"), "c");
        assert_eq!(trim_trivia_end("1 /* c */ "), "1");
        assert_eq!(trim_trivia_end("'a // b' "), "'a // b'");
        assert_eq!(trim_trivia_end("a /* x */ + b"), "a /* x */ + b");
        assert_eq!(trim_trivia_end("  "), "");
    }

    #[test]
    fn blank_is_whitespace_and_comments() {
        assert!(is_blank(""));
        assert!(is_blank("  \r\n\t"));
        assert!(is_blank("// x\n/* y */ "));
        assert!(!is_blank("/* unterminated"));
        assert!(!is_blank("  /* unterminated */ /* again"));
        assert!(!is_blank("// x\nRETURN 1"));
        assert!(!is_blank("'/*'"));
    }

    #[test]
    fn measures_nesting_outside_strings() {
        assert_eq!(too_deep("((()))", 3), None);
        assert_eq!(too_deep("(((())))", 3), Some(3));
        assert_eq!(too_deep("'(((('", 1), None);
        assert_eq!(too_deep("[{(", 2), Some(2));
    }

    #[test]
    fn whitespace_is_the_grammars() {
        // No-break space, byte order mark and vertical tab are whitespace
        // to the grammar, so a statement starts after them.
        check("\u{FEFF}RETURN 1;", &["RETURN 1"], "");
        check("\u{A0}\u{0B}RETURN 1;", &["RETURN 1"], "");
        assert!(is_blank("\u{FEFF}\u{A0}\u{0B}"));
        // Other Unicode spaces are not.
        assert!(!is_blank("\u{2003}"));
    }

    /// The splitter as it was before the lexer: a byte-wise scan, kept as
    /// the reference the random inputs below are checked against.
    fn reference_split(text: &str) -> (Vec<(usize, usize)>, usize) {
        let bytes = text.as_bytes();
        let find = |from: usize, what: &str| text[from..].find(what).map(|n| from + n);
        let (mut statements, mut start, mut first) = (Vec::new(), 0, None);
        let mut i = 0;
        while i < bytes.len() {
            let at = i;
            i += 1;
            match bytes[at] {
                b';' => {
                    statements.push((first.take().unwrap_or(start), at));
                    start = i;
                    continue;
                }
                b'/' if bytes.get(i) == Some(&b'/') => {
                    i = find(at, "\n").unwrap_or(bytes.len());
                    continue;
                }
                b'/' if bytes.get(i) == Some(&b'*') => match find(at + 2, "*/") {
                    Some(end) => {
                        i = end + 2;
                        continue;
                    }
                    None => i = bytes.len(),
                },
                quote @ (b'\'' | b'"') => loop {
                    match bytes.get(i) {
                        None => break,
                        Some(b'\\') => i += 2,
                        Some(b) => {
                            i += 1;
                            if *b == quote {
                                break;
                            }
                        }
                    }
                },
                b'`' => loop {
                    match (bytes.get(i), bytes.get(i + 1)) {
                        (None, _) => break,
                        (Some(b'`'), Some(b'`')) => i += 2,
                        (Some(b), _) => {
                            i += 1;
                            if *b == b'`' {
                                break;
                            }
                        }
                    }
                },
                b if b.is_ascii_whitespace() => continue,
                _ => {}
            }
            first.get_or_insert(at);
        }
        (statements, start.min(bytes.len()))
    }

    proptest::proptest! {
        #[test]
        fn splits_as_the_reference_does(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                ";", "'", "\"", "`", "``", "/", "*", "//", "/*", "*/", "\\", "\n", " ", "\r\n",
                "\t", "a", "(", ")", "é", "ソ", "1.5", "$p", ".", "-", "{", "]",
            ]),
            0..40,
        )) {
            let text = pieces.concat();
            let split = split_statements(&text);
            let statements: Vec<(usize, usize)> =
                split.statements.iter().map(|s| (s.start, s.end)).collect();
            let (expected, rest) = reference_split(&text);
            proptest::prop_assert_eq!(statements, expected, "{:?}", text);
            proptest::prop_assert_eq!(split.rest.start, rest, "{:?}", text);
        }
    }
}
