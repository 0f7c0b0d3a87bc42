//! `quiver --db PATH export`, drawings of results, and the round trips
//! export → import → the same graph.

use super::util::{
    GRAPH, TempDir, command, json_lines, quiver, require_graphviz, require_networkx, temp_dir,
    without_history,
};
use std::path::Path;
use std::process::Command;

/// A database holding the bundled graph and the CSV example (integers,
/// floats, booleans, strings, lists, several labels).
fn sample_db(name: &str) -> (TempDir, String) {
    let dir = temp_dir(name);
    let db = dir.join("source.quiver").to_str().unwrap().to_string();
    let run = quiver(&["--db", &db, "--load", GRAPH]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let run = quiver(&[
        "--db",
        &db,
        "import",
        "--append",
        "--nodes",
        "Person=examples/csv/people.csv",
        "--nodes",
        "Company=examples/csv/companies.csv",
        "--relationships",
        "WORKS_AT=examples/csv/works_at.csv",
        "--relationships",
        "KNOWS=examples/csv/knows.csv",
    ]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    (dir, db)
}

/// The graph as sorted JSON rows: every node (labels, properties) and every
/// relationship (start, type, properties, end), ids left out.
fn describe(db: &str) -> Vec<String> {
    let run = quiver(&[
        "--db",
        db,
        "--format",
        "json",
        "-e",
        "MATCH (n) RETURN labels(n), properties(n)",
        "-e",
        "MATCH (a)-[r]->(b) RETURN properties(a), type(r), properties(r), properties(b)",
    ]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let mut rows: Vec<String> = json_lines(&run.stdout)
        .iter()
        .flat_map(|o| o["rows"].as_array().cloned().unwrap_or_default())
        .map(|row| row.to_string())
        .collect();
    rows.sort();
    rows
}

fn export(db: &str, args: &[&str]) -> super::util::Run {
    let mut all = vec!["--db", db, "export"];
    all.extend_from_slice(args);
    quiver(&all)
}

#[test]
fn jsonl_round_trips_to_the_same_graph_and_the_same_file() {
    let (dir, db) = sample_db("export-jsonl");
    let first = export(&db, &["--format", "jsonl"]);
    assert_eq!((first.status, first.stderr.as_str()), (Some(0), ""));
    // A commit line for each of the two commits (the load, the import).
    assert_eq!(first.stdout.lines().count(), 2 + 9 + 5 + 13 + 4);
    let file = dir.join("graph.jsonl");
    std::fs::write(&file, &first.stdout).unwrap();
    let copy = dir.join("copy.quiver").to_str().unwrap().to_string();
    let run = quiver(&[
        "--db",
        &copy,
        "import",
        "--format",
        "jsonl",
        file.to_str().unwrap(),
    ]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "imported 14 nodes and 17 relationships\n", "")
    );
    assert_eq!(describe(&copy), describe(&db));
    assert_eq!(
        without_history(&export(&copy, &["--format", "jsonl"]).stdout),
        without_history(&first.stdout)
    );
}

#[test]
fn csv_round_trips_to_the_same_graph() {
    let (dir, db) = sample_db("export-csv");
    let out = dir.join("csv");
    let run = export(&db, &["--format", "csv", "--out", out.to_str().unwrap()]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "", "")
    );
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_string())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "nodes_Company.csv",
            "nodes_Company_Startup.csv",
            "nodes_Person.csv",
            "nodes_Platform.csv",
            "nodes_Product.csv",
            "nodes_Publication.csv",
            "rels_KNOWS.csv",
            "rels_WORKS_AT.csv",
            "rels_ceo-of.csv",
            "rels_develops.csv",
            "rels_invests-in.csv",
            "rels_owns.csv",
            "rels_partners-with.csv",
            "rels_revenue-share.csv",
            "rels_runs-on.csv",
            "rels_stake.csv",
            "rels_sued.csv",
            "rels_writes-for.csv",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("nodes_Person.csv"))
            .unwrap()
            .lines()
            .next(),
        Some(":ID,:LABEL,born:int,country:string,id:string,name:string,tags:string[]")
    );
    let copy = dir.join("copy.quiver").to_str().unwrap().to_string();
    let mut args = vec!["--db".to_string(), copy.clone(), "import".to_string()];
    for f in &files {
        let flag = if f.starts_with("nodes_") {
            "--nodes"
        } else {
            "--relationships"
        };
        args.push(flag.to_string());
        args.push(out.join(f).to_str().unwrap().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = quiver(&args);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "imported 14 nodes and 17 relationships\n", "")
    );
    assert_eq!(describe(&copy), describe(&db));
}

