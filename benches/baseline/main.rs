//! The baseline benchmark: generate a seeded synthetic knowledge graph, load
//! it through the public API in parameterised batches, time a few read
//! queries, check every answer against a direct computation over the edge
//! list, and print a markdown table.
//!
//! ```text
//! cargo bench --bench baseline                                # 100k nodes, 1M relationships
//! cargo bench --bench baseline -- --nodes 1000 --rels 10000   # a quick run
//! cargo bench --bench baseline -- --seed 7
//! ```
//!
//! Exits non-zero when the engine returns an error or a wrong answer.

mod generate;
mod load;
mod machine;
mod reference;
mod timing;

use generate::KNOWS;
use quiverdb::{Database, Params, QueryResult, Value};
use reference::Adjacency;
use std::process::ExitCode;
use timing::{Samples, human, measure, thousands};

/// The run's options.
struct Options {
    nodes: usize,
    rels: usize,
    seed: u64,
}

const USAGE: &str = "usage: baseline [--nodes N] [--rels M] [--seed S]";

/// Reads `--nodes`, `--rels` and `--seed`; ignores the `--bench` that
/// `cargo bench` adds.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut opts = Options {
        nodes: 100_000,
        rels: 1_000_000,
        seed: 42,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .and_then(|v| v.replace('_', "").parse::<u64>().ok())
                .ok_or_else(|| format!("{name} needs a non-negative integer\n{USAGE}"))
        };
        match arg.as_str() {
            "--nodes" => opts.nodes = value("--nodes")? as usize,
            "--rels" => opts.rels = value("--rels")? as usize,
            "--seed" => opts.seed = value("--seed")?,
            "--bench" => {}
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if opts.nodes < 10 {
        return Err("--nodes must be at least 10".to_string());
    }
    Ok(opts)
}

fn main() -> ExitCode {
    let result = parse_args(std::env::args().skip(1)).and_then(|opts| run(&opts));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("baseline: {message}");
            ExitCode::FAILURE
        }
    }
}

/// One line of the results table.
struct Line {
    what: String,
    samples: Samples,
    answer: String,
}

fn run(opts: &Options) -> Result<(), String> {
    println!(
        "generating {} nodes, {} relationships, seed {}",
        thousands(opts.nodes as u64),
        thousands(opts.rels as u64),
        opts.seed
    );
    let graph = generate::generate(opts.nodes, opts.rels, opts.seed);
    let knows = Adjacency::new(graph.nodes.len(), &graph.rels, KNOWS)?;
    let (max_in, max_out) = knows.max_degrees();
    println!(
        "fingerprint {:016x}; knows: {} relationships, max in-degree {max_in}, max out-degree {max_out}",
        generate::fingerprint(&graph),
        graph.rels.iter().filter(|r| r.kind == KNOWS).count()
    );

    let mut db = Database::in_memory();
    let loaded = load::load(&mut db, &graph)?;
    let (nodes, rels) = db.counts();
    if (nodes, rels) != (graph.nodes.len(), graph.rels.len()) {
        return Err(format!(
            "after the load the database has {nodes} nodes and {rels} relationships, expected {} and {}",
            graph.nodes.len(),
            graph.rels.len()
        ));
    }

    // Cheap queries first: the all-nodes scan leaves the allocator and the
    // caches cold for whatever follows it.
    let mut lines = point_lookups(&mut db, &graph)?;
    lines.extend(two_hops(&mut db, &knows)?);

    print_report(opts, &loaded, &lines);
    println!(
        "\npeak memory (whole process, generator included): {}",
        machine::peak_memory()
    );
    println!("all answers match the direct computation over the edge list");
    Ok(())
}

/// How many point lookups one measured run makes.
const LOOKUPS: usize = 1_000;

/// The per-statement overhead (`RETURN 1`) and a run of point lookups by
/// `id`, each for a different node, each answer checked.
fn point_lookups(db: &mut Database, graph: &generate::Graph) -> Result<Vec<Line>, String> {
    let none = Params::new();
    let overhead = Line {
        what: "statement overhead `RETURN 1` (parse, plan, execute)".to_string(),
        samples: measure(
            || scalar(db, "RETURN 1", &none),
            |got| expect("RETURN 1", got, Value::Int(1)),
        )?,
        answer: "1".to_string(),
    };
    // Ids spread over every label range, the same on every run.
    let count = LOOKUPS.min(graph.nodes.len());
    let ids: Vec<usize> = (0..count)
        .map(|i| (i * 7_919 + 17) % graph.nodes.len())
        .collect();
    let lookups = Line {
        what: format!(
            "{} point lookups `MATCH (n {{id: $id}}) RETURN n.name`, one statement each",
            thousands(count as u64)
        ),
        samples: measure(
            || {
                for &id in &ids {
                    let got = scalar(
                        db,
                        "MATCH (n {id: $id}) RETURN n.name",
                        &params(&[("id", Value::Int(id as i64))]),
                    )?;
                    expect("point lookup", &got, Value::string(&graph.nodes[id].name))?;
                }
                Ok(())
            },
            |_| Ok(()),
        )?,
        answer: format!("{} names", thousands(count as u64)),
    };
    Ok(vec![overhead, lookups])
}

