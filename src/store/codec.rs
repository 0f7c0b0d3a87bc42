//! The bytes of properties and of stored records.
//!
//! One format serves memory and file: an entity's properties are a
//! *block*, its `(key, value)` entries back to back in key-name order, the
//! key as the number of its name (see [`super::names`]) and the value as a
//! tag byte and its payload. Numbers are LEB128 varints (integers
//! zigzagged first), floats 8 little-endian bytes, strings a length and
//! UTF-8 bytes. A record on disk is a few numbers and the block, so that
//! opening a database copies blocks instead of decoding them.
//!
//! Reading never panics: a block is checked once when it enters the store
//! ([`check_block`]), and readers still stop at bad bytes.

use super::names::{NameId, Names};
use crate::value::temporal::{nanos_of_day, time_of_nanos};
use crate::value::{Date, DateTime, Duration, LocalDateTime, LocalTime, Time, Value};
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use std::collections::BTreeMap;

/// Bytes that are not a record this version wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CodecError(pub String);

fn bad(what: impl Into<String>) -> CodecError {
    CodecError(what.into())
}

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const FLOAT: u8 = 4;
const STRING: u8 = 5;
const LIST: u8 = 6;
const MAP: u8 = 7;
const DATE: u8 = 8;
const LOCAL_TIME: u8 = 9;
const TIME: u8 = 10;
const LOCAL_DATE_TIME: u8 = 11;
const DATE_TIME: u8 = 12;
const DURATION: u8 = 13;
/// A date-time's zone: a fixed offset, or an IANA name.
const ZONE_OFFSET: u8 = 0;
const ZONE_NAME: u8 = 1;

/// How deep lists and maps may nest in a stored value.
const MAX_DEPTH: usize = 64;

/// Appends an unsigned varint.
pub(crate) fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a signed varint (zigzagged).
fn put_int(out: &mut Vec<u8>, i: i64) {
    put_var(out, ((i << 1) ^ (i >> 63)) as u64);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_var(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Appends a value.
pub(crate) fn put_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.push(NULL),
        Value::Bool(false) => out.push(FALSE),
        Value::Bool(true) => out.push(TRUE),
        Value::Int(i) => {
            out.push(INT);
            put_int(out, *i);
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
            put_var(out, items.len() as u64);
            for i in items {
                put_value(out, i);
            }
        }
        Value::Map(m) => {
            out.push(MAP);
            put_var(out, m.len() as u64);
            for (k, v) in m {
                put_str(out, k);
                put_value(out, v);
            }
        }
        Value::Date(d) => {
            out.push(DATE);
            put_date(out, d.civil());
        }
        Value::LocalTime(t) => {
            out.push(LOCAL_TIME);
            put_var(out, nanos_of_day(t.civil()) as u64);
        }
        Value::Time(t) => {
            out.push(TIME);
            put_var(out, nanos_of_day(t.civil()) as u64);
            put_int(out, i64::from(t.offset().seconds()));
        }
        Value::LocalDateTime(t) => {
            out.push(LOCAL_DATE_TIME);
            put_date(out, t.civil().date());
            put_var(out, nanos_of_day(t.civil().time()) as u64);
        }
        Value::DateTime(t) => {
            out.push(DATE_TIME);
            put_int(out, t.instant().as_second());
            // jiff gives a negative instant's fraction the sign of its seconds.
            put_int(out, i64::from(t.instant().subsec_nanosecond()));
            match t.zone_name() {
                Some(name) => {
                    out.push(ZONE_NAME);
                    put_str(out, name);
                }
                None => {
                    out.push(ZONE_OFFSET);
                    put_int(out, i64::from(t.offset().seconds()));
                }
            }
        }
        Value::Duration(d) => {
            out.push(DURATION);
            put_int(out, d.months());
            put_int(out, d.days());
            put_int(out, d.seconds());
            put_var(out, d.nanos() as u64);
        }
        // Entities are never stored as property values.
        Value::Node(_) | Value::Relationship(_) | Value::Path(_) => out.push(NULL),
    }
}

fn put_date(out: &mut Vec<u8>, d: civil::Date) {
    put_int(out, i64::from(d.year()));
    out.push(d.month() as u8);
    out.push(d.day() as u8);
}

