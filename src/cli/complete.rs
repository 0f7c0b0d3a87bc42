//! Tab completion that knows the database: keywords, functions, the labels,
//! relationship types and property keys in the graph, parameters, the
//! variables bound earlier in the statement, `:commands`, and file paths
//! after the commands that take one.

use super::commands::{NAMES, TAKES_PATH};
use super::help;
use super::names::{self, KEYWORDS};
use crate::db::Schema;
use crate::parse::lex::{is_word_char, open_bracket};
use std::path::Path;

/// The names completion offers, taken from the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Catalog {
    /// Node labels in use.
    pub labels: Vec<String>,
    /// Relationship types in use.
    pub types: Vec<String>,
    /// Property keys in use.
    pub keys: Vec<String>,
    /// Parameter names that are set.
    pub params: Vec<String>,
}

impl Catalog {
    /// The names in `schema` (parameters are set apart).
    pub(crate) fn from_schema(schema: &Schema) -> Catalog {
        let names = |entries: &[(String, usize)]| entries.iter().map(|(n, _)| n.clone()).collect();
        Catalog {
            labels: names(&schema.labels),
            types: names(&schema.rel_types),
            keys: names(&schema.property_keys),
            params: Vec::new(),
        }
    }
}

/// One candidate: what the list shows and what replaces the word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Shown in the list of candidates.
    pub display: String,
    /// Put in place of the word being completed.
    pub replacement: String,
}

impl Candidate {
    fn same(text: &str) -> Candidate {
        Candidate {
            display: text.to_string(),
            replacement: text.to_string(),
        }
    }
}

/// The completions at byte `pos` of `line`, where `pending` holds the
/// earlier lines of the statement being typed (empty at its first line).
/// Returns where the replaced word starts in `line`, and the candidates,
/// sorted.
pub(crate) fn complete(
    pending: &str,
    line: &str,
    pos: usize,
    catalog: &Catalog,
) -> (usize, Vec<Candidate>) {
    let pos = floor_char_boundary(line, pos);
    let before = &line[..pos];
    if pending.trim().is_empty() && before.trim_start().starts_with(':') {
        return complete_command(before);
    }
    let context = format!("{pending}{before}");
    // The word being typed; `-` joins the pieces of a relationship type.
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c) || *c == '-')
        .last()
        .map_or(pos, |(i, _)| i);
    let previous = before[..start].chars().next_back();
    if previous == Some(':') {
        let word = &before[start..];
        let at = pending.len() + start;
        let names: Vec<&String> = match open_bracket(&context, at) {
            Some('[') => catalog.types.iter().collect(),
            Some('{') => Vec::new(),
            Some(_) => catalog.labels.iter().collect(),
            None => catalog.labels.iter().chain(&catalog.types).collect(),
        };
        let candidates = names
            .into_iter()
            .filter(|n| starts_with_ignoring_case(n, word))
            .map(|n| Candidate {
                display: n.clone(),
                replacement: names::written_name(n, true),
            });
        return (start, sorted(candidates));
    }
    // Anything else is an identifier: no `-` in it.
    let start = before[start..].rfind('-').map_or(start, |i| start + i + 1);
    let word = &before[start..];
    let previous = before[..start].chars().next_back();
    let candidates: Vec<Candidate> = match previous {
        Some('$') => prefixed(&catalog.params, word),
        Some('.')
            if before[..start.saturating_sub(1)]
                .chars()
                .next_back()
                .is_some_and(|c| is_word_char(c) || c == '`' || c == ')') =>
        {
            let keys = catalog
                .keys
                .iter()
                .filter(|k| starts_with_ignoring_case(k, word))
                .map(|k| Candidate {
                    display: k.clone(),
                    replacement: crate::value::quote_name(k),
                });
            keys.chain(namespaced(&before[..start - 1], word)).collect()
        }
        _ if word.is_empty() => Vec::new(),
        _ => {
            let variables = names::variables(&context[..pending.len() + start]);
            let keywords = KEYWORDS
                .iter()
                .filter(|k| starts_with_ignoring_case(k, word))
                .map(|k| Candidate::same(k));
            let functions = crate::db::function_names()
                .iter()
                .chain(["shortestPath", "allShortestPaths"].iter())
                .filter(|f| starts_with_ignoring_case(f, word))
                .map(|f| Candidate {
                    display: f.to_string(),
                    replacement: format!("{f}("),
                });
            prefixed(&variables, word)
                .into_iter()
                .chain(keywords)
                .chain(functions)
                .collect()
        }
    };
    (start, sorted(candidates))
}

