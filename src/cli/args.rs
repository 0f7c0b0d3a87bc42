//! The command line: what to load, what to run, and how to print it.

use crate::db::Params;
use crate::history::{AsOf, Metadata};
use crate::output::{DotStyle, Format};
use crate::value::Value;
use crate::value::json::{JsonError, json_to_value, parse_text};
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser};
use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// `quiver`: an embedded knowledge-graph database with an openCypher subset.
#[derive(Debug, Parser)]
#[command(
    name = "quiver",
    version,
    about,
    args_conflicts_with_subcommands = false
)]
struct Cli {
    /// Open (or create) the durable database at PATH (a file when PATH has an
    /// extension, else a directory holding quiver.db); without it the
    /// database lives in memory and is gone at exit.
    #[arg(long, value_name = "PATH", global = true)]
    db: Option<PathBuf>,

    /// Open the database for reading only: nothing is ever written to it,
    /// every write is refused, and several read-only processes can read it
    /// at once (a file that cannot be written is opened so anyway).
    #[arg(long, global = true, requires = "db")]
    read_only: bool,

    /// When another process holds the database, wait up to DURATION for it
    /// (e.g. 500ms, 5s, 2m) instead of refusing at once.
    #[arg(long, value_name = "DURATION", global = true, value_parser = parse_duration)]
    wait: Option<Duration>,

    /// Run this Cypher file before anything else (its results are not printed).
    #[arg(long = "load", value_name = "FILE")]
    loads: Vec<PathBuf>,

    /// A query parameter `$NAME`, its value written as JSON.
    #[arg(long = "param", value_name = "NAME=JSON", value_parser = parse_param)]
    params: Vec<(String, Value)>,

    /// Query parameters from a JSON object file, `{"name": value, ...}`,
    /// values written as for --param (repeatable: a later file wins;
    /// --param wins over every file). For values too long for a command line.
    #[arg(long = "params-file", value_name = "FILE.json")]
    params_files: Vec<PathBuf>,

    /// How to print results: table, json (JSON Lines), csv, tsv; or one
    /// drawing of all results, at the end: dot (Graphviz), svg or png
    /// (rendered by Graphviz's `dot`), graphml.
    #[arg(long, value_name = "FORMAT", default_value = "table", value_parser = parse_format)]
    format: (Format, Option<GraphFormat>),

    /// Run these statements (repeatable; runs in command-line order with -f).
    #[arg(short = 'e', value_name = "QUERY")]
    queries: Vec<String>,

    /// Run the statements of this file (repeatable; runs in order with -e).
    #[arg(short = 'f', value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Stop at the first statement that fails.
    #[arg(long)]
    fail_fast: bool,

    /// LOAD CSV reads only files under DIR (default: the current
    /// directory); paths and file: URLs are relative to it, so
    /// 'file:///x.csv' is DIR/x.csv, and a path that leaves DIR (by '..'
    /// or a symlink) is refused.
    #[arg(long, value_name = "DIR")]
    import_dir: Option<PathBuf>,

    /// Let LOAD CSV read any file this process may read ('file:///x.csv'
    /// is /x.csv) instead of only those under the import directory.
    #[arg(long, conflicts_with = "import_dir")]
    allow_file_access_anywhere: bool,

    /// Print no banner and no notices.
    #[arg(long, short = 'q')]
    quiet: bool,

    /// Stop a statement that runs longer than this (e.g. 30s, 500ms, 2m);
    /// it fails with QueryTimeout and changes nothing. Default: no limit.
    #[arg(long, value_name = "DURATION", global = true, value_parser = parse_timeout)]
    timeout: Option<std::time::Duration>,

    /// Stop a statement whose rows, lists, strings and maps need more
    /// memory than this (e.g. 2GiB, 512MiB; 0 for no limit); it fails with
    /// MemoryLimitExceeded and changes nothing. Default: half the memory
    /// of the machine.
    #[arg(long, value_name = "SIZE", global = true, value_parser = parse_memory)]
    memory_limit: Option<u64>,

