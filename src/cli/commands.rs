//! The REPL's `:commands`: parsing a command line, and carrying out the
//! commands that need only the session (`:history` and `:clear` need the
//! line editor, and the REPL carries them out).

use super::args::parse_param;
use super::help;
use super::session::{Flow, Mode, Session, Source};
use crate::db::Schema;
use crate::output::{self, Format};
use crate::value::Value;
use std::path::PathBuf;

/// A REPL command: a line that starts with `:` in an empty buffer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Command {
    /// `:help` or `:help TOPIC`
    Help(Option<String>),
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
    /// `:param NAME=JSON` or `:param NAME => VALUE`
    Param(String, ParamValue),
    /// `:params`
    Params,
    /// `:source FILE`: run a file's statements, printing their results.
    Source(PathBuf),
    /// `:load FILE`: run a graph file silently, in one transaction.
    Load(PathBuf),
    /// `:timing` (shows it) or `:timing on|off`
    Timing(Option<bool>),
    /// `:timeout` (shows it), `:timeout DURATION` or `:timeout off`
    Timeout(Option<Option<std::time::Duration>>),
    /// `:history`
    History,
    /// `:clear`
    Clear,
    /// `:open PATH`: switch to the durable database at PATH.
    Open(PathBuf),
    /// `:begin`, `:commit`, `:rollback`: the statement of the same name.
    Transaction(&'static str),
    /// `:log [N]`: the last N commits (all without N).
    Log(Option<usize>),
    /// `:meta` (shows it), `:meta MAP` (a Cypher map), `:meta clear`.
    Meta(MetaArg),
    /// `:as-of N|TIME` (`None`: `:as-of now`).
    AsOf(Option<crate::history::AsOf>),
}

/// What `:meta` does.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MetaArg {
    /// Shows the metadata.
    Show,
    /// Clears it.
    Clear,
    /// Sets it to the value of this Cypher map expression.
    Set(String),
}

/// The value of a `:param`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ParamValue {
    /// `NAME=JSON`: already a value.
    Json(Value),
    /// `NAME => VALUE`: a Cypher expression, computed when the command runs.
    Cypher(String),
}

/// Every command name, for completion and help.
pub(crate) const NAMES: &[&str] = &[
    ":help",
    ":quit",
    ":exit",
    ":schema",
    ":param",
    ":params",
    ":source",
    ":load",
    ":format",
    ":timing",
    ":timeout",
    ":dot",
    ":export",
    ":history",
    ":clear",
    ":open",
    ":begin",
    ":commit",
    ":rollback",
    ":log",
    ":meta",
    ":as-of",
];

/// The commands whose argument is a file path.
pub(crate) const TAKES_PATH: &[&str] = &[":load", ":source", ":dot", ":export", ":open"];

/// Parses a command line (it starts with `:`).
pub(crate) fn parse(line: &str) -> Result<Command, String> {
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
    let path = |make: fn(PathBuf) -> Command| {
        if argument.is_empty() {
            Err(format!("usage: {name} FILE"))
        } else {
            Ok(make(PathBuf::from(argument)))
        }
    };
    match name {
        ":help" | ":h" | ":?" if argument.is_empty() => Ok(Command::Help(None)),
        ":help" | ":h" | ":?" => Ok(Command::Help(Some(argument.to_string()))),
        ":quit" | ":exit" | ":q" => no_argument(Command::Quit),
        ":schema" => no_argument(Command::Schema),
        ":dot" => path(Command::Dot),
        ":source" => path(Command::Source),
        ":load" => path(Command::Load),
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
        ":timing" => match argument {
            "" => Ok(Command::Timing(None)),
            "on" => Ok(Command::Timing(Some(true))),
            "off" => Ok(Command::Timing(Some(false))),
            _ => Err("usage: :timing on|off".to_string()),
        },
        ":timeout" => match argument {
            "" => Ok(Command::Timeout(None)),
            "off" | "none" => Ok(Command::Timeout(Some(None))),
            _ => super::args::parse_timeout(argument)
                .map(|d| Command::Timeout(Some(Some(d))))
                .map_err(|e| format!("{e}; usage: :timeout DURATION|off")),
        },
        ":history" => no_argument(Command::History),
        ":clear" => no_argument(Command::Clear),
        ":open" if argument.is_empty() => Err("usage: :open PATH".to_string()),
        ":open" => Ok(Command::Open(PathBuf::from(argument))),
        ":begin" => no_argument(Command::Transaction("BEGIN")),
        ":commit" => no_argument(Command::Transaction("COMMIT")),
        ":rollback" => no_argument(Command::Transaction("ROLLBACK")),
        ":params" => no_argument(Command::Params),
        ":log" if argument.is_empty() => Ok(Command::Log(None)),
        ":log" => argument
            .parse::<usize>()
            .map(|n| Command::Log(Some(n)))
            .map_err(|_| "usage: :log [N] (the last N commits)".to_string()),
        ":meta" => Ok(Command::Meta(match argument {
            "" => MetaArg::Show,
            "clear" => MetaArg::Clear,
            map => MetaArg::Set(map.to_string()),
        })),
        ":as-of" => match argument {
            "" => Err("usage: :as-of N|TIME|now".to_string()),
            "now" => Ok(Command::AsOf(None)),
            at => super::args::parse_as_of(at)
                .map(|at| Command::AsOf(Some(at)))
                .map_err(|e| format!("{e}; usage: :as-of N|TIME|now")),
        },
        ":param" => parse_param_command(argument),
        _ => Err(format!("unknown command `{name}`: type :help for the list")),
    }
}

