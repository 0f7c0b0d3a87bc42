//! Graphviz DOT: one `digraph quiver` of every node, relationship and path
//! found anywhere in the rows (inside lists, maps and paths too), each once,
//! styled for people to look at.
//!
//! ```text
//! digraph quiver {
//!   rankdir=LR;
//!   node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];
//!   edge [fontname="Helvetica", fontsize=10, color="#555555"];
//!   n1 [label="OpenAI", fillcolor="#8dd3c7"];
//!   n2 [label="Microsoft", fillcolor="#8dd3c7"];
//!   n2 -> n1 [label="stake"];
//!   subgraph cluster_legend {
//!     label="Labels"; fontname="Helvetica"; style="rounded,dashed"; color="#999999";
//!     legend0 [label="Company", fillcolor="#8dd3c7"];
//!   }
//! }
//! ```
//!
//! A node is called `n<ID>`, captioned with its `name` property (or the
//! property [`DotStyle::caption`] names; its literal form when that is not a
//! string), else its labels joined by `:`, else `#<ID>`, and filled with the
//! colour of its first label (labels in sorted order get the colours of a
//! fixed palette in turn); a legend names the colours. An edge goes from its
//! relationship's start to its end, captioned with the type and the chosen
//! properties. The endpoints of every relationship are drawn even when the
//! rows do not mention them. Nodes, then edges, sorted by id; with
//! [`DotStyle::cluster`] the nodes of each label are boxed together instead
//! of a legend. Beyond [`DotStyle::limit`] nodes, the rest (and their edges)
//! are left out and [`DotDocument::warning`] says so.

use super::literal::literal;
use super::provenance::{Provenance, source_line, source_name};
use crate::result::{NodeData, QueryResult, RelData};
use crate::value::{NodeId, RelId, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Fill colours for labels, in order (ColorBrewer Set3, pastel and readable
/// under black text); more labels than colours reuse them.
const PALETTE: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
];

/// How a drawing looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DotStyle {
    /// The node property captions come from (`name`).
    pub caption: String,
    /// Relationship properties shown under the type.
    pub edge_label: Vec<String>,
    /// Graphviz's `rankdir`: `LR` (the default) or `TB`, `RL`, `BT`.
    pub rankdir: String,
    /// Box the nodes of each label together (a legend otherwise).
    pub cluster: bool,
    /// The most nodes to draw; `None` draws all.
    pub limit: Option<usize>,
    /// Show each relationship's sources (`--dot-provenance`): in its
    /// tooltip, and under its type when `edge_label` names `sources`.
    pub provenance: bool,
}

impl Default for DotStyle {
    fn default() -> DotStyle {
        DotStyle {
            caption: "name".to_string(),
            edge_label: Vec::new(),
            rankdir: "LR".to_string(),
            cluster: false,
            limit: None,
            provenance: false,
        }
    }
}

/// A drawing and, when nodes were left out, a warning for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DotDocument {
    /// The `digraph`.
    pub text: String,
    /// Set when the limit cut the graph.
    pub warning: Option<String>,
}

/// A node to draw.
#[derive(Debug, Clone)]
struct DrawnNode {
    caption: String,
    /// Its first label, which picks its colour.
    label: Option<String>,
}

/// Everything to draw, merged over results (the last result that describes
/// an entity wins: it saw the latest state).
struct Drawing<'s> {
    style: &'s DotStyle,
    /// The relationships' sources (shown with [`DotStyle::provenance`]).
    sources: &'s Provenance,
    nodes: BTreeMap<NodeId, DrawnNode>,
    /// Relationship id → (start, end, caption).
    edges: BTreeMap<RelId, (NodeId, NodeId, String)>,
}

/// A DOT document (a single `digraph`) of everything in these results,
/// in the default style and without a limit.
pub fn dot_document(results: &[&QueryResult]) -> String {
    dot_styled(results, &DotStyle::default(), &Provenance::default()).text
}

/// A DOT document of everything in these results, drawn in `style`, with
/// the relationships' `sources` when the style shows provenance.
pub(crate) fn dot_styled(
    results: &[&QueryResult],
    style: &DotStyle,
    sources: &Provenance,
) -> DotDocument {
    let mut drawing = Drawing {
        style,
        sources,
        nodes: BTreeMap::new(),
        edges: BTreeMap::new(),
    };
    for result in results {
        for row in &result.rows {
            for value in row {
                drawing.collect(result, value);
            }
        }
    }
    drawing.render()
}

