//! What the shell reads in the tokens of [`crate::parse::lex`] while a
//! statement is being typed, and may not parse yet: the labels, types and
//! keys it names, the variables it binds, the bracket left open, keywords.

use crate::parse::lex::{Kind, Token, is_word_char, tokens};

/// A label or relationship type as it would be typed: a hyphenated name
/// (`invests-in`, which quiver accepts) as it is when `hyphens` allows it,
/// any other name that is not a plain word in backticks.
pub(crate) fn written_name(name: &str, hyphens: bool) -> String {
    let hyphenated = hyphens
        && name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && name
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(is_word_char));
    if hyphenated {
        name.to_string()
    } else {
        crate::value::quote_name(name)
    }
}

/// The keywords of quiver's Cypher, upper case (for highlighting and
/// completion).
pub(crate) const KEYWORDS: &[&str] = &[
    "ALL",
    "AND",
    "AS",
    "ASC",
    "ASCENDING",
    "BEGIN",
    "BY",
    "CALL",
    "CASE",
    "COMMIT",
    "CONSTRAINT",
    "CONSTRAINTS",
    "CONTAINS",
    "CREATE",
    "DELETE",
    "DESC",
    "DESCENDING",
    "DETACH",
    "DISTINCT",
    "DROP",
    "ELSE",
    "END",
    "ENDS",
    "EXPLAIN",
    "FALSE",
    "FOR",
    "FOREACH",
    "IN",
    "INDEX",
    "INDEXES",
    "IS",
    "LIMIT",
    "MATCH",
    "MERGE",
    "NOT",
    "NULL",
    "ON",
    "OPTIONAL",
    "OR",
    "ORDER",
    "PROFILE",
    "REMOVE",
    "REQUIRE",
    "RETURN",
    "ROLLBACK",
    "SET",
    "SHOW",
    "SKIP",
    "STARTS",
    "THEN",
    "TRUE",
    "UNION",
    "UNIQUE",
    "UNWIND",
    "WHEN",
    "WHERE",
    "WITH",
    "XOR",
    "YIELD",
];

/// Whether `word` is a keyword (any letter case).
pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// What a name written in a statement stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameKind {
    /// `:Company` in a node pattern.
    Label,
    /// `:invests-in` in a relationship pattern.
    RelType,
    /// `:X` outside any pattern (`WHERE n:X`): a label.
    LabelOrType,
    /// `n.key` or `{key: ...}` in a pattern.
    Key,
}

/// A label, relationship type or property key written in a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameRef {
    /// What it names.
    pub kind: NameKind,
    /// The name, without backticks.
    pub name: String,
    /// Byte offset of the name's first character (after `:` or `.`).
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
}

/// Every label, relationship type and property key written in `text`, found
/// lexically. Relationship types may contain `-` (`invests-in`).
pub(crate) fn names(text: &str) -> Vec<NameRef> {
    let tokens: Vec<Token> = tokens(text)
        .filter(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
        .collect();
    let mut stack: Vec<char> = Vec::new();
    let mut out = Vec::new();
    let mut last_type_token: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let punct = if token.kind == Kind::Punct {
            token.text(text)
        } else {
            ""
        };
        match punct {
            "(" | "[" | "{" => stack.push(punct.chars().next().unwrap_or('(')),
            ")" | "]" | "}" => {
                stack.pop();
            }
            _ => {}
        }
        let next = tokens.get(i + 1).copied();
        let previous = i.checked_sub(1).map(|p| tokens[p]);
        // `:Label`, `:TYPE`, and `|OTHER` right after a type.
        let introduces = match punct {
            ":" => stack.last() != Some(&'{'),
            "|" => last_type_token == i.checked_sub(1),
            _ => false,
        };
        match (punct, next) {
            (":" | "|", Some(name)) if introduces && is_name(name) => {
                let kind = match stack.last() {
                    Some('[') => NameKind::RelType,
                    Some(_) => NameKind::Label,
                    None => NameKind::LabelOrType,
                };
                let (name, end, used) = if kind == NameKind::RelType {
                    hyphenated(text, &tokens, i + 1)
                } else {
                    (unquote(name.text(text)), name.end, 1)
                };
                out.push(NameRef {
                    kind,
                    name,
                    start: name_start(text, &tokens[i + 1]),
                    end,
                });
                i += 1 + used;
                if kind == NameKind::RelType {
                    last_type_token = Some(i - 1);
                }
                continue;
            }
            (".", Some(name))
                if is_name(name)
                    && name.start == token.end
                    && previous.is_some_and(|p| {
                        matches!(p.kind, Kind::Word | Kind::Quoted) && p.end == token.start
                    }) =>
            {
                out.push(NameRef {
                    kind: NameKind::Key,
                    name: unquote(name.text(text)),
                    start: name_start(text, &name),
                    end: name.end,
                });
                i += 2;
                continue;
            }
            _ => {}
        }
        // `{key: ...}` inside a node or relationship pattern.
        if matches!(
            stack.len().checked_sub(2).map(|d| stack[d]),
            Some('(' | '[')
        ) && stack.last() == Some(&'{')
            && is_name(token)
            && previous.is_some_and(|p| matches!(p.text(text), "{" | ","))
            && next.is_some_and(|n| n.text(text) == ":")
        {
            out.push(NameRef {
                kind: NameKind::Key,
                name: unquote(token.text(text)),
                start: name_start(text, &token),
                end: token.end,
            });
        }
        i += 1;
    }
    out
}