/// `NAME => VALUE` (a Cypher expression) or `NAME=JSON`; a `$` before the
/// name is allowed.
fn parse_param_command(argument: &str) -> Result<Command, String> {
    let usage = || "usage: :param NAME => VALUE, or :param NAME=JSON".to_string();
    if argument.is_empty() {
        return Err(usage());
    }
    let argument = argument.strip_prefix('$').unwrap_or(argument);
    if let Some((name, value)) = argument.split_once("=>") {
        let name = name.trim();
        let value = value.trim();
        if !is_identifier(name) || value.is_empty() {
            return Err(usage());
        }
        return Ok(Command::Param(
            name.to_string(),
            ParamValue::Cypher(value.to_string()),
        ));
    }
    let (name, value) = parse_param(argument)?;
    Ok(Command::Param(name, ParamValue::Json(value)))
}

fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Carries out a command; `Flow::Stop` means leave the REPL. `:history` and
/// `:clear` do nothing here (the REPL carries them out).
pub(crate) fn execute(command: Command, session: &mut Session) -> Flow {
    match command {
        Command::Help(None) => session.say(help::overview().trim_end()),
        Command::Help(Some(topic)) => match help::lookup(&topic) {
            Ok(text) => session.say(&text),
            Err(message) => session.complain(&message),
        },
        Command::Quit => return Flow::Stop,
        Command::Schema => {
            let text = schema_text(&session.db().schema());
            session.say(text.trim_end());
        }
        Command::Dot(path) => match session.last() {
            None => session.complain("no result to write yet"),
            Some(result) => {
                let document = output::dot_document(&[result]);
                let written = super::outfile::check_file(&path, session.db().file())
                    .and_then(|out| out.write_bytes(document.as_bytes()));
                match written {
                    Ok(()) => session.say(&format!("wrote {}", path.display())),
                    Err(message) => session.complain(&format!("error: {message}")),
                }
            }
        },
        Command::Export(argument) => super::export::repl_export(session, &argument),
        Command::Format(None) => {
            let name = session.format().name();
            session.say(&format!("format: {name}"));
        }
        Command::Format(Some(format)) => session.set_format(format),
        Command::Timing(None) => {
            let state = if session.timing() { "on" } else { "off" };
            session.say(&format!("timing: {state}"));
        }
        Command::Timing(Some(on)) => session.set_timing(on),
        Command::Timeout(t) => {
            if let Some(t) = t {
                session.db_mut().set_timeout(t);
            }
            let text = match session.db().timeout() {
                Some(t) => format!("timeout: {}", crate::text::duration(t)),
                None => "timeout: off".to_string(),
            };
            session.say(&text);
        }
        Command::Param(name, value) => {
            if let Err(message) = session.apply_param(name, value) {
                session.complain(&format!("error: {message}"));
            }
        }
        Command::Params => {
            let text = params_text(session);
            session.say(&text);
        }
        Command::Source(path) => {
            if let Err(message) = session.source_file(&path, Mode::Show) {
                session.complain(&format!("error: {message}"));
            }
        }
        Command::Load(path) => match std::fs::read_to_string(&path) {
            Ok(text) => {
                let name = path.display().to_string();
                let summary = session.load(Source {
                    name: &name,
                    text: &text,
                });
                session.say(&summary);
            }
            Err(e) => session.complain(&format!("error: cannot read {}: {e}", path.display())),
        },
        Command::History | Command::Clear => {}
        Command::Open(path) => match crate::db::Database::open(&path).and_then(|db| {
            super::outfile::check_standard_streams(db.file())
                .map(|()| db)
                .map_err(crate::error::Error::io)
        }) {
            Ok(db) => {
                session.replace_db(db);
                session.say(&format!("opened {}", path.display()));
            }
            Err(e) => session.complain(&format!("error: {}", e.message)),
        },
        Command::Log(limit) => match super::history::log_text(session.db(), limit) {
            Ok(text) => session.say(&text),
            Err(message) => session.complain(&format!("error: {message}")),
        },
        Command::Meta(arg) => meta(session, arg),
        Command::AsOf(at) => match super::history::travel(session.db_mut(), at) {
            Ok(text) => {
                session.touch();
                session.say(&text);
            }
            Err(message) => session.complain(&format!("error: {message}")),
        },
        Command::Transaction(statement) => {
            let source = Source {
                name: "<command>",
                text: statement,
            };
            session.run_script(source, Mode::Show);
        }
    }
    Flow::Continue
}

