//! The commit history on the command line: `--tx-meta`, `--as-of`, and the
//! subcommands `log`, `diff` and `compact` (the REPL's `:log`, `:meta` and
//! `:as-of` are in `commands`, and print with the same functions).

use super::args::{DiffFormat, Invocation, LogFormat, SubCommand};
use super::export::write_out;
use super::import::CommandError;
use super::session::{Mode, Session, Source};
use super::term;
use crate::db::Database;
use crate::history::{AsOf, DiffEntry};
use crate::output;
use std::io::Write;

/// Gives every commit of this process `--tx-meta`'s metadata.
pub(crate) fn apply_tx_meta(inv: &Invocation, db: &mut Database) {
    if let Some(meta) = &inv.tx_meta {
        db.set_commit_metadata(meta.clone());
    }
}

/// Goes back to the state `--as-of` names (after the `--load` files).
pub(crate) fn apply_as_of(at: Option<AsOf>, db: &mut Database) -> Result<(), String> {
    match at {
        Some(at) => db
            .set_as_of(Some(at))
            .map(|_| ())
            .map_err(|e| format!("--as-of: {}", e.message)),
        None => Ok(()),
    }
}

/// `log`, `diff` and `compact`: on `--db`, or on the database in memory
/// the `--load` files make; `--tx-meta` and `--as-of` apply.
pub(crate) fn run(
    inv: &Invocation,
    command: &SubCommand,
    open: impl FnOnce(&Invocation) -> Result<Database, String>,
) -> Result<(), CommandError> {
    let mut inv = inv.clone();
    // Reading the history writes nothing: no lock, no checkpoint.
    if !matches!(command, SubCommand::Compact { .. }) && inv.loads.is_empty() && inv.db.is_some() {
        inv.read_only = true;
    }
    if let Some(path) = inv
        .db
        .as_deref()
        .filter(|p| !p.exists() && inv.loads.is_empty())
    {
        return Err(CommandError::Usage(format!(
            "cannot open the database {}: there is no such file",
            path.display()
        )));
    }
    let mut db = open(&inv).map_err(CommandError::Usage)?;
    apply_tx_meta(&inv, &mut db);
    let mut db = run_loads(&inv, db)?;
    apply_as_of(inv.as_of, &mut db).map_err(CommandError::Usage)?;
    match command {
        SubCommand::Log { limit, format } => {
            let commits = db.log(*limit).map_err(failed)?;
            write_out(None, |w| match format {
                LogFormat::Table => output::write_log_table(w, &commits, Some(term::width())),
                LogFormat::Json => output::write_log_json(w, &commits),
            })
        }
        SubCommand::Diff { range, format } => {
            let from = db.commit_at(range.0).map_err(usage)?;
            let to = match range.1 {
                Some(at) => db.commit_at(at).map_err(usage)?,
                None => db.last_commit(),
            };
            let entries = db.diff(from, Some(to)).map_err(usage)?;
            write_out(None, |w| match format {
                DiffFormat::Json => output::write_diff_json(w, &entries),
                DiffFormat::Cypher => write_diff_script(w, &db, from, to, &entries),
            })
        }
        SubCommand::Compact { history_before } => {
            let done = db.compact_history(*history_before).map_err(failed)?;
            if !inv.quiet {
                println!("{}", compacted_text(done.commits, done.bytes_freed));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// What `compact` says: `dropped the history of 12 commits; the file is
/// 1.2 MiB smaller`.
fn compacted_text(commits: u64, bytes: u64) -> String {
    let what = match commits {
        0 => return "no history to drop: nothing changed".to_string(),
        1 => "1 commit".to_string(),
        n => format!("{n} commits"),
    };
    format!(
        "dropped the history of {what}; the file is {} smaller",
        crate::text::bytes(bytes)
    )
}

fn failed(e: crate::error::Error) -> CommandError {
    CommandError::Failed(e.message)
}

fn usage(e: crate::error::Error) -> CommandError {
    CommandError::Usage(e.message)
}

/// Runs the `--load` files (as one commit) before a subcommand.
pub(crate) fn run_loads(inv: &Invocation, db: Database) -> Result<Database, CommandError> {
    if inv.loads.is_empty() {
        return Ok(db);
    }
    let mut session = Session::new(db, inv.params.clone(), inv.format, true, inv.quiet);
    session.begin_load();
    for path in &inv.loads {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CommandError::Usage(format!("cannot read {}: {e}", path.display())))?;
        let name = path.display().to_string();
        session.run_script(
            Source {
                name: &name,
                text: &text,
            },
            Mode::Load,
        );
        if session.failed() || session.cancelled() {
            break;
        }
    }
    if session.failed() || session.cancelled() || !session.end_load() {
        session.abandon_transaction();
        return Err(CommandError::Failed(
            "the --load files failed; nothing was run".to_string(),
        ));
    }
    Ok(session.into_db())
}

/// The diff as a Cypher script (see [`output::write_diff_cypher`]), its
/// temporary key chosen to differ from every property key in sight.
fn write_diff_script(
    w: &mut dyn Write,
    db: &Database,
    from: u64,
    to: u64,
    entries: &[DiffEntry],
) -> std::io::Result<()> {
    let mut used: Vec<String> = db
        .schema()
        .property_keys
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    for e in entries {
        match e {
            DiffEntry::NodeCreated { properties, .. }
            | DiffEntry::NodeDeleted { properties, .. }
            | DiffEntry::RelationshipCreated { properties, .. }
            | DiffEntry::RelationshipDeleted { properties, .. } => {
                used.extend(properties.keys().cloned());
            }
            DiffEntry::PropertySet { key, .. } | DiffEntry::PropertyRemoved { key, .. } => {
                used.push(key.clone());
            }
            DiffEntry::LabelAdded { .. } | DiffEntry::LabelRemoved { .. } => {}
        }
    }
    let key = crate::db::dump::temporary_key(&used);
    let title = format!(
        "quiver diff {from}..{to}: turns the state after commit {from} into the state after commit {to}"
    );
    output::write_diff_cypher(w, &title, entries, &key)
}

/// `:log [N]`: the log table, or why there is none.
pub(crate) fn log_text(db: &Database, limit: Option<usize>) -> Result<String, String> {
    let commits = db.log(limit).map_err(|e| e.message)?;
    let mut out = Vec::new();
    output::write_log_table(&mut out, &commits, Some(term::width())).map_err(|e| e.to_string())?;
    Ok(String::from_utf8_lossy(&out).trim_end().to_string())
}

/// `:as-of N|TIME|now`: travels, and says where it is.
pub(crate) fn travel(db: &mut Database, at: Option<AsOf>) -> Result<String, String> {
    let shown = db.set_as_of(at).map_err(|e| e.message)?;
    Ok(match db.as_of() {
        Some(n) => format!(
            "as of commit {n} (the last is {}): the past can be read, not written",
            db.last_commit()
        ),
        None => format!("at the present (commit {shown})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_says_how_much() {
        assert_eq!(
            compacted_text(12, 1_258_291),
            "dropped the history of 12 commits; the file is 1.2 MiB smaller"
        );
        assert_eq!(
            compacted_text(1, 512),
            "dropped the history of 1 commit; the file is 512 B smaller"
        );
        assert_eq!(compacted_text(0, 0), "no history to drop: nothing changed");
    }
}
