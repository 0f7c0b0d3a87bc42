//! pest's errors in the user's words: rule names become "an expression",
//! "a relationship type", "')'"; the span points at the offending token.

use super::grammar::Rule;
use super::lex;
use crate::error::Detail;
use crate::error::Error;
use crate::span::Span;
use crate::text::{Case, closest};
use pest::error::{ErrorVariant, InputLocation};

/// A pest error on `text` as a `SyntaxError`.
pub(super) fn syntax_error(text: &str, error: pest::error::Error<Rule>) -> Error {
    let at = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = found_at(text, at);
    let end = at + found.len();
    let span = Span::new(at, end);
    if let Some(c) = text.get(at..).and_then(|t| t.chars().next())
        && !c.is_ascii()
        && !c.is_alphanumeric()
        && !c.is_whitespace()
    {
        return Error::syntax(
            Detail::InvalidUnicodeCharacter,
            format!("invalid character '{c}' (U+{:04X})", c as u32),
            Span::new(at, at + c.len_utf8()),
        );
    }
    let mut expected: Vec<String> = Vec::new();
    if let ErrorVariant::ParsingError { positives, .. } = &error.variant {
        for rule in positives {
            if let Some(d) = describe(*rule) {
                push(&mut expected, d.to_string());
            }
        }
    }
    let clauses = expected
        .iter()
        .filter(|e| CLAUSES.contains(&e.as_str()))
        .count();
    if clauses >= 4 {
        let first = expected.iter().position(|e| CLAUSES.contains(&e.as_str()));
        expected.retain(|e| !CLAUSES.contains(&e.as_str()));
        expected.insert(first.unwrap_or(0), "a clause".to_string());
    }
    if let Some(attempts) = error.parse_attempts() {
        for token in attempts.expected_tokens() {
            let token = token.to_string();
            if CLOSERS.contains(&token.as_str()) {
                push(&mut expected, format!("'{token}'"));
            }
        }
    }
    if (found == "'" || found == "\"") && !closes(text, at) {
        return Error::syntax(
            Detail::UnexpectedSyntax,
            "unterminated string: no closing quote",
            span,
        );
    }
    // After `:` a name is expected: which one depends on the bracket we are in.
    let before = text.get(..at).unwrap_or("").trim_end();
    if before.ends_with(':') && expected.iter().any(|e| e == "a label or relationship type") {
        let what = match lex::open_bracket(before, before.len()) {
            Some('[') => "a relationship type",
            Some('(') => "a label",
            _ => "a label or relationship type",
        };
        let found = if found.is_empty() {
            "end of input".to_string()
        } else {
            format!("'{found}'")
        };
        return Error::syntax(
            Detail::UnexpectedSyntax,
            format!("unexpected {found}: expected {what} after ':'"),
            span,
        );
    }
    let suggestion = keyword_suggestion(found, &expected);
    let found = if found.is_empty() {
        "end of input".to_string()
    } else {
        format!("'{found}'")
    };
    let mut message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("unexpected {found}: expected {}", one_of(&expected))
    };
    if let Some(k) = suggestion {
        message.push_str(&format!("; did you mean {k}?"));
    }
    Error::syntax(Detail::UnexpectedSyntax, message, span)
}

/// Whether the quote at `at` has a closing quote (escapes respected).
fn closes(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| lex::tokens(rest).next())
        .is_some_and(|string| string.closed)
}

/// A keyword close to a misspelt word, when a keyword was expected there.
fn keyword_suggestion(found: &str, expected: &[String]) -> Option<&'static str> {
    const KEYWORDS: [&str; 25] = [
        "MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE",
        "DELETE", "DETACH", "CALL", "UNION", "WHERE", "ORDER", "SKIP", "LIMIT", "DISTINCT",
        "YIELD", "WHEN", "THEN", "ELSE", "END", "EXPLAIN", "FOREACH",
    ];
    if found.len() < 3 || !found.chars().all(|c| c.is_alphabetic()) {
        return None;
    }
    let wants_keyword = expected.is_empty()
        || expected
            .iter()
            .any(|e| e == "a clause" || e.chars().all(|c| c.is_ascii_uppercase() || c == ' '));
    if !wants_keyword {
        return None;
    }
    let upper = found.to_ascii_uppercase();
    // The keyword itself is not a suggestion.
    let others = KEYWORDS.iter().copied().filter(|k| *k != upper);
    closest(&upper, others, |k| (k.len() / 2).min(2), Case::Counted)
}

