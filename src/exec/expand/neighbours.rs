//! How `Expand(Intersect)` looks a far node up among one leg's
//! relationships: sorted lists with a hash set or bits over their span
//! ([`Neighbours`]), the outer corner's list marked in a bitset over every
//! node id ([`Marked`]), and the sieve that reads those bits for a whole
//! run of relationships at once.

use crate::value::{NodeId, RelId};

/// The relationships of one leg at one start node, as `(far node,
/// relationship)` sorted by far node: a far node's are a binary search
/// away; a long list also has its far nodes in a hash set, so that a far
/// node it lacks (most, in a triangle search) costs one probe.
pub(super) struct Neighbours {
    list: Vec<(NodeId, RelId)>,
    set: Option<FarSet>,
    /// The far nodes as bits over their span, when that takes little
    /// more room than the list: a miss is then one bit in a small array.
    pub(super) bits: Option<(NodeId, Vec<u64>)>,
}

/// Lists at least this long get a [`FarSet`].
const SET_FROM: usize = 16;

impl Neighbours {
    pub(super) fn new(list: Vec<(NodeId, RelId)>) -> Neighbours {
        Neighbours::sorted(list, true)
    }

    /// With `bits` false, never a bitset of its own (see [`Marked`]).
    fn sorted(mut list: Vec<(NodeId, RelId)>, bits: bool) -> Neighbours {
        list.sort_unstable();
        let set = (list.len() >= SET_FROM)
            .then(|| FarSet::new(&list))
            .flatten();
        let bits = match (list.first(), list.last()) {
            (Some(&(lo, _)), Some(&(hi, _)))
                if bits && set.is_some() && (hi - lo) / 8 <= 128 * list.len() as u64 =>
            {
                let mut words = vec![0u64; ((hi - lo) / 64 + 1) as usize];
                for &(w, _) in &list {
                    words[((w - lo) / 64) as usize] |= 1 << ((w - lo) % 64);
                }
                Some((lo, words))
            }
            _ => None,
        };
        Neighbours { list, set, bits }
    }

    /// The memory it takes, in list entries.
    pub(super) fn size(&self) -> usize {
        self.list.len()
            + self.set.as_ref().map_or(0, |s| s.slots.len())
            + self.bits.as_ref().map_or(0, |(_, w)| w.len() / 2)
    }

    /// The relationships to `w`.
    pub(super) fn to(&self, w: NodeId) -> &[(NodeId, RelId)] {
        if let Some((lo, words)) = &self.bits
            && !has_bit(words, w.wrapping_sub(*lo))
        {
            return &[];
        }
        self.to_unfiltered(w)
    }

    /// [`Neighbours::to`] without the bits, when a caller has read them.
    fn to_unfiltered(&self, w: NodeId) -> &[(NodeId, RelId)] {
        let Some(set) = &self.set else {
            return to_node(&self.list, w);
        };
        match set.position(w) {
            Some(at) => {
                let n = &self.list[at..];
                &n[..n.iter().take_while(|&&(o, _)| o == w).count()]
            }
            None => &[],
        }
    }
}

/// Calls `f` with each relationship of `slice` (`[relationship, far
/// node]`) whose far node's bit is set in `bits` (bit 0 for node `lo`).
/// Most are not, at random: the entries that are get listed without a
/// branch for each entry, which the processor would mispredict, and the
/// bits of a whole chunk are read at once, their cache misses overlapping.
pub(super) fn for_each_marked(
    slice: &[[u32; 2]],
    lo: NodeId,
    bits: &[u64],
    mut f: impl FnMut(u32, u32),
) {
    let mut hits = [0u8; 64];
    for chunk in slice.chunks(hits.len()) {
        let mut k = 0;
        for (i, &[_, w]) in chunk.iter().enumerate() {
            hits[k] = i as u8;
            k += usize::from(has_bit(bits, u64::from(w).wrapping_sub(lo)));
        }
        for &i in &hits[..k] {
            let [r, w] = chunk[usize::from(i)];
            f(r, w);
        }
    }
}

/// Whether bit `at` is set in `words` (false past their end).
pub(super) fn has_bit(words: &[u64], at: u64) -> bool {
    words
        .get((at / 64) as usize)
        .is_some_and(|word| word & (1 << (at % 64)) != 0)
}

/// The neighbours of one leg's start node while row after row keeps it
/// (the outer corner of a cycle), with their far nodes marked in a bitset
/// over every node id: a probe that misses, most of them, reads one bit of
/// an array that stays in the processor's cache, where a hash table per
/// start node would not.
pub(super) struct Marked {
    pub(super) leg: usize,
    pub(super) from: NodeId,
    n: Neighbours,
    /// One bit per node id, set for the far nodes of `n` only.
    pub(super) bits: Vec<u64>,
    /// For each word of `bits` that has a bit set, where the first of its
    /// far nodes is in `n`'s list: when no far node is there twice, the
    /// bits below a far node's count the rest, and its relationship is
    /// found without a hash probe.
    first: Vec<u32>,
    /// No far node is in `n` twice (and the list's positions fit `first`).
    simple: bool,
}