    /// Run a read-only statement on at most this many threads (a large
    /// scan feeding count, min, max or collect is split; answers and their
    /// order stay those of one thread). Default: the machine's cores, at
    /// most 8; 1 runs everything on one thread.
    #[arg(long, value_name = "N", global = true, value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,

    /// Drawings: the node property that captions nodes.
    #[arg(long, value_name = "PROP", global = true, default_value = "name")]
    dot_caption: String,

    /// Drawings: relationship properties shown under the type
    /// (repeatable, or separated by commas).
    #[arg(long, value_name = "PROP", global = true, value_delimiter = ',')]
    dot_edge_label: Vec<String>,

    /// Drawings: the direction of the layout.
    #[arg(long, value_name = "DIR", global = true, default_value = "LR",
          value_parser = ["LR", "TB", "RL", "BT"], ignore_case = true)]
    rankdir: String,

    /// Drawings: box the nodes of each label together.
    #[arg(long, global = true)]
    dot_cluster: bool,

    /// Drawings: draw at most N nodes (0: no limit).
    #[arg(long, value_name = "N", global = true, default_value_t = 500)]
    dot_limit: usize,

    /// Metadata for every commit this process makes (--load files,
    /// statements, import), as a JSON object: '{"source": "PCMag"}'
    /// (`CALL tx.setMetaData` in a transaction adds to it).
    #[arg(long, value_name = "JSON", global = true, value_parser = parse_tx_meta)]
    tx_meta: Option<Metadata>,

    /// Show the database as it was right after commit N, or after the last
    /// commit at or before TIME (2026-12-01T10:00:00Z, or a date): every
    /// statement, export and dump sees that state, and every write is
    /// refused. With --db the file is opened read-only.
    #[arg(long, value_name = "N|TIME", global = true, value_parser = parse_as_of)]
    as_of: Option<AsOf>,

    /// Drawings: show each relationship's sources (the metadata of the
    /// commits that asserted it) in its tooltip; with `--dot-edge-label
    /// sources`, their names under its type too.
    #[arg(long, global = true)]
    dot_provenance: bool,

    #[command(subcommand)]
    command: Option<SubCommand>,
}

/// Parses `--tx-meta`: a JSON object of values, as `--param` reads values.
fn parse_tx_meta(text: &str) -> Result<Metadata, String> {
    let json = parse_text(text).map_err(|e| format!("not a JSON object: {}", e.message()))?;
    if !json.is_object() {
        return Err("expected a JSON object, e.g. '{\"source\": \"PCMag\"}'".to_string());
    }
    let value = json_to_value(&json)?;
    crate::db::Database::check_metadata(&value).map_err(|e| e.message)
}

/// Parses `--as-of` (and `compact --history-before`): a commit number or a time.
pub(crate) fn parse_as_of(text: &str) -> Result<AsOf, String> {
    text.parse::<AsOf>().map_err(|e| e.message)
}

/// A format that draws the graph in the results instead of printing rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum GraphFormat {
    /// A Graphviz digraph.
    Dot,
    /// SVG, rendered by Graphviz's `dot`.
    Svg,
    /// PNG, rendered by Graphviz's `dot`.
    Png,
    /// GraphML, with typed keys.
    Graphml,
}

/// Parses `--format`: a result format, or a drawing (which reaches the
/// session as [`Format::Dot`]).
fn parse_format(text: &str) -> Result<(Format, Option<GraphFormat>), String> {
    match text {
        "dot" => Ok((Format::Dot, Some(GraphFormat::Dot))),
        "svg" => Ok((Format::Dot, Some(GraphFormat::Svg))),
        "png" => Ok((Format::Dot, Some(GraphFormat::Png))),
        "graphml" => Ok((Format::Dot, Some(GraphFormat::Graphml))),
        _ => match text.parse::<Format>() {
            Ok(format) => Ok((format, None)),
            Err(_) => Err(format!(
                "unknown format `{text}`: expected table, json, csv, tsv, dot, svg, png or graphml"
            )),
        },
    }
}

