//! Commits and changes as bytes, with the store's one value codec.

use super::{Change, ChangeCounts, Commit, EntityState, Key};
use crate::store::{Cursor, put_value, put_var};
use crate::value::Value;

/// Bytes that are not history this version wrote.
pub(crate) fn bad() -> crate::error::Error {
    crate::error::Error::runtime(
        crate::error::ErrorKind::IoError,
        crate::error::Detail::StorageFailure,
        "the commit history in the database file is damaged",
    )
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_var(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn str_of(c: &mut Cursor<'_>) -> Option<String> {
    let n = c.var()?;
    let bytes = c.take(n)?;
    std::str::from_utf8(bytes).ok().map(str::to_string)
}

fn put_opt(out: &mut Vec<u8>, v: &Option<Value>) {
    match v {
        Some(v) => {
            out.push(1);
            put_value(out, v);
        }
        None => out.push(0),
    }
}

fn opt_of(c: &mut Cursor<'_>) -> Option<Option<Value>> {
    match c.var()? {
        0 => Some(None),
        1 => c.value().map(Some),
        _ => None,
    }
}

fn counts_fields(c: &ChangeCounts) -> [u64; 9] {
    [
        c.nodes_created,
        c.nodes_deleted,
        c.relationships_created,
        c.relationships_deleted,
        c.labels_added,
        c.labels_removed,
        c.properties_set,
        c.properties_removed,
        c.asserted,
    ]
}

/// A commit's number is its key; the bytes hold the rest.
pub(crate) fn encode_commit(commit: &Commit) -> Vec<u8> {
    let mut out = vec![1u8];
    put_value(
        &mut out,
        &Value::Int(
            commit
                .time
                .as_nanosecond()
                .clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        ),
    );
    put_value(&mut out, &Value::Map(commit.meta.clone()));
    for n in counts_fields(&commit.changes) {
        put_var(&mut out, n);
    }
    out
}

pub(crate) fn decode_commit(number: u64, bytes: &[u8]) -> crate::error::Result<Commit> {
    let mut c = Cursor::new(bytes);
    let decoded = (|| {
        if c.var()? != 1 {
            return None;
        }
        let Value::Int(nanos) = c.value()? else {
            return None;
        };
        let time = jiff::Timestamp::from_nanosecond(i128::from(nanos)).ok()?;
        let Value::Map(meta) = c.value()? else {
            return None;
        };
        let mut f = [0u64; 9];
        for x in &mut f {
            *x = c.var()?;
        }
        let changes = ChangeCounts {
            nodes_created: f[0],
            nodes_deleted: f[1],
            relationships_created: f[2],
            relationships_deleted: f[3],
            labels_added: f[4],
            labels_removed: f[5],
            properties_set: f[6],
            properties_removed: f[7],
            asserted: f[8],
        };
        Some(Commit {
            number,
            time,
            meta,
            changes,
        })
    })();
    decoded.ok_or_else(bad)
}

/// Appends one change.
pub(crate) fn put_change(out: &mut Vec<u8>, change: &Change) {
    match change {
        Change::Created { start, end } => {
            out.push(0);
            put_var(out, start.0);
            put_var(out, end.0);
        }
        Change::Deleted(k, state) => {
            out.push(1);
            put_var(out, k.0);
            put_var(out, state.labels.len() as u64);
            for l in &state.labels {
                put_str(out, l);
            }
            match &state.rel {
                Some((t, s, e)) => {
                    out.push(1);
                    put_str(out, t);
                    put_var(out, *s);
                    put_var(out, *e);
                }
                None => out.push(0),
            }
            put_value(out, &Value::Map(state.props.clone()));
        }
        Change::Label { key, label, added } => {
            out.push(2);
            put_var(out, key.0);
            put_str(out, label);
            out.push(u8::from(*added));
        }
        Change::Property {
            key,
            name,
            old,
            new,
        } => {
            out.push(3);
            put_var(out, key.0);
            put_str(out, name);
            put_opt(out, old);
            put_opt(out, new);
        }
        Change::Asserted(k) => {
            out.push(4);
            put_var(out, k.0);
        }
    }
}

fn change_of(c: &mut Cursor<'_>) -> Option<Change> {
    Some(match c.var()? {
        0 => Change::Created {
            start: Key(c.var()?),
            end: Key(c.var()?),
        },
        1 => {
            let k = Key(c.var()?);
            let n = c.var()?;
            let mut labels = Vec::new();
            for _ in 0..n {
                labels.push(str_of(c)?);
            }
            let rel = match c.var()? {
                0 => None,
                1 => Some((str_of(c)?, c.var()?, c.var()?)),
                _ => return None,
            };
            let Value::Map(props) = c.value()? else {
                return None;
            };
            Change::Deleted(k, EntityState { labels, rel, props })
        }
        2 => Change::Label {
            key: Key(c.var()?),
            label: str_of(c)?,
            added: c.var()? == 1,
        },
        3 => Change::Property {
            key: Key(c.var()?),
            name: str_of(c)?,
            old: opt_of(c)?,
            new: opt_of(c)?,
        },
        4 => Change::Asserted(Key(c.var()?)),
        _ => return None,
    })
}

/// Reads the changes of one part.
pub(crate) fn decode_changes(bytes: &[u8]) -> crate::error::Result<Vec<Change>> {
    let mut c = Cursor::new(bytes);
    let mut out = Vec::new();
    while !c.at_end() {
        out.push(change_of(&mut c).ok_or_else(bad)?);
    }
    Ok(out)
}
