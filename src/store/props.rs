//! Where properties live: every entity's block (see [`super::codec`]) in
//! chunks of [`CHUNK_BITS`] neighbouring ids, the same grouping as the
//! file's. A chunk is one byte vector and the end of each entity's block
//! in it: a few bytes per property and four per entity, instead of a
//! vector of boxed values per entity, and a stored chunk is loaded by
//! copying its blocks.

use super::chunks::CHUNK_BITS;
use super::codec::Cursor;
use super::mapped::Mapped;
use super::names::{NameId, Names};
use crate::value::Value;
use std::collections::BTreeMap;

const PER_CHUNK: usize = 1 << CHUNK_BITS;

/// One entity's properties, read in place.
#[derive(Clone, Copy)]
pub(crate) struct Props<'a> {
    block: &'a [u8],
    names: &'a Names,
}

impl std::fmt::Debug for Props<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> Props<'a> {
    /// The properties in `block`, keys numbered by `names`.
    pub(crate) fn new(block: &'a [u8], names: &'a Names) -> Props<'a> {
        Props { block, names }
    }

    /// The value of a key.
    pub(crate) fn get(&self, key: &str) -> Option<Value> {
        if self.block.is_empty() {
            return None;
        }
        self.get_id(self.names.id(key)?)
    }

    /// The value of the key numbered `key`.
    pub(crate) fn get_id(&self, key: NameId) -> Option<Value> {
        let mut c = Cursor::new(self.block);
        while !c.at_end() {
            if c.var()? == u64::from(key) {
                return c.value();
            }
            c.skip_value()?;
        }
        None
    }

    /// Whether the key is there.
    #[cfg(test)]
    pub fn contains_key(&self, key: &str) -> bool {
        self.keys().any(|k| k == key)
    }

    /// The (key number, value) pairs, in key-name order.
    pub(crate) fn entries(&self) -> Entries<'a> {
        Entries {
            cursor: Cursor::new(self.block),
        }
    }

    /// The (key, value) pairs, in key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&'a str, Value)> + use<'a> {
        let names = self.names;
        self.entries()
            .filter_map(move |(k, v)| Some((&**names.name(k)?, v)))
    }

    /// The keys, in order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let names = self.names;
        self.key_ids().filter_map(|k| names.name(k)).map(|n| &**n)
    }

    /// The keys' numbers, in order, without reading the values.
    pub(crate) fn key_ids(&self) -> impl Iterator<Item = NameId> + use<'a> {
        let mut c = Cursor::new(self.block);
        std::iter::from_fn(move || {
            if c.at_end() {
                return None;
            }
            let k = c.var()?;
            c.skip_value()?;
            Some(NameId::try_from(k).ok())
        })
        .flatten()
    }

    /// How many properties.
    pub(crate) fn len(&self) -> usize {
        self.keys().count()
    }

    /// Whether there are none.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.block.is_empty()
    }

    /// As an ordinary map (for results and exports).
    pub(crate) fn to_map(self) -> BTreeMap<String, Value> {
        self.iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// The block itself.
    pub(crate) fn block(&self) -> &'a [u8] {
        self.block
    }
}

/// The (key number, value) pairs of a block.
pub(crate) struct Entries<'a> {
    cursor: Cursor<'a>,
}

impl Iterator for Entries<'_> {
    type Item = (NameId, Value);

    fn next(&mut self) -> Option<(NameId, Value)> {
        if self.cursor.at_end() {
            return None;
        }
        let k = NameId::try_from(self.cursor.var()?).ok()?;
        Some((k, self.cursor.value()?))
    }
}

/// Where each block of a chunk ends in its bytes. Offsets fit in 32 bits
/// unless a chunk holds more than 4 GiB of properties.
#[derive(Debug, Clone)]
enum Ends {
    Narrow(Box<[u32; PER_CHUNK]>),
    Wide(Box<[u64; PER_CHUNK]>),
}

impl Ends {
    fn get(&self, i: usize) -> usize {
        match self {
            Ends::Narrow(e) => e[i] as usize,
            Ends::Wide(e) => e[i] as usize,
        }
    }

    /// Makes room for offsets up to `len`.
    fn widen_for(&mut self, len: usize) {
        if let Ends::Narrow(n) = self
            && u32::try_from(len).is_err()
        {
            let mut w = Box::new([0u64; PER_CHUNK]);
            for (a, b) in w.iter_mut().zip(n.iter()) {
                *a = u64::from(*b);
            }
            *self = Ends::Wide(w);
        }
    }

    fn set(&mut self, i: usize, end: usize) {
        match self {
            Ends::Narrow(n) => n[i] = end as u32,
            Ends::Wide(w) => w[i] = end as u64,
        }
    }

