//! The command line: what to load, what to run, and how to print it.

use crate::db::Params;
use crate::output::Format;
use crate::value::Value;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};
use std::ffi::OsString;
use std::path::PathBuf;

/// `quiver`: an embedded knowledge-graph database with an openCypher subset.
#[derive(Debug, Parser)]
#[command(
    name = "quiver",
    version,
    about,
    args_conflicts_with_subcommands = false
)]
struct Cli {
    /// Open (or create) the durable database at PATH; without it the
    /// database lives in memory and is gone at exit.
    #[arg(long, value_name = "PATH", global = true)]
    db: Option<PathBuf>,

    /// Run this Cypher file before anything else (its results are not printed).
    #[arg(long = "load", value_name = "FILE")]
    loads: Vec<PathBuf>,

    /// A query parameter `$NAME`, its value written as JSON.
    #[arg(long = "param", value_name = "NAME=JSON", value_parser = parse_param)]
    params: Vec<(String, Value)>,

    /// How to print results: table, json (JSON Lines), csv, tsv, or dot
    /// (one Graphviz digraph of all results, at the end).
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    format: Format,

    /// Run these statements (repeatable; runs in command-line order with -f).
    #[arg(short = 'e', value_name = "QUERY")]
    queries: Vec<String>,

    /// Run the statements of this file (repeatable; runs in order with -e).
    #[arg(short = 'f', value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Stop at the first statement that fails.
    #[arg(long)]
    fail_fast: bool,

    /// Print no banner and no notices.
    #[arg(long, short = 'q')]
    quiet: bool,

    #[command(subcommand)]
    command: Option<SubCommand>,
}

/// Commands that work on the whole database instead of running statements.
#[derive(Debug, Clone, PartialEq, clap::Subcommand)]
pub enum SubCommand {
    /// Write the whole database (schema, then data) as a Cypher script that
    /// `--load` reads back; to FILE, or standard output.
    Dump {
        /// Where to write the script.
        file: Option<PathBuf>,
    },
}

/// One `-e` or `-f`, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// `-e QUERY`
    Query(String),
    /// `-f FILE`
    File(PathBuf),
}

/// The parsed command line.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    /// `--db PATH`.
    pub db: Option<PathBuf>,
    /// A subcommand such as `dump`.
    pub command: Option<SubCommand>,
    /// `--load` files, in order.
    pub loads: Vec<PathBuf>,
    /// `--param`s.
    pub params: Params,
    /// `--format`.
    pub format: Format,
    /// `-e` and `-f`, interleaved as given.
    pub actions: Vec<Action>,
    /// `--fail-fast`.
    pub fail_fast: bool,
    /// `--quiet`.
    pub quiet: bool,
}

/// Parses the command line (the program name first). `Err` is a usage
/// error or a request for `--help`/`--version`; clap knows how to print it
/// and with which exit status.
pub fn parse(args: Vec<OsString>) -> Result<Invocation, clap::Error> {
    let matches = Cli::command().try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let actions = interleave(&matches, cli.queries, cli.files);
    Ok(Invocation {
        db: cli.db,
        command: cli.command,
        loads: cli.loads,
        params: cli.params.into_iter().collect(),
        format: cli.format,
        actions,
        fail_fast: cli.fail_fast,
        quiet: cli.quiet,
    })
}

/// Puts the `-e` and `-f` values back in command-line order.
fn interleave(matches: &ArgMatches, queries: Vec<String>, files: Vec<PathBuf>) -> Vec<Action> {
    let indices = |id: &str| -> Vec<usize> {
        matches
            .indices_of(id)
            .map(|i| i.collect())
            .unwrap_or_default()
    };
    let mut actions: Vec<(usize, Action)> = indices("queries")
        .into_iter()
        .zip(queries.into_iter().map(Action::Query))
        .chain(
            indices("files")
                .into_iter()
                .zip(files.into_iter().map(Action::File)),
        )
        .collect();
    actions.sort_by_key(|(index, _)| *index);
    actions.into_iter().map(|(_, action)| action).collect()
}

