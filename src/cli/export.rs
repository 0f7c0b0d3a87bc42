//! Exports: the whole database (`quiver --db PATH export --format ...`),
//! the results of a run (`--format dot|svg|png|graphml`) and the REPL's
//! `:export FORMAT FILE [query]`. SVG and PNG are rendered by Graphviz's
//! `dot` program; when it is missing the error says how to install it.

use super::args::{ExportFormat, GraphFormat};
use super::import::CommandError;
use super::outfile::{self, Output};
use super::session::{Flow, Mode, Session, Source};
use crate::db::Database;
use crate::history::Entity;
use crate::io;
use crate::output::{self, DotStyle, Format, Provenance};
use crate::result::QueryResult;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// What to say when Graphviz is missing.
pub(crate) const INSTALL_GRAPHVIZ: &str = "Graphviz's `dot` program is needed to render svg and png \
     and was not found; install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, \
     macOS: `brew install graphviz`, Windows: `winget install graphviz`, or \
     https://graphviz.org/download/), or use --format dot";

/// The sources of the entities of `results` that a drawing in `format`
/// shows, read from `db`'s history: every node and relationship for
/// GraphML, the relationships for DOT with `--dot-provenance`, none
/// otherwise (nor when the database has no history).
pub(crate) fn provenance(
    db: &Database,
    results: &[&QueryResult],
    format: GraphFormat,
    style: &DotStyle,
) -> Result<Provenance, CommandError> {
    let mut out = Provenance::default();
    let wanted = format == GraphFormat::Graphml || style.provenance;
    if !wanted || db.last_commit() == 0 {
        return Ok(out);
    }
    let failed = |e: crate::error::Error| {
        CommandError::Failed(format!("cannot read the sources: {}", e.message))
    };
    for result in results {
        for id in result.relationships.keys() {
            let sources = db.sources(Entity::Relationship(*id)).map_err(failed)?;
            if !sources.is_empty() {
                out.rels.insert(*id, sources);
            }
        }
        if format != GraphFormat::Graphml {
            continue;
        }
        let ends = result.relationships.values().flat_map(|r| [r.start, r.end]);
        for id in result.nodes.keys().copied().chain(ends) {
            let sources = db.sources(Entity::Node(id)).map_err(failed)?;
            if !sources.is_empty() {
                out.nodes.insert(id, sources);
            }
        }
    }
    Ok(out)
}

/// A drawing of `results` in `format` (with the `sources` of its
/// entities, see [`provenance`]), and a warning when the limit cut it.
pub(crate) fn draw(
    results: &[&QueryResult],
    format: GraphFormat,
    style: &DotStyle,
    sources: &Provenance,
) -> Result<(Vec<u8>, Option<String>), CommandError> {
    if format == GraphFormat::Graphml {
        let mut merged = QueryResult::default();
        for result in results {
            merged
                .nodes
                .extend(result.nodes.iter().map(|(k, v)| (*k, v.clone())));
            merged
                .relationships
                .extend(result.relationships.iter().map(|(k, v)| (*k, v.clone())));
        }
        let text = output::graphml_with_sources(&merged, sources);
        return Ok((text.into_bytes(), None));
    }
    let document = output::dot_styled(results, style, sources);
    let bytes = match format {
        GraphFormat::Svg => graphviz(&document.text, "svg")?,
        GraphFormat::Png => graphviz(&document.text, "png")?,
        GraphFormat::Dot | GraphFormat::Graphml => document.text.into_bytes(),
    };
    Ok((bytes, document.warning))
}