/// The functions named `NS.word…` when `before` ends with `NS` (the
/// temporal functions: `date.truncate`, `duration.between`), offered as
/// the part after the dot.
fn namespaced(before: &str, word: &str) -> Vec<Candidate> {
    let ns_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let ns = &before[ns_start..];
    if ns.is_empty() {
        return Vec::new();
    }
    crate::db::function_names()
        .iter()
        .filter_map(|f| {
            let (head, tail) = f.split_once('.')?;
            (head.eq_ignore_ascii_case(ns) && starts_with_ignoring_case(tail, word)).then(|| {
                Candidate {
                    display: f.to_string(),
                    replacement: format!("{tail}("),
                }
            })
        })
        .collect()
}

/// Completions on a `:command` line: the command's name, then its argument
/// (a path, a help topic, a format, on/off).
fn complete_command(before: &str) -> (usize, Vec<Candidate>) {
    let offset = before.len() - before.trim_start().len();
    let text = before.trim_start();
    let Some(space) = text.find(char::is_whitespace) else {
        let names: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
        return (offset, prefixed(&names, text));
    };
    let name = &text[..space];
    let argument_start = offset
        + space
        + text[space..]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(text.len() - space);
    let argument = &before[argument_start.min(before.len())..];
    let argument_start = argument_start.min(before.len());
    let words = |list: &[&str]| -> Vec<String> { list.iter().map(|w| w.to_string()).collect() };
    match name {
        _ if TAKES_PATH.contains(&name) => {
            let (start, candidates) = complete_path(argument);
            (argument_start + start, candidates)
        }
        ":help" => {
            let topics: Vec<String> = help::all().map(|t| t.name.to_string()).collect();
            (argument_start, prefixed(&topics, argument))
        }
        ":format" => (
            argument_start,
            prefixed(&words(&["table", "json", "csv", "tsv"]), argument),
        ),
        ":timing" => (argument_start, prefixed(&words(&["on", "off"]), argument)),
        ":timeout" => (argument_start, prefixed(&words(&["off", "30s"]), argument)),
        ":meta" => (argument_start, prefixed(&words(&["clear"]), argument)),
        ":as-of" => (argument_start, prefixed(&words(&["now"]), argument)),
        _ => (argument_start, Vec::new()),
    }
}

/// Completes a file path: returns where the last path component starts in
/// `typed`, and the entries of its folder that begin with it (folders end
/// in `/`; hidden entries only when a `.` was typed).
pub(crate) fn complete_path(typed: &str) -> (usize, Vec<Candidate>) {
    let (folder, prefix, start) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..], i + 1),
        None => ("", typed, 0),
    };
    let dir = if folder.is_empty() {
        Path::new(".")
    } else {
        Path::new(folder)
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (start, Vec::new());
    };
    let candidates = entries.filter_map(Result::ok).filter_map(|entry| {
        let name = entry.file_name().into_string().ok()?;
        if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
            return None;
        }
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let text = if is_dir { format!("{name}/") } else { name };
        Some(Candidate::same(&text))
    });
    (start, sorted(candidates))
}

fn prefixed(names: &[String], word: &str) -> Vec<Candidate> {
    sorted(
        names
            .iter()
            .filter(|n| starts_with_ignoring_case(n, word))
            .map(|n| Candidate::same(n)),
    )
}

