//! Neo4j bulk-importer CSV into a [`Sink`]: node files first, then
//! relationship files, read row by row (memory grows with the graph's ids,
//! not with the files). Every error names the file, the line and, where
//! there is one, the column; it stops the import unless bad rows are to be
//! skipped, in which case they are counted and the first few kept.
//!
//! Reading and parsing run on a second thread, handing rows in batches to
//! the caller's thread, which writes them to the sink in file order.

use super::csv_header::{Column, FileKind, Header, parse_header};
use super::rows::{Batch, FileRows, Row};
use super::sink::Sink;
use crate::csv_quote::QuoteCheck;
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::value::Value;
use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many bad-row messages a report keeps.
const KEEP_PROBLEMS: usize = 10;

/// Rows per batch handed from the reading thread to the sink (and between
/// two progress calls).
const BATCH: usize = 8192;

/// Batches on their way to the sink at most.
const BATCHES_IN_FLIGHT: usize = 16;

/// How the values of `:ID`, `:START_ID` and `:END_ID` columns are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdType {
    /// Ids are strings (the default); `1` and `01` differ.
    #[default]
    String,
    /// Ids are integers, and stored as integer properties.
    Integer,
}

/// One `--nodes [LABEL=]FILE` or `--relationships [TYPE=]FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSpec {
    /// The file.
    pub path: PathBuf,
    /// Labels (`A:B`) for every node of the file, or the type of every
    /// relationship of the file.
    pub name: Option<String>,
}

impl FileSpec {
    /// Reads `NAME=FILE` or `FILE` (a `=` after a `/` belongs to the path).
    pub fn parse(text: &str) -> FileSpec {
        match text.split_once('=') {
            Some((name, path)) if !name.is_empty() && !name.contains('/') => FileSpec {
                path: PathBuf::from(path),
                name: Some(name.to_string()),
            },
            _ => FileSpec {
                path: PathBuf::from(text),
                name: None,
            },
        }
    }
}

/// What to import and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvImport {
    /// Node files, read first, in order.
    pub nodes: Vec<FileSpec>,
    /// Relationship files, read after the nodes, in order.
    pub relationships: Vec<FileSpec>,
    /// The field delimiter (`,`).
    pub delimiter: u8,
    /// The delimiter inside `:LABEL` and array fields (`;`).
    pub array_delimiter: char,
    /// How ids are read.
    pub id_type: IdType,
    /// Skip (and report) bad rows instead of failing.
    pub skip_bad_rows: bool,
}

impl Default for CsvImport {
    fn default() -> CsvImport {
        CsvImport {
            nodes: Vec::new(),
            relationships: Vec::new(),
            delimiter: b',',
            array_delimiter: ';',
            id_type: IdType::String,
            skip_bad_rows: false,
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Nodes created.
    pub nodes: u64,
    /// Relationships created.
    pub relationships: u64,
    /// Rows skipped as bad.
    pub skipped: u64,
    /// The messages of the first skipped rows.
    pub problems: Vec<String>,
}

/// An id within its id space.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum IdKey {
    Int(i64),
    Str(Box<str>),
}

impl std::fmt::Display for IdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdKey::Int(i) => write!(f, "{i}"),
            IdKey::Str(s) => f.write_str(s),
        }
    }
}

/// The ids seen so far: (id space, id) → node number.
#[derive(Default)]
struct Ids {
    spaces: HashMap<String, u32>,
    /// Per id space, the nodes of small non-negative integer ids, by id
    /// (node number + 1; 0 for none): one array read instead of a hash
    /// lookup, for ids that are about as dense as the nodes.
    dense: Vec<Vec<u64>>,
    /// The other ids, per id space.
    map: Vec<foldhash::HashMap<IdKey, u64>>,
    count: usize,
}

impl Ids {
    /// The node of an id.
    fn get(&self, space: u32, key: &IdKey) -> Option<u64> {
        if let IdKey::Int(n) = key
            && let Some(&at) = self
                .dense
                .get(space as usize)
                .and_then(|d| usize::try_from(*n).ok().and_then(|n| d.get(n)))
            && at != 0
        {
            return Some(at - 1);
        }
        self.map.get(space as usize)?.get(key).copied()
    }

