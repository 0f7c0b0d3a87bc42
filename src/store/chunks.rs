//! Records stored in chunks: the entities whose ids share everything but
//! the low [`CHUNK_BITS`] bits are one value in the file, keyed by the
//! chunk number. A million relationships are some eight thousand writes
//! and reads instead of a million, and a commit that touches one entity
//! rewrites its chunk (a few kilobytes).
//!
//! A chunk is: the number of entries (u32), then per entry its id's low
//! bits (one byte), its record's length (a varint) and the record, in
//! increasing id order.

use super::codec::{Cursor, put_var};
use std::ops::Range;

/// Entities per chunk: 2^CHUNK_BITS.
pub(crate) const CHUNK_BITS: u32 = 7;

/// The chunk holding `id`.
pub(crate) fn chunk_of(id: u64) -> u64 {
    id >> CHUNK_BITS
}

/// The ids a chunk may hold.
pub(crate) fn ids_of(chunk: u64) -> Range<u64> {
    let start = chunk << CHUNK_BITS;
    start..start.saturating_add(1 << CHUNK_BITS)
}

/// Builds a chunk from its live entities' records.
#[derive(Default)]
pub(crate) struct ChunkWriter {
    bytes: Vec<u8>,
    entries: u32,
}

impl ChunkWriter {
    /// An empty chunk.
    pub(crate) fn new() -> ChunkWriter {
        ChunkWriter {
            bytes: 0u32.to_le_bytes().to_vec(),
            entries: 0,
        }
    }

    /// Adds the record of `id`; ids must come in increasing order, all
    /// in one chunk.
    pub(crate) fn push(&mut self, id: u64, record: &[u8]) {
        self.bytes.push((id & ((1 << CHUNK_BITS) - 1)) as u8);
        put_var(&mut self.bytes, record.len() as u64);
        self.bytes.extend_from_slice(record);
        self.entries += 1;
    }

    /// How many records were added.
    pub(crate) fn entries(&self) -> u32 {
        self.entries
    }

    /// The chunk's bytes.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.bytes[..4].copy_from_slice(&self.entries.to_le_bytes());
        self.bytes
    }
}

/// The number of entries a chunk says it holds.
pub(crate) fn entries(bytes: &[u8]) -> Result<u32, String> {
    let head: [u8; 4] = bytes
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or("a chunk is cut short")?;
    Ok(u32::from_le_bytes(head))
}

/// The `(id, record)` entries of chunk number `chunk`, checked: each id
/// belongs to the chunk and comes after the one before, and the bytes hold
/// exactly the entries announced.
pub(crate) fn read(chunk: u64, bytes: &[u8]) -> Result<Vec<(u64, &[u8])>, String> {
    // Entity ids are petgraph indices: below 2^32.
    if chunk > u64::from(u32::MAX) >> CHUNK_BITS {
        return Err(format!("chunk {chunk} is beyond any entity id"));
    }
    let n = entries(bytes)?;
    let ids = ids_of(chunk);
    let mut out = Vec::with_capacity((n as usize).min(1 << CHUNK_BITS));
    let mut c = Cursor::new(bytes.get(4..).unwrap_or(&[]));
    let short = || format!("chunk {chunk} is cut short");
    for _ in 0..n {
        let low = c.take(1).ok_or_else(short)?[0];
        let id = ids.start.saturating_add(u64::from(low));
        let len = c.var().ok_or_else(short)?;
        let record = c.take(len).ok_or_else(short)?;
        let in_order = out.last().is_none_or(|(last, _)| *last < id);
        if !ids.contains(&id) || !in_order {
            return Err(format!("chunk {chunk} holds id {id} out of place"));
        }
        out.push((id, record));
    }
    if !c.at_end() {
        return Err(format!("chunk {chunk} has bytes left over"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chunk_reads_back_what_was_written() {
        let mut w = ChunkWriter::new();
        w.push(129, b"ab");
        w.push(130, b"");
        w.push(255, b"xyz");
        assert_eq!(w.entries(), 3);
        let bytes = w.finish();
        assert_eq!(entries(&bytes), Ok(3));
        assert_eq!(
            read(1, &bytes),
            Ok(vec![(129, &b"ab"[..]), (130, &b""[..]), (255, &b"xyz"[..])])
        );
        // Cut anywhere, or with a byte too many: an error.
        for cut in 0..bytes.len() {
            assert!(read(1, &bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut long = bytes.clone();
        long.push(0);
        assert!(read(1, &long).is_err());
    }

    #[test]
    fn ids_out_of_order_are_refused() {
        let mut w = ChunkWriter::new();
        w.push(5, b"a");
        w.push(3, b"b");
        assert!(read(0, &w.finish()).is_err());
        assert_eq!(ids_of(2), 256..384);
        assert!(read(u64::MAX, &ChunkWriter::new().finish()).is_err());
        assert!(read(1 << 40, &ChunkWriter::new().finish()).is_err());
        assert_eq!(chunk_of(383), 2);
    }
}
