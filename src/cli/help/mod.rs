//! `:help TOPIC`: a line on each clause, function and command, with an
//! example that runs on the bundled graph (`graphs/microsoft-openai.cypher`).

use super::hints::closest;

/// One help entry: the topic, what it does, and an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Topic {
    /// The name, as `:help` lists it: `MATCH`, `toUpper`, `:param`.
    pub name: &'static str,
    /// How to write it.
    pub syntax: &'static str,
    /// One line on what it does.
    pub summary: &'static str,
    /// An example on the bundled graph.
    pub example: &'static str,
}

const fn t(
    name: &'static str,
    syntax: &'static str,
    summary: &'static str,
    example: &'static str,
) -> Topic {
    Topic {
        name,
        syntax,
        summary,
        example,
    }
}

mod clauses;
mod functions;
mod temporal;

pub(crate) use clauses::CLAUSES;
pub(crate) use functions::FUNCTIONS;
pub(crate) use temporal::TEMPORAL;

/// The REPL's commands.
pub(crate) const COMMANDS: &[Topic] = &[
    t(
        ":help",
        ":help [TOPIC]",
        "this help, or the help on a clause, function or command",
        ":help MATCH",
    ),
    t(":quit", ":quit (or :exit, Ctrl-D)", "leave", ":quit"),
    t(
        ":schema",
        ":schema",
        "the labels, relationship types and property keys, with counts",
        ":schema",
    ),
    t(
        ":param",
        ":param NAME => VALUE  or  :param NAME=JSON",
        "sets the parameter $NAME (VALUE is a Cypher expression)",
        ":param who => 'OpenAI'",
    ),
    t(
        ":params",
        ":params",
        "the parameters that are set",
        ":params",
    ),
    t(
        ":source",
        ":source FILE",
        "runs the statements of a file and prints their results (also inside scripts)",
        ":source queries.cypher",
    ),
    t(
        ":load",
        ":load FILE",
        "runs a graph file silently, in one transaction, like --load",
        ":load graphs/microsoft-openai.cypher",
    ),
    t(
        ":format",
        ":format [table|json|csv|tsv]",
        "shows or sets how results are printed",
        ":format csv",
    ),
    t(
        ":timing",
        ":timing [on|off]",
        "shows or sets whether the time taken is printed",
        ":timing off",
    ),
    t(
        ":timeout",
        ":timeout [DURATION|off]",
        "shows or sets how long a statement may run (e.g. 30s, 500ms)",
        ":timeout 30s",
    ),
    t(
        ":dot",
        ":dot FILE",
        "writes the last result as a Graphviz digraph",
        ":dot graph.dot",
    ),
    t(
        ":export",
        ":export FORMAT FILE [QUERY]",
        "writes the last result (or QUERY's) as dot, svg, png, graphml, json, csv or tsv",
        ":export svg stake.svg MATCH (a)-[s:stake]->(b) RETURN a, s, b",
    ),
    t(
        ":history",
        ":history",
        "the statements typed so far",
        ":history",
    ),
    t(":clear", ":clear", "clears the screen", ":clear"),
    t(
        ":open",
        ":open PATH",
        "opens (or creates) the durable database at PATH",
        ":open company.quiver",
    ),
    t(
        ":begin",
        ":begin, :commit, :rollback",
        "starts, commits or rolls back a transaction",
        ":begin",
    ),
    t(
        ":log",
        ":log [N]",
        "the commits (the last N), newest first: time, metadata, changes",
        ":log 5",
    ),
    t(
        ":meta",
        ":meta [MAP|clear]",
        "shows, sets or clears the metadata of every later commit",
        ":meta {source: 'PCMag', author: 'Jon Martindale'}",
    ),
    t(
        ":as-of",
        ":as-of N|TIME|now",
        "shows the graph as it was after commit N (or at TIME), read-only",
        ":as-of 1",
    ),
];

/// What `:help` alone prints.
pub(crate) fn overview() -> String {
    let mut text = String::from("Commands (at the start of a statement, no `;` needed):\n");
    for topic in COMMANDS {
        text.push_str(&format!("  {:<44} {}\n", topic.syntax, topic.summary));
    }
    text.push_str(
        "Statements end with `;` and may span lines. Tab completes; Ctrl-C clears the statement,\n\
         or cancels the one running (an open transaction stays open).\n\n",
    );
    text.push_str("Clauses (:help CLAUSE for an example):\n");
    text.push_str(&wrapped_names(CLAUSES));
    text.push_str("Functions (:help NAME for an example):\n");
    text.push_str(&wrapped_names(FUNCTIONS));
    text.push_str("Temporal functions (:help NAME for an example):\n");
    text.push_str(&wrapped_names(TEMPORAL));
    text
}

