//! The TCK's value notation (expected cells and parameters): a small model
//! of values as a client sees them, its parser, and its printer.
//!
//! Entities carry no ids: a node is its labels and properties, a
//! relationship its type and properties, a path the walk of both.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A value in the TCK's notation.
#[derive(Debug, Clone, PartialEq)]
pub enum TckValue {
    /// `null`
    Null,
    /// `true`, `false`
    Bool(bool),
    /// `42`, `-1`
    Int(i64),
    /// `1.0`, `-0.5`, `1e300`, `NaN`, `Inf`
    Float(f64),
    /// `'text'`
    String(String),
    /// `[a, b]`
    List(Vec<TckValue>),
    /// `{k: v}`
    Map(BTreeMap<String, TckValue>),
    /// `(:A:B {k: v})`
    Node(TckNode),
    /// `[:T {k: v}]`
    Rel(TckRel),
    /// `<(:A)-[:T]->(:B)>`
    Path(TckPath),
}

/// A node: labels (a set) and properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TckNode {
    /// The labels.
    pub labels: BTreeSet<String>,
    /// The properties.
    pub properties: BTreeMap<String, TckValue>,
}

/// A relationship: type and properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TckRel {
    /// The type.
    pub rel_type: String,
    /// The properties.
    pub properties: BTreeMap<String, TckValue>,
}

/// Which way a relationship points relative to the walk of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `-[...]->`: from the node before it to the node after it.
    Forward,
    /// `<-[...]-`: from the node after it to the node before it.
    Backward,
}

/// A path: a start node, then (relationship, direction, node) steps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TckPath {
    /// The first node.
    pub start: TckNode,
    /// Each hop of the walk.
    pub steps: Vec<(TckRel, Direction, TckNode)>,
}

/// Parses one value, the whole text (surrounding blanks allowed).
pub fn parse_value(text: &str) -> Result<TckValue, String> {
    let mut p = Parser { text, pos: 0 };
    let value = p.value(0)?;
    p.skip_blanks();
    if p.pos != text.len() {
        return Err(p.error("end of value"));
    }
    Ok(value)
}

