//! Byte ranges in query text, and their 1-based line and column.

/// A byte range `start..end` in the text a statement came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The 1-based line and column (in characters) of `start` within `text`.
    pub fn line_col(&self, text: &str) -> (usize, usize) {
        line_col(text, self.start)
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut line = 1;
    let mut line_start = 0;
    for (i, b) in text.bytes().enumerate().take(offset) {
        if b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    let prefix = text.get(line_start..offset).unwrap_or("");
    (line, prefix.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("abc\nde", 4), (2, 1));
        assert_eq!(line_col("abc\ndé f", 8), (2, 4));
        assert_eq!(line_col("ab", 99), (1, 3));
    }
}
