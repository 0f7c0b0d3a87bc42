//! Criterion micro-benchmarks for the hot operators: one small query per
//! operator (statement overhead, index seek, label scan + filter, expand,
//! variable-length expand, shortest path, aggregation, sort + limit, create)
//! over a seeded synthetic social graph.
//!
//! ```text
//! cargo bench --bench operators                 # everything, about a minute once built
//! cargo bench --bench operators -- expand       # the benchmarks whose name contains "expand"
//! ```
//!
//! The graph is built once, through the bulk API, then every query's answer
//! is checked once against a value computed directly from the generated edge
//! list (panicking on a mismatch) before criterion times it, so a benchmark
//! cannot silently measure a wrong answer.

use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main,
};
use quiverdb::{Database, NodeId, Params, QueryResult, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::hint::black_box;
use std::time::Duration;

/// How many `Person` nodes the graph has.
const PERSONS: usize = 20_000;
/// How many `knows` relationships it has.
const KNOWS: usize = 200_000;
/// The generator's seed.
const SEED: u64 = 42;
/// How skewed out-degrees are (`rank = len * u^k`): mild.
const OUT_SKEW: f64 = 2.0;
/// How skewed in-degrees are: strong (a few very popular people).
const IN_SKEW: f64 = 3.0;

/// The pool of names; a skewed pick gives groups of very different sizes.
const NAMES: [&str; 24] = [
    "Ada", "Alan", "Alice", "Anna", "Ben", "Bob", "Carol", "Dan", "Eve", "Frank", "Grace", "Heidi",
    "Ivan", "Judy", "Ken", "Linus", "Mallory", "Nina", "Oscar", "Peggy", "Quinn", "Rupert",
    "Sybil", "Trent",
];

/// SplitMix64: a tiny, well-mixed PRNG; the same seed gives the same stream
/// on every machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A float uniform in `[0, 1)` (53 bits).
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A skewed pick in `0..len`: `len * u^skew`, so low ranks are popular.
    fn skewed(&mut self, len: usize, skew: f64) -> usize {
        ((len as f64 * self.next_f64().powf(skew)) as usize).min(len - 1)
    }
}

/// The generated graph, with the adjacency the reference answers walk.
struct Graph {
    /// `names[id]`: the `name` of the Person with that `id`.
    names: Vec<&'static str>,
    /// `out[a]`: `(relationship index, b)` for every `a -[:knows]-> b`.
    out: Vec<Vec<(usize, usize)>>,
    /// The relationships, `(a, b)` by `id`, in creation order.
    edges: Vec<(usize, usize)>,
}

/// Generates the graph: names by a skewed pick from [`NAMES`]; each `knows`
/// from a mildly skewed source to a strongly skewed target, each rank mapped
/// through its own permutation (`x * step + offset mod n`) so the popular
/// sources and targets are different people; no self-loops.
fn generate() -> Graph {
    let mut rng = SplitMix64(SEED);
    let names = (0..PERSONS)
        .map(|_| NAMES[rng.skewed(NAMES.len(), 2.0)])
        .collect();
    // 7_919 and 104_729 are primes, so coprime to PERSONS.
    let source = |rank: usize| (rank * 7_919 + 11) % PERSONS;
    let target = |rank: usize| (rank * 104_729 + 5_003) % PERSONS;
    let mut graph = Graph {
        names,
        out: vec![Vec::new(); PERSONS],
        edges: Vec::with_capacity(KNOWS),
    };
    while graph.edges.len() < KNOWS {
        let a = source(rng.skewed(PERSONS, OUT_SKEW));
        let b = target(rng.skewed(PERSONS, IN_SKEW));
        if a != b {
            graph.out[a].push((graph.edges.len(), b));
            graph.edges.push((a, b));
        }
    }
    graph
}

impl Graph {
    /// The person whose out-degree is closest to `degree` (the lowest id on
    /// a tie): a start point with a known amount of work behind it.
    fn with_out_degree(&self, degree: usize) -> usize {
        (0..PERSONS)
            .min_by_key(|&n| (self.out[n].len().abs_diff(degree), n))
            .unwrap_or(0)
    }

    /// `(n {id: start})-[:knows]->()-[:knows]->(c)`: how many distinct `c`.
    /// (Both relationships are distinct: equal would need a self-loop.)
    fn two_hop_distinct(&self, start: usize) -> usize {
        let ends: BTreeSet<usize> = self.out[start]
            .iter()
            .flat_map(|&(_, m)| self.out[m].iter().map(|&(_, c)| c))
            .collect();
        ends.len()
    }