/// How deep values may nest before the parser gives up.
const MAX_DEPTH: usize = 200;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn skip_blanks(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    fn error(&self, expected: &str) -> String {
        format!(
            "expected {expected} at offset {} in {:?}",
            self.pos, self.text
        )
    }

    /// Skips blanks, then consumes `token` if it comes next.
    fn eat(&mut self, token: &str) -> bool {
        self.skip_blanks();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, token: &str) -> Result<(), String> {
        if self.eat(token) {
            Ok(())
        } else {
            Err(self.error(&format!("`{token}`")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<TckValue, String> {
        if depth > MAX_DEPTH {
            return Err(self.error("a less deeply nested value"));
        }
        self.skip_blanks();
        let rest = self.rest();
        if rest.starts_with("[:") {
            return Ok(TckValue::Rel(self.rel(depth)?));
        }
        match self.peek() {
            Some('\'') | Some('"') => self.string().map(TckValue::String),
            Some('[') => self.list(depth),
            Some('{') => self.map(depth).map(TckValue::Map),
            Some('(') => self.node(depth).map(TckValue::Node),
            Some('<') => self.path(depth).map(TckValue::Path),
            Some(c) if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number(),
            Some(c) if c.is_alphabetic() => self.word(),
            _ => Err(self.error("a value")),
        }
    }

    fn word(&mut self) -> Result<TckValue, String> {
        let len = self
            .rest()
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(self.rest().len());
        let word = &self.rest()[..len];
        let value = match word {
            "null" => TckValue::Null,
            "true" => TckValue::Bool(true),
            "false" => TckValue::Bool(false),
            "NaN" => TckValue::Float(f64::NAN),
            "Inf" | "Infinity" => TckValue::Float(f64::INFINITY),
            _ => return Err(self.error("null, true, false, NaN or Inf")),
        };
        self.pos += len;
        Ok(value)
    }

    fn number(&mut self) -> Result<TckValue, String> {
        let start = self.pos;
        let text = self.text;
        let rest = &text[start..];
        let negative = rest.starts_with('-');
        let unsigned = rest.trim_start_matches(['-', '+']);
        for (word, value) in [("Infinity", f64::INFINITY), ("Inf", f64::INFINITY)] {
            if unsigned.starts_with(word) {
                self.pos += rest.len() - unsigned.len() + word.len();
                return Ok(TckValue::Float(if negative { -value } else { value }));
            }
        }
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                let sign_ok = (c == '-' || c == '+')
                    && (i == 0 || matches!(rest[..i].chars().last(), Some('e' | 'E')));
                !(c.is_ascii_alphanumeric() || c == '.' || sign_ok)
            })
            .map_or(rest.len(), |(i, _)| i);
        let literal = &rest[..len];
        self.pos += len;
        let digits = literal.trim_start_matches(['-', '+']);
        let hex = digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"));
        let octal = digits.strip_prefix("0o");
        if let Some((radix_digits, radix)) = hex.map(|d| (d, 16)).or(octal.map(|d| (d, 8))) {
            let text = if negative {
                format!("-{radix_digits}")
            } else {
                radix_digits.to_string()
            };
            return i64::from_str_radix(&text, radix)
                .map(TckValue::Int)
                .map_err(|e| format!("bad integer {literal:?} at offset {start}: {e}"));
        }
        if literal.contains(['.', 'e', 'E']) {
            literal
                .parse::<f64>()
                .map(TckValue::Float)
                .map_err(|e| format!("bad float {literal:?} at offset {start}: {e}"))
        } else {
            literal
                .parse::<i64>()
                .map(TckValue::Int)
                .map_err(|e| format!("bad integer {literal:?} at offset {start}: {e}"))
        }
    }

    /// A quoted string with Cypher's escapes.
    fn string(&mut self) -> Result<String, String> {
        let start = self.pos;
        let mut chars = self.rest().char_indices();
        let quote = match chars.next() {
            Some((_, q)) => q,
            None => return Err(self.error("a string")),
        };
        let mut out = String::new();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.pos += i + c.len_utf8();
                    return Ok(out);
                }
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        '0' => out.push('\0'),
                        'u' | 'U' => {
                            let width = if e == 'u' { 4 } else { 8 };
                            let hex: String = chars.by_ref().take(width).map(|(_, h)| h).collect();
                            let code = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                            match code {
                                Some(c) if hex.len() == width => out.push(c),
                                _ => {
                                    return Err(format!(
                                        "bad unicode escape \\{e}{hex} at offset {start}"
                                    ));
                                }
                            }
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
        Err(format!(
            "unterminated string at offset {start} in {:?}",
            self.text
        ))
    }

    /// A map key or label: an identifier or a backticked name.
    fn name(&mut self) -> Result<String, String> {
        self.skip_blanks();
        if self.rest().starts_with('`') {
            let mut out = String::new();
            let mut chars = self.rest().char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '`' {
                    if chars.peek().is_some_and(|&(_, n)| n == '`') {
                        chars.next();
                        out.push('`');
                    } else {
                        self.pos += i + 1;
                        return Ok(out);
                    }
                } else {
                    out.push(c);
                }
            }
            return Err(self.error("a closing backtick"));
        }
        let len = self
            .rest()
            .find(|c: char| !c.is_alphanumeric() && c != '_')
            .unwrap_or(self.rest().len());
        if len == 0 {
            return Err(self.error("a name"));
        }
        let name = self.rest()[..len].to_string();
        self.pos += len;
        Ok(name)
    }

    fn list(&mut self, depth: usize) -> Result<TckValue, String> {
        self.expect("[")?;
        let mut items = Vec::new();
        if self.eat("]") {
            return Ok(TckValue::List(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.eat("]") {
                return Ok(TckValue::List(items));
            }
            self.expect(",")?;
        }
    }

    fn map(&mut self, depth: usize) -> Result<BTreeMap<String, TckValue>, String> {
        self.expect("{")?;
        let mut map = BTreeMap::new();
        if self.eat("}") {
            return Ok(map);
        }
        loop {
            let key = self.name()?;
            self.expect(":")?;
            let value = self.value(depth + 1)?;
            if map.insert(key.clone(), value).is_some() {
                return Err(format!("duplicate key {key:?} in {:?}", self.text));
            }
            if self.eat("}") {
                return Ok(map);
            }
            self.expect(",")?;
        }
    }

    /// Properties, if a `{` comes next.
    fn properties(&mut self, depth: usize) -> Result<BTreeMap<String, TckValue>, String> {
        self.skip_blanks();
        if self.peek() == Some('{') {
            self.map(depth + 1)
        } else {
            Ok(BTreeMap::new())
        }
    }

    fn node(&mut self, depth: usize) -> Result<TckNode, String> {
        self.expect("(")?;
        let mut labels = BTreeSet::new();
        while self.eat(":") {
            labels.insert(self.name()?);
        }
        let properties = self.properties(depth)?;
        self.expect(")")?;
        Ok(TckNode { labels, properties })
    }

    fn rel(&mut self, depth: usize) -> Result<TckRel, String> {
        self.expect("[")?;
        self.expect(":")?;
        let rel_type = self.name()?;
        let properties = self.properties(depth)?;
        self.expect("]")?;
        Ok(TckRel {
            rel_type,
            properties,
        })
    }

    fn path(&mut self, depth: usize) -> Result<TckPath, String> {
        self.expect("<")?;
        let start = self.node(depth)?;
        let mut steps = Vec::new();
        loop {
            if self.eat(">") {
                return Ok(TckPath { start, steps });
            }
            let backward = self.eat("<-");
            if !backward {
                self.expect("-")?;
            }
            let rel = self.rel(depth)?;
            let direction = if backward {
                self.expect("-")?;
                Direction::Backward
            } else {
                self.expect("->")?;
                Direction::Forward
            };
            let node = self.node(depth)?;
            steps.push((rel, direction, node));
        }
    }
}

fn write_name(f: &mut fmt::Formatter<'_>, name: &str) -> fmt::Result {
    write!(f, "{}", quiverdb::quote_name(name))
}

fn write_properties(f: &mut fmt::Formatter<'_>, props: &BTreeMap<String, TckValue>) -> fmt::Result {
    if props.is_empty() {
        return Ok(());
    }
    f.write_str(" ")?;
    write_map(f, props)
}

fn write_map(f: &mut fmt::Formatter<'_>, map: &BTreeMap<String, TckValue>) -> fmt::Result {
    f.write_str("{")?;
    for (i, (k, v)) in map.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write_name(f, k)?;
        write!(f, ": {v}")?;
    }
    f.write_str("}")
}

impl fmt::Display for TckNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        for label in &self.labels {
            f.write_str(":")?;
            write_name(f, label)?;
        }
        if self.labels.is_empty() {
            if !self.properties.is_empty() {
                write_map(f, &self.properties)?;
            }
        } else {
            write_properties(f, &self.properties)?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for TckRel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[:")?;
        write_name(f, &self.rel_type)?;
        write_properties(f, &self.properties)?;
        f.write_str("]")
    }
}

impl fmt::Display for TckPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}", self.start)?;
        for (rel, direction, node) in &self.steps {
            match direction {
                Direction::Forward => write!(f, "-{rel}->{node}")?,
                Direction::Backward => write!(f, "<-{rel}-{node}")?,
            }
        }
        f.write_str(">")
    }
}

