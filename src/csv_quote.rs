//! The quote a CSV file opens and never closes. The csv crate ends such a
//! field, silently, at the end of the file, so that every row after the
//! quote becomes part of one field; `LOAD CSV` and `quiver import` ask this
//! module instead, for the last record of a file only.
//!
//! A record that ends inside quotes always runs to the end of the file, so
//! only a record whose end is the end of the file is checked: its bytes are
//! read again, from its start, through the same states as `csv_core`'s
//! reader (quote `"`, doubled to escape, no other escape, no comments).

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Where a quoted field opens that the file never closes (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote {
    /// The line of the opening quote.
    pub line: u64,
    /// Its column, in characters.
    pub column: u64,
}

impl OpenQuote {
    /// The problem, for a file shown as `name`.
    pub fn describe(&self, name: &str) -> String {
        format!(
            "{name}:{}:{}: a quoted field opens here and is never closed \
             (every line after it would be read as part of that field)",
            self.line, self.column
        )
    }
}

/// Checks the records of one file as a `csv::Reader` reads them.
#[derive(Debug, Clone)]
pub struct QuoteCheck {
    path: PathBuf,
    len: u64,
    delimiter: u8,
}

impl QuoteCheck {
    /// For the file at `path`, opened as `file`, read with `delimiter`.
    pub fn new(path: &Path, file: &File, delimiter: u8) -> QuoteCheck {
        QuoteCheck {
            path: path.to_path_buf(),
            len: file.metadata().map_or(0, |m| m.len()),
            delimiter,
        }
    }

    /// After `reader` has read a record that started at `start`: the quote
    /// it leaves open, when the record reached the end of the file.
    pub fn after_record<R: Read>(
        &self,
        reader: &csv::Reader<R>,
        start: Option<&csv::Position>,
    ) -> std::io::Result<Option<OpenQuote>> {
        match start {
            Some(start) if reader.position().byte() >= self.len => {
                let mut file = File::open(&self.path)?;
                file.seek(SeekFrom::Start(start.byte()))?;
                open_quote(BufReader::new(file), start.line(), self.delimiter)
            }
            _ => Ok(None),
        }
    }
}

/// Where `csv_core`'s reader is, for what this module needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    InField,
    InQuoted,
    /// A quote inside a quoted field: it closes the field, or a second
    /// quote makes it an escaped quote.
    QuoteInQuoted,
}

/// Reads `input` (the text of records, starting at the start of one, on
/// line `line`) to its end and returns the quote left open, if any.
pub fn open_quote(
    mut input: impl BufRead,
    line: u64,
    delimiter: u8,
) -> std::io::Result<Option<OpenQuote>> {
    let (mut line, mut column) = (line, 0u64);
    let mut state = State::StartRecord;
    let mut opened = OpenQuote { line, column: 1 };
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            break;
        }
        for &b in chunk {
            if b == b'\n' {
                line += 1;
                column = 0;
            } else if b & 0xC0 != 0x80 {
                column += 1;
            }
            let end = b == b'\n' || b == b'\r';
            state = match state {
                State::StartRecord if end => State::StartRecord,
                State::StartRecord | State::StartField => {
                    if b == b'"' {
                        opened = OpenQuote { line, column };
                        State::InQuoted
                    } else if b == delimiter {
                        State::StartField
                    } else if end {
                        State::StartRecord
                    } else {
                        State::InField
                    }
                }
                State::InField | State::QuoteInQuoted if b == delimiter => State::StartField,
                State::InField | State::QuoteInQuoted if end => State::StartRecord,
                State::QuoteInQuoted if b == b'"' => State::InQuoted,
                State::InField | State::QuoteInQuoted => State::InField,
                State::InQuoted if b == b'"' => State::QuoteInQuoted,
                State::InQuoted => State::InQuoted,
            };
        }
        let n = chunk.len();
        input.consume(n);
    }
    Ok((state == State::InQuoted).then_some(opened))
}

#[cfg(test)]
mod tests {
    use super::{OpenQuote, open_quote};

    fn check(text: &str, delimiter: u8) -> Option<(u64, u64)> {
        open_quote(text.as_bytes(), 1, delimiter)
            .ok()
            .flatten()
            .map(|OpenQuote { line, column }| (line, column))
    }

    #[test]
    fn closed_quotes_are_fine() {
        assert_eq!(check("a,b\n1,\"x\"\n", b','), None);
        assert_eq!(check("\"a\nb\",\"c\"\"d\"\n", b','), None);
        assert_eq!(check("a,\"\"\n", b','), None);
        assert_eq!(check("a\"b,c\n", b','), None);
        assert_eq!(check("\"a\"b\"c\n", b','), None);
        assert_eq!(check("x;\"y\"", b';'), None);
        assert_eq!(check("", b','), None);
    }

    #[test]
    fn an_open_quote_is_found_where_it_opens() {
        assert_eq!(check("a,b\n1,\"x\n2,y\n", b','), Some((2, 3)));
        assert_eq!(check("\"", b','), Some((1, 1)));
        assert_eq!(check("é,\"x\"\"\n", b','), Some((1, 3)));
        assert_eq!(check("a\r\n\r\nb,\"c\n", b','), Some((3, 3)));
        assert_eq!(check("a;\"b", b';'), Some((1, 3)));
        // A quote inside an unquoted field is text, not an opening.
        assert_eq!(check("a,b\"c\n", b','), None);
    }
}