#[test]
fn cypher_round_trips_through_load() {
    let (dir, db) = sample_db("export-cypher");
    let run = export(
        &db,
        &[
            "--format",
            "cypher",
            "--out",
            dir.join("dump.cypher").to_str().unwrap(),
        ],
    );
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let copy = dir.join("copy.quiver").to_str().unwrap().to_string();
    let run = quiver(&[
        "--db",
        &copy,
        "--load",
        dir.join("dump.cypher").to_str().unwrap(),
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(describe(&copy), describe(&db));
}

/// Runs `python3 -c SCRIPT FILE` and returns what it printed; fails the
/// test when python3 or networkx is missing here (scripts/test installs
/// both).
fn networkx(script: &str, file: &Path) -> String {
    require_networkx();
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn networkx_reads_the_graphml_with_its_types() {
    let dir = temp_dir("export-graphml");
    let db = dir.join("g.quiver").to_str().unwrap().to_string();
    assert_eq!(quiver(&["--db", &db, "--load", GRAPH]).status, Some(0));
    let file = dir.join("g.graphml");
    let run = export(
        &db,
        &["--format", "graphml", "--out", file.to_str().unwrap()],
    );
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let script = "import sys, networkx as nx\n\
                  g = nx.read_graphml(sys.argv[1])\n\
                  stake = [d for _, _, d in g.edges(data=True) if d['label'] == 'stake'][0]\n\
                  sued = [d for _, _, d in g.edges(data=True) if d['label'] == 'sued'][0]\n\
                  names = sorted(d['name'] for _, d in g.nodes(data=True))\n\
                  print(g.number_of_nodes(), g.number_of_edges(), repr(stake['percent']), names[0], \
                        repr(sued['filed']))";
    // A date is its ISO text in a string key (marked quiver.type="date").
    assert_eq!(networkx(script, &file), "9 13 27 Azure '2025-04-01'\n");
    // A query's result, on the command line.
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "graphml",
        "-e",
        "MATCH (a:Person)-[r]->(b) RETURN a, r, b",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let file = dir.join("result.graphml");
    std::fs::write(&file, &run.stdout).unwrap();
    let script = "import sys, networkx as nx\n\
                  g = nx.read_graphml(sys.argv[1])\n\
                  print(g.number_of_nodes(), g.number_of_edges(), sorted(nx.get_node_attributes(g, 'labels').values()))";
    assert_eq!(
        networkx(script, &file),
        "4 2 [':Company', ':Person', ':Person', ':Publication']\n"
    );
}

#[test]
fn svg_and_png_are_rendered_by_graphviz() {
    require_graphviz();
    let dir = temp_dir("export-svg");
    let db = dir.join("g.quiver").to_str().unwrap().to_string();
    assert_eq!(quiver(&["--db", &db, "--load", GRAPH]).status, Some(0));
    let run = export(&db, &["--format", "svg", "--dot-edge-label", "percent"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert!(run.stdout.contains("<svg"), "{}", run.stdout);
    assert!(run.stdout.contains(">OpenAI</text>"), "{}", run.stdout);
    assert!(run.stdout.contains(">percent: 27</text>"), "{}", run.stdout);
    let png = dir.join("g.png");
    let output = command()
        .args([
            "--db",
            &db,
            "--format",
            "png",
            "-e",
            "MATCH (c:Company) RETURN c",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(&output.stdout[..4], b"\x89PNG");
    let run = export(&db, &["--format", "png", "--out", png.to_str().unwrap()]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..4], b"\x89PNG");
}

#[test]
fn without_graphviz_svg_says_how_to_install_it() {
    let dir = temp_dir("export-no-graphviz");
    let db = dir.join("g.quiver").to_str().unwrap().to_string();
    assert_eq!(quiver(&["--db", &db, "--load", GRAPH]).status, Some(0));
    let output = command()
        .args(["--db", &db, "export", "--format", "svg"])
        .env("PATH", dir.to_str().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "quiver: Graphviz's `dot` program is needed to render svg and png and was not found; \
         install Graphviz (Debian/Ubuntu: `apt-get install graphviz`, macOS: `brew install \
         graphviz`, Windows: `winget install graphviz`, or https://graphviz.org/download/), or \
         use --format dot\n"
    );
}

#[test]
fn dot_is_styled_and_cut_to_the_limit() {
    let dir = temp_dir("export-dot");
    let db = dir.join("g.quiver").to_str().unwrap().to_string();
    assert_eq!(quiver(&["--db", &db, "--load", GRAPH]).status, Some(0));
    let run = export(
        &db,
        &[
            "--format",
            "dot",
            "--rankdir",
            "TB",
            "--dot-cluster",
            "--dot-caption",
            "hq",
            "--dot-edge-label",
            "percent,amount_usd",
        ],
    );
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let text = run.stdout;
    assert!(text.contains("  rankdir=TB;\n"), "{text}");
    assert!(text.contains("label=\"Company\"; fontname"), "{text}");
    assert!(
        text.contains("[label=\"Redmond\", fillcolor=\"#8dd3c7\"]"),
        "{text}"
    );
    assert!(text.contains("[label=\"stake\\npercent: 27\"]"), "{text}");
    assert!(!text.contains("cluster_legend"), "{text}");

    let run = export(&db, &["--format", "dot", "--dot-limit", "3"]);
    assert_eq!(run.status, Some(0));
    assert_eq!(
        run.stderr,
        "warning: the graph has 9 nodes; drawing the first 3 (raise --dot-limit to draw more)\n"
    );
    assert!(run.stdout.contains("cluster_legend"), "{}", run.stdout);
}

#[test]
fn csv_export_needs_a_folder() {
    let dir = temp_dir("export-usage");
    let db = dir.join("g.quiver").to_str().unwrap().to_string();
    let run = export(&db, &["--format", "csv"]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(2),
            "quiver: export --format csv writes a folder: give --out DIR\n"
        )
    );
}