/// Runs `dot -T<format>` on `text`.
fn graphviz(text: &str, format: &str) -> Result<Vec<u8>, CommandError> {
    let child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CommandError::Failed(INSTALL_GRAPHVIZ.to_string()));
        }
        Err(e) => {
            return Err(CommandError::Failed(format!(
                "cannot run Graphviz's dot: {e}"
            )));
        }
    };
    let input = child.stdin.take();
    let output = std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut input) = input {
                let _ = input.write_all(text.as_bytes());
            }
        });
        child.wait_with_output()
    })
    .map_err(|e| CommandError::Failed(format!("Graphviz's dot failed: {e}")))?;
    if !output.status.success() {
        return Err(CommandError::Failed(format!(
            "Graphviz's dot failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}

/// Writes with `fill` to a checked output, or standard output (a closed
/// pipe is not an error there).
pub(crate) fn write_out(
    out: Option<&Output>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CommandError> {
    match out {
        Some(out) => out.write(fill).map_err(CommandError::Failed),
        None => {
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            fill(&mut w)
                .and_then(|()| w.flush())
                .or_else(|e| {
                    if e.kind() == std::io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .map_err(|e| CommandError::Failed(format!("cannot write the output: {e}")))
        }
    }
}

/// `export`: the whole database in `format`, to `out` (a folder for csv)
/// or standard output; returns warnings for people. The output is checked
/// before anything is written (never the database itself) and written
/// whole, or not at all.
pub(crate) fn export_database(
    db: &Database,
    format: ExportFormat,
    out: Option<&Path>,
    style: &DotStyle,
) -> Result<Vec<String>, CommandError> {
    if format == ExportFormat::Csv {
        let Some(dir) = out else {
            return Err(CommandError::Usage(
                "export --format csv writes a folder: give --out DIR".to_string(),
            ));
        };
        let plan = io::csv_export::plan_csv(db);
        outfile::check_folder(dir, plan.file_names(), db.file()).map_err(CommandError::Usage)?;
        let export = plan
            .write(db, dir, ';')
            .map_err(|e| CommandError::Failed(format!("cannot write {}: {e}", dir.display())))?;
        return Ok(export.warnings);
    }
    let target = out
        .map(|p| outfile::check_file(p, db.file()))
        .transpose()
        .map_err(CommandError::Usage)?;
    let graph_format = match format {
        ExportFormat::Graphml => GraphFormat::Graphml,
        ExportFormat::Dot => GraphFormat::Dot,
        ExportFormat::Svg => GraphFormat::Svg,
        ExportFormat::Png => GraphFormat::Png,
        ExportFormat::Jsonl => {
            write_out(target.as_ref(), |w| io::jsonl::write_jsonl(db, w))?;
            return Ok(Vec::new());
        }
        ExportFormat::Cypher | ExportFormat::Csv => {
            write_out(target.as_ref(), |w| db.dump(w))?;
            return Ok(Vec::new());
        }
    };
    let snapshot = io::whole_graph(db);
    let sources = provenance(db, &[&snapshot], graph_format, style)?;
    let (bytes, warning) = draw(&[&snapshot], graph_format, style, &sources)?;
    write_out(target.as_ref(), |w| w.write_all(&bytes))?;
    Ok(warning.into_iter().collect())
}

/// Runs every statement of `source` in `session` without printing results,
/// and collects each new result (errors are reported as usual); `Stop`
/// after a failure under `--fail-fast`.
pub(crate) fn collect_results(
    session: &mut Session,
    source: Source<'_>,
    into: &mut Vec<QueryResult>,
) -> Flow {
    let split = crate::parse::split_statements(source.text);
    for span in split.statements.into_iter().chain(Some(split.rest)) {
        let before = session.last().cloned();
        let flow = session.run_statements(source, Some(span), Mode::Load);
        match session.last() {
            Some(result) if Some(result) != before.as_ref() => into.push(result.clone()),
            _ => {}
        }
        if flow == Flow::Stop {
            return Flow::Stop;
        }
    }
    Flow::Continue
}

/// The results of a run drawn in `format` to standard output; `false` when
/// it failed (and was reported).
pub(crate) fn print_drawing(
    session: &mut Session,
    results: &[QueryResult],
    format: GraphFormat,
    style: &DotStyle,
) -> bool {
    let refs: Vec<&QueryResult> = results.iter().collect();
    let drawn = provenance(session.db(), &refs, format, style)
        .and_then(|sources| draw(&refs, format, style, &sources));
    match drawn.and_then(|(bytes, warning)| {
        if let Some(w) = warning {
            session.complain(&format!("warning: {w}"));
        }
        write_out(None, |w| w.write_all(&bytes))
    }) {
        Ok(()) => true,
        Err(CommandError::Usage(m) | CommandError::Failed(m)) => {
            session.complain(&format!("error: {m}"));
            false
        }
    }
}

/// The REPL's `:export FORMAT FILE [query]`: the last result, or the
/// query's, written to FILE as dot, svg, png, graphml, json, csv, tsv or
/// table.
pub(crate) fn repl_export(session: &mut Session, argument: &str) {
    let mut parts = argument.trim().splitn(3, char::is_whitespace);
    let (Some(format), Some(file)) = (parts.next().filter(|f| !f.is_empty()), parts.next()) else {
        session.complain(
            "usage: :export FORMAT FILE [query]  (dot, svg, png, graphml, json, csv, tsv)",
        );
        return;
    };
    let query = parts.next().map(str::trim).unwrap_or("");
    let graph = match format {
        "dot" => Some(GraphFormat::Dot),
        "svg" => Some(GraphFormat::Svg),
        "png" => Some(GraphFormat::Png),
        "graphml" => Some(GraphFormat::Graphml),
        _ => None,
    };
    let table = match (graph, format.parse::<Format>()) {
        (Some(_), _) => None,
        (None, Ok(f)) => Some(f),
        (None, Err(_)) => {
            session.complain(&format!(
                "unknown export format `{format}`: use dot, svg, png, graphml, json, csv or tsv"
            ));
            return;
        }
    };
    let target = match outfile::check_file(Path::new(file), session.db().file()) {
        Ok(target) => target,
        Err(message) => {
            session.complain(&format!("error: {message}"));
            return;
        }
    };
    let result = if query.is_empty() {
        session.last().cloned()
    } else {
        let failed_before = session.failed();
        let mut results = Vec::new();
        let _ = collect_results(
            session,
            Source {
                name: "<export>",
                text: query,
            },
            &mut results,
        );
        match results.pop() {
            Some(result) => Some(result),
            // The same result as the last one.
            None if failed_before || !session.failed() => session.last().cloned(),
            None => return, // the error was reported
        }
    };
    let Some(result) = result else {
        session.complain("no result to export yet");
        return;
    };
    let style = DotStyle {
        limit: None,
        ..DotStyle::default()
    };
    let bytes = match (graph, table) {
        (Some(g), _) => provenance(session.db(), &[&result], g, &style)
            .and_then(|sources| draw(&[&result], g, &style, &sources))
            .map(|(b, _)| b),
        (None, Some(f)) => {
            let mut out = Vec::new();
            output::write_result(&mut out, &result, Duration::ZERO, f)
                .map(|()| out)
                .map_err(|e| CommandError::Failed(e.to_string()))
        }
        (None, None) => return,
    };
    match bytes.and_then(|b| write_out(Some(&target), |w| w.write_all(&b))) {
        Ok(()) => session.say(&format!("wrote {}", target.shown())),
        Err(CommandError::Usage(m) | CommandError::Failed(m)) => {
            session.complain(&format!("error: {m}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Params;

    #[test]
    fn repl_export_writes_the_query_result_or_the_last_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(
            Database::in_memory(),
            Params::new(),
            Format::Table,
            false,
            true,
        );
        let graphml = dir.path().join("r.graphml");
        repl_export(
            &mut session,
            &format!(
                "graphml {} CREATE (a:A {{x: 1}})-[r:T]->(b:B) RETURN a, r, b",
                graphml.display()
            ),
        );
        let text = std::fs::read_to_string(&graphml).unwrap();
        assert_eq!(text.matches("<node id=").count(), 2, "{text}");
        assert!(text.contains("<data key=\"label\">T</data>"), "{text}");
        let csv = dir.path().join("r.csv");
        repl_export(&mut session, &format!("csv {}", csv.display()));
        assert_eq!(
            std::fs::read_to_string(&csv).unwrap().lines().next(),
            Some("a,r,b")
        );
    }
}
