//! The lexical view of a script: statements split at top-level `;`, blank
//! text, and bracket nesting depth. Strings, backtick names and comments are
//! skipped, so a `;` or `(` inside them counts for nothing.

use crate::span::Span;

/// The statements of a script, found lexically (strings, comments and
/// backticks respected) so that one bad statement does not hide the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Each complete statement (ended by `;`), without the `;`.
    pub statements: Vec<Span>,
    /// What follows the last `;`: empty, blank, or an unterminated statement.
    pub rest: Span,
}

/// One lexical piece of a script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A `;` outside strings and comments.
    Semicolon,
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// A comment.
    Comment,
    /// A comment, string or backtick name that runs to the end of the text.
    Unclosed(Unclosed),
    /// Whitespace.
    Space,
    /// Anything else: words, strings, names, operators.
    Other,
}

/// A piece of text that was opened and never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclosed {
    /// `/* ...` without `*/`.
    Comment,
    /// `'...` or `"...` without its closing quote.
    String,
    /// `` `... `` without its closing backtick.
    Name,
}

impl Unclosed {
    /// What is missing, for an error message.
    pub fn message(self) -> &'static str {
        match self {
            Unclosed::Comment => "unterminated comment: no closing */ for this /*",
            Unclosed::String => "unterminated string: no closing quote",
            Unclosed::Name => "unterminated name: no closing backtick",
        }
    }

    /// How many bytes open it.
    pub fn opener_len(self) -> usize {
        match self {
            Unclosed::Comment => 2,
            Unclosed::String | Unclosed::Name => 1,
        }
    }
}

/// Walks `text` and calls `visit(token, start)` for each token.
fn scan(text: &str, mut visit: impl FnMut(Token, usize)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let token = match bytes[i] {
            b';' => {
                i += 1;
                Token::Semicolon
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Token::Open
            }
            b')' | b']' | b'}' => {
                i += 1;
                Token::Close
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                Token::Comment
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => match text[i + 2..].find("*/") {
                Some(n) => {
                    i += 2 + n + 2;
                    Token::Comment
                }
                None => {
                    i = bytes.len();
                    Token::Unclosed(Unclosed::Comment)
                }
            },
            quote @ (b'\'' | b'"') => match skip_string(bytes, i + 1, quote) {
                Some(end) => {
                    i = end;
                    Token::Other
                }
                None => {
                    i = bytes.len();
                    Token::Unclosed(Unclosed::String)
                }
            },
            b'`' => match skip_backticks(bytes, i + 1) {
                Some(end) => {
                    i = end;
                    Token::Other
                }
                None => {
                    i = bytes.len();
                    Token::Unclosed(Unclosed::Name)
                }
            },
            b if b.is_ascii_whitespace() => {
                i += 1;
                Token::Space
            }
            _ => {
                i += 1;
                Token::Other
            }
        };
        visit(token, start);
    }
}

/// The offset after the string whose body starts at `i`; `None` when it
/// is never closed.
fn skip_string(bytes: &[u8], mut i: usize, quote: u8) -> Option<usize> {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The offset after the backtick name whose body starts at `i` (``` `` ```
/// escapes a backtick); `None` when it is never closed.
fn skip_backticks(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        if bytes[i] == b'`' {
            if bytes.get(i + 1) == Some(&b'`') {
                i += 2;
            } else {
                return Some(i + 1);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Splits a script into statements at top-level `;`.
pub fn split_statements(text: &str) -> Split {
    let mut statements = Vec::new();
    let mut start = 0;
    // Where the statement's first token is: its span starts there, so that
    // an error without a position of its own points at the statement, not
    // at the blank text before it.
    let mut first = None;
    scan(text, |token, at| match token {
        Token::Semicolon => {
            statements.push(Span::new(first.take().unwrap_or(start), at));
            start = at + 1;
        }
        Token::Comment | Token::Space => {}
        _ => {
            first.get_or_insert(at);
        }
    });
    Split {
        statements,
        rest: Span::new(start, text.len()),
    }
}

/// `text` without the whitespace and comments at its end.
pub(super) fn trim_trivia_end(text: &str) -> &str {
    let mut end = 0;
    let mut last: Option<(Token, usize)> = None;
    scan(text, |token, at| {
        if let Some((t, start)) = last.take()
            && !matches!(t, Token::Comment | Token::Space)
        {
            end = end.max(at.max(start));
        }
        last = Some((token, at));
    });
    if let Some((t, _)) = last
        && !matches!(t, Token::Comment | Token::Space)
    {
        end = text.len();
    }
    &text[..end]
}

/// True when `text` holds only whitespace and comments (a comment left
/// open is not blank: it is an error in a script, and more lines to come
/// in the REPL).
pub fn is_blank(text: &str) -> bool {
    let mut blank = true;
    scan(text, |token, _| {
        if !matches!(token, Token::Comment | Token::Space) {
            blank = false;
        }
    });
    blank
}

/// The comment, string or backtick name that `text` leaves open, and
/// where it starts.
pub fn unclosed(text: &str) -> Option<(Unclosed, usize)> {
    let mut found = None;
    scan(text, |token, at| {
        if let Token::Unclosed(what) = token {
            found = Some((what, at));
        }
    });
    found
}

/// The offset of the first bracket nested deeper than `limit`, if any.
pub(super) fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut found = None;
    scan(text, |token, at| match token {
        Token::Open => {
            depth += 1;
            if depth > limit && found.is_none() {
                found = Some(at);
            }
        }
        Token::Close => depth = depth.saturating_sub(1),
        _ => {}
    });
    found
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
}