    /// Records the node of an id; false when the id is taken.
    fn insert(&mut self, space: u32, key: IdKey, node: u64) -> bool {
        if self.get(space, &key).is_some() {
            return false;
        }
        self.count += 1;
        // Dense while the ids stay below a few times the number of nodes.
        let room = 4 * self.count + 1024;
        if let IdKey::Int(n) = key
            && let Ok(n) = usize::try_from(n)
            && n < room
        {
            if self.dense.len() <= space as usize {
                self.dense.resize(space as usize + 1, Vec::new());
            }
            let d = &mut self.dense[space as usize];
            if d.len() <= n {
                d.resize((n + 1).max(d.len() * 2).min(room), 0);
            }
            d[n] = node + 1;
            return true;
        }
        if self.map.len() <= space as usize {
            self.map.resize_with(space as usize + 1, Default::default);
        }
        self.map[space as usize].insert(key, node);
        true
    }

    fn space(&mut self, name: &str) -> u32 {
        // Called twice per relationship: look up before allocating a key.
        if let Some(&id) = self.spaces.get(name) {
            return id;
        }
        let next = u32::try_from(self.spaces.len()).unwrap_or(u32::MAX);
        *self.spaces.entry(name.to_string()).or_insert(next)
    }
}

/// A row that cannot be imported: its column (1-based) when known, and why.
struct BadRow {
    column: Option<usize>,
    message: String,
}

fn bad(column: usize, message: impl Into<String>) -> BadRow {
    BadRow {
        column: Some(column),
        message: message.into(),
    }
}

/// The reading side of an import in progress.
struct Importer<'a> {
    options: &'a CsvImport,
    ids: Ids,
    report: ImportReport,
    next_node: u64,
    /// Bytes in files already read.
    done_bytes: u64,
    /// Rows of the file at hand not yet handed over, and where they go.
    batch: Option<Batch>,
    send: std::sync::mpsc::SyncSender<Batch>,
}

/// Imports the files of `options` into `sink`, calling `progress(done,
/// total)` (in bytes) now and then. Node files are read before
/// relationship files.
pub fn import_csv(
    options: &CsvImport,
    sink: &mut dyn Sink,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    let total_bytes = options
        .nodes
        .iter()
        .chain(&options.relationships)
        .map(|spec| std::fs::metadata(&spec.path).map(|m| m.len()).unwrap_or(0))
        .sum();
    let (send, recv) = std::sync::mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut importer = Importer {
                options,
                ids: Ids::default(),
                report: ImportReport::default(),
                next_node: 0,
                done_bytes: 0,
                batch: None,
                send,
            };
            let mut read = || -> Result<()> {
                for spec in &options.nodes {
                    importer.file(spec, FileKind::Nodes)?;
                }
                for spec in &options.relationships {
                    importer.file(spec, FileKind::Relationships)?;
                }
                Ok(())
            };
            let read = read();
            if read.is_err() {
                // The rows before the bad one still go to the sink: if one
                // of them fails there, that is the first error in file order.
                let _ = importer.hand_over(importer.done_bytes, false);
            }
            read.map(|()| importer.report)
        });
        let mut written = (0u64, 0u64);
        let mut wrote = Ok(());
        for batch in recv.iter() {
            let done = batch.done_bytes;
            match batch.write(sink) {
                Ok((nodes, rels)) => {
                    written.0 += nodes;
                    written.1 += rels;
                }
                Err(e) => {
                    wrote = Err(e);
                    break;
                }
            }
            progress(done, total_bytes);
        }
        // A failed write stops the reader: it finds no one to hand rows to.
        drop(recv);
        let read: Result<ImportReport> = reader
            .join()
            .unwrap_or_else(|_| Err(Error::io("reading the files failed".to_string())));
        wrote?;
        let mut report = read?;
        report.nodes = written.0;
        report.relationships = written.1;
        sink.finish()?;
        progress(total_bytes, total_bytes);
        Ok(report)
    })
}