/// The block of `entries`: sorted by key name, a later repeat of a key
/// replacing an earlier one. Every key must be a number from `names`.
pub(crate) fn encode_block(mut entries: Vec<(NameId, Value)>, names: &Names) -> Vec<u8> {
    let name = |id: NameId| names.name(id).map_or("", |n| &**n);
    // A stable sort keeps repeats in order: the last of each run wins.
    entries.sort_by(|a, b| name(a.0).cmp(name(b.0)));
    let mut out = Vec::new();
    for (i, (k, v)) in entries.iter().enumerate() {
        if entries.get(i + 1).is_some_and(|next| next.0 == *k) {
            continue;
        }
        put_var(&mut out, u64::from(*k));
        put_value(&mut out, v);
    }
    out
}

/// Reads from bytes; every read is checked.
#[derive(Clone)]
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, pos: 0 }
    }

    /// Whether every byte was read.
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// What is left.
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }

    fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    /// An unsigned varint.
    pub(crate) fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            if shift >= 64 {
                return None;
            }
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: u64) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(usize::try_from(n).ok()?)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    /// A signed (zigzagged) varint.
    fn int(&mut self) -> Option<i64> {
        let z = self.var()?;
        Some(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    fn date(&mut self) -> Option<civil::Date> {
        let year = i16::try_from(self.int()?).ok()?;
        let (month, day) = (self.u8()?, self.u8()?);
        civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
    }

    fn time(&mut self) -> Option<civil::Time> {
        time_of_nanos(self.var()?)
    }

    fn offset(&mut self) -> Option<Offset> {
        Offset::from_seconds(i32::try_from(self.int()?).ok()?).ok()
    }

    fn temporal(&mut self, tag: u8) -> Option<Value> {
        Some(match tag {
            DATE => Value::Date(Date(self.date()?)),
            LOCAL_TIME => Value::LocalTime(LocalTime(self.time()?)),
            TIME => Value::Time(Time::new(self.time()?, self.offset()?)),
            LOCAL_DATE_TIME => {
                let date = self.date()?;
                Value::LocalDateTime(LocalDateTime(date.to_datetime(self.time()?)))
            }
            DATE_TIME => {
                let seconds = self.int()?;
                let nanos = i32::try_from(self.int()?).ok()?;
                let instant = jiff::Timestamp::new(seconds, nanos).ok()?;
                let zone = match self.u8()? {
                    ZONE_OFFSET => TimeZone::fixed(self.offset()?),
                    ZONE_NAME => TimeZone::get(self.str()?).ok()?,
                    _ => return None,
                };
                Value::DateTime(DateTime::new(instant, zone))
            }
            DURATION => {
                let (months, days, seconds) = (self.int()?, self.int()?, self.int()?);
                let nanos = self.var()?;
                if nanos >= 1_000_000_000 {
                    return None;
                }
                Value::Duration(Duration::new(months, days, seconds, nanos as i64)?)
            }
            _ => return None,
        })
    }

    fn str(&mut self) -> Option<&'a str> {
        let n = self.var()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// A value.
    pub(crate) fn value(&mut self) -> Option<Value> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self.u8()? {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => Value::Int(self.int()?),
            FLOAT => {
                let b: [u8; 8] = self.take(8)?.try_into().ok()?;
                Value::Float(f64::from_le_bytes(b))
            }
            STRING => Value::string(self.str()?),
            LIST => {
                let n = self.var()?;
                let mut items = Vec::with_capacity(n.min(1024) as usize);
                for _ in 0..n {
                    items.push(self.value_at(depth + 1)?);
                }
                Value::List(items)
            }
            MAP => {
                let n = self.var()?;
                let mut m = BTreeMap::new();
                for _ in 0..n {
                    let k = self.str()?.to_string();
                    m.insert(k, self.value_at(depth + 1)?);
                }
                Value::Map(m)
            }
            tag => self.temporal(tag)?,
        })
    }

    /// Steps over a value, checking it as [`Cursor::value`] would (strings
    /// are UTF-8), without building it.
    pub(crate) fn skip_value(&mut self) -> Option<()> {
        self.skip_at(0)
    }

    fn skip_at(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.u8()? {
            NULL | FALSE | TRUE => {}
            INT => {
                self.var()?;
            }
            FLOAT => {
                self.take(8)?;
            }
            STRING => {
                self.str()?;
            }
            LIST => {
                for _ in 0..self.var()? {
                    self.skip_at(depth + 1)?;
                }
            }
            MAP => {
                for _ in 0..self.var()? {
                    self.str()?;
                    self.skip_at(depth + 1)?;
                }
            }
            tag => {
                self.temporal(tag)?;
            }
        }
        Some(())
    }
}

