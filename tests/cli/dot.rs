//! `--format dot`: one Graphviz digraph of every result.

use super::util::{GRAPH, quiver, require_graphviz, temp_dir, write_file};
use std::process::Command;

#[test]
fn the_whole_graph_as_dot_is_accepted_by_graphviz() {
    let run = quiver(&[
        "--load",
        GRAPH,
        "--format",
        "dot",
        "-e",
        "MATCH (a)-[r]->(b) RETURN a, r, b",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let lines: Vec<&str> = run.stdout.lines().map(str::trim).collect();
    assert!(lines[0].starts_with("digraph"), "{}", run.stdout);
    let edges = lines.iter().filter(|l| l.contains(" -> ")).count();
    let nodes = lines.iter().filter(|l| is_node_statement(l)).count();
    assert_eq!((nodes, edges), (9, 13), "{}", run.stdout);

    require_graphviz();
    let dir = temp_dir("dot");
    let file = write_file(&dir, "graph.dot", &run.stdout);
    let svg = Command::new("dot")
        .args(["-Tsvg", "-o"])
        .arg(dir.join("graph.svg"))
        .arg(&file)
        .output()
        .expect("Graphviz's `dot` runs");
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
}

#[test]
fn several_results_make_one_digraph() {
    let run = quiver(&[
        "--load",
        GRAPH,
        "--format",
        "dot",
        "-e",
        "MATCH (a:Person) RETURN a",
        "-e",
        "MATCH (c:Company {name: 'PayPal'}) RETURN c",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(run.stdout.matches("digraph").count(), 1, "{}", run.stdout);
    let nodes = run
        .stdout
        .lines()
        .map(str::trim)
        .filter(|l| is_node_statement(l));
    assert_eq!(nodes.count(), 3, "{}", run.stdout);
}

/// Whether a DOT line declares a node: `n7 [label="OpenAI"];`.
fn is_node_statement(line: &str) -> bool {
    let Some((id, rest)) = line.split_once(' ') else {
        return false;
    };
    let Some(digits) = id.strip_prefix('n') else {
        return false;
    };
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with('[')
}