/// Topic names, comma separated, in lines of at most 78 columns.
fn wrapped_names(topics: &[Topic]) -> String {
    let mut text = String::new();
    let mut line = String::from(" ");
    for (i, topic) in topics.iter().enumerate() {
        let piece = if i + 1 == topics.len() {
            format!(" {}", topic.name)
        } else {
            format!(" {},", topic.name)
        };
        if line.len() + piece.len() > 78 {
            text.push_str(&line);
            text.push('\n');
            line = String::from(" ");
        }
        line.push_str(&piece);
    }
    text.push_str(&line);
    text.push('\n');
    text
}

/// Every topic, clauses first.
pub(crate) fn all() -> impl Iterator<Item = &'static Topic> {
    CLAUSES
        .iter()
        .chain(FUNCTIONS)
        .chain(TEMPORAL)
        .chain(COMMANDS)
}

/// The help on `topic` (any letter case; `match`, `TOUPPER`, `param`,
/// `:param`, `detach delete`), or a message with the closest topic.
pub(crate) fn lookup(topic: &str) -> Result<String, String> {
    let wanted = topic.split_whitespace().collect::<Vec<_>>().join(" ");
    let found = all()
        .find(|t| t.name.eq_ignore_ascii_case(&wanted))
        .or_else(|| {
            // `:help param` for `:param`; `:help count(*)`.
            let bare = wanted.trim_end_matches("()").trim_end_matches("(*)");
            all().find(|t| {
                t.name.eq_ignore_ascii_case(bare)
                    || t.name
                        .strip_prefix(':')
                        .is_some_and(|n| n.eq_ignore_ascii_case(bare))
            })
        });
    match found {
        Some(topic) => Ok(format!(
            "{}\n  {}\n  {}\nExample:\n  {}",
            topic.name, topic.syntax, topic.summary, topic.example
        )),
        None => {
            let names: Vec<&str> = all().map(|t| t.name).collect();
            let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
            let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
            let suggestion = closest(&wanted.to_lowercase(), &lower_refs)
                .and_then(|l| lower_refs.iter().position(|n| *n == l))
                .map(|i| format!("; did you mean {}?", names[i]))
                .unwrap_or_default();
            Err(format!(
                "no help on `{wanted}`{suggestion} (:help lists the topics)"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_has_help() {
        let missing: Vec<&str> = crate::db::function_names()
            .iter()
            .copied()
            .filter(|name| !FUNCTIONS.iter().chain(TEMPORAL).any(|t| t.name == *name))
            .collect();
        assert_eq!(
            missing,
            Vec::<&str>::new(),
            "add them to FUNCTIONS or TEMPORAL"
        );
    }

    #[test]
    fn every_function_example_runs_on_the_bundled_graph() {
        let graph = include_str!("../../../graphs/microsoft-openai.cypher");
        let params = crate::db::Params::new();
        for topic in FUNCTIONS.iter().chain(TEMPORAL) {
            let mut db = crate::db::Database::in_memory();
            db.execute(graph, &params).unwrap();
            let text = topic.example.trim_end_matches(';');
            let run = db.execute(text, &params);
            assert!(run.is_ok(), "{}: {:?}", topic.name, run.err());
        }
    }

    #[test]
    fn topics_in_any_case() {
        assert_eq!(
            lookup("touppER"),
            Ok("toUpper\n  toUpper(string)\n  the string in upper case\nExample:\n  MATCH (c:Company) RETURN toUpper(c.name);".to_string())
        );
        assert!(lookup("optional   match").is_ok_and(|h| h.starts_with("OPTIONAL MATCH\n")));
        assert!(lookup("param").is_ok_and(|h| h.starts_with(":param\n")));
        assert!(lookup("count(*)").is_ok_and(|h| h.starts_with("count\n")));
        assert_eq!(
            lookup("shortestpth"),
            Err(
                "no help on `shortestpth`; did you mean shortestPath? (:help lists the topics)"
                    .to_string()
            )
        );
        assert_eq!(
            lookup("zzzz"),
            Err("no help on `zzzz` (:help lists the topics)".to_string())
        );
    }

    #[test]
    fn the_overview_names_every_clause_and_function() {
        let text = overview();
        for topic in CLAUSES.iter().chain(FUNCTIONS).chain(TEMPORAL) {
            assert!(text.contains(topic.name), "{}", topic.name);
        }
    }
}