/// Node ids up to this many get a [`Marked`] leg (its bitset and
/// positions: 24 MiB).
pub(super) const MARKED_BOUND: usize = 1 << 27;

impl Marked {
    pub(super) fn new(bound: usize) -> Marked {
        let words = bound.div_ceil(64);
        Marked {
            leg: usize::MAX,
            from: 0,
            n: Neighbours::sorted(Vec::new(), false),
            bits: vec![0; words],
            first: vec![0; words],
            simple: true,
        }
    }

    /// Marks `list`, the neighbours of `from` along `leg`, in place of the
    /// previous ones.
    pub(super) fn mark(&mut self, leg: usize, from: NodeId, mut list: Vec<(NodeId, RelId)>) {
        for &(w, _) in &self.n.list {
            if let Some(word) = self.bits.get_mut((w / 64) as usize) {
                *word = 0;
            }
        }
        list.sort_unstable();
        self.simple = list.len() < u32::MAX as usize && list.windows(2).all(|p| p[0].0 != p[1].0);
        let mut last = u64::MAX;
        for (at, &(w, _)) in list.iter().enumerate() {
            let word = (w / 64) as usize;
            if let Some(bits) = self.bits.get_mut(word) {
                *bits |= 1 << (w % 64);
                if word as u64 != last {
                    (self.first[word], last) = (at as u32, word as u64);
                }
            }
        }
        // A list with a far node twice is looked up through a hash set.
        self.n = match self.simple {
            true => Neighbours {
                list,
                set: None,
                bits: None,
            },
            false => Neighbours::sorted(list, false),
        };
        (self.leg, self.from) = (leg, from);
    }

    /// The relationships to `w`.
    pub(super) fn to(&self, w: NodeId) -> &[(NodeId, RelId)] {
        let Some(&word) = self.bits.get((w / 64) as usize) else {
            return &[];
        };
        let below = word & ((1 << (w % 64)) - 1);
        match (word & (1 << (w % 64)) != 0, self.simple) {
            (false, _) => &[],
            (true, true) => {
                let at = self.first[(w / 64) as usize] as usize + below.count_ones() as usize;
                self.n.list.get(at..=at).unwrap_or(&[])
            }
            (true, false) => self.n.to_unfiltered(w),
        }
    }
}

/// Where a leg's relationships to a far node are looked up.
#[derive(Clone, Copy)]
pub(super) enum Probe<'a> {
    None,
    Map(&'a Neighbours),
    Marked(&'a Marked),
    /// A list sorted by far node, kept for one row only.
    Sorted(&'a [(NodeId, RelId)]),
}

impl<'a> Probe<'a> {
    pub(super) fn to(self, w: NodeId) -> &'a [(NodeId, RelId)] {
        match self {
            Probe::None => &[],
            Probe::Map(n) => n.to(w),
            Probe::Marked(m) => m.to(w),
            Probe::Sorted(list) => to_node(list, w),
        }
    }
}

/// The far nodes of a list, in an open-addressing hash table at most half
/// full: node + 1 (0 is empty) and the position of its first relationship.
struct FarSet {
    shift: u32,
    /// Node + 1 in the high half, position in the low half.
    slots: Vec<u64>,
}

impl FarSet {
    /// `None` when a node or position does not fit in 32 bits.
    fn new(list: &[(NodeId, RelId)]) -> Option<FarSet> {
        let fits = |w: NodeId| w < u64::from(u32::MAX);
        if list.len() >= u32::MAX as usize || !list.iter().all(|&(w, _)| fits(w)) {
            return None;
        }
        let cap = (list.len() * 2).next_power_of_two().max(2);
        let mut set = FarSet {
            shift: 64 - cap.trailing_zeros(),
            slots: vec![0; cap],
        };
        for (at, &(w, _)) in list.iter().enumerate().rev() {
            let key = (w + 1) << 32;
            let mut i = set.slot(w);
            while set.slots[i] != 0 && set.slots[i] >> 32 != w + 1 {
                i = (i + 1) & (cap - 1);
            }
            set.slots[i] = key | at as u64;
        }
        Some(set)
    }

    fn slot(&self, w: NodeId) -> usize {
        (w.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Where `w`'s relationships start in the list, if it has any.
    fn position(&self, w: NodeId) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut i = self.slot(w);
        loop {
            match self.slots[i] {
                0 => return None,
                s if s >> 32 == w.wrapping_add(1) => return Some((s & 0xffff_ffff) as usize),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// The relationships to `w` among `n` (sorted by far node).
fn to_node(n: &[(NodeId, RelId)], w: NodeId) -> &[(NodeId, RelId)] {
    let lo = n.partition_point(|&(o, _)| o < w);
    let len = n[lo..].iter().take_while(|&&(o, _)| o == w).count();
    &n[lo..lo + len]
}