/// What `export --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// GraphML with typed keys (networkx, Gephi, yEd, Cytoscape).
    Graphml,
    /// quiver's JSON Lines: one object per node and relationship.
    Jsonl,
    /// A folder of bulk-importer CSV files, one per label set and per type.
    Csv,
    /// The Cypher dump (as `dump`).
    Cypher,
    /// A Graphviz digraph.
    Dot,
    /// SVG, rendered by Graphviz's `dot`.
    Svg,
    /// PNG, rendered by Graphviz's `dot`.
    Png,
}

/// What `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ImportFormat {
    /// Neo4j bulk-importer CSV (`--nodes`, `--relationships`).
    #[default]
    Csv,
    /// quiver's JSON Lines export.
    Jsonl,
}

/// How import ids are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum IdTypeArg {
    /// Strings (`1` and `01` differ).
    #[default]
    String,
    /// 64-bit integers, also stored as integer properties.
    Integer,
}

/// The options of `import`.
#[derive(Debug, Clone, PartialEq, clap::Args)]
pub struct ImportArgs {
    /// A node file, its rows labelled LABEL (`A:B` for several).
    #[arg(long = "nodes", value_name = "[LABEL=]FILE")]
    pub nodes: Vec<String>,
    /// A relationship file, its rows of type TYPE (or from a :TYPE column).
    #[arg(long = "relationships", value_name = "[TYPE=]FILE")]
    pub relationships: Vec<String>,
    /// The field delimiter (one character; `\t` or `tab` for a tab).
    #[arg(long, value_name = "C", default_value = ",", value_parser = parse_delimiter)]
    pub delimiter: char,
    /// The delimiter between labels in :LABEL and items in array columns.
    #[arg(long, value_name = "C", default_value = ";", value_parser = parse_delimiter)]
    pub array_delimiter: char,
    /// How :ID, :START_ID and :END_ID values are read.
    #[arg(long, value_name = "TYPE", value_enum, default_value_t)]
    pub id_type: IdTypeArg,
    /// Skip rows that cannot be imported (and report them) instead of failing.
    #[arg(long)]
    pub skip_bad_rows: bool,
    /// Import into a database that already holds nodes. Without it that is
    /// refused: an import always makes new nodes, so importing the same
    /// files twice would make every node twice.
    #[arg(long)]
    pub append: bool,
    /// csv (the default) or jsonl (then FILE is quiver's JSON Lines export).
    #[arg(long, value_enum, default_value_t)]
    pub format: ImportFormat,
    /// With --format jsonl: the file to read (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Reads a one-character delimiter.
fn parse_delimiter(text: &str) -> Result<char, String> {
    match text {
        "\\t" | "tab" | "TAB" => return Ok('\t'),
        _ => {}
    }
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii() && c != '"' && c != '\n' && c != '\r' => Ok(c),
        _ => Err(format!(
            "a delimiter is one ASCII character (not a quote or a line break), not `{text}`"
        )),
    }
}

/// Commands that work on the whole database instead of running statements.
#[derive(Debug, Clone, PartialEq, clap::Subcommand)]
pub(crate) enum SubCommand {
    /// Write the whole database (schema, then data) as a Cypher script that
    /// `--load` reads back; to FILE, or standard output.
    Dump {
        /// Where to write the script.
        file: Option<PathBuf>,
        /// Write a script that makes the history again: each commit in
        /// order, with its metadata and its changes (times are new).
        #[arg(long)]
        with_history: bool,
    },
    /// Load CSV files in Neo4j's bulk-importer format (or quiver's JSON
    /// Lines) into the database, as one transaction.
    Import(ImportArgs),
    /// Write the whole database as GraphML, JSON Lines, CSV, Cypher, DOT,
    /// SVG or PNG; to --out, or standard output.
    Export {
        /// What to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file (a folder for csv) to write.
        #[arg(long, value_name = "FILE_OR_DIR")]
        out: Option<PathBuf>,
    },
    /// The commits, newest first: number, time (UTC), metadata, and what
    /// each changed.
    Log {
        /// Show at most N commits.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// table, or json (JSON Lines: one object per commit).
        #[arg(long, value_enum, default_value_t)]
        format: LogFormat,
    },
    /// What changed from right after commit A to right after commit B (B
    /// omitted: the last commit); A and B are commit numbers or times.
    Diff {
        /// A..B, or A.. for "since A".
        #[arg(value_name = "A..B", value_parser = parse_range)]
        range: (AsOf, Option<AsOf>),
        /// json (JSON Lines: one object per change), or cypher (a script
        /// that turns a copy of the database in state A into state B).
        #[arg(long, value_enum, default_value_t)]
        format: DiffFormat,
    },
    /// Drop old history to free space; the current state and the later
    /// history stay.
    Compact {
        /// Drop the history of the commits before commit N (or made at or
        /// before TIME).
        #[arg(long, value_name = "N|TIME", value_parser = parse_as_of)]
        history_before: AsOf,
    },
}