impl Drawing<'_> {
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
            // Scalars hold no entity.
            _ => {}
        }
    }

    fn node(&mut self, result: &QueryResult, id: NodeId) {
        match result.node(id) {
            Some(data) => {
                let drawn = DrawnNode {
                    caption: node_caption(result, id, data, &self.style.caption),
                    label: data.labels.iter().min().cloned(),
                };
                self.nodes.insert(id, drawn);
            }
            None => {
                self.nodes.entry(id).or_insert_with(|| DrawnNode {
                    caption: format!("#{id}"),
                    label: None,
                });
            }
        }
    }

    fn edge(&mut self, result: &QueryResult, id: RelId, start: NodeId, end: NodeId) {
        self.node(result, start);
        self.node(result, end);
        let sources = self.sources.rels.get(&id).filter(|_| self.style.provenance);
        let caption = match result.relationship(id) {
            Some(rel) => edge_caption(result, rel, &self.style.edge_label, sources),
            None => format!("#{id}"),
        };
        if result.relationship(id).is_some() || !self.edges.contains_key(&id) {
            self.edges.insert(id, (start, end, caption));
        }
    }

    /// The document: the header, the nodes kept under the limit (boxed by
    /// label with [`DotStyle::cluster`]), the edges between kept nodes, and
    /// the legend of colours when not clustered.
    fn render(&self) -> DotDocument {
        let total = self.nodes.len();
        let limit = self.style.limit.unwrap_or(usize::MAX);
        let kept: BTreeMap<NodeId, &DrawnNode> = self
            .nodes
            .iter()
            .take(limit)
            .map(|(id, n)| (*id, n))
            .collect();
        let warning = (total > kept.len()).then(|| {
            format!(
                "the graph has {total} nodes; drawing the first {} (raise --dot-limit to draw more)",
                kept.len()
            )
        });
        let labels: BTreeSet<&str> = kept.values().filter_map(|n| n.label.as_deref()).collect();
        let colour: BTreeMap<&str, &str> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (*l, PALETTE[i % PALETTE.len()]))
            .collect();
        let mut out = format!(
            "digraph quiver {{\n  rankdir={};\n{STYLES}",
            rankdir(&self.style.rankdir)
        );
        if self.style.cluster {
            write_clusters(&mut out, &kept, &labels, &colour);
        } else {
            write_nodes(&mut out, kept.iter(), &colour, "  ");
        }
        for (id, (start, end, caption)) in &self.edges {
            if kept.contains_key(start) && kept.contains_key(end) {
                out.push_str(&format!("  n{start} -> n{end} [label={}", quote(caption)));
                let sources = self.sources.rels.get(id).filter(|_| self.style.provenance);
                if let Some(sources) = sources {
                    let lines: Vec<String> = sources.iter().map(source_line).collect();
                    out.push_str(&format!(", tooltip={}", quote(&lines.join("\n"))));
                }
                out.push_str("];\n");
            }
        }
        if !self.style.cluster && !labels.is_empty() {
            write_legend(&mut out, &colour);
        }
        out.push_str("}\n");
        DotDocument { text: out, warning }
    }
}

/// The default looks of nodes and edges, after `rankdir`.
const STYLES: &str = concat!(
    "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n",
    "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n",
);

/// A statement per node, each line indented by `indent`: its caption and
/// the colour of its label.
fn write_nodes<'a>(
    out: &mut String,
    nodes: impl Iterator<Item = (&'a NodeId, &'a &'a DrawnNode)>,
    colour: &BTreeMap<&str, &str>,
    indent: &str,
) {
    for (id, node) in nodes {
        out.push_str(indent);
        match &node.label {
            Some(l) => out.push_str(&format!(
                "n{id} [label={}, fillcolor=\"{}\"];\n",
                quote(&node.caption),
                colour.get(l.as_str()).unwrap_or(&"#ffffff")
            )),
            None => out.push_str(&format!("n{id} [label={}];\n", quote(&node.caption))),
        }
    }
}

