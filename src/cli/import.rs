//! `quiver --db PATH import ...`: CSV or JSON Lines into the database as one
//! transaction, with a progress bar on a terminal and a report of what was
//! imported (and skipped).

use super::args::{IdTypeArg, ImportArgs, ImportFormat};
use super::progress::Progress;
use crate::db::Database;
use crate::io::{self, CsvImport, DatabaseSink, FileSpec, IdType, ImportReport};
use std::io::BufReader;

/// Why a command failed: bad usage (exit status 2) or a failure (1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    /// The command line or the database cannot be used.
    Usage(String),
    /// The command ran and failed; nothing changed.
    Failed(String),
}

/// How many skipped-row messages the report prints.
const SHOW_PROBLEMS: usize = 5;

/// Runs `import` into `db` (already open); returns the summary line.
pub fn run_import(db: &mut Database, args: &ImportArgs) -> Result<String, CommandError> {
    let delimiter = u8::try_from(args.delimiter)
        .map_err(|_| CommandError::Usage("the delimiter must be an ASCII character".to_string()))?;
    if args.format == ImportFormat::Csv && !args.files.is_empty() {
        return Err(CommandError::Usage(
            "CSV files go after --nodes or --relationships (FILE alone is for --format jsonl)"
                .to_string(),
        ));
    }
    if args.format == ImportFormat::Csv && args.nodes.is_empty() && args.relationships.is_empty() {
        return Err(CommandError::Usage(
            "nothing to import: give --nodes [LABEL=]FILE and --relationships [TYPE=]FILE"
                .to_string(),
        ));
    }
    if args.format == ImportFormat::Jsonl
        && (args.files.len() != 1 || !args.nodes.is_empty() || !args.relationships.is_empty())
    {
        return Err(CommandError::Usage(
            "import --format jsonl reads one FILE (or - for standard input)".to_string(),
        ));
    }
    check_files(args)?;
    let (nodes, _) = db.counts();
    if nodes > 0 && !args.append {
        return Err(CommandError::Usage(format!(
            "the database already holds {nodes} {}: an import makes new nodes beside them, \
             so importing the same files again would make every node twice; give --append \
             to import into it anyway",
            plural(nodes as u64, "node", "nodes")
        )));
    }
    db.begin().map_err(|e| CommandError::Failed(e.message))?;
    let mut progress = Progress::bytes("importing");
    let outcome = {
        let mut sink = DatabaseSink::new(db);
        match args.format {
            ImportFormat::Csv => {
                let options = CsvImport {
                    nodes: args.nodes.iter().map(|s| FileSpec::parse(s)).collect(),
                    relationships: args
                        .relationships
                        .iter()
                        .map(|s| FileSpec::parse(s))
                        .collect(),
                    delimiter,
                    array_delimiter: args.array_delimiter,
                    id_type: match args.id_type {
                        IdTypeArg::String => IdType::String,
                        IdTypeArg::Integer => IdType::Integer,
                    },
                    skip_bad_rows: args.skip_bad_rows,
                };
                io::import_csv(&options, &mut sink, &mut |done, total| {
                    progress.set_total(total);
                    progress.set(done);
                })
            }
            ImportFormat::Jsonl => read_jsonl(&args.files[0], &mut sink),
        }
    };
    progress.finish();
    let report = match outcome {
        Ok(report) => report,
        Err(e) => {
            let _ = db.rollback();
            return Err(CommandError::Failed(format!(
                "{}; nothing was imported",
                e.message
            )));
        }
    };
    db.commit().map_err(|e| {
        CommandError::Failed(format!("the import could not be committed: {}", e.message))
    })?;
    Ok(summary(&report))
}

/// Refuses, as bad usage, an import file that cannot be opened or is a
/// directory, before anything is imported.
fn check_files(args: &ImportArgs) -> Result<(), CommandError> {
    let specs = args.nodes.iter().chain(&args.relationships);
    let paths = specs
        .map(|s| FileSpec::parse(s).path)
        .chain(args.files.iter().filter(|p| p.as_os_str() != "-").cloned());
    for path in paths {
        let shown = path.display();
        match std::fs::File::open(&path).and_then(|f| f.metadata()) {
            Ok(meta) if meta.is_dir() => {
                return Err(CommandError::Usage(format!(
                    "cannot read {shown}: it is a directory"
                )));
            }
            Ok(_) => {}
            Err(e) => return Err(CommandError::Usage(format!("cannot read {shown}: {e}"))),
        }
    }
    Ok(())
}

fn read_jsonl(
    path: &std::path::Path,
    sink: &mut DatabaseSink<'_>,
) -> crate::error::Result<ImportReport> {
    if path.as_os_str() == "-" {
        let stdin = std::io::stdin();
        return io::jsonl::import_jsonl(&mut stdin.lock(), "<stdin>", sink);
    }
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| crate::error::Error::io(format!("cannot read {name}: {e}")))?;
    io::jsonl::import_jsonl(&mut BufReader::new(file), &name, sink)
}

/// What an import did, for people: the counts, then the skipped rows.
pub(crate) fn summary(report: &ImportReport) -> String {
    let mut text = format!(
        "imported {} {} and {} {}",
        report.nodes,
        plural(report.nodes, "node", "nodes"),
        report.relationships,
        plural(report.relationships, "relationship", "relationships"),
    );
    if report.skipped > 0 {
        text.push_str(&format!(
            "; skipped {} bad {}:",
            report.skipped,
            plural(report.skipped, "row", "rows")
        ));
        for problem in report.problems.iter().take(SHOW_PROBLEMS) {
            text.push_str("\n  ");
            text.push_str(problem);
        }
        let shown = report.problems.len().min(SHOW_PROBLEMS) as u64;
        if report.skipped > shown {
            text.push_str(&format!("\n  ... and {} more", report.skipped - shown));
        }
    }
    text
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_count_and_show_the_first_problems() {
        let mut report = ImportReport {
            nodes: 1,
            relationships: 2,
            ..ImportReport::default()
        };
        assert_eq!(summary(&report), "imported 1 node and 2 relationships");
        report.skipped = 7;
        report.problems = (1..=7).map(|i| format!("f.csv:{i}: bad")).collect();
        assert_eq!(
            summary(&report),
            "imported 1 node and 2 relationships; skipped 7 bad rows:\n  f.csv:1: bad\n  f.csv:2: bad\n  \
             f.csv:3: bad\n  f.csv:4: bad\n  f.csv:5: bad\n  ... and 2 more"
        );
    }
}