fn starts_with_ignoring_case(name: &str, prefix: &str) -> bool {
    name.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Sorted by what is shown (ignoring letter case), without duplicates.
fn sorted(candidates: impl IntoIterator<Item = Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = candidates.into_iter().collect();
    out.sort_by(|a, b| {
        let key = |c: &Candidate| (c.display.to_lowercase(), c.display.clone());
        key(a).cmp(&key(b))
    });
    out.dedup_by(|a, b| a.display == b.display);
    out
}

/// The largest char boundary at or before `pos`.
fn floor_char_boundary(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let names = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        Catalog {
            labels: names(&["Company", "Person", "Platform", "odd label"]),
            types: names(&["invests-in", "owns", "partners-with"]),
            keys: names(&["name", "percent", "planned_ipo_usd"]),
            params: names(&["who"]),
        }
    }

    /// The replacements offered at the end of `line`, and where they start.
    fn check(pending: &str, line: &str, start: usize, expected: &[&str]) {
        let (at, candidates) = complete(pending, line, line.len(), &catalog());
        let got: Vec<&str> = candidates.iter().map(|c| c.replacement.as_str()).collect();
        assert_eq!((at, got), (start, expected.to_vec()), "{line}");
    }

    #[test]
    fn labels_in_node_patterns_types_in_relationship_patterns() {
        check("", "MATCH (n:Comp", 9, &["Company"]);
        check("", "MATCH (n:P", 9, &["Person", "Platform"]);
        check("", "MATCH (n)-[:inv", 12, &["invests-in"]);
        check("", "MATCH (n)-[r:partners-w", 13, &["partners-with"]);
        check("", "MATCH (n)-[:owns|par", 17, &[]);
        check("", "MATCH (n:o", 9, &["`odd label`"]);
        check(
            "",
            "MATCH (n) WHERE n:",
            18,
            &[
                "Company",
                "invests-in",
                "`odd label`",
                "owns",
                "partners-with",
                "Person",
                "Platform",
            ],
        );
    }

    #[test]
    fn keys_params_keywords_functions_and_variables() {
        check("", "MATCH (n) RETURN n.pl", 19, &["planned_ipo_usd"]);
        check("", "RETURN $w", 8, &["who"]);
        check("", "mat", 0, &["MATCH"]);
        check("", "RETURN toU", 7, &["toUpper("]);
        check(
            "MATCH (company)-[stake]->(b)\n",
            "RETURN co",
            7,
            &[
                "coalesce(",
                "collect(",
                "COMMIT",
                "company",
                "CONSTRAINT",
                "CONSTRAINTS",
                "CONTAINS",
                "cos(",
                "cot(",
                "count(",
            ],
        );
        check("", "RETURN ", 7, &[]);
        check("", "RETURN date.tr", 12, &["transaction(", "truncate("]);
        check(
            "",
            "RETURN Duration.in",
            16,
            &["inDays(", "inMonths(", "inSeconds("],
        );
        check(
            "",
            "RETURN datetime.fromepoch",
            16,
            &["fromepoch(", "fromepochmillis("],
        );
        check("", "MATCH (n) RETURN n.na", 19, &["name"]);
        check(
            "",
            "RETURN localdat",
            7,
            &[
                "localdatetime(",
                "localdatetime.realtime(",
                "localdatetime.statement(",
                "localdatetime.transaction(",
                "localdatetime.truncate(",
            ],
        );
        check(
            "",
            "MATCH (a)-->(b) RETURN a.name-b",
            30,
            &["b", "BEGIN", "BY"],
        );
    }

    #[test]
    fn commands_and_their_arguments() {
        check("", ":he", 0, &[":help"]);
        check("", ":help toUp", 6, &["toUpper"]);
        check("", ":format c", 8, &["csv"]);
        check("", ":timing o", 8, &["off", "on"]);
        check("", ":as-of n", 7, &["now"]);
        check("", ":meta c", 6, &["clear"]);
        // Only at the start of a statement.
        check("MATCH (n)\n", ":he", 1, &[]);
    }

    #[test]
    fn paths_after_commands_that_take_a_file() {
        let (start, candidates) = complete("", ":load graphs/microsoft-o", 24, &catalog());
        assert_eq!(start, 13);
        assert_eq!(candidates, vec![Candidate::same("microsoft-openai.cypher")]);
        let (_, candidates) = complete("", ":source grap", 12, &catalog());
        assert_eq!(candidates, vec![Candidate::same("graphs/")]);
    }
}