/// What `log --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub(crate) enum LogFormat {
    /// A table for people.
    #[default]
    Table,
    /// JSON Lines.
    Json,
}

/// What `diff --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub(crate) enum DiffFormat {
    /// JSON Lines.
    #[default]
    Json,
    /// A Cypher script.
    Cypher,
}

/// Parses `A..B` or `A..`.
fn parse_range(text: &str) -> Result<(AsOf, Option<AsOf>), String> {
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| format!("expected A..B or A.. (commit numbers or times), not `{text}`"))?;
    let b = match b.trim() {
        "" => None,
        b => Some(parse_as_of(b)?),
    };
    Ok((parse_as_of(a)?, b))
}

/// One `-e` or `-f`, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Action {
    /// `-e QUERY`
    Query(String),
    /// `-f FILE`
    File(PathBuf),
}

/// The parsed command line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Invocation {
    /// `--db PATH`.
    pub db: Option<PathBuf>,
    /// A subcommand such as `dump`.
    pub command: Option<SubCommand>,
    /// `--read-only`.
    pub read_only: bool,
    /// `--wait DURATION`.
    pub wait: Option<Duration>,
    /// `--load` files, in order.
    pub loads: Vec<PathBuf>,
    /// `--param`s.
    pub params: Params,
    /// `--params-file`s, in order (read before anything runs; `--param`
    /// wins over them).
    pub params_files: Vec<PathBuf>,
    /// `--format`.
    pub format: Format,
    /// `--format dot|svg|png|graphml`: draw the results instead.
    pub graph: Option<GraphFormat>,
    /// The `--dot-*` and `--rankdir` options.
    pub dot_style: DotStyle,
    /// `-e` and `-f`, interleaved as given.
    pub actions: Vec<Action>,
    /// `--fail-fast`.
    pub fail_fast: bool,
    /// `--quiet`.
    pub quiet: bool,
    /// `--timeout`.
    pub timeout: Option<std::time::Duration>,
    /// `--memory-limit`: `Some(0)` for none, `None` for the default.
    pub memory_limit: Option<u64>,
    /// `--threads`.
    pub threads: Option<u16>,
    /// `--import-dir DIR`.
    pub import_dir: Option<PathBuf>,
    /// `--allow-file-access-anywhere`.
    pub file_access_anywhere: bool,
    /// `--tx-meta`.
    pub tx_meta: Option<Metadata>,
    /// `--as-of`.
    pub as_of: Option<AsOf>,
}