/// Checks a block: whole entries, keys that are numbers below `names`
/// (the count of stored names), each key once, values this version wrote.
pub(crate) fn check_block(block: &[u8], names: usize) -> Result<(), CodecError> {
    let mut c = Cursor::new(block);
    // The keys seen so far: on the stack for the usual few.
    let mut few = [0u64; 16];
    let mut more: Vec<u64> = Vec::new();
    let mut seen = 0;
    while !c.at_end() {
        let k = c.var().ok_or_else(|| bad("a property key is cut short"))?;
        if k >= names as u64 {
            return Err(bad(format!("property key number {k} is not a stored name")));
        }
        if few[..seen.min(few.len())].contains(&k) {
            return Err(bad(format!("property key number {k} is there twice")));
        }
        match few.get_mut(seen) {
            Some(slot) => *slot = k,
            None => more.push(k),
        }
        seen += 1;
        c.skip_value()
            .ok_or_else(|| bad("a property value is damaged"))?;
    }
    if !more.is_empty() {
        more.extend_from_slice(&few);
        more.sort_unstable();
        if let Some(w) = more.windows(2).find(|w| w[0] == w[1]) {
            return Err(bad(format!("property key number {} is there twice", w[0])));
        }
    }
    Ok(())
}

/// A node record: its labels (name numbers), then its block.
pub(crate) fn encode_node(labels: impl ExactSizeIterator<Item = NameId>, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + labels.len() + block.len());
    put_var(&mut out, labels.len() as u64);
    for l in labels {
        put_var(&mut out, u64::from(l));
    }
    out.extend_from_slice(block);
    out
}

fn name_id(c: &mut Cursor<'_>, names: usize) -> Result<NameId, CodecError> {
    let n = c.var().ok_or_else(|| bad("a name number is cut short"))?;
    match NameId::try_from(n) {
        Ok(id) if (id as usize) < names => Ok(id),
        _ => Err(bad(format!("name number {n} is not a stored name"))),
    }
}

/// Reads a node record: labels and block (checked), given the number of
/// stored names.
pub(crate) fn decode_node<'a>(
    bytes: &'a [u8],
    names: usize,
    labels: &mut Vec<NameId>,
) -> Result<&'a [u8], CodecError> {
    let mut c = Cursor::new(bytes);
    let n = c.var().ok_or_else(|| bad("a label count is cut short"))?;
    labels.clear();
    for _ in 0..n {
        labels.push(name_id(&mut c, names)?);
    }
    let block = c.rest();
    check_block(block, names)?;
    Ok(block)
}

/// A relationship record: type (name number), start, end, then its block.
pub(crate) fn encode_rel(rel_type: NameId, start: u64, end: u64, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(12 + block.len());
    put_var(&mut out, u64::from(rel_type));
    put_var(&mut out, start);
    put_var(&mut out, end);
    out.extend_from_slice(block);
    out
}

/// A relationship as read from its record.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RelRecord<'a> {
    /// The type's name number.
    pub rel_type: NameId,
    /// The start node.
    pub start: u64,
    /// The end node.
    pub end: u64,
    /// The properties (checked).
    pub block: &'a [u8],
}

