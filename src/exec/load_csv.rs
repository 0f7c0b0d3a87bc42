//! `LOAD CSV`: streams the records of a CSV file as rows, one record at a
//! time (the file is never read whole).

use super::file_access::failed;
use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, eval};
use crate::csv_quote::{QuoteCheck, Tracked};
use crate::error::{Error, Result};
use crate::plan::logical::{Expr, Slot};
use crate::value::Value;
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

/// One open file: the reader and, with headers, the header names.
struct Open {
    row: Row,
    path: PathBuf,
    reader: csv::Reader<Tracked<File>>,
    record: csv::StringRecord,
    quotes: QuoteCheck,
    headers: Option<Vec<String>>,
}

impl Open {
    /// Reads the next record into `record`; false at the end of the file.
    /// A record that the file ends inside a quoted field of is an error,
    /// before any of it is used.
    fn next_record(&mut self) -> Result<bool> {
        super::guard::tick()?;
        let read = self.reader.read_record(&mut self.record);
        self.reader.get_mut().record_used();
        match read {
            Ok(true) => {
                check_quotes(&self.quotes, &self.reader, &self.record, &self.path)?;
                Ok(true)
            }
            Ok(false) => Ok(false),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                Err(failed(format!("{}:{line}: {e}", self.path.display())))
            }
        }
    }
}

impl Open {
    /// The record just read: a map by header name, or a list.
    fn value(&self) -> Value {
        let record = &self.record;
        match &self.headers {
            Some(names) => {
                let mut map = BTreeMap::new();
                for (i, name) in names.iter().enumerate() {
                    let v = match record.get(i) {
                        Some(field) if !field.is_empty() => Value::string(field),
                        _ => Value::Null,
                    };
                    map.insert(name.clone(), v);
                }
                Value::Map(map)
            }
            None => Value::List(record.iter().map(Value::string).collect()),
        }
    }
}

/// An error when `record`, just read, ends the file inside a quoted field.
fn check_quotes(
    quotes: &QuoteCheck,
    reader: &csv::Reader<Tracked<File>>,
    record: &csv::StringRecord,
    path: &Path,
) -> Result<()> {
    let shown = path.display().to_string();
    match quotes.after_record(reader, record.position()) {
        Ok(None) => Ok(()),
        Ok(Some(open)) => Err(failed(open.describe(&shown))),
        Err(e) => Err(failed(format!("cannot read {shown}: {e}"))),
    }
}

/// `LOAD CSV`
pub(crate) struct LoadCsv<'p> {
    input: BoxOp<'p>,
    url: &'p Expr,
    slot: Slot,
    headers: bool,
    delimiter: u8,
    current: Option<Open>,
}

impl<'p> LoadCsv<'p> {
    /// Reads the file for each row of `input`.
    pub(crate) fn new(
        input: BoxOp<'p>,
        url: &'p Expr,
        slot: Slot,
        headers: bool,
        delimiter: u8,
    ) -> LoadCsv<'p> {
        LoadCsv {
            input,
            url,
            slot,
            headers,
            delimiter,
            current: None,
        }
    }

    fn open(&self, row: Row, ctx: &mut Ctx<'_>) -> Result<Open> {
        let url = match eval(self.url, &row, ctx)? {
            Value::String(s) => s,
            other => {
                return Err(Error::type_error(format!(
                    "LOAD CSV needs a string URL, got {}",
                    other.type_name()
                )));
            }
        };
        let path = ctx.file_access.resolve(&url)?;
        let file = File::open(&path)
            .map_err(|e| failed(format!("cannot read {}: {e}", path.display())))?;
        // A device or a pipe may never end a record (`/dev/zero`): read files only.
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(failed(format!("{} is not a regular file", path.display())));
        }
        let quotes = QuoteCheck::new(&path, &file, self.delimiter);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(self.headers)
            .flexible(true)
            .from_reader(quotes.reader(file));
        let headers = if self.headers {
            let h = reader
                .headers()
                .map_err(|e| failed(format!("{}: the header line: {e}", path.display())))?
                .clone();
            check_quotes(&quotes, &reader, &h, &path)?;
            Some(h.iter().map(str::to_string).collect())
        } else {
            None
        };
        Ok(Open {
            row,
            path,
            reader,
            record: csv::StringRecord::new(),
            quotes,
            headers,
        })
    }
}

impl Operator for LoadCsv<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some(open) = &mut self.current {
                if open.next_record()? {
                    let value = open.value();
                    let mut out = open.row.clone();
                    row::set(&mut out, self.slot, value);
                    return Ok(Some(out));
                }
                self.current = None;
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            self.current = Some(self.open(row, ctx)?);
        }
    }
}