/// `path` as messages show it.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

impl Importer<'_> {
    fn file(&mut self, spec: &FileSpec, kind: FileKind) -> Result<()> {
        let name = shown(&spec.path);
        let file =
            File::open(&spec.path).map_err(|e| Error::io(format!("cannot read {name}: {e}")))?;
        let quotes = QuoteCheck::new(&spec.path, &file, self.options.delimiter);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.options.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(quotes.reader(BufReader::with_capacity(1 << 16, file)));
        let mut record = csv::ByteRecord::new();
        // A record that the file ends inside a quoted field of is an error
        // of the file, before any of the record is used.
        let read = |reader: &mut csv::Reader<_>, record: &mut csv::ByteRecord| {
            let more = reader
                .read_byte_record(record)
                .map_err(|e| Error::io(format!("cannot read {name}: {e}")))?;
            match quotes.after_record(reader, record.position()) {
                Ok(None) => Ok(more),
                Ok(Some(open)) => Err(data(open.describe(&name))),
                Err(e) => Err(Error::io(format!("cannot read {name}: {e}"))),
            }
        };
        if !read(&mut reader, &mut record)? {
            return Err(data(format!(
                "{name}: the file is empty; it needs a header line"
            )));
        }
        let mut fields = Vec::with_capacity(record.len());
        for (i, bytes) in record.iter().enumerate() {
            match std::str::from_utf8(bytes) {
                Ok(text) => fields.push(text.trim_start_matches('\u{feff}').to_string()),
                Err(_) => return Err(data(format!("{name}:1: column {}: invalid UTF-8", i + 1))),
            }
        }
        let header = parse_header(&fields, kind)
            .map_err(|(column, message)| data(format!("{name}:1: column {column}: {message}")))?;
        let labels: Vec<String> = match (&spec.name, kind) {
            (Some(n), FileKind::Nodes) => n
                .split(':')
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            _ => Vec::new(),
        };
        let keys = header
            .columns
            .iter()
            .map(|c| match c {
                Column::Id {
                    property: Some(p), ..
                } => p.clone(),
                Column::Property { name, .. } => name.clone(),
                _ => String::new(),
            })
            .collect();
        let rows = Arc::new(FileRows {
            kind,
            labels,
            rel_type: spec
                .name
                .clone()
                .filter(|_| kind == FileKind::Relationships),
            keys,
        });
        self.batch = Some(Batch::new(rows.clone(), BATCH));
        // The id space of each endpoint column, looked up once per file.
        let spaces: Vec<u32> = header
            .columns
            .iter()
            .map(|c| match c {
                Column::Start(space) | Column::End(space) => self.ids.space(space),
                _ => 0,
            })
            .collect();
        while read(&mut reader, &mut record)? {
            let line = record.position().map_or(0, |p| p.line());
            let mark = self.batch.as_ref().map(|b| (b.props.len(), b.texts.len()));
            let outcome = if record.len() != header.columns.len() {
                Err(BadRow {
                    column: None,
                    message: format!(
                        "expected {} fields, found {}",
                        header.columns.len(),
                        record.len()
                    ),
                })
            } else {
                match kind {
                    FileKind::Nodes => self.node(&header, &record),
                    FileKind::Relationships => self.relationship(&header, &spaces, &rows, &record),
                }
            };
            match (outcome, &mut self.batch) {
                (Ok(row), Some(batch)) => batch.rows.push(row),
                (Ok(_), None) => {}
                (Err(problem), batch) => {
                    // The bad row's pairs and texts go with it.
                    if let (Some(b), Some((props, texts))) = (batch, mark) {
                        b.props.truncate(props);
                        b.texts.truncate(texts);
                    }
                    self.bad_row(&name, line, &header, problem)?;
                }
            }
            if self.batch.as_ref().is_some_and(|b| b.rows.len() >= BATCH) {
                let at = record.position().map_or(0, |p| p.byte());
                self.hand_over(self.done_bytes + at, true)?;
            }
        }
        self.done_bytes += std::fs::metadata(&spec.path).map(|m| m.len()).unwrap_or(0);
        self.hand_over(self.done_bytes, false)
    }

    /// Hands the rows read so far to the sink's thread, `done_bytes` of
    /// all files being read; `more` when the file goes on.
    fn hand_over(&mut self, done_bytes: u64, more: bool) -> Result<()> {
        let Some(mut batch) = self.batch.take() else {
            return Ok(());
        };
        if more {
            self.batch = Some(Batch::new(batch.file.clone(), BATCH));
        }
        batch.done_bytes = done_bytes;
        self.send
            .send(batch)
            .map_err(|_| Error::io("the import stopped".to_string()))
    }

    /// Where the row at hand puts its pairs and texts.
    fn out(&mut self) -> std::result::Result<&mut Batch, BadRow> {
        self.batch.as_mut().ok_or_else(|| BadRow {
            column: None,
            message: "a row outside a file".to_string(),
        })
    }

    fn bad_row(&mut self, name: &str, line: u64, header: &Header, problem: BadRow) -> Result<()> {
        let message = match problem.column {
            Some(c) => {
                let field = header.names.get(c - 1).map_or("", String::as_str);
                format!("{name}:{line}: column {c} ({field}): {}", problem.message)
            }
            None => format!("{name}:{line}: {}", problem.message),
        };
        if !self.options.skip_bad_rows {
            return Err(data(message));
        }
        self.report.skipped += 1;
        if self.report.problems.len() < KEEP_PROBLEMS {
            self.report.problems.push(message);
        }
        Ok(())
    }

    /// A field as text: `None` when empty (the property is absent).
    fn text(record: &csv::ByteRecord, i: usize) -> std::result::Result<Option<&str>, BadRow> {
        let bytes = record.get(i).unwrap_or_default();
        if bytes.is_empty() {
            return Ok(None);
        }
        std::str::from_utf8(bytes)
            .map(Some)
            .map_err(|_| bad(i + 1, "invalid UTF-8"))
    }

    fn id_key(&self, text: &str, column: usize) -> std::result::Result<IdKey, BadRow> {
        match self.options.id_type {
            IdType::String => Ok(IdKey::Str(text.into())),
            IdType::Integer => text
                .trim()
                .parse()
                .map(IdKey::Int)
                .map_err(|_| bad(column, format!("`{text}` is not an integer id"))),
        }
    }

    fn value(
        &self,
        text: &str,
        column: &Column,
        i: usize,
    ) -> std::result::Result<Option<Value>, BadRow> {
        let Column::Property { scalar, array, .. } = column else {
            return Ok(None);
        };
        let value = if *array {
            let items = text
                .split(self.options.array_delimiter)
                .map(|item| scalar.parse(item))
                .collect::<std::result::Result<Vec<_>, _>>();
            items.map(Value::List)
        } else {
            scalar.parse(text)
        };
        value.map(Some).map_err(|m| bad(i + 1, m))
    }

    fn node(
        &mut self,
        header: &Header,
        record: &csv::ByteRecord,
    ) -> std::result::Result<Row, BadRow> {
        let mut row = Row::default();
        let mut id = None;
        for (i, column) in header.columns.iter().enumerate() {
            let Some(text) = Self::text(record, i)? else {
                continue;
            };
            match column {
                Column::Id { property, space } => {
                    let key = self.id_key(text, i + 1)?;
                    if property.is_some() {
                        let value = match &key {
                            IdKey::Int(n) => Value::Int(*n),
                            IdKey::Str(s) => Value::string(s),
                        };
                        self.out()?.props.push((i as u32, value));
                        row.props += 1;
                    }
                    id = Some((space, key, i + 1));
                }
                Column::Label => {
                    let delimiter = self.options.array_delimiter;
                    let out = self.out()?;
                    for l in text.split(delimiter).filter(|l| !l.is_empty()) {
                        out.texts.push(l.to_string());
                        row.texts += 1;
                    }
                }
                Column::Property { .. } => {
                    if let Some(v) = self.value(text, column, i)? {
                        self.out()?.props.push((i as u32, v));
                        row.props += 1;
                    }
                }
                Column::Ignore | Column::Start(_) | Column::End(_) | Column::Type => {}
            }
        }
        if let Some((space, key, column)) = id {
            let space = self.ids.space(space);
            if self.ids.get(space, &key).is_some() {
                return Err(bad(column, format!("duplicate id `{key}`")));
            }
            self.ids.insert(space, key, self.next_node);
        }
        self.next_node += 1;
        Ok(row)
    }

    fn endpoint(
        &self,
        (space, space_id): (&str, u32),
        text: Option<&str>,
        i: usize,
        role: &str,
    ) -> std::result::Result<u64, BadRow> {
        let Some(text) = text else {
            return Err(bad(i + 1, format!("the {role} is empty")));
        };
        let key = self.id_key(text, i + 1)?;
        self.ids.get(space_id, &key).ok_or_else(|| {
            if space.is_empty() {
                bad(i + 1, format!("no node with id `{text}`"))
            } else {
                bad(
                    i + 1,
                    format!("no node with id `{text}` in id space `{space}`"),
                )
            }
        })
    }

    fn relationship(
        &mut self,
        header: &Header,
        spaces: &[u32],
        file: &FileRows,
        record: &csv::ByteRecord,
    ) -> std::result::Result<Row, BadRow> {
        let mut row = Row::default();
        for (i, column) in header.columns.iter().enumerate() {
            let text = Self::text(record, i)?;
            match column {
                Column::Start(space) => {
                    row.start = self.endpoint((space, spaces[i]), text, i, ":START_ID")?;
                }
                Column::End(space) => {
                    row.end = self.endpoint((space, spaces[i]), text, i, ":END_ID")?
                }
                Column::Type => {
                    if let Some(t) = text {
                        self.out()?.texts.push(t.to_string());
                        row.texts += 1;
                    }
                }
                Column::Property { .. } => {
                    if let Some(text) = text
                        && let Some(v) = self.value(text, column, i)?
                    {
                        self.out()?.props.push((i as u32, v));
                        row.props += 1;
                    }
                }
                Column::Ignore | Column::Id { .. } | Column::Label => {}
            }
        }
        if row.texts == 0 && file.rel_type.is_none() {
            return Err(BadRow {
                column: None,
                message: "no relationship type: give TYPE=FILE or a :TYPE column".to_string(),
            });
        }
        Ok(row)
    }
}

