//! Arrays that live in a memory-mapped snapshot file (see
//! [`super::snapshot`]) or in memory, read the same way.
//!
//! Mapping is the one `unsafe` operation of the crate: the kernel hands
//! the file's pages in as the program touches them, so opening a
//! database reads nothing in proportion to it. The safety condition is
//! that nobody changes the file while it is mapped: quiver never writes a
//! snapshot in place (a new one is written beside it and renamed over
//! it; a mapping keeps the old file's pages), so only another program
//! truncating the file could break it.

use bytemuck::Pod;
use std::marker::PhantomData;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A read-only mapping of a whole file.
pub(crate) struct Map {
    map: memmap2::Mmap,
}

impl std::fmt::Debug for Map {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Map({} bytes)", self.map.len())
    }
}

impl Map {
    /// Maps `file` (read-only, shared).
    pub(crate) fn new(file: &std::fs::File) -> std::io::Result<Map> {
        // SAFETY: quiver writes snapshot files whole under another name
        // and renames them into place; a mapped file is never changed
        // (see the module's documentation).
        #[allow(unsafe_code)]
        let map = unsafe { memmap2::Mmap::map(file)? };
        Ok(Map { map })
    }

    /// The file's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.map
    }
}

/// A typed array in a mapped file: `len` items from byte `start`, which
/// is aligned for `T` (checked when it is made).
pub(crate) struct Mapped<T> {
    map: Arc<Map>,
    start: usize,
    len: usize,
    _item: PhantomData<T>,
}

impl<T> Clone for Mapped<T> {
    fn clone(&self) -> Self {
        Mapped {
            map: self.map.clone(),
            start: self.start,
            len: self.len,
            _item: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Mapped<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mapped({} items at {})", self.len, self.start)
    }
}

impl<T: Pod> Mapped<T> {
    /// The items in `bytes` of `map`; `None` when the range is outside
    /// the file, not a whole number of items, or not aligned for `T`.
    pub(crate) fn new(map: &Arc<Map>, bytes: Range<usize>) -> Option<Mapped<T>> {
        let slice = map.bytes().get(bytes.clone())?;
        let items: &[T] = bytemuck::try_cast_slice(slice).ok()?;
        Some(Mapped {
            map: map.clone(),
            start: bytes.start,
            len: items.len(),
            _item: PhantomData,
        })
    }
}

impl<T: Pod> Deref for Mapped<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        let size = std::mem::size_of::<T>();
        self.map
            .bytes()
            .get(self.start..self.start + self.len * size)
            .and_then(|b| bytemuck::try_cast_slice(b).ok())
            .unwrap_or(&[])
    }
}

/// An array held in memory (built) or in a mapped file (opened).
#[derive(Debug, Clone)]
pub(crate) enum Arr<T> {
    /// Built in memory.
    Owned(Vec<T>),
    /// Read from a snapshot file.
    Mapped(Mapped<T>),
}

impl<T> Default for Arr<T> {
    fn default() -> Self {
        Arr::Owned(Vec::new())
    }
}

impl<T: Pod> Deref for Arr<T> {
    type Target = [T];

    #[inline]
    fn deref(&self) -> &[T] {
        match self {
            Arr::Owned(v) => v,
            Arr::Mapped(m) => m,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn mapped_arrays_read_what_was_written_and_refuse_bad_ranges() {
        let mut f = tempfile::tempfile().unwrap();
        let words: Vec<u32> = (0..16).collect();
        f.write_all(bytemuck::cast_slice(&words)).unwrap();
        let map = Arc::new(Map::new(&f).unwrap());
        let all: Mapped<u32> = Mapped::new(&map, 0..64).unwrap();
        assert_eq!(&*all, &words[..]);
        let pairs: Mapped<[u32; 2]> = Mapped::new(&map, 8..24).unwrap();
        assert_eq!(&*pairs, &[[2, 3], [4, 5]]);
        assert!(Mapped::<u32>::new(&map, 0..65).is_none(), "past the end");
        assert!(Mapped::<u32>::new(&map, 0..6).is_none(), "not whole items");
        assert!(Mapped::<u64>::new(&map, 4..12).is_none(), "misaligned");
        let arr = Arr::Mapped(all);
        assert_eq!(arr.len(), 16);
    }
}
