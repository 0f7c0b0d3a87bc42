//! The REPL's `:commands`.

use super::args::parse_param;
use super::session::{Flow, Session};
use crate::db::Schema;
use crate::output::{self, Format};
use crate::value::Value;
use std::path::PathBuf;

/// A REPL command: a line that starts with `:` in an empty buffer.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// `:help`
    Help,
    /// `:quit`, `:exit`
    Quit,
    /// `:schema`
    Schema,
    /// `:dot FILE`
    Dot(PathBuf),
    /// `:export FORMAT FILE [query]` (the text after `:export`).
    Export(String),
    /// `:format` (shows it) or `:format table|json|csv|tsv`
    Format(Option<Format>),
    /// `:param NAME=JSON`
    Param(String, Value),
    /// `:open PATH`: switch to the durable database at PATH.
    Open(PathBuf),
    /// `:begin`, `:commit`, `:rollback`: the statement of the same name.
    Transaction(&'static str),
}

/// What `:help` prints.
pub const HELP: &str = "\
Commands (at the start of a statement, no `;` needed):
  :help              this help
  :quit, :exit       leave (Ctrl-D too)
  :schema            labels, relationship types and property keys, with counts
  :format [NAME]     show or set the output format: table, json, csv, tsv
  :dot FILE          write the last result as a Graphviz digraph
  :export FORMAT FILE [QUERY]
                     write the last result (or QUERY's) as dot, svg, png, graphml, json, csv or tsv
  :param NAME=JSON   set the query parameter $NAME
  :open PATH         open (or create) the durable database at PATH
  :begin             start a transaction (:commit makes it durable, :rollback undoes it)
Statements end with `;` and may span lines. Ctrl-C clears the statement being typed.

The language is a subset of openCypher:
  MATCH (a:Company {name: 'OpenAI'})<-[r:stake|invests-in]-(b) WHERE r.percent > 10
  OPTIONAL MATCH, WITH ... WHERE, UNWIND, RETURN DISTINCT ... AS ... ORDER BY ... SKIP ... LIMIT
  CREATE, MERGE ... ON CREATE SET / ON MATCH SET, SET, REMOVE, DELETE, DETACH DELETE
  variable-length [*1..3], p = shortestPath((a)-[*]-(b)), allShortestPaths
  count sum avg min max collect, size length type labels keys properties coalesce, $parameters";

/// Parses a command line (it starts with `:`).
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (name, argument) = match line.split_once(char::is_whitespace) {
        Some((name, argument)) => (name, argument.trim()),
        None => (line, ""),
    };
    let no_argument = |command: Command| {
        if argument.is_empty() {
            Ok(command)
        } else {
            Err(format!("{name} takes no argument"))
        }
    };
    match name {
        ":help" | ":h" | ":?" => no_argument(Command::Help),
        ":quit" | ":exit" | ":q" => no_argument(Command::Quit),
        ":schema" => no_argument(Command::Schema),
        ":dot" if argument.is_empty() => Err("usage: :dot FILE".to_string()),
        ":dot" => Ok(Command::Dot(PathBuf::from(argument))),
        ":export" => Ok(Command::Export(argument.to_string())),
        ":format" if argument.is_empty() => Ok(Command::Format(None)),
        ":format" => match argument.parse::<Format>().ok() {
            Some(Format::Dot) => {
                Err("dot is not a REPL format: use :dot FILE to write a result".to_string())
            }
            Some(format) => Ok(Command::Format(Some(format))),
            None => Err(format!(
                "unknown format `{argument}`: use table, json, csv or tsv"
            )),
        },
        ":open" if argument.is_empty() => Err("usage: :open PATH".to_string()),
        ":open" => Ok(Command::Open(PathBuf::from(argument))),
        ":begin" => no_argument(Command::Transaction("BEGIN")),
        ":commit" => no_argument(Command::Transaction("COMMIT")),
        ":rollback" => no_argument(Command::Transaction("ROLLBACK")),
        ":param" => {
            let (name, value) = parse_param(argument)?;
            Ok(Command::Param(name, value))
        }
        _ => Err(format!("unknown command `{name}`: type :help for the list")),
    }
}

