//! The synthetic knowledge graph: a seeded, byte-identical list of nodes and
//! relationships with a skewed (power-law-ish) degree distribution.
//!
//! Node ids are `0..nodes`, split into contiguous label ranges (60% Person,
//! 20% Company, 15% Product, 5% Place). Each relationship type joins two
//! ranges; its end is picked by a skewed rank (`len * u^k`, so a few hubs get
//! most of the edges) mapped through a per-type permutation, so the hubs of
//! in-degree and out-degree are different nodes. No self-loops.

/// SplitMix64: a tiny, well-mixed PRNG; the same seed gives the same stream
/// on every machine.
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float uniform in `[0, 1)` (53 bits).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// An integer uniform in `0..n` (`n > 0`; the modulo bias is negligible here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }
}

/// The node labels, in id-range order, with their share of the nodes.
pub const LABELS: [(&str, f64); 4] = [
    ("Person", 0.60),
    ("Company", 0.20),
    ("Product", 0.15),
    ("Place", 0.05),
];

/// One relationship type: its share of the relationships and the labels it
/// joins (indexes into [`LABELS`]).
struct RelKind {
    name: &'static str,
    share: f64,
    from: usize,
    to: usize,
}

/// The relationship types.
const REL_KINDS: [RelKind; 4] = [
    RelKind {
        name: "knows",
        share: 0.60,
        from: 0,
        to: 0,
    },
    RelKind {
        name: "works_at",
        share: 0.15,
        from: 0,
        to: 1,
    },
    RelKind {
        name: "invests_in",
        share: 0.15,
        from: 1,
        to: 2,
    },
    RelKind {
        name: "located_in",
        share: 0.10,
        from: 1,
        to: 3,
    },
];

/// How skewed out-degrees are (`rank = len * u^k`): mild.
const OUT_SKEW: f64 = 2.0;
/// How skewed in-degrees are: strong (a few very popular nodes).
const IN_SKEW: f64 = 3.0;

/// A node to create.
pub struct Node {
    /// The unique `id` property (also its position in [`Graph::nodes`]).
    pub id: i64,
    /// Index into [`LABELS`].
    pub label: usize,
    /// The `name` property.
    pub name: String,
}

/// A relationship to create, between `id` properties.
#[derive(Clone, Copy)]
pub struct Rel {
    /// The start node's `id`.
    pub a: i64,
    /// The end node's `id`.
    pub b: i64,
    /// Index into [`rel_type_names`].
    pub kind: usize,
}

/// The whole generated graph.
pub struct Graph {
    /// Nodes, by `id`.
    pub nodes: Vec<Node>,
    /// Relationships, grouped by type (in [`rel_type_names`] order), each
    /// group in generation order.
    pub rels: Vec<Rel>,
}

/// The relationship type names, in [`Rel::kind`] order.
pub fn rel_type_names() -> [&'static str; 4] {
    REL_KINDS.map(|k| k.name)
}

/// The index of the `knows` type.
pub const KNOWS: usize = 0;

/// Splits `total` into parts by `shares` (each part at least 1 when
/// `total >= shares.len()`); the last part takes the rounding remainder.
fn split(total: usize, shares: &[f64]) -> Vec<usize> {
    let mut parts: Vec<usize> = shares
        .iter()
        .map(|s| ((total as f64 * s) as usize).max(usize::from(total >= shares.len())))
        .collect();
    let used: usize = parts[..parts.len() - 1].iter().sum();
    let last = parts.len() - 1;
    parts[last] = total.saturating_sub(used);
    parts
}

/// A bijection of `0..len`: `x * step + offset (mod len)` with `step`
/// coprime to `len`.
struct Permutation {
    len: u64,
    step: u64,
    offset: u64,
}

impl Permutation {
    fn random(len: u64, rng: &mut SplitMix64) -> Permutation {
        let mut step = (rng.below(len.max(2)) | 1).max(1);
        while gcd(step, len) != 1 {
            step += 1;
        }
        Permutation {
            len,
            step,
            offset: rng.below(len.max(1)),
        }
    }

    fn apply(&self, x: u64) -> u64 {
        ((u128::from(x) * u128::from(self.step) + u128::from(self.offset)) % u128::from(self.len))
            as u64
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// One end of a relationship type: a label range, skewed and permuted.
struct End {
    start: u64,
    len: u64,
    skew: f64,
    perm: Permutation,
}

impl End {
    fn pick(&self, rng: &mut SplitMix64) -> u64 {
        let rank = ((self.len as f64) * rng.next_f64().powf(self.skew)) as u64;
        self.start + self.perm.apply(rank.min(self.len - 1))
    }
}

/// Generates the graph for `nodes` nodes (at least 4) and `rels`
/// relationships from `seed`.
pub fn generate(nodes: usize, rels: usize, seed: u64) -> Graph {
    let mut rng = SplitMix64::new(seed);
    let label_sizes = split(nodes, &LABELS.map(|(_, s)| s));
    let mut starts = Vec::with_capacity(LABELS.len());
    let mut out_nodes = Vec::with_capacity(nodes);
    for (label, &size) in label_sizes.iter().enumerate() {
        starts.push(out_nodes.len() as u64);
        for _ in 0..size {
            let id = out_nodes.len() as i64;
            out_nodes.push(Node {
                id,
                label,
                name: format!("{} {id}", LABELS[label].0),
            });
        }
    }
    let rel_sizes = split(rels, &REL_KINDS.map(|k| k.share));
    let mut out_rels = Vec::with_capacity(rels);
    for (kind, (k, &count)) in REL_KINDS.iter().zip(&rel_sizes).enumerate() {
        let end = |label: usize, skew: f64, rng: &mut SplitMix64| End {
            start: starts[label],
            len: label_sizes[label] as u64,
            skew,
            perm: Permutation::random(label_sizes[label] as u64, rng),
        };
        let from = end(k.from, OUT_SKEW, &mut rng);
        let to = end(k.to, IN_SKEW, &mut rng);
        let mut made = 0;
        while made < count {
            let (a, b) = (from.pick(&mut rng), to.pick(&mut rng));
            if a == b {
                continue;
            }
            out_rels.push(Rel {
                a: a as i64,
                b: b as i64,
                kind,
            });
            made += 1;
        }
    }
    Graph {
        nodes: out_nodes,
        rels: out_rels,
    }
}

/// A 64-bit FNV-1a fingerprint of the generated graph, to show a run used
/// the same data as another.
pub fn fingerprint(graph: &Graph) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
    };
    for n in &graph.nodes {
        eat(&n.id.to_le_bytes());
        eat(LABELS[n.label].0.as_bytes());
        eat(n.name.as_bytes());
    }
    for r in &graph.rels {
        eat(&r.a.to_le_bytes());
        eat(&r.b.to_le_bytes());
        eat(&(r.kind as u64).to_le_bytes());
    }
    h
}