/// Prints the TCK notation back (floats as Cypher writes them).
impl fmt::Display for TckValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TckValue::Null => f.write_str("null"),
            TckValue::Bool(b) => write!(f, "{b}"),
            TckValue::Int(i) => write!(f, "{i}"),
            TckValue::Float(x) => write!(f, "{}", quiverdb::Value::Float(*x)),
            TckValue::String(s) => write!(f, "{}", quiverdb::Value::string(s.as_str())),
            TckValue::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            TckValue::Map(map) => write_map(f, map),
            TckValue::Node(n) => write!(f, "{n}"),
            TckValue::Rel(r) => write!(f, "{r}"),
            TckValue::Path(p) => write!(f, "{p}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> TckValue {
        TckValue::String(text.to_string())
    }

    fn map(entries: &[(&str, TckValue)]) -> BTreeMap<String, TckValue> {
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn node(labels: &[&str], props: &[(&str, TckValue)]) -> TckNode {
        TckNode {
            labels: labels.iter().map(|l| l.to_string()).collect(),
            properties: map(props),
        }
    }

    fn rel(rel_type: &str, props: &[(&str, TckValue)]) -> TckRel {
        TckRel {
            rel_type: rel_type.to_string(),
            properties: map(props),
        }
    }

    fn check(text: &str, expected: TckValue) {
        assert_eq!(parse_value(text), Ok(expected), "parsing {text:?}");
    }

    #[test]
    fn scalars() {
        check("null", TckValue::Null);
        check(" true ", TckValue::Bool(true));
        check("false", TckValue::Bool(false));
        check("42", TckValue::Int(42));
        check("-9223372036854775808", TckValue::Int(i64::MIN));
        check("0x1F", TckValue::Int(31));
        check("-0x1F", TckValue::Int(-31));
        check("0o17", TckValue::Int(15));
        check("1.0", TckValue::Float(1.0));
        check("-0.5", TckValue::Float(-0.5));
        check("1e300", TckValue::Float(1e300));
        check("1.5E-3", TckValue::Float(0.0015));
        check(".5", TckValue::Float(0.5));
        check("Inf", TckValue::Float(f64::INFINITY));
        check("-Infinity", TckValue::Float(f64::NEG_INFINITY));
        assert!(matches!(parse_value("NaN"), Ok(TckValue::Float(x)) if x.is_nan()));
        assert!(parse_value("9223372036854775808").is_err());
        assert!(parse_value("nul").is_err());
    }

    #[test]
    fn strings_with_escapes() {
        check("''", s(""));
        check(r"'\''", s("'"));
        check(r"'a\\b\'c'", s("a\\b'c"));
        check(r"'\n\t'", s("\n\t"));
        check(r"'\u01FF'", s("\u{1FF}"));
        check("'a|b'", s("a|b"));
        check("'🧐🍌'", s("🧐🍌"));
        check("\"dq 'x'\"", s("dq 'x'"));
        assert!(parse_value("'open").is_err());
        assert!(parse_value(r"'\uH'").is_err());
    }

    #[test]
    fn nested_lists_and_maps() {
        check(
            "[1, [2.0, 'x'], {a: [null], `b c`: {}}, []]",
            TckValue::List(vec![
                TckValue::Int(1),
                TckValue::List(vec![TckValue::Float(2.0), s("x")]),
                TckValue::Map(map(&[
                    ("a", TckValue::List(vec![TckValue::Null])),
                    ("b c", TckValue::Map(BTreeMap::new())),
                ])),
                TckValue::List(vec![]),
            ]),
        );
        check("{``: 1}", TckValue::Map(map(&[("", TckValue::Int(1))])));
        assert!(parse_value("[1,]").is_err());
        assert!(parse_value("{a: 1, a: 2}").is_err());
        assert!(parse_value("[1] 2").is_err());
    }

    #[test]
    fn entities() {
        check("()", TckValue::Node(node(&[], &[])));
        check(
            "(:A:B {name: 'x', n: 1})",
            TckValue::Node(node(
                &["B", "A"],
                &[("name", s("x")), ("n", TckValue::Int(1))],
            )),
        );
        check(
            "({k: 1})",
            TckValue::Node(node(&[], &[("k", TckValue::Int(1))])),
        );
        check("[:T]", TckValue::Rel(rel("T", &[])));
        check(
            "[:`my type` {w: 0.5}]",
            TckValue::Rel(rel("my type", &[("w", TckValue::Float(0.5))])),
        );
        check(
            "[[:X], (:Y)]",
            TckValue::List(vec![
                TckValue::Rel(rel("X", &[])),
                TckValue::Node(node(&["Y"], &[])),
            ]),
        );
    }

    #[test]
    fn paths() {
        check(
            "<()>",
            TckValue::Path(TckPath {
                start: node(&[], &[]),
                steps: vec![],
            }),
        );
        check(
            "<(:A {name: 'A'})-[:KNOWS]->(:B)<-[:U {k: 1}]-(:C)>",
            TckValue::Path(TckPath {
                start: node(&["A"], &[("name", s("A"))]),
                steps: vec![
                    (rel("KNOWS", &[]), Direction::Forward, node(&["B"], &[])),
                    (
                        rel("U", &[("k", TckValue::Int(1))]),
                        Direction::Backward,
                        node(&["C"], &[]),
                    ),
                ],
            }),
        );
        assert!(parse_value("<(:A)-[:T]-(:B)>").is_err());
    }

    #[test]
    fn prints_back_what_it_parses() {
        for text in [
            "null",
            "[1, 2.5, 'it\\'s', {a: true, `b c`: []}]",
            "(:A:B {k: 1})",
            "({k: 1})",
            "[:T {w: -1}]",
            "<(:A)-[:T]->()<-[:U]-(:C)>",
            "1e300",
        ] {
            let value = parse_value(text).unwrap();
            assert_eq!(value.to_string(), text);
        }
    }
}
