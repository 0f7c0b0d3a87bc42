//! Syntax highlighting as you type: keywords, strings, numbers, comments,
//! parameters, labels and types, and the bracket matching the one at the
//! cursor. Only ANSI colour codes are added, so the text keeps its width.

use super::names::{self, NameKind, is_keyword};
use crate::parse::lex::{self, Kind};

/// Keywords: bold blue.
const KEYWORD: &str = "\x1b[1;34m";
/// Strings: green.
const STRING: &str = "\x1b[32m";
/// Numbers: cyan.
const NUMBER: &str = "\x1b[36m";
/// Comments: grey.
const COMMENT: &str = "\x1b[90m";
/// Parameters: magenta.
const PARAM: &str = "\x1b[35m";
/// Labels and relationship types: yellow.
const NAME: &str = "\x1b[33m";
/// The brackets at and matching the cursor: bold, reversed.
const BRACKET: &str = "\x1b[1;7m";
/// History hints: grey.
pub(crate) const HINT: &str = "\x1b[90m";
/// Back to normal.
pub(crate) const RESET: &str = "\x1b[0m";

/// `line` with colour codes; the brackets at byte offsets `brackets` are
/// marked.
pub(crate) fn highlight(line: &str, brackets: Option<(usize, usize)>) -> String {
    if line.trim_start().starts_with(':') {
        return command(line);
    }
    let named: Vec<(usize, usize)> = names::names(line)
        .into_iter()
        .filter(|n| n.kind != NameKind::Key)
        .map(|n| (n.start, n.end))
        .collect();
    let mut out = String::with_capacity(line.len() * 2);
    for token in lex::tokens(line) {
        let text = token.text(line);
        let colour = match token.kind {
            Kind::Word | Kind::Quoted | Kind::Punct
                if named.iter().any(|(s, e)| {
                    token.start >= *s && token.end <= *e
                        || (token.kind == Kind::Quoted && token.start + 1 == *s)
                }) =>
            {
                Some(NAME)
            }
            Kind::Word if is_keyword(text) => Some(KEYWORD),
            Kind::String => Some(STRING),
            Kind::Number => Some(NUMBER),
            Kind::Comment => Some(COMMENT),
            Kind::Param => Some(PARAM),
            Kind::Punct if brackets.is_some_and(|(a, b)| token.start == a || token.start == b) => {
                Some(BRACKET)
            }
            _ => None,
        };
        match colour {
            Some(colour) => {
                out.push_str(colour);
                out.push_str(text);
                out.push_str(RESET);
            }
            None => out.push_str(text),
        }
    }
    out
}

/// A `:command` line: the command's name in bold.
fn command(line: &str) -> String {
    let start = line.len() - line.trim_start().len();
    let end = line[start..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| start + i);
    format!(
        "{}{KEYWORD}{}{RESET}{}",
        &line[..start],
        &line[start..end],
        &line[end..]
    )
}

/// When the cursor at byte `pos` is on a bracket (or just after one), its
/// offset and the offset of the bracket that matches it. Brackets in
/// strings and comments do not count.
pub(crate) fn matching_bracket(line: &str, pos: usize) -> Option<(usize, usize)> {
    let brackets: Vec<(usize, char)> = lex::tokens(line)
        .filter(|t| t.kind == Kind::Punct)
        .filter_map(|t| {
            let c = t.text(line).chars().next()?;
            "()[]{}".contains(c).then_some((t.start, c))
        })
        .collect();
    let at = brackets
        .iter()
        .position(|(i, _)| *i == pos)
        .or_else(|| brackets.iter().position(|(i, _)| i + 1 == pos))?;
    let (offset, c) = brackets[at];
    let (open, close) = match c {
        '(' | ')' => ('(', ')'),
        '[' | ']' => ('[', ']'),
        _ => ('{', '}'),
    };
    let mut depth = 0usize;
    if c == open {
        for &(i, b) in &brackets[at..] {
            if b == open {
                depth += 1;
            } else if b == close {
                depth -= 1;
                if depth == 0 {
                    return Some((offset, i));
                }
            }
        }
    } else {
        for &(i, b) in brackets[..=at].iter().rev() {
            if b == close {
                depth += 1;
            } else if b == open {
                depth -= 1;
                if depth == 0 {
                    return Some((i, offset));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes colour codes as tags, to read the tests.
    fn tags(text: &str) -> String {
        text.replace(KEYWORD, "<k>")
            .replace(STRING, "<s>")
            .replace(NUMBER, "<n>")
            .replace(COMMENT, "<c>")
            .replace(PARAM, "<p>")
            .replace(NAME, "<l>")
            .replace(BRACKET, "<b>")
            .replace(RESET, "</>")
    }

    #[test]
    fn each_kind_of_token_has_its_colour() {
        assert_eq!(
            tags(&highlight(
                "match (c:Company)-[:invests-in]->() WHERE c.x > 1.5 AND c.n = 'a' + $p // hm",
                None
            )),
            "<k>match</> (c:<l>Company</>)-[:<l>invests</><l>-</><l>in</>]->() \
             <k>WHERE</> c.x > <n>1.5</> <k>AND</> c.n = <s>'a'</> + <p>$p</> <c>// hm</>"
        );
        assert_eq!(tags(&highlight(":help MATCH", None)), "<k>:help</> MATCH");
    }

    #[test]
    fn the_matching_bracket() {
        let line = "RETURN [(1), ')']";
        assert_eq!(matching_bracket(line, 7), Some((7, 16)));
        assert_eq!(matching_bracket(line, 17), Some((7, 16)));
        assert_eq!(matching_bracket(line, 9), Some((8, 10)));
        assert_eq!(matching_bracket(line, 3), None);
        assert_eq!(matching_bracket("RETURN (1", 7), None);
        assert_eq!(
            tags(&highlight("RETURN (1)", Some((7, 9)))),
            "<k>RETURN</> <b>(</><n>1</><b>)</>"
        );
    }

    #[test]
    fn the_width_is_kept() {
        let line = "MATCH (n:`odd name` {k: 'ソニー'}) RETURN n";
        let plain = highlight(line, Some((6, 31)));
        let stripped: String = regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(&plain, "")
            .to_string();
        assert_eq!(stripped, line);
    }
}