/// The 2-hop `knows` counts: from the busiest source (the heaviest
/// single-node 2-hop), and over all nodes.
fn two_hops(db: &mut Database, knows: &Adjacency) -> Result<Vec<Line>, String> {
    let hub = knows.busiest();
    let (paths, ends) = knows.two_hop_from(hub);
    let hub_params = params(&[("id", Value::Int(hub as i64))]);
    let all = knows.two_hop_all();
    Ok(vec![
        query_line(
            db,
            format!(
                "2-hop `count(*)` from one Person (id {hub}, out-degree {})",
                knows.out_degree(hub)
            ),
            "MATCH (a:Person {id: $id})-[:knows]->()-[:knows]->(c) RETURN count(*)",
            &hub_params,
            paths,
        )?,
        query_line(
            db,
            format!("2-hop `count(DISTINCT c)` from the same Person (id {hub})"),
            "MATCH (a:Person {id: $id})-[:knows]->()-[:knows]->(c) RETURN count(DISTINCT c)",
            &hub_params,
            ends,
        )?,
        query_line(
            db,
            "2-hop `count(*)` over all nodes".to_string(),
            "MATCH (a)-[:knows]->()-[:knows]->(c) RETURN count(*)",
            &Params::new(),
            all,
        )?,
    ])
}

/// Times a query that returns one count, checking it is `want` on every run.
fn query_line(
    db: &mut Database,
    what: String,
    query: &str,
    params: &Params,
    want: u64,
) -> Result<Line, String> {
    let samples = measure(
        || scalar(db, query, params),
        |got| expect(query, got, Value::Int(want as i64)),
    )?;
    Ok(Line {
        what,
        samples,
        answer: thousands(want),
    })
}

/// Parameters from `(name, value)` pairs.
fn params(pairs: &[(&str, Value)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// Runs a query that returns one row of one column, and returns that value.
fn scalar(db: &mut Database, query: &str, params: &Params) -> Result<Value, String> {
    let result: QueryResult = db
        .execute(query, params)
        .map_err(|e| format!("{query}: {e}"))?;
    match result.rows.as_slice() {
        [row] if row.len() == 1 => Ok(row[0].clone()),
        _ => Err(format!(
            "{query}: expected one row of one column, got {} rows",
            result.rows.len()
        )),
    }
}

/// An error unless `got` is `want`.
fn expect(what: &str, got: &Value, want: Value) -> Result<(), String> {
    if *got == want {
        Ok(())
    } else {
        Err(format!(
            "wrong answer for {what}: the engine says {got:?}, the edge list says {want:?}"
        ))
    }
}

fn print_report(opts: &Options, loaded: &load::Loaded, lines: &[Line]) {
    println!();
    println!(
        "Machine: {} CPUs (nproc), {}; date {} (UTC); seed {}, {} nodes, {} relationships",
        machine::nproc(),
        machine::cpu_model(),
        machine::today_utc(),
        opts.seed,
        thousands(opts.nodes as u64),
        thousands(opts.rels as u64)
    );
    println!();
    println!("| load | time | rate |");
    println!("| --- | ---: | ---: |");
    for (what, count, time) in [
        ("nodes", loaded.nodes, loaded.node_time),
        ("relationships", loaded.rels, loaded.rel_time),
        (
            "total",
            loaded.nodes + loaded.rels,
            loaded.node_time + loaded.rel_time,
        ),
    ] {
        println!(
            "| {} {what} | {} | {} |",
            thousands(count),
            human(time),
            timing::rate(count, time)
        );
    }
    println!();
    println!("| query | answer | runs | min | median | max |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for line in lines {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            line.what,
            line.answer,
            line.samples.runs(),
            human(line.samples.min()),
            human(line.samples.median()),
            human(line.samples.max())
        );
    }
}