/// The nodes boxed by label (a `subgraph cluster_<i>` each), then those
/// without a label.
fn write_clusters(
    out: &mut String,
    kept: &BTreeMap<NodeId, &DrawnNode>,
    labels: &BTreeSet<&str>,
    colour: &BTreeMap<&str, &str>,
) {
    for (i, label) in labels.iter().enumerate() {
        out.push_str(&format!(
            "  subgraph cluster_{i} {{\n    label={}; fontname=\"Helvetica\"; style=\"rounded\"; color=\"#999999\";\n",
            quote(label)
        ));
        let boxed = kept
            .iter()
            .filter(|(_, n)| n.label.as_deref() == Some(label));
        write_nodes(out, boxed, colour, "    ");
        out.push_str("  }\n");
    }
    let loose = kept.iter().filter(|(_, n)| n.label.is_none());
    write_nodes(out, loose, colour, "  ");
}

/// A box naming the colour of each label.
fn write_legend(out: &mut String, colour: &BTreeMap<&str, &str>) {
    out.push_str(concat!(
        "  subgraph cluster_legend {\n",
        "    label=\"Labels\"; fontname=\"Helvetica\"; style=\"rounded,dashed\"; color=\"#999999\";\n",
    ));
    for (i, (label, fill)) in colour.iter().enumerate() {
        out.push_str(&format!(
            "    legend{i} [label={}, fillcolor=\"{fill}\"];\n",
            quote(label)
        ));
    }
    out.push_str("  }\n");
}

/// A `rankdir` Graphviz knows (`LR` for anything else).
fn rankdir(text: &str) -> &'static str {
    match text.to_ascii_uppercase().as_str() {
        "TB" => "TB",
        "BT" => "BT",
        "RL" => "RL",
        _ => "LR",
    }
}

/// The text a node is drawn with: the caption property, else labels, else `#id`.
fn node_caption(result: &QueryResult, id: NodeId, data: &NodeData, key: &str) -> String {
    match data.properties.get(key) {
        Some(value) => plain(result, value),
        None if !data.labels.is_empty() => data.labels.join(":"),
        None => format!("#{id}"),
    }
}

/// The type, then `key: value` for each chosen property the relationship
/// has; `sources`, when its sources are shown, names them instead.
fn edge_caption(
    result: &QueryResult,
    rel: &RelData,
    keys: &[String],
    sources: Option<&Vec<crate::history::Metadata>>,
) -> String {
    let mut caption = rel.rel_type.clone();
    for key in keys {
        if let (Some(sources), "sources") = (sources, key.as_str()) {
            let names: Vec<String> = sources.iter().map(source_name).collect();
            caption.push_str(&format!("\nsources: {}", names.join(", ")));
            continue;
        }
        if let Some(value) = rel.properties.get(key) {
            caption.push_str(&format!("\n{key}: {}", plain(result, value)));
        }
    }
    caption
}