    /// `(n {id: start})-[:knows*1..max]->(m)`: how many paths, each using a
    /// relationship at most once (Cypher's relationship isomorphism).
    fn trails(&self, node: usize, max: usize, used: &mut Vec<usize>) -> u64 {
        if used.len() == max {
            return 0;
        }
        let mut count = 0;
        for &(rel, next) in &self.out[node] {
            if used.contains(&rel) {
                continue;
            }
            used.push(rel);
            count += 1 + self.trails(next, max, used);
            used.pop();
        }
        count
    }

    /// Breadth-first distances from `start` over outgoing `knows`
    /// (`None`: unreachable).
    fn distances(&self, start: usize) -> Vec<Option<u64>> {
        let mut dist = vec![None; PERSONS];
        dist[start] = Some(0);
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = dist[n].unwrap_or(0);
            for &(_, m) in &self.out[n] {
                if dist[m].is_none() {
                    dist[m] = Some(d + 1);
                    queue.push_back(m);
                }
            }
        }
        dist
    }
}

/// Loads the graph through the bulk API (`begin`, `bulk_create_*`,
/// `commit`): one `Person {id, name}` per id, then every `knows`.
fn load(graph: &Graph) -> Database {
    let mut db = Database::in_memory();
    db.begin().expect("begin");
    let labels = ["Person".to_string()];
    let ids: Vec<NodeId> = graph
        .names
        .iter()
        .enumerate()
        .map(|(id, name)| {
            let props = [("id", Value::Int(id as i64)), ("name", Value::string(name))];
            db.bulk_create_node(&labels, props).expect("create node")
        })
        .collect();
    for &(a, b) in &graph.edges {
        db.bulk_create_relationship("knows", ids[a], ids[b], std::iter::empty::<(&str, Value)>())
            .expect("create relationship");
    }
    db.commit().expect("commit");
    assert_eq!(db.counts(), (PERSONS, KNOWS), "the loaded graph");
    db
}