    /// Moves the ends `range` by a block that grew from ending at
    /// `old_end` to ending at `new_end`; `len` is the chunk's new length.
    fn shift(&mut self, range: std::ops::Range<usize>, old_end: usize, new_end: usize, len: usize) {
        self.widen_for(len);
        for i in range {
            let e = (self.get(i) + new_end).saturating_sub(old_end);
            self.set(i, e);
        }
    }
}

#[derive(Debug, Clone)]
struct Chunk {
    ends: Ends,
    /// How many leading entries `ends` holds: the blocks after them are
    /// empty, at the end of `bytes` (so that adding entities in id order
    /// writes one end each, not every end after it).
    written: usize,
    bytes: Vec<u8>,
}

impl Chunk {
    fn new() -> Chunk {
        Chunk {
            ends: Ends::Narrow(Box::new([0; PER_CHUNK])),
            written: 0,
            bytes: Vec::new(),
        }
    }

    fn end(&self, i: usize) -> usize {
        if i < self.written {
            self.ends.get(i)
        } else {
            self.bytes.len()
        }
    }

    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.end(i - 1) };
        start..self.end(i)
    }

    fn set(&mut self, i: usize, block: &[u8]) {
        if i >= self.written {
            // Past the written ends: append.
            let len = self.bytes.len();
            self.ends.widen_for(len + block.len());
            for j in self.written..i {
                self.ends.set(j, len);
            }
            self.bytes.extend_from_slice(block);
            self.ends.set(i, self.bytes.len());
            self.written = i + 1;
            return;
        }
        let r = self.range(i);
        let (old_end, new_end) = (r.end, r.start + block.len());
        self.bytes.splice(r, block.iter().copied());
        let len = self.bytes.len();
        self.ends.shift(i..self.written, old_end, new_end, len);
    }
}

/// The blocks of every entity of one kind, by id: in chunks in memory,
/// or in a snapshot file (until the first change copies them in).
#[derive(Debug, Default, Clone)]
pub(crate) struct PropStore {
    chunks: Vec<Option<Box<Chunk>>>,
    mapped: Option<MappedBlocks>,
}

/// Blocks in a snapshot: where each id's block ends, and the bytes.
#[derive(Debug, Clone)]
pub(crate) struct MappedBlocks {
    pub(crate) ends: Mapped<u64>,
    pub(crate) bytes: Mapped<u8>,
}

impl MappedBlocks {
    fn get(&self, id: u64) -> &[u8] {
        let Ok(i) = usize::try_from(id) else {
            return &[];
        };
        let end = self.ends.get(i).copied().unwrap_or(0);
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        };
        match (usize::try_from(start), usize::try_from(end)) {
            (Ok(s), Ok(e)) if s <= e => self.bytes.get(s..e).unwrap_or(&[]),
            _ => &[],
        }
    }
}

fn split(id: u64) -> (usize, usize) {
    (
        (id >> CHUNK_BITS) as usize,
        (id & (PER_CHUNK as u64 - 1)) as usize,
    )
}

impl PropStore {
    /// The blocks of a snapshot, read in place.
    pub(crate) fn mapped(blocks: MappedBlocks) -> PropStore {
        PropStore {
            chunks: Vec::new(),
            mapped: Some(blocks),
        }
    }

    /// Copies mapped blocks into memory chunks (before a change).
    fn unmap(&mut self) {
        let Some(m) = self.mapped.take() else {
            return;
        };
        let bound = m.ends.len() as u64;
        let mut chunk = 0;
        while chunk * PER_CHUNK as u64 <= bound {
            let ids = chunk * PER_CHUNK as u64..((chunk + 1) * PER_CHUNK as u64).min(bound);
            let size = ids.clone().map(|id| m.get(id).len()).sum();
            self.load_chunk(chunk, ids.map(|id| (id, m.get(id))), size);
            chunk += 1;
        }
    }