/// A relationship type that may continue with `-word` pieces: returns the
/// name, where it ends, and how many tokens it used.
fn hyphenated(text: &str, tokens: &[Token], first: usize) -> (String, usize, usize) {
    let mut name = unquote(tokens[first].text(text));
    let mut end = tokens[first].end;
    let mut used = 1;
    while let (Some(dash), Some(word)) = (tokens.get(first + used), tokens.get(first + used + 1)) {
        if dash.text(text) == "-"
            && dash.start == end
            && word.start == dash.end
            && word.kind == Kind::Word
        {
            name.push('-');
            name.push_str(word.text(text));
            end = word.end;
            used += 2;
        } else {
            break;
        }
    }
    (name, end, used)
}

fn is_name(token: Token) -> bool {
    matches!(token.kind, Kind::Word | Kind::Quoted)
}

fn name_start(text: &str, token: &Token) -> usize {
    if token.text(text).starts_with('`') {
        token.start + 1
    } else {
        token.start
    }
}

/// A name without its backticks.
fn unquote(text: &str) -> String {
    match text.strip_prefix('`') {
        Some(inner) => inner.strip_suffix('`').unwrap_or(inner).replace("``", "`"),
        None => text.to_string(),
    }
}

/// The variables bound in `text` so far: `(x`, `[x`, `AS x`, `x =`.
pub(crate) fn variables(text: &str) -> Vec<String> {
    let tokens: Vec<Token> = tokens(text)
        .filter(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != Kind::Word || is_keyword(token.text(text)) {
            continue;
        }
        let previous = i.checked_sub(1).map(|p| tokens[p].text(text));
        let next = tokens.get(i + 1).map(|t| t.text(text));
        let bound = matches!(previous, Some("(") | Some("["))
            || previous.is_some_and(|p| p.eq_ignore_ascii_case("AS"))
            || (next == Some("=") && matches!(previous, None | Some(",")))
            || (next == Some("=") && previous.is_some_and(is_keyword));
        let name = token.text(text).to_string();
        if bound && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(text: &str) -> Vec<(NameKind, String)> {
        names(text).into_iter().map(|n| (n.kind, n.name)).collect()
    }

    #[test]
    fn names_of_labels_types_and_keys() {
        use NameKind::*;
        assert_eq!(
            named(
                "MATCH (a:Compnay {name: 'x', hq: 'y'})-[r:invests-in|stake]->(b) \
                 WHERE a:Person AND b.planned_ipo > 1 RETURN {k: 1}, a.`odd key`"
            ),
            vec![
                (Label, "Compnay".to_string()),
                (Key, "name".to_string()),
                (Key, "hq".to_string()),
                (RelType, "invests-in".to_string()),
                (RelType, "stake".to_string()),
                (LabelOrType, "Person".to_string()),
                (Key, "planned_ipo".to_string()),
                (Key, "odd key".to_string()),
            ]
        );
        // A map value is not a label.
        assert_eq!(named("RETURN {a: b}"), vec![]);
    }

    #[test]
    fn variables_bound_so_far() {
        assert_eq!(
            variables("MATCH p = (a:Company)-[r]->(b) WITH a, count(*) AS n UNWIND [1] AS x"),
            vec!["p", "a", "r", "b", "n", "x"]
        );
    }
}
