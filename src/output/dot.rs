//! Graphviz DOT: one `digraph quiver` of every node, relationship and path
//! found anywhere in the rows (inside lists, maps and paths too), each once.
//!
//! ```text
//! digraph quiver {
//!   rankdir=LR;
//!   node [shape=box, style=rounded, fontname="Helvetica"];
//!   edge [fontname="Helvetica", fontsize=10];
//!   n1 [label="OpenAI"];
//!   n2 [label="Microsoft"];
//!   n2 -> n1 [label="stake"];
//! }
//! ```
//!
//! A node is called `n<ID>` and labelled with its `name` property (its
//! literal form when that is not a string), else its labels joined by `:`,
//! else `#<ID>`. An edge goes from its relationship's start to its end,
//! labelled with the type. The endpoints of every relationship are drawn
//! even when the rows do not mention them. Nodes, then edges, sorted by id.

use super::literal::literal;
use crate::result::{NodeData, QueryResult, RelData};
use crate::value::{NodeId, RelId, Value};
use std::collections::BTreeMap;

/// Everything to draw, merged over results (the last result that describes
/// an entity wins: it saw the latest state).
#[derive(Default)]
struct Drawing {
    /// Node id → its label text.
    nodes: BTreeMap<NodeId, String>,
    /// Relationship id → (start, end, label text).
    edges: BTreeMap<RelId, (NodeId, NodeId, String)>,
}

/// A DOT document (a single `digraph`) of everything in these results.
pub fn dot_document(results: &[&QueryResult]) -> String {
    let mut drawing = Drawing::default();
    for result in results {
        for row in &result.rows {
            for value in row {
                drawing.collect(result, value);
            }
        }
    }
    drawing.render()
}

impl Drawing {
    /// Adds every entity inside `value`.
    fn collect(&mut self, result: &QueryResult, value: &Value) {
        match value {
            Value::Node(id) => self.node(result, *id),
            Value::Relationship(id) => {
                if let Some(rel) = result.relationship(*id) {
                    self.edge(result, *id, rel.start, rel.end);
                }
                // Unknown and not in a path: no endpoints to draw it between.
            }
            Value::Path(path) => {
                for id in &path.nodes {
                    self.node(result, *id);
                }
                for (i, id) in path.rels.iter().enumerate() {
                    let walk = (path.nodes.get(i), path.nodes.get(i + 1));
                    match (result.relationship(*id), walk) {
                        (Some(rel), _) => self.edge(result, *id, rel.start, rel.end),
                        // Unknown: at least the walk says what it joins.
                        (None, (Some(from), Some(to))) => self.edge(result, *id, *from, *to),
                        (None, _) => {}
                    }
                }
            }
            Value::List(items) => {
                for item in items {
                    self.collect(result, item);
                }
            }
            Value::Map(map) => {
                for item in map.values() {
                    self.collect(result, item);
                }
            }
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::String(_) => {}
        }
    }

    fn node(&mut self, result: &QueryResult, id: NodeId) {
        match result.node(id) {
            Some(data) => {
                self.nodes.insert(id, node_label(result, id, data));
            }
            None => {
                self.nodes.entry(id).or_insert_with(|| format!("#{id}"));
            }
        }
    }

    fn edge(&mut self, result: &QueryResult, id: RelId, start: NodeId, end: NodeId) {
        self.node(result, start);
        self.node(result, end);
        let label = match result.relationship(id) {
            Some(RelData { rel_type, .. }) => rel_type.clone(),
            None => format!("#{id}"),
        };
        if result.relationship(id).is_some() || !self.edges.contains_key(&id) {
            self.edges.insert(id, (start, end, label));
        }
    }

    fn render(&self) -> String {
        let mut out = String::from(
            "digraph quiver {\n  rankdir=LR;\n  \
             node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  \
             edge [fontname=\"Helvetica\", fontsize=10];\n",
        );
        for (id, label) in &self.nodes {
            out.push_str(&format!("  n{id} [label={}];\n", quote(label)));
        }
        for (start, end, label) in self.edges.values() {
            out.push_str(&format!("  n{start} -> n{end} [label={}];\n", quote(label)));
        }
        out.push_str("}\n");
        out
    }
}

/// The text a node is drawn with: `name`, else labels, else `#id`.
fn node_label(result: &QueryResult, id: NodeId, data: &NodeData) -> String {
    match data.properties.get("name") {
        Some(Value::String(name)) => name.to_string(),
        Some(other) => literal(result, other),
        None if !data.labels.is_empty() => data.labels.join(":"),
        None => format!("#{id}"),
    }
}