/// `:meta`: shows, clears or sets the metadata of every later commit.
fn meta(session: &mut Session, arg: MetaArg) {
    match arg {
        MetaArg::Show => {}
        MetaArg::Clear => session.db_mut().set_commit_metadata(Default::default()),
        MetaArg::Set(expression) => {
            let checked = session.evaluate(&expression).and_then(|value| {
                crate::db::Database::check_metadata(&value).map_err(|e| e.message)
            });
            match checked {
                Ok(meta) => session.db_mut().set_commit_metadata(meta),
                Err(message) => {
                    return session.complain(&format!(
                        "error: {message} (usage: :meta {{source: 'PCMag'}}, :meta clear)"
                    ));
                }
            }
        }
    }
    let meta = session.db().commit_metadata();
    let text = match meta.is_empty() {
        true => "meta: none (set it with :meta {source: 'PCMag'})".to_string(),
        false => format!("meta: {}", crate::db::dump::map_literal(meta)),
    };
    session.say(&text);
}

/// What `:params` prints: `$name = value` per line, in Cypher notation.
fn params_text(session: &Session) -> String {
    if session.params().is_empty() {
        return "no parameters (set one with :param NAME => VALUE)".to_string();
    }
    session
        .params()
        .iter()
        .map(|(name, value)| format!("${name} = {value}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What `:schema` prints: each name in use with its count, aligned.
pub(crate) fn schema_text(schema: &Schema) -> String {
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
        assert_eq!(parse(":help"), Ok(Command::Help(None)));
        assert_eq!(
            parse(":help  toUpper "),
            Ok(Command::Help(Some("toUpper".into())))
        );
        assert_eq!(parse(":timing off"), Ok(Command::Timing(Some(false))));
        assert_eq!(parse(":timeout"), Ok(Command::Timeout(None)));
        assert_eq!(parse(":timeout off"), Ok(Command::Timeout(Some(None))));
        assert_eq!(
            parse(":timeout 1.5s"),
            Ok(Command::Timeout(Some(Some(
                std::time::Duration::from_millis(1500)
            ))))
        );
        assert!(parse(":timeout soon").is_err());
        assert_eq!(
            parse(":source a b.cypher"),
            Ok(Command::Source("a b.cypher".into()))
        );
        assert_eq!(
            parse(":load g.cypher"),
            Ok(Command::Load("g.cypher".into()))
        );
        assert_eq!(parse(":history"), Ok(Command::History));
        assert_eq!(parse(":log"), Ok(Command::Log(None)));
        assert_eq!(parse(":log 3"), Ok(Command::Log(Some(3))));
        assert!(parse(":log all").is_err());
        assert_eq!(parse(":meta"), Ok(Command::Meta(MetaArg::Show)));
        assert_eq!(parse(":meta clear"), Ok(Command::Meta(MetaArg::Clear)));
        assert_eq!(
            parse(":meta {source: 'PCMag'}"),
            Ok(Command::Meta(MetaArg::Set("{source: 'PCMag'}".into())))
        );
        assert_eq!(parse(":as-of now"), Ok(Command::AsOf(None)));
        assert_eq!(
            parse(":as-of 2"),
            Ok(Command::AsOf(Some(crate::history::AsOf::Commit(2))))
        );
        assert!(parse(":as-of").is_err());
        assert!(parse(":as-of yesterday").is_err());
        assert_eq!(parse(":clear"), Ok(Command::Clear));
        assert_eq!(parse(":params"), Ok(Command::Params));
        assert_eq!(
            parse(":param who => 'Open' + 'AI'"),
            Ok(Command::Param(
                "who".into(),
                ParamValue::Cypher("'Open' + 'AI'".into())
            ))
        );
        assert_eq!(
            parse(":param $n=>1"),
            Ok(Command::Param("n".into(), ParamValue::Cypher("1".into())))
        );
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
            Ok(Command::Param(
                "x".into(),
                ParamValue::Json(Value::List(vec![Value::Int(1)]))
            ))
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
        assert_eq!(parse(":timing maybe"), Err("usage: :timing on|off".into()));
        assert_eq!(
            parse(":param 1x => 2"),
            Err("usage: :param NAME => VALUE, or :param NAME=JSON".into())
        );
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