/// Parameters from `(name, value)` pairs.
fn params(pairs: &[(&str, Value)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// Runs a query, panicking (failing the benchmark) on an error.
fn run(db: &mut Database, query: &str, params: &Params) -> QueryResult {
    db.execute(query, params)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

/// Runs a query once and checks its rows are exactly `want` (in order).
fn check(db: &mut Database, query: &str, params: &Params, want: &[Vec<Value>]) {
    let got = run(db, query, params).rows;
    assert_eq!(
        got, want,
        "wrong answer for {query}: the engine's rows, then the edge list's"
    );
}

/// What a checked answer was, for the log: the value of a one-cell answer,
/// else the row count.
fn summary(rows: &[Vec<Value>]) -> String {
    match rows {
        [row] if row.len() == 1 => format!("{:?}", row[0]),
        _ => format!("{} rows", rows.len()),
    }
}

/// One row of one integer.
fn int(n: impl TryInto<i64>) -> Vec<Vec<Value>> {
    vec![vec![Value::Int(n.try_into().unwrap_or(i64::MAX))]]
}

/// Checks, then times, a query that is run with the same parameters each time.
fn bench_query(
    group: &mut BenchmarkGroup<WallTime>,
    db: &mut Database,
    name: &str,
    query: &str,
    params: &Params,
    want: Vec<Vec<Value>>,
) {
    check(db, query, params, &want);
    eprintln!("{name}: answer checked, {}", summary(&want));
    group.bench_function(name, |b| b.iter(|| black_box(run(db, query, params))));
}

/// The read benchmarks, over one graph built for them all.
fn reads(c: &mut Criterion) {
    let graph = generate();
    let mut db = load(&graph);
    let db = &mut db;
    let none = Params::new();
    // Flat sampling: the slow queries (tens of ms) still fit their window.
    let mut group = c.benchmark_group("reads");
    group.sampling_mode(SamplingMode::Flat);
    let c = &mut group;

    bench_query(c, db, "statement_return_1", "RETURN 1", &none, int(1));

    // Point lookups cycle through 256 ids spread over the graph, each
    // answer checked once before timing.
    let lookup = "MATCH (n:Person {id: $id}) RETURN n.name";
    let lookups: Vec<(Params, usize)> = (0..256)
        .map(|i| (i * 7_877 + 3) % PERSONS)
        .map(|id| (params(&[("id", Value::Int(id as i64))]), id))
        .collect();
    for (p, id) in &lookups {
        check(db, lookup, p, &[vec![Value::string(graph.names[*id])]]);
    }
    eprintln!("index_seek_point_lookup: {} answers checked", lookups.len());
    let mut next = lookups.iter().map(|(p, _)| p).cycle();
    c.bench_function("index_seek_point_lookup", |b| {
        b.iter(|| black_box(run(db, lookup, next.next().unwrap_or(&none))))
    });

    let starting_a = graph.names.iter().filter(|n| n.starts_with('A')).count();
    bench_query(
        c,
        db,
        "label_scan_filter_starts_with",
        "MATCH (n:Person) WHERE n.name STARTS WITH 'A' RETURN count(*)",
        &none,
        int(starting_a),
    );

    // The expansions start from a person with 4x the average out-degree.
    let start = graph.with_out_degree(4 * KNOWS / PERSONS);
    let from = params(&[("id", Value::Int(start as i64))]);
    eprintln!(
        "expansions start at Person {start}, out-degree {}",
        graph.out[start].len()
    );
    bench_query(
        c,
        db,
        "expand_1_hop_count",
        "MATCH (n:Person {id: $id})-[:knows]->(m) RETURN count(*)",
        &from,
        int(graph.out[start].len()),
    );
    bench_query(
        c,
        db,
        "expand_2_hop_count_distinct",
        "MATCH (n:Person {id: $id})-[:knows]->()-[:knows]->(c) RETURN count(DISTINCT c)",
        &from,
        int(graph.two_hop_distinct(start)),
    );
    bench_query(
        c,
        db,
        "var_length_1_to_3_count",
        "MATCH (n:Person {id: $id})-[:knows*1..3]->(m) RETURN count(*)",
        &from,
        int(graph.trails(start, 3, &mut Vec::new())),
    );

    // shortestPath to the reachable person farthest from the start (the
    // lowest id on a tie): the search has to cover most of the graph.
    let dist = graph.distances(start);
    let (far, hops) = (0..PERSONS)
        .filter_map(|n| dist[n].map(|d| (n, d)))
        .max_by_key(|&(n, d)| (d, std::cmp::Reverse(n)))
        .unwrap_or((start, 0));
    eprintln!("shortest_path_length: from Person {start} to Person {far}");
    bench_query(
        c,
        db,
        "shortest_path_length",
        "MATCH (a:Person {id: $from}), (b:Person {id: $to}) \
         MATCH p = shortestPath((a)-[:knows*]->(b)) RETURN length(p)",
        &params(&[
            ("from", Value::Int(start as i64)),
            ("to", Value::Int(far as i64)),
        ]),
        int(hops),
    );

    let mut groups: BTreeMap<&str, i64> = BTreeMap::new();
    for name in &graph.names {
        *groups.entry(name).or_default() += 1;
    }
    bench_query(
        c,
        db,
        "aggregate_group_by_name",
        "MATCH (n:Person) RETURN n.name, count(*) ORDER BY n.name",
        &none,
        groups
            .iter()
            .map(|(name, n)| vec![Value::string(name), Value::Int(*n)])
            .collect(),
    );

    let mut by_name: Vec<usize> = (0..PERSONS).collect();
    by_name.sort_by(|&x, &y| graph.names[y].cmp(graph.names[x]).then(x.cmp(&y)));
    bench_query(
        c,
        db,
        "order_by_limit_10",
        "MATCH (n:Person) RETURN n.id ORDER BY n.name DESC, n.id LIMIT 10",
        &none,
        by_name[..10]
            .iter()
            .map(|&id| vec![Value::Int(id as i64)])
            .collect(),
    );
    group.finish();
}

/// `CREATE` of 1,000 nodes in one `UNWIND`, each run in a fresh database.
fn creates(c: &mut Criterion) {
    let query = "UNWIND range(0, 999) AS i CREATE (:Person {id: i, name: 'P' + toString(i)})";
    let none = Params::new();
    let mut db = Database::in_memory();
    let created = run(&mut db, query, &none).stats.nodes_created;
    assert_eq!(created, 1_000, "{query}: nodes created");
    assert_eq!(db.counts(), (1_000, 0), "{query}: the database after it");
    eprintln!("create_1000_nodes_unwind: answer checked, {created} nodes");
    let mut group = c.benchmark_group("writes");
    group.bench_function("create_1000_nodes_unwind", |b| {
        b.iter_batched(
            Database::in_memory,
            |mut db| black_box(run(&mut db, query, &none)),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// Few samples and short windows: the whole run stays around a minute on a
/// small shared machine; the medians are what docs/benchmarks.md reports.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = operators;
    config = config();
    targets = reads, creates
}
criterion_main!(operators);
