//! The whole graph as CSV files in the bulk importer's format, one file per
//! label set (`nodes_Person.csv`) and per relationship type
//! (`rels_knows.csv`), in a folder, so that `quiver import`, `neo4j-admin
//! database import`, Memgraph and Kuzu can load it.
//!
//! Node files have `:ID` (the node's id, not stored as a property) and
//! `:LABEL` columns, relationship files `:START_ID`, `:END_ID` and `:TYPE`;
//! every property key is a typed column (`age:int`, `score:float`,
//! `ok:boolean`, `name:string`, `tags:string[]`, and the temporal types
//! `filed:date`, `at:datetime[]`, their values as `toString` writes them,
//! which the importers read back). A key whose values do not
//! share one type is written as `string` (integers and floats together as
//! `float`), and a warning says so.

use super::atomic::AtomicFile;
use super::csv_header::Scalar;
use crate::db::Database;
use crate::value::{Value, format_float};
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

/// The type a column gets from the values it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar(Scalar),
    Array(Scalar),
    /// No value tells (only empty lists).
    Unknown,
}

fn kind_of(value: &Value) -> Option<Kind> {
    let scalar = |v: &Value| match v {
        Value::Int(n) => Some(Scalar::of_integer(*n)),
        Value::Float(_) => Some(Scalar::Float),
        Value::Bool(_) => Some(Scalar::Bool),
        Value::String(_) => Some(Scalar::String),
        v => Scalar::of_temporal(v),
    };
    match value {
        Value::List(items) => {
            let mut kinds = items.iter().map(scalar);
            match kinds.next() {
                None => Some(Kind::Unknown),
                Some(first) => kinds
                    .try_fold(first?, |kind, next| match widen(kind, next?) {
                        Some((wider, false)) => Some(wider),
                        _ => None,
                    })
                    .map(Kind::Array),
            }
        }
        v => scalar(v).map(Kind::Scalar),
    }
}

/// Two scalar types seen together: the one that holds both and whether
/// something is lost (an integer written as a float); `None` when only a
/// string holds both.
fn widen(a: Scalar, b: Scalar) -> Option<(Scalar, bool)> {
    use Scalar::{Float, Int, Long};
    match (a, b) {
        _ if a == b => Some((a, false)),
        (Int, Long) | (Long, Int) => Some((Long, false)),
        (Int | Long, Float) | (Float, Int | Long) => Some((Float, true)),
        _ => None,
    }
}

/// Two kinds seen for the same key: the kind that holds both, and whether
/// something is lost.
fn merge(a: Kind, b: Kind) -> (Kind, bool) {
    use Kind::{Array, Unknown};
    match (a, b) {
        _ if a == b => (a, false),
        (Unknown, k @ Array(_)) | (k @ Array(_), Unknown) => (k, false),
        (Kind::Scalar(x), Kind::Scalar(y)) => widen(x, y)
            .map_or((Kind::Scalar(Scalar::String), true), |(wider, lost)| {
                (Kind::Scalar(wider), lost)
            }),
        (Array(x), Array(y)) => widen(x, y)
            .map_or((Array(Scalar::String), true), |(wider, lost)| {
                (Array(wider), lost)
            }),
        (Array(_) | Unknown, _) | (_, Array(_) | Unknown) => (Array(Scalar::String), true),
    }
}

/// The columns of one file: key → kind, in key order.
#[derive(Default)]
struct Columns {
    kinds: BTreeMap<String, Kind>,
    lossy: BTreeSet<String>,
}

impl Columns {
    fn see(&mut self, props: &BTreeMap<String, Value>) {
        for (key, value) in props {
            let kind = kind_of(value).unwrap_or(Kind::Scalar(Scalar::String));
            if kind_of(value).is_none() {
                self.lossy.insert(key.clone());
            }
            match self.kinds.get(key) {
                None => {
                    self.kinds.insert(key.clone(), kind);
                }
                Some(&old) => {
                    let (merged, lost) = merge(old, kind);
                    if lost {
                        self.lossy.insert(key.clone());
                    }
                    self.kinds.insert(key.clone(), merged);
                }
            }
        }
    }

    fn header(&self) -> impl Iterator<Item = String> + '_ {
        self.kinds.iter().map(|(key, kind)| match kind {
            Kind::Scalar(s) => format!("{key}:{}", s.name()),
            Kind::Array(s) => format!("{key}:{}[]", s.name()),
            Kind::Unknown => format!("{key}:string[]"),
        })
    }
}

