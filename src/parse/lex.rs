//! The one lexer of Cypher text: the statement splitter, the REPL's
//! "is this statement complete", highlighting, completion and hints all read
//! its tokens. It accepts any text and never fails: a string, backtick name
//! or block comment left open runs to the end of the text and says so
//! ([`Token::closed`]). The grammar (`grammar/cypher.pest`) stays the judge
//! of what a statement means; this only says where its pieces are.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word: a keyword, a variable, a function, a label, a key.
    Word,
    /// A name in backticks: `` `odd name` `` (``` `` ``` is a backtick in it).
    Quoted,
    /// `'text'` or `"text"`, with backslash escapes.
    String,
    /// `42`, `1.5`, `1e3`, `0x1F`.
    Number,
    /// `// ...` (to the end of the line) or `/* ... */`.
    Comment,
    /// `$name`.
    Param,
    /// Whitespace, as the grammar's `WHITESPACE` has it.
    Space,
    /// Any other character: brackets, operators, `;`, `:`, `.`, `,`.
    Punct,
}

/// One token: its kind and where it is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    /// What it is.
    pub kind: Kind,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// False for a string, backtick name or block comment that runs to the
    /// end of the text without its closer.
    pub closed: bool,
}

impl Token {
    /// Its text in `source`.
    pub(crate) fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// Whether it means nothing to a statement: whitespace or a closed
    /// comment (a comment left open is an error in a script, and more
    /// lines to come in the REPL).
    pub(crate) fn is_trivia(&self) -> bool {
        self.kind == Kind::Space || (self.kind == Kind::Comment && self.closed)
    }

    /// What it leaves open, if anything.
    pub(crate) fn unclosed(&self) -> Option<Unclosed> {
        match self.kind {
            _ if self.closed => None,
            Kind::Comment => Some(Unclosed::Comment),
            Kind::String => Some(Unclosed::String),
            _ => Some(Unclosed::Name),
        }
    }
}

/// A piece of text that was opened and never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unclosed {
    /// `/* ...` without `*/`.
    Comment,
    /// `'...` or `"...` without its closing quote.
    String,
    /// `` `... `` without its closing backtick.
    Name,
}

impl Unclosed {
    /// What is missing, for an error message.
    pub(crate) fn message(self) -> &'static str {
        match self {
            Unclosed::Comment => "unterminated comment: no closing */ for this /*",
            Unclosed::String => "unterminated string: no closing quote",
            Unclosed::Name => "unterminated name: no closing backtick",
        }
    }

    /// How many bytes open it.
    pub(crate) fn opener_len(self) -> usize {
        match self {
            Unclosed::Comment => 2,
            Unclosed::String | Unclosed::Name => 1,
        }
    }
}

/// The tokens of a text, in order; together they cover it exactly.
#[derive(Debug, Clone)]
pub(crate) struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

/// The tokens of `text`.
pub(crate) fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, at: 0 }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let rest = self.text.get(self.at..)?;
        let bytes = rest.as_bytes();
        // Bytes, not chars, decide: every character that starts a token
        // other than a word is ASCII, and ASCII bytes never occur inside a
        // longer UTF-8 character.
        let (kind, len, closed) = match *bytes.first()? {
            b'/' if bytes.get(1) == Some(&b'/') => {
                (Kind::Comment, rest.find('\n').unwrap_or(rest.len()), true)
            }
            b'/' if bytes.get(1) == Some(&b'*') => match rest[2..].find("*/") {
                Some(n) => (Kind::Comment, n + 4, true),
                None => (Kind::Comment, rest.len(), false),
            },
            quote @ (b'\'' | b'"') => closer(Kind::String, rest, string_end(bytes, quote)),
            b'`' => closer(Kind::Quoted, rest, backtick_end(rest)),
            b'$' => (Kind::Param, 1 + word_len(&rest[1..]), true),
            b'0'..=b'9' => (Kind::Number, number_len(rest), true),
            b if b.is_ascii_alphabetic() || b == b'_' => (Kind::Word, word_len(rest), true),
            b if b.is_ascii() => match space_len(bytes) {
                0 => (Kind::Punct, 1, true),
                space => (Kind::Space, space, true),
            },
            // A letter, a no-break space or byte order mark, or another character.
            _ => match (space_len(bytes), word_len(rest)) {
                (0, 0) => {
                    let c = rest.chars().next().map_or(1, char::len_utf8);
                    (Kind::Punct, c, true)
                }
                (0, word) => (Kind::Word, word, true),
                (space, _) => (Kind::Space, space, true),
            },
        };
        let start = self.at;
        self.at += len;
        Some(Token {
            kind,
            start,
            end: self.at,
            closed,
        })
    }
}

