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
pub(crate) struct OpenQuote {
    /// The line of the opening quote.
    pub line: u64,
    /// Its column, in characters.
    pub column: u64,
}

impl OpenQuote {
    /// The problem, for a file shown as `name`.
    pub(crate) fn describe(&self, name: &str) -> String {
        format!(
            "{name}:{}:{}: a quoted field opens here and is never closed \
             (every line after it would be read as part of that field)",
            self.line, self.column
        )
    }
}

/// Checks the records of one file as a `csv::Reader` reads them. A
/// regular file has its last record read again; anything else (a pipe) is
/// watched as it passes, through [`QuoteCheck::reader`].
#[derive(Debug, Clone)]
pub(crate) struct QuoteCheck {
    path: PathBuf,
    len: u64,
    regular: bool,
    delimiter: u8,
}

impl QuoteCheck {
    /// For the file at `path`, opened as `file`, read with `delimiter`.
    pub(crate) fn new(path: &Path, file: &File, delimiter: u8) -> QuoteCheck {
        let metadata = file.metadata().ok();
        QuoteCheck {
            path: path.to_path_buf(),
            len: metadata.as_ref().map_or(0, |m| m.len()),
            regular: metadata.is_some_and(|m| m.is_file()),
            delimiter,
        }
    }

    /// `inner`, the file's bytes, as the csv reader must read them.
    pub(crate) fn reader<R: Read>(&self, inner: R) -> Tracked<R> {
        Tracked {
            inner,
            scanner: (!self.regular).then(|| Scanner::new(1, self.delimiter)),
            eof: false,
            unused: 0,
        }
    }

    /// After `reader` has read a record that started at `start`: the quote
    /// it leaves open, when the record reached the end of the file.
    pub(crate) fn after_record<R: Read>(
        &self,
        reader: &csv::Reader<Tracked<R>>,
        start: Option<&csv::Position>,
    ) -> std::io::Result<Option<OpenQuote>> {
        let tracked = reader.get_ref();
        if let Some(scanner) = &tracked.scanner {
            return Ok(scanner.open().filter(|_| tracked.eof));
        }
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

/// A reader that, for a file that cannot be read again, follows the
/// quotes of every byte that passes.
#[derive(Debug)]
pub(crate) struct Tracked<R> {
    inner: R,
    scanner: Option<Scanner>,
    eof: bool,
    /// Bytes read since [`Tracked::record_used`]: what the reader holds
    /// for a record not yet complete, which a running statement's memory
    /// budget bounds (one huge record must not exhaust memory).
    unused: usize,
}

impl<R> Tracked<R> {
    /// The bytes read so far have been made a record.
    pub(crate) fn record_used(&mut self) {
        self.unused = 0;
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.unused = self.unused.saturating_add(n);
        // Twice: the reader's buffer and the record it builds.
        crate::exec::guard::ensure(self.unused.saturating_mul(2))
            .map_err(|e| std::io::Error::other(e.message))?;
        if let Some(scanner) = &mut self.scanner {
            match buf.get(..n) {
                Some(bytes) if n > 0 => scanner.feed(bytes),
                _ => self.eof = true,
            }
        }
        Ok(n)
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

/// Follows CSV text, byte by byte, through the states of `csv_core`'s
/// reader that matter for quotes.
#[derive(Debug, Clone)]
struct Scanner {
    state: State,
    line: u64,
    column: u64,
    opened: OpenQuote,
    delimiter: u8,
}

impl Scanner {
    /// At the start of a record, on line `line`.
    fn new(line: u64, delimiter: u8) -> Scanner {
        Scanner {
            state: State::StartRecord,
            line,
            column: 0,
            opened: OpenQuote { line, column: 1 },
            delimiter,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b == b'\n' {
                self.line += 1;
                self.column = 0;
            } else if b & 0xC0 != 0x80 {
                self.column += 1;
            }
            let end = b == b'\n' || b == b'\r';
            self.state = match self.state {
                State::StartRecord if end => State::StartRecord,
                State::StartRecord | State::StartField => {
                    if b == b'"' {
                        self.opened = OpenQuote {
                            line: self.line,
                            column: self.column,
                        };
                        State::InQuoted
                    } else if b == self.delimiter {
                        State::StartField
                    } else if end {
                        State::StartRecord
                    } else {
                        State::InField
                    }
                }
                State::InField | State::QuoteInQuoted if b == self.delimiter => State::StartField,
                State::InField | State::QuoteInQuoted if end => State::StartRecord,
                State::QuoteInQuoted if b == b'"' => State::InQuoted,
                State::InField | State::QuoteInQuoted => State::InField,
                State::InQuoted if b == b'"' => State::QuoteInQuoted,
                State::InQuoted => State::InQuoted,
            };
        }
    }

    /// The quote left open, if the text ended here.
    fn open(&self) -> Option<OpenQuote> {
        (self.state == State::InQuoted).then_some(self.opened)
    }
}

/// Reads `input` (the text of records, starting at the start of one, on
/// line `line`) to its end and returns the quote left open, if any.
pub(crate) fn open_quote(
    mut input: impl BufRead,
    line: u64,
    delimiter: u8,
) -> std::io::Result<Option<OpenQuote>> {
    let mut scanner = Scanner::new(line, delimiter);
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(scanner.open());
        }
        scanner.feed(chunk);
        let n = chunk.len();
        input.consume(n);
    }
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
    fn a_pipe_is_followed_as_it_passes() {
        use super::QuoteCheck;
        use std::io::Read;
        let file = match std::fs::File::open("/dev/null") {
            Ok(f) => f,
            Err(_) => return,
        };
        let check = QuoteCheck::new(std::path::Path::new("/dev/null"), &file, b',');
        let read = |text: &'static str| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(check.reader(text.as_bytes()));
            let mut record = csv::ByteRecord::new();
            let mut found = Vec::new();
            while reader.read_byte_record(&mut record).unwrap_or(false) {
                let open = check.after_record(&reader, record.position());
                found.push(open.ok().flatten().map(|o| (o.line, o.column)));
            }
            found
        };
        assert_eq!(read("a\n\"b\nc\n"), [None, Some((2, 1))]);
        assert_eq!(read("a\n\"b\"\n"), [None, None]);
        let mut sink = Vec::new();
        let _ = check.reader(&b"x"[..]).read_to_end(&mut sink);
        assert_eq!(sink, b"x");
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
