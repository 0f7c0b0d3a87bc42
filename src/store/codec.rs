//! The bytes of stored records: property values, nodes and relationships.
//!
//! A small tagged format (little-endian, lengths as u32) so that a record
//! never depends on Rust's memory layout or a serde format's defaults.
//! Decoding never panics: bad bytes are a [`CodecError`].

use super::props::PropMap;
use crate::value::Value;
use std::collections::BTreeMap;

/// An entity's properties as stored: (key, value) in key order.
pub type Pairs<'a> = Vec<(&'a str, Value)>;

/// Bytes that are not a record this version wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecError(pub String);

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const FLOAT: u8 = 4;
const STRING: u8 = 5;
const LIST: u8 = 6;
const MAP: u8 = 7;

/// Appends a value.
pub fn put_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.push(NULL),
        Value::Bool(false) => out.push(FALSE),
        Value::Bool(true) => out.push(TRUE),
        Value::Int(i) => {
            out.push(INT);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Value::Float(f) => {
            out.push(FLOAT);
            out.extend_from_slice(&f.to_le_bytes());
        }
        Value::String(s) => {
            out.push(STRING);
            put_str(out, s);
        }
        Value::List(items) => {
            out.push(LIST);
            put_len(out, items.len());
            for i in items {
                put_value(out, i);
            }
        }
        Value::Map(m) => {
            out.push(MAP);
            put_map(out, m);
        }
        // Entities are never stored as property values.
        Value::Node(_) | Value::Relationship(_) | Value::Path(_) => out.push(NULL),
    }
}

fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

/// Appends a string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// Appends an entity's properties (the same bytes as [`put_map`]).
fn put_props(out: &mut Vec<u8>, props: &PropMap) {
    put_len(out, props.len());
    for (k, v) in props.iter() {
        put_str(out, k);
        put_value(out, v);
    }
}

/// Appends a property map.
pub fn put_map(out: &mut Vec<u8>, m: &BTreeMap<String, Value>) {
    put_len(out, m.len());
    for (k, v) in m {
        put_str(out, k);
        put_value(out, v);
    }
}

/// Reads values back from bytes.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], CodecError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else {
            return Err(CodecError(format!(
                "record ends early at byte {}",
                self.pos
            )));
        };
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u8(&mut self) -> Result<u8, CodecError> {
        Ok(self.take(1)?[0])
    }

    fn len(&mut self) -> Result<usize, CodecError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    /// A u64.
    pub fn u64(&mut self) -> Result<u64, CodecError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// A string.
    pub fn str(&mut self) -> Result<String, CodecError> {
        self.str_ref().map(str::to_string)
    }

    /// A string, borrowed from the record.
    pub fn str_ref(&mut self) -> Result<&'a str, CodecError> {
        let n = self.len()?;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| CodecError("a string is not UTF-8".into()))
    }

    /// A value.
    pub fn value(&mut self, depth: usize) -> Result<Value, CodecError> {
        if depth > 64 {
            return Err(CodecError("values nest too deeply".into()));
        }
        Ok(match self.u8()? {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => Value::Int(self.u64()? as i64),
            FLOAT => Value::Float(f64::from_bits(self.u64()?)),
            STRING => Value::string(self.str_ref()?),
            LIST => {
                let n = self.len()?;
                let mut items = Vec::with_capacity(n.min(1024));
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Value::List(items)
            }
            MAP => Value::Map(self.map_at(depth + 1)?),
            tag => return Err(CodecError(format!("unknown value tag {tag}"))),
        })
    }

    /// An entity's properties, in stored (key) order, without building a map.
    pub fn pairs(&mut self) -> Result<Pairs<'a>, CodecError> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            let k = self.str_ref()?;
            let v = self.value(0)?;
            out.push((k, v));
        }
        Ok(out)
    }

    fn map_at(&mut self, depth: usize) -> Result<BTreeMap<String, Value>, CodecError> {
        let n = self.len()?;
        let mut m = BTreeMap::new();
        for _ in 0..n {
            let k = self.str()?;
            let v = self.value(depth)?;
            m.insert(k, v);
        }
        Ok(m)
    }

    /// A list of strings.
    pub fn strings(&mut self) -> Result<Vec<&'a str>, CodecError> {
        let n = self.len()?;
        (0..n).map(|_| self.str_ref()).collect()
    }

    /// Fails unless every byte was read.
    pub fn finish(self) -> Result<(), CodecError> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(CodecError(format!(
                "{} bytes left over",
                self.bytes.len() - self.pos
            )))
        }
    }
}

/// A node record: labels, then properties.
pub fn encode_node(labels: &[impl AsRef<str>], props: &PropMap) -> Vec<u8> {
    let mut out = Vec::new();
    put_len(&mut out, labels.len());
    for l in labels {
        put_str(&mut out, l.as_ref());
    }
    put_props(&mut out, props);
    out
}

/// Reads a node record.
pub fn decode_node(bytes: &[u8]) -> Result<(Vec<&str>, Pairs<'_>), CodecError> {
    let mut r = Reader::new(bytes);
    let labels = r.strings()?;
    let props = r.pairs()?;
    r.finish()?;
    Ok((labels, props))
}

/// A relationship record: type, start, end, properties.
pub fn encode_rel(rel_type: &str, start: u64, end: u64, props: &PropMap) -> Vec<u8> {
    let mut out = Vec::new();
    put_str(&mut out, rel_type);
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&end.to_le_bytes());
    put_props(&mut out, props);
    out
}

/// Reads a relationship record.
pub fn decode_rel(bytes: &[u8]) -> Result<(&str, u64, u64, Pairs<'_>), CodecError> {
    let mut r = Reader::new(bytes);
    let t = r.str_ref()?;
    let s = r.u64()?;
    let e = r.u64()?;
    let props = r.pairs()?;
    r.finish()?;
    Ok((t, s, e, props))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let mut props = BTreeMap::new();
        props.insert("i".to_string(), Value::Int(-7));
        props.insert("f".to_string(), Value::Float(1.5e300));
        props.insert("s".to_string(), Value::string("Ziff Davis"));
        props.insert(
            "l".to_string(),
            Value::List(vec![Value::Bool(true), Value::Null]),
        );
        let stored = PropMap::from_pairs(
            props
                .iter()
                .map(|(k, v)| (std::sync::Arc::from(k.as_str()), v.clone())),
        );
        let bytes = encode_node(&["Company", "Public"], &stored);
        assert_eq!(
            decode_node(&bytes),
            Ok((
                vec!["Company", "Public"],
                props.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
            ))
        );
        let bytes = encode_rel("invests-in", 3, 9, &stored);
        assert_eq!(
            decode_rel(&bytes),
            Ok((
                "invests-in",
                3,
                9,
                props.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
            ))
        );
    }

    #[test]
    fn bad_bytes_are_errors_not_panics() {
        let bytes = encode_node(&["A"], &PropMap::new());
        for cut in 0..bytes.len() {
            assert!(decode_node(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(
            decode_node(&[0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, b'k', 99]).map(|_| ()),
            Err(CodecError("unknown value tag 99".into()))
        );
        let mut long = bytes.clone();
        long.push(0);
        assert!(decode_node(&long).is_err());
        assert!(decode_node(&[255, 255, 255, 255]).is_err());
    }
}