/// A value as a field of a column of `kind`.
fn field(value: &Value, kind: Kind, array_delimiter: char) -> String {
    let scalar = |v: &Value| match v {
        Value::String(s) => s.to_string(),
        Value::Float(f) => format_float(*f),
        v if v.is_temporal() => v.temporal_text().map(|(_, text)| text).unwrap_or_default(),
        Value::Int(i)
            if matches!(
                kind,
                Kind::Scalar(Scalar::Float) | Kind::Array(Scalar::Float)
            ) =>
        {
            format_float(*i as f64)
        }
        other => other.to_string(),
    };
    match (value, kind) {
        (Value::List(items), Kind::Array(_) | Kind::Unknown) => items
            .iter()
            .map(scalar)
            .collect::<Vec<_>>()
            .join(&array_delimiter.to_string()),
        (v, _) => scalar(v),
    }
}

/// A file name made of `name`: letters, digits, `-` and `_` kept, anything
/// else `_`; `used` keeps names unique.
fn file_name(prefix: &str, name: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut candidate = format!("{prefix}_{clean}.csv");
    let mut n = 2;
    while !used.insert(candidate.clone()) {
        candidate = format!("{prefix}_{clean}_{n}.csv");
        n += 1;
    }
    candidate
}

/// What [`write_csv_dir`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvExport {
    /// Node files, with their labels joined by `:`.
    pub node_files: Vec<PathBuf>,
    /// Relationship files.
    pub rel_files: Vec<PathBuf>,
    /// Columns written with a looser type than their values have.
    pub warnings: Vec<String>,
}

/// The files an export writes, named before anything is written (so that
/// every name can be checked first), and their columns.
#[derive(Default)]
pub(crate) struct CsvPlan {
    /// Per label set (sorted): its nodes, their columns and the file name.
    nodes: Vec<(Vec<String>, Group)>,
    /// Per relationship type: its relationships, their columns and the
    /// file name.
    rels: Vec<(String, Group)>,
}

/// The entities of one file.
#[derive(Default)]
struct Group {
    ids: Vec<u64>,
    columns: Columns,
    name: String,
}

/// Groups the nodes of `db` by label set and its relationships by type,
/// sees the types of their properties, and names a file for each group.
pub(crate) fn plan_csv(db: &Database) -> CsvPlan {
    let mut used = BTreeSet::new();
    let mut by_labels: BTreeMap<Vec<String>, Group> = BTreeMap::new();
    for (id, node) in db.nodes() {
        let group = by_labels.entry(node.labels).or_default();
        group.ids.push(id);
        group.columns.see(&node.properties);
    }
    let mut plan = CsvPlan::default();
    for (labels, mut group) in by_labels {
        let shown = if labels.is_empty() {
            "unlabelled".to_string()
        } else {
            labels.join("_")
        };
        group.name = file_name("nodes", &shown, &mut used);
        plan.nodes.push((labels, group));
    }
    let mut by_type: BTreeMap<String, Group> = BTreeMap::new();
    for (id, rel) in db.relationships() {
        let group = by_type.entry(rel.rel_type).or_default();
        group.ids.push(id);
        group.columns.see(&rel.properties);
    }
    for (rel_type, mut group) in by_type {
        group.name = file_name("rels", &rel_type, &mut used);
        plan.rels.push((rel_type, group));
    }
    plan
}

impl CsvPlan {
    /// The names of the files, in the order they are written.
    #[cfg(feature = "cli")]
    pub(crate) fn file_names(&self) -> impl Iterator<Item = &str> {
        self.nodes
            .iter()
            .map(|(_, group)| group.name.as_str())
            .chain(self.rels.iter().map(|(_, group)| group.name.as_str()))
    }

    /// Writes the files of `db` into the folder `dir` (created if
    /// missing). Every file is written whole beside its name first, and
    /// only when all of them are written are they renamed into place: a
    /// failed export leaves the folder as it was.
    pub(crate) fn write(
        &self,
        db: &Database,
        dir: &Path,
        array_delimiter: char,
    ) -> io::Result<CsvExport> {
        std::fs::create_dir_all(dir)?;
        let mut export = CsvExport::default();
        let mut staged = Vec::new();
        let delimiter = array_delimiter.to_string();
        for (labels, group) in &self.nodes {
            let rows = group.ids.iter().filter_map(|&id| {
                let node = db.node(id)?;
                let fixed = vec![id.to_string(), labels.join(&delimiter)];
                Some((fixed, node.properties))
            });
            let header = [":ID", ":LABEL"];
            let (file, path) = group.write(dir, &header, rows, array_delimiter)?;
            staged.push(file);
            warn(&mut export.warnings, &path, &group.columns);
            export.node_files.push(path);
        }
        for (rel_type, group) in &self.rels {
            let rows = group.ids.iter().filter_map(|&id| {
                let rel = db.relationship(id)?;
                let fixed = vec![rel.start.to_string(), rel.end.to_string(), rel_type.clone()];
                Some((fixed, rel.properties))
            });
            let header = [":START_ID", ":END_ID", ":TYPE"];
            let (file, path) = group.write(dir, &header, rows, array_delimiter)?;
            staged.push(file);
            warn(&mut export.warnings, &path, &group.columns);
            export.rel_files.push(path);
        }
        for file in staged {
            file.rename()?;
        }
        Ok(export)
    }
}