/// Adds `s` unless already there.
fn push(list: &mut Vec<String>, s: String) {
    if !list.contains(&s) {
        list.push(s);
    }
}

/// `a`, `a or b`, `a, b or c`.
fn one_of(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The word or character at `at` (what the user sees as the bad token).
fn found_at(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return "";
    };
    if first.is_alphanumeric() || first == '_' {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        &rest[..end]
    } else {
        &rest[..first.len_utf8()]
    }
}

/// Punctuation worth naming when expected: closers and separators (openers
/// are covered by "an expression", "a pattern" and the like).
const CLOSERS: [&str; 8] = [")", "]", "}", ",", ";", "|", "=", ".."];

/// Clause keywords, summarised as "a clause" when many are expected.
const CLAUSES: [&str; 11] = [
    "MATCH", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "CALL",
    "FOREACH",
];

/// How a rule is named in a message; `None` for rules not worth naming.
fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        expr
        | projection_body
        | projection_items
        | projection_item
        | operand
        | number
        | string
        | parameter
        | count_star
        | case_expr
        | list_comprehension
        | pattern_comprehension
        | list_literal
        | quantifier
        | reduce
        | exists_subquery
        | relationships_pattern
        | map_projection
        | function_call
        | map_literal
        | parenthesized
        | TRUE
        | FALSE
        | NULL
        | NOT
        | neg
        | pos
        | float
        | hex_integer
        | octal_integer
        | decimal_integer
        | negative
        | slice_from
        | slice_to => "an expression",
        variable => "a variable name",
        symbolic_name | unescaped_name | escaped_name => "a name",
        property_key => "a property key",
        label_name | dashed_name => "a label or relationship type",
        procedure_name | function_name => "a procedure name",
        OR | XOR | AND | starts_with | ends_with | CONTAINS | IN | regex_match | eq | ne | lt
        | le | gt | ge | add | sub | mul | div | modulo | pow | is_null | is_not_null
        | property_lookup | subscript | label_test => "an operator",
        match_clause | MATCH | OPTIONAL => "MATCH",
        unwind_clause | UNWIND => "UNWIND",
        with_clause | WITH => "WITH",
        return_clause | RETURN => "RETURN",
        create_clause | CREATE => "CREATE",
        merge_clause | MERGE => "MERGE",
        set_clause | SET => "SET",
        remove_clause | REMOVE => "REMOVE",
        delete_clause | DELETE | DETACH => "DELETE",
        call_clause | call_subquery | CALL => "CALL",
        query | single_query => "a clause",
        in_transactions | TRANSACTIONS => "IN TRANSACTIONS",
        foreach_clause | FOREACH => "FOREACH",
        union | UNION => "UNION",
        where_clause | WHERE => "WHERE",
        order_by | ORDER => "ORDER BY",
        skip | SKIP => "SKIP",
        limit | LIMIT => "LIMIT",
        AS => "AS",
        BY => "BY",
        ON | on_match | on_create => "ON",
        YIELD | yield_clause => "YIELD",
        DISTINCT => "DISTINCT",
        ALL => "ALL",
        ASC | ASCENDING | DESC | DESCENDING | sort_item => "ASC or DESC",
        WHEN | case_alternative => "WHEN",
        THEN => "THEN",
        ELSE | case_else => "ELSE",
        END => "END",
        pattern | pattern_part | pattern_element | node_pattern | shortest_path
        | all_shortest_paths => "a pattern",
        rel_pattern | pattern_link | left_arrow => "a relationship pattern",
        node_labels => "a label",
        rel_types => "a relationship type",
        range | range_min | range_max | range_dots => "a length (*)",
        properties => "properties",
        star => "'*'",
        EOI => "end of input",
        _ => return None,
    })
}