/// The innermost unclosed bracket before `offset` (`(`, `[` or `{`), if any.
pub(crate) fn open_bracket(text: &str, offset: usize) -> Option<char> {
    let mut stack = Vec::new();
    for token in tokens(text) {
        if token.start >= offset {
            break;
        }
        if token.kind != Kind::Punct {
            continue;
        }
        match token.text(text) {
            "(" => stack.push('('),
            "[" => stack.push('['),
            "{" => stack.push('{'),
            ")" | "]" | "}" => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// A string or backtick name ending after `end` bytes, or running to the
/// end of `rest` when `end` is `None`.
fn closer(kind: Kind, rest: &str, end: Option<usize>) -> (Kind, usize, bool) {
    match end {
        Some(end) => (kind, end, true),
        None => (kind, rest.len(), false),
    }
}

/// Whether `c` may continue a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The length of the whitespace at the start of `bytes`: whitespace as
/// the grammar's `WHITESPACE` has it (`grammar/cypher.pest`), no-break
/// space and byte order mark included.
fn space_len(bytes: &[u8]) -> usize {
    let mut i = 0;
    loop {
        match bytes.get(i..) {
            Some([b' ' | b'\t' | b'\r' | b'\n' | 0x0B | 0x0C, ..]) => i += 1,
            Some([0xC2, 0xA0, ..]) => i += 2,
            Some([0xEF, 0xBB, 0xBF, ..]) => i += 3,
            _ => return i,
        }
    }
}

/// The length of the string that starts `bytes` (with `quote`); backslash
/// escapes. `None` when it is never closed.
fn string_end(bytes: &[u8], quote: u8) -> Option<usize> {
    let mut i = 1;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            i += 2;
        } else if b == quote {
            return Some(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// The length of the backtick name that starts `rest` (``` `` ``` escapes
/// a backtick); `None` when it is never closed.
fn backtick_end(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 1;
    while let Some(n) = rest[i..].find('`') {
        i += n + 1;
        if bytes.get(i) != Some(&b'`') {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The length of the word at the start of `rest`.
fn word_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() || b == b'_' {
            i += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match rest[i..].chars().next() {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// The length of the number at the start of `rest`: digits, a fraction
/// (`1.5`, not the `..` of `*1..3`), an exponent, or a hex/octal form.
fn number_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let digits = |mut i: usize| {
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        i
    };
    let mut i = digits(0);
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i = digits(i + 1);
    }
    // `1e-3`: the sign after an exponent.
    if matches!(bytes.get(i.wrapping_sub(1)), Some(b'e' | b'E'))
        && matches!(bytes.get(i), Some(b'-' | b'+'))
    {
        i = digits(i + 1);
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use Kind::*;

    /// The tokens of `text` but whitespace, with their texts.
    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokens(text)
            .filter(|t| t.kind != Space)
            .map(|t| (t.kind, t.text(text)))
            .collect()
    }

    /// Every token of `text` as (kind, start, end, closed).
    fn spans(text: &str) -> Vec<(Kind, usize, usize, bool)> {
        tokens(text)
            .map(|t| (t.kind, t.start, t.end, t.closed))
            .collect()
    }

    #[test]
    fn tokens_cover_the_text() {
        assert_eq!(
            kinds("MATCH (n:`a b`)-[*1..3]->() WHERE n.x = 'it\\'s' + $p // c\nRETURN 1.5e-3"),
            vec![
                (Word, "MATCH"),
                (Punct, "("),
                (Word, "n"),
                (Punct, ":"),
                (Quoted, "`a b`"),
                (Punct, ")"),
                (Punct, "-"),
                (Punct, "["),
                (Punct, "*"),
                (Number, "1"),
                (Punct, "."),
                (Punct, "."),
                (Number, "3"),
                (Punct, "]"),
                (Punct, "-"),
                (Punct, ">"),
                (Punct, "("),
                (Punct, ")"),
                (Word, "WHERE"),
                (Word, "n"),
                (Punct, "."),
                (Word, "x"),
                (Punct, "="),
                (String, "'it\\'s'"),
                (Punct, "+"),
                (Param, "$p"),
                (Comment, "// c"),
                (Word, "RETURN"),
                (Number, "1.5e-3"),
            ]
        );
    }

    #[test]
    fn every_kind_with_its_span() {
        assert_eq!(
            spans("a `b` 'c' 1 /*d*/ $e ;"),
            vec![
                (Word, 0, 1, true),
                (Space, 1, 2, true),
                (Quoted, 2, 5, true),
                (Space, 5, 6, true),
                (String, 6, 9, true),
                (Space, 9, 10, true),
                (Number, 10, 11, true),
                (Space, 11, 12, true),
                (Comment, 12, 17, true),
                (Space, 17, 18, true),
                (Param, 18, 20, true),
                (Space, 20, 21, true),
                (Punct, 21, 22, true),
            ]
        );
        assert_eq!(
            spans("// x\r\ny"),
            vec![
                (Comment, 0, 5, true),
                (Space, 5, 6, true),
                (Word, 6, 7, true)
            ]
        );
    }

    #[test]
    fn strings_names_and_numbers() {
        assert_eq!(
            kinds(r#""a\"b" 'a"b'"#),
            vec![(String, r#""a\"b""#), (String, "'a\"b'")]
        );
        assert_eq!(
            kinds("`a``b` `c`"),
            vec![(Quoted, "`a``b`"), (Quoted, "`c`")]
        );
        assert_eq!(kinds("``"), vec![(Quoted, "``")]);
        assert_eq!(
            kinds("0x1F 1e3 1E+3 .5 1.x"),
            vec![
                (Number, "0x1F"),
                (Number, "1e3"),
                (Number, "1E+3"),
                (Punct, "."),
                (Number, "5"),
                (Number, "1"),
                (Punct, "."),
                (Word, "x"),
            ]
        );
        assert_eq!(
            kinds("$1 $ x"),
            vec![(Param, "$1"), (Param, "$"), (Word, "x")]
        );
        assert_eq!(
            kinds("a/b */"),
            vec![
                (Word, "a"),
                (Punct, "/"),
                (Word, "b"),
                (Punct, "*"),
                (Punct, "/")
            ]
        );
    }

    #[test]
    fn unterminated_text_runs_to_the_end() {
        assert_eq!(kinds("'abc"), vec![(String, "'abc")]);
        assert_eq!(kinds("/* x"), vec![(Comment, "/* x")]);
        assert_eq!(kinds("`x"), vec![(Quoted, "`x")]);
        assert_eq!(kinds("é$"), vec![(Word, "é"), (Param, "$")]);
        let open = |text: &str| {
            tokens(text)
                .filter_map(|t| t.unclosed())
                .collect::<Vec<_>>()
        };
        assert_eq!(open("1 'a\\'"), vec![Unclosed::String]);
        assert_eq!(open("'a\\"), vec![Unclosed::String]);
        assert_eq!(open("/*/"), vec![Unclosed::Comment]);
        assert_eq!(open("`a``"), vec![Unclosed::Name]);
        assert_eq!(open("'a' `b` /* c */ // d"), vec![]);
        assert!(!tokens("/* x").next().is_some_and(|t| t.is_trivia()));
        assert!(tokens("/* x */").next().is_some_and(|t| t.is_trivia()));
    }

    #[test]
    fn unicode_keeps_char_boundaries() {
        assert_eq!(
            spans("ソニー 'é'\u{A0}\u{FEFF}x\u{2003}"),
            vec![
                (Word, 0, 9, true),
                (Space, 9, 10, true),
                (String, 10, 14, true),
                (Space, 14, 19, true),
                (Word, 19, 20, true),
                (Punct, 20, 23, true),
            ]
        );
        assert_eq!(kinds("'\\é' x"), vec![(String, "'\\é'"), (Word, "x")]);
    }

    #[test]
    fn the_innermost_open_bracket() {
        assert_eq!(open_bracket("MATCH (n:", 9), Some('('));
        assert_eq!(open_bracket("MATCH ()-[:", 11), Some('['));
        assert_eq!(open_bracket("MATCH (n {a: '(", 14), Some('{'));
        assert_eq!(open_bracket("MATCH (n) WHERE n:", 18), None);
    }
}