/// Parses the command line (the program name first). `Err` is a usage
/// error or a request for `--help`/`--version`; clap knows how to print it
/// and with which exit status.
pub(crate) fn parse(args: Vec<OsString>) -> Result<Invocation, clap::Error> {
    let matches = Cli::command().try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let actions = interleave(&matches, cli.queries, cli.files);
    Ok(Invocation {
        db: cli.db,
        command: cli.command,
        read_only: cli.read_only,
        wait: cli.wait,
        loads: cli.loads,
        params: cli.params.into_iter().collect(),
        params_files: cli.params_files,
        format: cli.format.0,
        graph: cli.format.1,
        dot_style: DotStyle {
            caption: cli.dot_caption,
            edge_label: cli.dot_edge_label,
            rankdir: cli.rankdir.to_ascii_uppercase(),
            cluster: cli.dot_cluster,
            limit: (cli.dot_limit > 0).then_some(cli.dot_limit),
            provenance: cli.dot_provenance,
        },
        actions,
        fail_fast: cli.fail_fast,
        quiet: cli.quiet,
        timeout: cli.timeout,
        memory_limit: cli.memory_limit,
        threads: cli.threads,
        import_dir: cli.import_dir,
        file_access_anywhere: cli.allow_file_access_anywhere,
        tx_meta: cli.tx_meta,
        as_of: cli.as_of,
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

/// Parses `--timeout` (and `:timeout`): a duration such as `30s`.
pub(crate) fn parse_timeout(text: &str) -> Result<std::time::Duration, String> {
    match crate::text::parse_duration(text) {
        Some(d) if !d.is_zero() => Ok(d),
        Some(_) => Err("a timeout must be longer than 0".to_string()),
        None => Err(format!(
            "`{text}` is not a duration: write a number and a unit, e.g. 30s, 500ms, 2m, 1h"
        )),
    }
}

/// Parses `--memory-limit`: a size such as `2GiB`.
fn parse_memory(text: &str) -> Result<u64, String> {
    crate::text::parse_size(text).ok_or_else(|| {
        format!("`{text}` is not a size: write a number and a unit, e.g. 2GiB, 512MiB, 100MB")
    })
}

/// Parses `--wait`: a duration such as `5s` (`0s` does not wait).
fn parse_duration(text: &str) -> Result<Duration, String> {
    crate::text::parse_duration(text)
        .ok_or_else(|| format!("expected a duration such as 500ms, 5s, 2m or 1h, not `{text}`"))
}

/// Parses `NAME=JSON` into a parameter.
pub(crate) fn parse_param(text: &str) -> Result<(String, Value), String> {
    let (name, json) = text
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=JSON, got `{text}`"))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("a parameter needs a name: `{text}`"));
    }
    let json = parse_text(json).map_err(|e| match e {
        JsonError::Syntax(e) => format!("the value of `{name}` is not JSON: {e}"),
        e => format!("the value of `{name}`: {}", e.message()),
    })?;
    let value = json_to_value(&json).map_err(|e| format!("the value of `{name}`: {e}"))?;
    Ok((name.to_string(), value))
}

/// Reads the text of a parameter file (`name` in messages): a JSON object
/// of parameters, each value as `--param` reads it.
pub(crate) fn parse_params_file(name: &str, text: &str) -> Result<Vec<(String, Value)>, String> {
    let json = parse_text(text).map_err(|e| {
        let (line, column) = e.position();
        format!("{name}:{line}:{column}: {}", e.message())
    })?;
    let serde_json::Value::Object(map) = json else {
        return Err(format!(
            "{name}: expected a JSON object of parameters, {{\"name\": value, ...}}"
        ));
    };
    map.into_iter()
        .map(|(key, value)| {
            let value =
                json_to_value(&value).map_err(|e| format!("{name}: the value of `{key}`: {e}"))?;
            Ok((key, value))
        })
        .collect()
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
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        for bad in ["", "s", "-1s", "5 parsecs", "99999999999999999999h"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        let inv = parse_line("--db g.quiver --read-only --wait 2s").unwrap();
        assert!(inv.read_only);
        assert_eq!(inv.wait, Some(Duration::from_secs(2)));
        assert!(parse_line("--read-only").is_err());
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
            parse_param("small=-9223372036854775809"),
            Err(
                "the value of `small`: -9223372036854775809 does not fit in a 64-bit integer"
                    .into()
            )
        );
        assert_eq!(
            parse_param("l=[1, -99999999999999999999]"),
            Err("the value of `l`: -99999999999999999999 does not fit in a 64-bit integer".into())
        );
        assert_eq!(
            parse_param("f=-9223372036854775809.0"),
            Ok(("f".to_string(), Value::Float(-9223372036854775809.0)))
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