    /// The block of `id` (empty when it has no properties).
    pub(crate) fn get(&self, id: u64) -> &[u8] {
        if let Some(m) = &self.mapped {
            return m.get(id);
        }
        let (c, i) = split(id);
        match self.chunks.get(c) {
            Some(Some(chunk)) => chunk.bytes.get(chunk.range(i)).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Replaces the block of `id`.
    pub(crate) fn set(&mut self, id: u64, block: &[u8]) {
        self.unmap();
        let (c, i) = split(id);
        if self.chunks.len() <= c {
            if block.is_empty() {
                return;
            }
            self.chunks.resize_with(c + 1, || None);
        }
        let chunk = self.chunks[c].get_or_insert_with(|| Box::new(Chunk::new()));
        chunk.set(i, block);
        if chunk.bytes.is_empty() {
            self.chunks[c] = None;
        }
    }

    /// Sets a whole chunk from the blocks of its entities, `(id, block)` in
    /// increasing id order, all in chunk `chunk` (as the file holds them).
    pub(crate) fn load_chunk<'b>(
        &mut self,
        chunk: u64,
        blocks: impl IntoIterator<Item = (u64, &'b [u8])>,
        size: usize,
    ) {
        let Ok(c) = usize::try_from(chunk) else {
            return;
        };
        let mut bytes = Vec::with_capacity(size);
        let mut ends = [0u64; PER_CHUNK];
        let mut next = 0;
        for (id, block) in blocks {
            let (_, i) = split(id);
            let before = bytes.len() as u64;
            for e in ends.get_mut(next..i).unwrap_or(&mut []) {
                *e = before;
            }
            bytes.extend_from_slice(block);
            ends[i] = bytes.len() as u64;
            next = i + 1;
        }
        let total = bytes.len() as u64;
        for e in ends.get_mut(next..).unwrap_or(&mut []) {
            *e = total;
        }
        let ends = match u32::try_from(total) {
            Ok(_) => Ends::Narrow(Box::new(ends.map(|e| e as u32))),
            Err(_) => Ends::Wide(Box::new(ends)),
        };
        let mut ch = Chunk {
            ends,
            written: PER_CHUNK,
            bytes,
        };
        ch.bytes.shrink_to_fit();
        if ch.bytes.is_empty() {
            return;
        }
        if self.chunks.len() <= c {
            self.chunks.resize_with(c + 1, || None);
        }
        self.chunks[c] = Some(Box::new(ch));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::codec;

    fn block(names: &mut Names, pairs: &[(&str, Value)]) -> Vec<u8> {
        let entries = pairs
            .iter()
            .map(|(k, v)| (names.intern(k).0, v.clone()))
            .collect();
        codec::encode_block(entries, names)
    }

    #[test]
    fn props_read_in_place() {
        let mut n = Names::default();
        let b = block(
            &mut n,
            &[("since", Value::Int(2019)), ("name", Value::string("x"))],
        );
        let p = Props::new(&b, &n);
        assert_eq!(p.get("since"), Some(Value::Int(2019)));
        assert_eq!(p.get("nope"), None);
        assert_eq!(p.keys().collect::<Vec<_>>(), ["name", "since"]);
        assert_eq!(p.len(), 2);
        assert!(p.contains_key("name") && !p.contains_key("year"));
        assert_eq!(
            p.to_map().into_iter().collect::<Vec<_>>(),
            [
                ("name".to_string(), Value::string("x")),
                ("since".to_string(), Value::Int(2019))
            ]
        );
        assert!(Props::new(&[], &n).is_empty());
    }

    /// The store against a map of id to block, through sets that grow,
    /// shrink and empty blocks across chunks, and whole-chunk loads.
    #[test]
    fn the_store_matches_a_model() {
        let mut store = PropStore::default();
        let mut model: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
        let mut seed = 7u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..5_000 {
            let id = next() % 600;
            let len = (next() % 12) as usize;
            let b: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            store.set(id, &b);
            model.insert(id, b);
        }
        for id in 0..700 {
            let want = model.get(&id).map_or(&[][..], |b| &b[..]);
            assert_eq!(store.get(id), want, "id {id}");
        }
        let blocks: Vec<(u64, Vec<u8>)> = vec![(129, vec![1]), (130, vec![]), (200, vec![2, 3])];
        store.load_chunk(1, blocks.iter().map(|(i, b)| (*i, &b[..])), 3);
        assert_eq!(store.get(128), b"");
        assert_eq!(store.get(129), [1]);
        assert_eq!(store.get(130), b"");
        assert_eq!(store.get(199), b"");
        assert_eq!(store.get(200), [2, 3]);
        assert_eq!(store.get(255), b"");
        store.set(200, &[]);
        store.set(129, &[]);
        assert_eq!(store.get(200), b"");
    }

    #[test]
    fn a_chunk_past_four_gibibytes_of_offsets_widens() {
        let mut e = Ends::Narrow(Box::new([0; PER_CHUNK]));
        e.shift(3..PER_CHUNK, 0, 10, 10);
        assert_eq!((e.get(2), e.get(3), e.get(PER_CHUNK - 1)), (0, 10, 10));
        let big = 10 + u32::MAX as usize;
        e.shift(5..PER_CHUNK, 10, big, big);
        assert!(matches!(e, Ends::Wide(_)));
        assert_eq!(e.get(4), 10);
        assert_eq!(e.get(5), big);
        assert_eq!(e.get(PER_CHUNK - 1), big);
    }
}