/// Reads a relationship record, given the number of stored names.
pub(crate) fn decode_rel<'a>(bytes: &'a [u8], names: usize) -> Result<RelRecord<'a>, CodecError> {
    let mut c = Cursor::new(bytes);
    let rel_type = name_id(&mut c, names)?;
    let start = c.var().ok_or_else(|| bad("a start node is cut short"))?;
    let end = c.var().ok_or_else(|| bad("an end node is cut short"))?;
    let block = c.rest();
    check_block(block, names)?;
    Ok(RelRecord {
        rel_type,
        start,
        end,
        block,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Names {
        let mut n = Names::default();
        for s in list {
            n.intern(s);
        }
        n
    }

    fn values() -> Vec<Value> {
        let mut m = BTreeMap::new();
        m.insert("k".to_string(), Value::List(vec![Value::Int(1)]));
        vec![
            Value::Int(0),
            Value::Int(-7),
            Value::Int(i64::MIN),
            Value::Int(i64::MAX),
            Value::Float(1.5e300),
            Value::Float(-0.0),
            Value::string("Ziff Davis"),
            Value::string(""),
            Value::Bool(true),
            Value::Bool(false),
            Value::List(vec![Value::Null, Value::string("é")]),
            Value::Map(m),
            Value::Date(Date(civil::date(-9999, 1, 31))),
            Value::LocalTime(LocalTime(civil::time(23, 59, 59, 999_999_999))),
            Value::Time(Time::new(
                civil::time(0, 0, 0, 1),
                Offset::from_seconds(-18 * 3600).unwrap(),
            )),
            Value::LocalDateTime(LocalDateTime(civil::date(2025, 4, 1).at(12, 30, 0, 0))),
            Value::DateTime(DateTime::new(
                jiff::Timestamp::new(-1, 5).unwrap(),
                TimeZone::get("Europe/London").unwrap(),
            )),
            Value::DateTime(DateTime::new(
                jiff::Timestamp::new(1_743_510_600, 0).unwrap(),
                TimeZone::fixed(Offset::from_seconds(5 * 3600 + 45 * 60).unwrap()),
            )),
            Value::Duration(Duration::new(-14, 3, -7, 999_999_999).unwrap()),
            Value::List(vec![Value::Date(Date(civil::date(2025, 4, 1)))]),
        ]
    }

    #[test]
    fn values_round_trip() {
        for v in values() {
            let mut out = Vec::new();
            put_value(&mut out, &v);
            let mut c = Cursor::new(&out);
            assert_eq!(c.value(), Some(v.clone()), "{v:?}");
            assert!(c.at_end());
            let mut c = Cursor::new(&out);
            assert_eq!(c.skip_value(), Some(()));
            assert!(c.at_end());
            for cut in 0..out.len() {
                assert_eq!(Cursor::new(&out[..cut]).value(), None, "{v:?} cut at {cut}");
                assert_eq!(Cursor::new(&out[..cut]).skip_value(), None);
            }
        }
    }

    #[test]
    fn a_block_is_sorted_by_name_and_the_last_repeat_wins() {
        let n = names(&["since", "amount"]);
        let block = encode_block(
            vec![(0, Value::Int(1)), (1, Value::Int(2)), (0, Value::Int(3))],
            &n,
        );
        let mut c = Cursor::new(&block);
        assert_eq!(c.var(), Some(1));
        assert_eq!(c.value(), Some(Value::Int(2)));
        assert_eq!(c.var(), Some(0));
        assert_eq!(c.value(), Some(Value::Int(3)));
        assert!(c.at_end());
        assert_eq!(check_block(&block, n.len()), Ok(()));
        // A key that is not a name, a key twice, a cut value: errors.
        assert!(check_block(&block, 1).is_err());
        let twice = [block.clone(), block.clone()].concat();
        assert!(check_block(&twice, n.len()).is_err());
        assert!(check_block(&block[..block.len() - 1], n.len()).is_err());
        assert!(check_block(&[0, 99], n.len()).is_err());
        // Past the first sixteen keys too.
        let mut many = Vec::new();
        for k in 0..20u64 {
            put_var(&mut many, k);
            put_value(&mut many, &Value::Int(1));
        }
        assert_eq!(check_block(&many, 20), Ok(()));
        put_var(&mut many, 3);
        put_value(&mut many, &Value::Int(1));
        assert!(check_block(&many, 20).is_err());
    }

    #[test]
    fn records_round_trip_and_bad_bytes_are_errors() {
        let n = names(&["Company", "since", "invests_in"]);
        let block = encode_block(vec![(1, Value::Int(2015))], &n);
        let bytes = encode_node([0].into_iter(), &block);
        let mut labels = Vec::new();
        assert_eq!(decode_node(&bytes, n.len(), &mut labels), Ok(&block[..]));
        assert_eq!(labels, vec![0]);
        // The chunk knows each record's length; a record cut inside a
        // value is an error, one cut between entries a shorter block.
        for cut in 0..bytes.len() {
            if let Ok(b) = decode_node(&bytes[..cut], n.len(), &mut labels) {
                assert!(b.len() < block.len(), "cut at {cut}");
            }
        }
        assert!(decode_node(&bytes[..bytes.len() - 1], n.len(), &mut labels).is_err());
        assert!(decode_node(&[1, 9], n.len(), &mut labels).is_err());
        let bytes = encode_rel(2, 300, 7, &block);
        assert_eq!(
            decode_rel(&bytes, n.len()),
            Ok(RelRecord {
                rel_type: 2,
                start: 300,
                end: 7,
                block: &block
            })
        );
        for cut in 0..bytes.len() {
            if let Ok(r) = decode_rel(&bytes[..cut], n.len()) {
                assert!(r.block.len() < block.len(), "cut at {cut}");
            }
        }
        assert!(decode_rel(&bytes[..bytes.len() - 1], n.len()).is_err());
        assert!(decode_rel(&bytes[..2], n.len()).is_err());
        assert!(decode_rel(&[0xff; 12], n.len()).is_err());
    }
}