/// An error in the data being imported.
fn data(message: String) -> Error {
    Error::argument(Detail::BadImportData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_dense_or_not_find_their_nodes() {
        let mut ids = Ids::default();
        let (a, b) = (ids.space(""), ids.space("Person"));
        let keys = [
            IdKey::Int(0),
            IdKey::Int(7),
            IdKey::Int(-3),
            IdKey::Int(1 << 40),
            IdKey::Int(i64::MAX),
            IdKey::Str("x".into()),
        ];
        for (n, k) in keys.iter().enumerate() {
            assert!(ids.insert(a, k.clone(), n as u64), "{k}");
        }
        // The same ids in another space are other nodes.
        for (n, k) in keys.iter().enumerate() {
            assert!(ids.insert(b, k.clone(), 100 + n as u64), "{k}");
        }
        for (n, k) in keys.iter().enumerate() {
            assert_eq!(ids.get(a, k), Some(n as u64), "{k}");
            assert_eq!(ids.get(b, k), Some(100 + n as u64), "{k}");
            assert!(!ids.insert(a, k.clone(), 999), "{k} is taken");
        }
        for k in [
            IdKey::Int(1),
            IdKey::Int(6),
            IdKey::Int(8),
            IdKey::Str("y".into()),
        ] {
            assert_eq!(ids.get(a, &k), None, "{k}");
        }
        let other = ids.space("Other");
        assert_eq!(ids.get(other, &IdKey::Int(0)), None);
        // Dense ids far past the start still go in, one way or the other.
        for n in 0..5000 {
            assert!(ids.insert(a, IdKey::Int(10 + 3 * n), 1000 + n as u64));
        }
        assert_eq!(ids.get(a, &IdKey::Int(10 + 3 * 4999)), Some(5999));
    }
}