/// Parses `NAME=JSON` into a parameter.
pub fn parse_param(text: &str) -> Result<(String, Value), String> {
    let (name, json) = text
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=JSON, got `{text}`"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("a parameter needs a name: `{text}`"));
    }
    let json: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| format!("the value of `{name}` is not JSON: {e}"))?;
    let value = json_to_value(json).map_err(|e| format!("the value of `{name}`: {e}"))?;
    Ok((name.to_string(), value))
}

/// Turns JSON into a Cypher value: integers stay integers, other numbers
/// become floats, objects become maps.
pub fn json_to_value(json: serde_json::Value) -> Result<Value, String> {
    use serde_json::Value as Json;
    Ok(match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Int(i)
            } else if n.is_u64() {
                return Err(format!("{n} does not fit in a 64-bit integer"));
            } else {
                match n.as_f64() {
                    Some(f) => Value::Float(f),
                    None => return Err(format!("{n} is not a number quiver can hold")),
                }
            }
        }
        Json::String(s) => Value::string(s),
        Json::Array(items) => Value::List(
            items
                .into_iter()
                .map(json_to_value)
                .collect::<Result<_, _>>()?,
        ),
        Json::Object(map) => Value::Map(
            map.into_iter()
                .map(|(k, v)| Ok((k, json_to_value(v)?)))
                .collect::<Result<_, String>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;
    use std::collections::BTreeMap;

    fn parse_line(line: &str) -> Result<Invocation, ErrorKind> {
        let args = std::iter::once("quiver")
            .chain(line.split_whitespace())
            .map(OsString::from)
            .collect();
        parse(args).map_err(|e| e.kind())
    }

    #[test]
    fn queries_and_files_keep_their_order() {
        let inv = parse_line("-f a.cypher -e Q1 --quiet -f b.cypher -e Q2").unwrap();
        assert_eq!(
            inv.actions,
            vec![
                Action::File("a.cypher".into()),
                Action::Query("Q1".into()),
                Action::File("b.cypher".into()),
                Action::Query("Q2".into()),
            ]
        );
        assert!(inv.quiet);
        assert!(!inv.fail_fast);
        assert_eq!(inv.format, Format::Table);
    }

    #[test]
    fn loads_format_and_params() {
        let inv =
            parse_line("--load g.cypher --format json --param x=1 --param y={\"a\":[1.5,null]}")
                .unwrap();
        assert_eq!(inv.loads, vec![PathBuf::from("g.cypher")]);
        assert_eq!(inv.format, Format::Json);
        let mut expected = BTreeMap::new();
        expected.insert("x".to_string(), Value::Int(1));
        let mut map = BTreeMap::new();
        map.insert(
            "a".to_string(),
            Value::List(vec![Value::Float(1.5), Value::Null]),
        );
        expected.insert("y".to_string(), Value::Map(map));
        assert_eq!(inv.params, expected);
    }

    #[test]
    fn bad_usage_is_an_error() {
        assert_eq!(
            parse_line("--format xml").unwrap_err(),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            parse_line("--param x=nope").unwrap_err(),
            ErrorKind::ValueValidation
        );
        assert_eq!(
            parse_line("--frobnicate").unwrap_err(),
            ErrorKind::UnknownArgument
        );
    }

    #[test]
    fn params_are_json() {
        assert_eq!(
            parse_param("n=2.0"),
            Ok(("n".to_string(), Value::Float(2.0)))
        );
        assert_eq!(
            parse_param("s=\"a=b\""),
            Ok(("s".to_string(), Value::string("a=b")))
        );
        assert_eq!(
            parse_param("big=18446744073709551615"),
            Err("the value of `big`: 18446744073709551615 does not fit in a 64-bit integer".into())
        );
        assert_eq!(
            parse_param("novalue"),
            Err("expected NAME=JSON, got `novalue`".into())
        );
        assert_eq!(
            parse_param("=1"),
            Err("a parameter needs a name: `=1`".into())
        );
    }
}