/// A DOT double-quoted string: `"` and `\` escaped, line breaks as `\n`
/// (Graphviz's centred line break). Other Graphviz escapes (`\l`, `\N`...)
/// cannot arise because every backslash is doubled.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixtures::{map, props, sample, with_rows};
    use crate::value::Path;

    const HEAD: &str = "digraph quiver {\n  rankdir=LR;\n  \
        node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  \
        edge [fontname=\"Helvetica\", fontsize=10];\n";

    fn check(results: &[&QueryResult], body: &str) {
        assert_eq!(dot_document(results), format!("{HEAD}{body}}}\n"));
    }

    #[test]
    fn an_empty_result_is_an_empty_graph() {
        check(&[&QueryResult::default()], "");
    }

    #[test]
    fn nodes_relationships_and_paths_each_once() {
        let result = with_rows(
            &["n", "r", "p", "nested"],
            vec![vec![
                Value::Node(1),
                Value::Relationship(10),
                Value::Path(Path {
                    nodes: vec![3, 1, 2],
                    rels: vec![11, 10],
                }),
                map(&[("xs", Value::List(vec![Value::Node(5), Value::Node(4)]))]),
            ]],
        );
        check(
            &[&result],
            "  n1 [label=\"OpenAI\"];\n  \
             n2 [label=\"Microsoft\"];\n  \
             n3 [label=\"A:B\"];\n  \
             n4 [label=\"#4\"];\n  \
             n5 [label=\"#5\"];\n  \
             n2 -> n1 [label=\"stake\"];\n  \
             n3 -> n1 [label=\"odd type\"];\n",
        );
    }

    #[test]
    fn endpoints_are_declared_and_unknowns_use_ids() {
        let mut result = with_rows(
            &["r", "p"],
            vec![vec![
                Value::Relationship(11),
                Value::Path(Path {
                    nodes: vec![7, 8],
                    rels: vec![99],
                }),
            ]],
        );
        result.nodes.remove(&3);
        check(
            &[&result],
            "  n1 [label=\"OpenAI\"];\n  \
             n3 [label=\"#3\"];\n  \
             n7 [label=\"#7\"];\n  \
             n8 [label=\"#8\"];\n  \
             n3 -> n1 [label=\"odd type\"];\n  \
             n7 -> n8 [label=\"#99\"];\n",
        );
    }

    #[test]
    fn names_are_escaped() {
        let mut result = with_rows(&["n"], vec![vec![Value::Node(1)], vec![Value::Node(2)]]);
        result.nodes.get_mut(&1).unwrap().properties =
            props(&[("name", Value::string("say \"hi\"\\n\nnext\r\nlast"))]);
        result.nodes.get_mut(&2).unwrap().properties = props(&[("name", Value::Int(42))]);
        check(
            &[&result],
            "  n1 [label=\"say \\\"hi\\\"\\\\n\\nnext\\nlast\"];\n  \
             n2 [label=\"42\"];\n",
        );
    }

    #[test]
    fn several_results_make_one_graph() {
        let first = with_rows(&["n"], vec![vec![Value::Node(1)]]);
        let mut second = with_rows(&["n", "m"], vec![vec![Value::Node(1), Value::Node(2)]]);
        second.nodes.get_mut(&1).unwrap().properties = props(&[("name", Value::string("Open AI"))]);
        let mut third = sample();
        third.columns = vec!["r".to_string()];
        third.rows = vec![vec![Value::Relationship(10)]];
        third.nodes.clear();
        check(
            &[&first, &second, &third],
            "  n1 [label=\"Open AI\"];\n  \
             n2 [label=\"Microsoft\"];\n  \
             n2 -> n1 [label=\"stake\"];\n",
        );
    }

    /// Graphviz itself accepts what we write (skipped where `dot` is not installed).
    #[test]
    fn graphviz_accepts_tricky_names() {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut result = with_rows(
            &["p"],
            vec![vec![Value::Path(Path {
                nodes: vec![2, 1, 3],
                rels: vec![10, 11],
            })]],
        );
        result.nodes.get_mut(&1).unwrap().properties = props(&[(
            "name",
            Value::string("a \"quoted\" \\ back\\slash\\\nnew line -> { } ; é"),
        )]);
        result.nodes.get_mut(&2).unwrap().properties =
            props(&[("name", Value::string("trailing backslash \\"))]);
        let document = dot_document(&[&result]);
        let child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            return; // no Graphviz here; CI installs it
        };
        child
            .stdin
            .take()
            .unwrap()
            .write_all(document.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "dot failed: {stderr}\n{document}");
        assert!(stderr.is_empty(), "dot warned: {stderr}\n{document}");
        let svg = String::from_utf8_lossy(&output.stdout);
        assert!(
            svg.contains("a &quot;quoted&quot; \\ back\\slash\\"),
            "{svg}"
        );
        assert!(svg.contains("trailing backslash \\"), "{svg}");
    }
}