impl Group {
    /// Writes the group's file in `dir`, staged beside its name: the
    /// `fixed` header then the columns, and a line per row (its fixed
    /// fields, then its properties).
    fn write(
        &self,
        dir: &Path,
        fixed: &[&str],
        rows: impl Iterator<Item = (Vec<String>, BTreeMap<String, Value>)>,
        array_delimiter: char,
    ) -> io::Result<(super::atomic::Staged, PathBuf)> {
        let path = dir.join(&self.name);
        let mut file = AtomicFile::create(&path)?;
        {
            let mut w = csv::Writer::from_writer(file.writer());
            let header: Vec<String> = fixed
                .iter()
                .map(|h| h.to_string())
                .chain(self.columns.header())
                .collect();
            w.write_record(&header)?;
            for (mut row, properties) in rows {
                row.extend(cells(&properties, &self.columns, array_delimiter));
                w.write_record(&row)?;
            }
            w.flush()?;
        }
        Ok((file.finish()?, path))
    }
}

/// Writes every node and relationship of `db` into the folder `dir`
/// (created if missing) as the Neo4j bulk importer reads them: a file per
/// label set and per relationship type, typed columns, `array_delimiter`
/// between the items of a list.
pub fn write_csv_dir(db: &Database, dir: &Path, array_delimiter: char) -> io::Result<CsvExport> {
    plan_csv(db).write(db, dir, array_delimiter)
}

fn cells(props: &BTreeMap<String, Value>, columns: &Columns, array_delimiter: char) -> Vec<String> {
    columns
        .kinds
        .iter()
        .map(|(key, &kind)| match props.get(key) {
            None | Some(Value::Null) => String::new(),
            Some(v) => field(v, kind, array_delimiter),
        })
        .collect()
}

fn warn(warnings: &mut Vec<String>, path: &Path, columns: &Columns) {
    for key in &columns.lossy {
        warnings.push(format!(
            "{}: the values of `{key}` have different types; written as {}",
            path.display(),
            columns
                .header()
                .find(|h| h.starts_with(&format!("{key}:")))
                .unwrap_or_default()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_merge_to_the_loosest() {
        let int = Kind::Scalar(Scalar::Int);
        let float = Kind::Scalar(Scalar::Float);
        assert_eq!(merge(int, int), (int, false));
        assert_eq!(merge(int, float), (float, true));
        assert_eq!(
            merge(int, Kind::Scalar(Scalar::Bool)),
            (Kind::Scalar(Scalar::String), true)
        );
        assert_eq!(
            merge(Kind::Unknown, Kind::Array(Scalar::Int)),
            (Kind::Array(Scalar::Int), false)
        );
        let long = Kind::Scalar(Scalar::Long);
        assert_eq!(merge(int, long), (long, false));
        assert_eq!(merge(long, float), (float, true));
        assert_eq!(kind_of(&Value::Int(1 << 31)), Some(long));
        assert_eq!(
            kind_of(&Value::List(vec![Value::Int(1), Value::Int(1 << 40)])),
            Some(Kind::Array(Scalar::Long))
        );
        assert_eq!(
            kind_of(&Value::List(vec![Value::Int(1), Value::Float(1.5)])),
            None
        );
    }

    #[test]
    fn temporal_values_get_typed_columns_and_iso_text() {
        let date = Value::Date(crate::value::Date(jiff::civil::date(2025, 4, 1)));
        let day = crate::value::Duration::new(0, 1, 0, 0).unwrap();
        assert_eq!(kind_of(&date), Some(Kind::Scalar(Scalar::Date)));
        assert_eq!(field(&date, Kind::Scalar(Scalar::Date), ';'), "2025-04-01");
        let days = Value::List(vec![Value::Duration(day.clone()), Value::Duration(day)]);
        assert_eq!(kind_of(&days), Some(Kind::Array(Scalar::Duration)));
        assert_eq!(field(&days, Kind::Array(Scalar::Duration), ';'), "P1D;P1D");
        assert_eq!(
            merge(Kind::Scalar(Scalar::Date), Kind::Scalar(Scalar::String)),
            (Kind::Scalar(Scalar::String), true)
        );
    }

    #[test]
    fn file_names_are_clean_and_unique() {
        let mut used = BTreeSet::new();
        assert_eq!(
            file_name("rels", "invests-in", &mut used),
            "rels_invests-in.csv"
        );
        assert_eq!(file_name("rels", "a b", &mut used), "rels_a_b.csv");
        assert_eq!(file_name("rels", "a/b", &mut used), "rels_a_b_2.csv");
    }
}