/// Carries out a command; `Flow::Stop` means leave the REPL.
pub fn execute(command: Command, session: &mut Session) -> Flow {
    match command {
        Command::Help => session.say(HELP),
        Command::Quit => return Flow::Stop,
        Command::Schema => {
            let text = schema_text(&session.db().schema());
            session.say(text.trim_end());
        }
        Command::Dot(path) => match session.last() {
            None => session.complain("no result to write yet"),
            Some(result) => {
                let document = output::dot_document(&[result]);
                match std::fs::write(&path, document) {
                    Ok(()) => session.say(&format!("wrote {}", path.display())),
                    Err(e) => session.complain(&format!("cannot write {}: {e}", path.display())),
                }
            }
        },
        Command::Export(argument) => super::export::repl_export(session, &argument),
        Command::Format(None) => {
            let name = session.format().name();
            session.say(&format!("format: {name}"));
        }
        Command::Format(Some(format)) => session.set_format(format),
        Command::Param(name, value) => session.set_param(name, value),
        Command::Open(path) => match crate::db::Database::open(&path) {
            Ok(db) => {
                session.replace_db(db);
                session.say(&format!("opened {}", path.display()));
            }
            Err(e) => session.complain(&format!("error: {}", e.message)),
        },
        Command::Transaction(statement) => {
            let source = super::session::Source {
                name: "<command>",
                text: statement,
            };
            session.run_script(source, super::session::Mode::Show);
        }
    }
    Flow::Continue
}

/// What `:schema` prints: each name in use with its count, aligned.
pub fn schema_text(schema: &Schema) -> String {
    let sections = [
        ("Labels", &schema.labels),
        ("Relationship types", &schema.rel_types),
        ("Property keys", &schema.property_keys),
    ];
    let width = sections
        .iter()
        .flat_map(|(_, entries)| entries.iter())
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (title, entries) in sections {
        text.push_str(title);
        text.push_str(":\n");
        if entries.is_empty() {
            text.push_str("  (none)\n");
        }
        for (name, count) in entries.iter() {
            text.push_str(&format!("  {name:<width$}  {count}\n"));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        assert_eq!(parse(":help"), Ok(Command::Help));
        assert_eq!(parse("  :exit  "), Ok(Command::Quit));
        assert_eq!(parse(":quit"), Ok(Command::Quit));
        assert_eq!(parse(":schema"), Ok(Command::Schema));
        assert_eq!(
            parse(":dot  out file.dot "),
            Ok(Command::Dot("out file.dot".into()))
        );
        assert_eq!(parse(":format"), Ok(Command::Format(None)));
        assert_eq!(
            parse(":format json"),
            Ok(Command::Format(Some(Format::Json)))
        );
        assert_eq!(
            parse(":param x=[1]"),
            Ok(Command::Param("x".into(), Value::List(vec![Value::Int(1)])))
        );
    }

    #[test]
    fn bad_commands_say_why() {
        assert_eq!(
            parse(":frob"),
            Err("unknown command `:frob`: type :help for the list".into())
        );
        assert_eq!(parse(":quit now"), Err(":quit takes no argument".into()));
        assert_eq!(parse(":dot"), Err("usage: :dot FILE".into()));
        assert_eq!(
            parse(":format xml"),
            Err("unknown format `xml`: use table, json, csv or tsv".into())
        );
        assert_eq!(
            parse(":format dot"),
            Err("dot is not a REPL format: use :dot FILE to write a result".into())
        );
    }

    #[test]
    fn schema_is_aligned() {
        let schema = Schema {
            labels: vec![("Company".into(), 4), ("Person".into(), 2)],
            rel_types: vec![("invests-in".into(), 2)],
            property_keys: vec![],
        };
        assert_eq!(
            schema_text(&schema),
            "Labels:\n  Company     4\n  Person      2\nRelationship types:\n  invests-in  2\nProperty keys:\n  (none)\n"
        );
    }
}