/// A string as itself, anything else in literal notation.
fn plain(result: &QueryResult, value: &Value) -> String {
    match value {
        Value::String(s) => s.to_string(),
        other => literal(result, other),
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
        node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n  \
        edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n";

    const LEGEND: &str = "  subgraph cluster_legend {\n    label=\"Labels\"; fontname=\"Helvetica\"; \
        style=\"rounded,dashed\"; color=\"#999999\";\n";

    fn check(results: &[&QueryResult], body: &str) {
        assert_eq!(dot_document(results), format!("{HEAD}{body}}}\n"));
    }

    #[test]
    fn styles_caption_edges_rankdir_clusters_and_limits() {
        let result = with_rows(
            &["r", "n"],
            vec![vec![Value::Relationship(10), Value::Node(3)]],
        );
        let style = DotStyle {
            caption: "none".to_string(),
            edge_label: vec!["percent".to_string(), "missing".to_string()],
            rankdir: "tb".to_string(),
            cluster: true,
            limit: None,
            provenance: false,
        };
        let head = HEAD.replace("rankdir=LR", "rankdir=TB");
        let cluster = |i: usize, label: &str| {
            format!(
                "  subgraph cluster_{i} {{\n    label=\"{label}\"; fontname=\"Helvetica\"; \
                 style=\"rounded\"; color=\"#999999\";\n"
            )
        };
        assert_eq!(
            dot_styled(&[&result], &style, &Provenance::default()),
            DotDocument {
                text: format!(
                    "{head}{}    n3 [label=\"A:B\", fillcolor=\"#8dd3c7\"];\n  }}\n{}    \
                     n1 [label=\"Company\", fillcolor=\"#ffffb3\"];\n    \
                     n2 [label=\"Company\", fillcolor=\"#ffffb3\"];\n  }}\n  \
                     n2 -> n1 [label=\"stake\\npercent: 27\"];\n}}\n",
                    cluster(0, "A"),
                    cluster(1, "Company"),
                ),
                warning: None
            }
        );
        let limited = DotStyle {
            limit: Some(1),
            ..DotStyle::default()
        };
        assert_eq!(
            dot_styled(&[&result], &limited, &Provenance::default()),
            DotDocument {
                text: format!(
                    "{HEAD}  n1 [label=\"OpenAI\", fillcolor=\"#8dd3c7\"];\n\
                     {LEGEND}    legend0 [label=\"Company\", fillcolor=\"#8dd3c7\"];\n  }}\n}}\n"
                ),
                warning: Some(
                    "the graph has 3 nodes; drawing the first 1 (raise --dot-limit to draw more)"
                        .to_string()
                )
            }
        );
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
                Value::Path(Box::new(Path {
                    nodes: vec![3, 1, 2],
                    rels: vec![11, 10],
                })),
                map(&[("xs", Value::List(vec![Value::Node(5), Value::Node(4)]))]),
            ]],
        );
        check(
            &[&result],
            &format!(
                "  n1 [label=\"OpenAI\", fillcolor=\"#ffffb3\"];\n  \
                 n2 [label=\"Microsoft\", fillcolor=\"#ffffb3\"];\n  \
                 n3 [label=\"A:B\", fillcolor=\"#8dd3c7\"];\n  \
                 n4 [label=\"#4\"];\n  \
                 n5 [label=\"#5\"];\n  \
                 n2 -> n1 [label=\"stake\"];\n  \
                 n3 -> n1 [label=\"odd type\"];\n\
                 {LEGEND}    legend0 [label=\"A\", fillcolor=\"#8dd3c7\"];\n    \
                 legend1 [label=\"Company\", fillcolor=\"#ffffb3\"];\n  }}\n"
            ),
        );
    }

    #[test]
    fn endpoints_are_declared_and_unknowns_use_ids() {
        let mut result = with_rows(
            &["r", "p"],
            vec![vec![
                Value::Relationship(11),
                Value::Path(Box::new(Path {
                    nodes: vec![7, 8],
                    rels: vec![99],
                })),
            ]],
        );
        result.nodes.remove(&3);
        check(
            &[&result],
            &format!(
                "  n1 [label=\"OpenAI\", fillcolor=\"#8dd3c7\"];\n  \
                 n3 [label=\"#3\"];\n  \
                 n7 [label=\"#7\"];\n  \
                 n8 [label=\"#8\"];\n  \
                 n3 -> n1 [label=\"odd type\"];\n  \
                 n7 -> n8 [label=\"#99\"];\n\
                 {LEGEND}    legend0 [label=\"Company\", fillcolor=\"#8dd3c7\"];\n  }}\n"
            ),
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
            &format!(
                "  n1 [label=\"say \\\"hi\\\"\\\\n\\nnext\\nlast\", fillcolor=\"#8dd3c7\"];\n  \
                 n2 [label=\"42\", fillcolor=\"#8dd3c7\"];\n\
                 {LEGEND}    legend0 [label=\"Company\", fillcolor=\"#8dd3c7\"];\n  }}\n"
            ),
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
            &format!(
                "  n1 [label=\"Open AI\", fillcolor=\"#8dd3c7\"];\n  \
                 n2 [label=\"Microsoft\", fillcolor=\"#8dd3c7\"];\n  \
                 n2 -> n1 [label=\"stake\"];\n\
                 {LEGEND}    legend0 [label=\"Company\", fillcolor=\"#8dd3c7\"];\n  }}\n"
            ),
        );
    }

    /// Graphviz itself accepts what we write (skipped where `dot` is not installed).
    #[test]
    fn graphviz_accepts_tricky_names() {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut result = with_rows(
            &["p"],
            vec![vec![Value::Path(Box::new(Path {
                nodes: vec![2, 1, 3],
                rels: vec![10, 11],
            }))]],
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
            panic!(
                "Graphviz's `dot` is not on PATH: install graphviz (Debian: apt-get install \
                 graphviz), or run scripts/test, which does"
            );
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
