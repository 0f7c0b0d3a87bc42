//! GraphML of the nodes and relationships a result describes, readable by
//! networkx, Gephi, yEd, Cytoscape and Neo4j's `apoc.import.graphml`.
//!
//! ```text
//! <key id="labels" for="node" attr.name="labels" attr.type="string"/>
//! <key id="n0" for="node" attr.name="name" attr.type="string"/>
//! <key id="label" for="edge" attr.name="label" attr.type="string"/>
//! <key id="e0" for="edge" attr.name="percent" attr.type="double"/>
//! <graph id="quiver" edgedefault="directed">
//!   <node id="n1"><data key="labels">:Company</data><data key="n0">OpenAI</data></node>
//!   <edge id="e10" source="n2" target="n1"><data key="label">stake</data>...</edge>
//! ```
//!
//! As in apoc's GraphML, a node's labels are one string (`:A:B`) and a
//! relationship's type is its `label`. Every property key is a typed key:
//! `long` (integers), `double` (floats, or integers mixed with floats),
//! `boolean`, `string`; lists, maps and keys of mixed types are `string`
//! keys holding JSON text (the key's `<desc>` says so). A key whose values
//! are all of one temporal type is a `string` key marked with its type,
//! `quiver.type="date"` (as yEd marks its keys with `yfiles.type`), holding
//! the value as `toString` writes it (`2025-04-01`), which `date('...')`
//! reads back exactly. Entities in id order.

use super::provenance::{Provenance, sources_json};
use crate::result::QueryResult;
use crate::value::json::{to_text, value_to_json};
use crate::value::{NodeId, Value, format_float};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// GraphML's `attr.type` for a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyType {
    Long,
    Double,
    Boolean,
    String,
    /// Lists, maps, mixed types: JSON text in a string key.
    Json,
    /// One temporal type (`date`, `duration`...): its ISO 8601 text in a
    /// string key marked `quiver.type`.
    Temporal(&'static str),
}

impl KeyType {
    fn of(value: &Value) -> KeyType {
        match value {
            Value::Int(_) => KeyType::Long,
            Value::Float(_) => KeyType::Double,
            Value::Bool(_) => KeyType::Boolean,
            Value::String(_) => KeyType::String,
            v => match v.temporal_text() {
                Some((name, _)) => KeyType::Temporal(name),
                None => KeyType::Json,
            },
        }
    }

    fn merge(self, other: KeyType) -> KeyType {
        match (self, other) {
            _ if self == other => self,
            (KeyType::Long, KeyType::Double) | (KeyType::Double, KeyType::Long) => KeyType::Double,
            _ => KeyType::Json,
        }
    }

    fn name(self) -> &'static str {
        match self {
            KeyType::Long => "long",
            KeyType::Double => "double",
            KeyType::Boolean => "boolean",
            KeyType::String | KeyType::Json | KeyType::Temporal(_) => "string",
        }
    }
}

/// The keys of one domain (`node` or `edge`), by property name.
fn keys<'a>(
    props: impl Iterator<Item = &'a BTreeMap<String, Value>>,
) -> BTreeMap<&'a str, KeyType> {
    let mut keys: BTreeMap<&str, KeyType> = BTreeMap::new();
    for map in props {
        for (key, value) in map {
            if value.is_null() {
                continue;
            }
            let t = KeyType::of(value);
            keys.entry(key)
                .and_modify(|old| *old = old.merge(t))
                .or_insert(t);
        }
    }
    keys
}

/// The GraphML document of every node and relationship `result` describes
/// (the endpoints of its relationships included).
pub fn graphml_document(result: &QueryResult) -> String {
    graphml_with_sources(result, &Provenance::default())
}

/// [`graphml_document`], each entity with sources carrying them in the
/// key `sources` (for nodes and edges): JSON text of the list of the
/// metadata maps of the commits that asserted it. The key is declared
/// only when some entity has sources.
pub(crate) fn graphml_with_sources(result: &QueryResult, sources: &Provenance) -> String {
    let mut node_ids: BTreeSet<NodeId> = result.nodes.keys().copied().collect();
    for rel in result.relationships.values() {
        node_ids.insert(rel.start);
        node_ids.insert(rel.end);
    }
    let rel_ids: BTreeSet<u64> = result.relationships.keys().copied().collect();
    let node_keys = keys(result.nodes.values().map(|n| &n.properties));
    let edge_keys = keys(result.relationships.values().map(|r| &r.properties));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n  \
         <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n",
    );
    let declare = |out: &mut String, prefix: &str, domain: &str, keys: &BTreeMap<&str, KeyType>| {
        for (i, (name, t)) in keys.iter().enumerate() {
            let _ = write!(
                out,
                "  <key id=\"{prefix}{i}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{}\"",
                escape(name),
                t.name()
            );
            match t {
                KeyType::Json => out.push_str(
                    "><desc>lists, maps and values of mixed types as JSON text</desc></key>\n",
                ),
                KeyType::Temporal(name) => {
                    let _ = writeln!(out, " quiver.type=\"{name}\"/>");
                }
                _ => out.push_str("/>\n"),
            }
        }
    };
    declare(&mut out, "n", "node", &node_keys);
    out.push_str("  <key id=\"label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n");
    declare(&mut out, "e", "edge", &edge_keys);
    if !sources.is_empty() {
        out.push_str(
            "  <key id=\"sources\" for=\"all\" attr.name=\"sources\" attr.type=\"string\">\
             <desc>the metadata of the commits that asserted it, as JSON text</desc></key>\n",
        );
    }
    out.push_str("  <graph id=\"quiver\" edgedefault=\"directed\">\n");
    let data = |out: &mut String,
                prefix: &str,
                keys: &BTreeMap<&str, KeyType>,
                props: &BTreeMap<String, Value>| {
        for (i, (name, t)) in keys.iter().enumerate() {
            if let Some(value) = props.get(*name).filter(|v| !v.is_null()) {
                let _ = write!(
                    out,
                    "<data key=\"{prefix}{i}\">{}</data>",
                    escape(&text(result, value, *t))
                );
            }
        }
    };
    for id in &node_ids {
        let _ = write!(out, "    <node id=\"n{id}\">");
        if let Some(node) = result.node(*id) {
            let labels: String = node.labels.iter().map(|l| format!(":{l}")).collect();
            let _ = write!(out, "<data key=\"labels\">{}</data>", escape(&labels));
            data(&mut out, "n", &node_keys, &node.properties);
        }
        if let Some(list) = sources.nodes.get(id) {
            let _ = write!(
                out,
                "<data key=\"sources\">{}</data>",
                escape(&sources_json(list))
            );
        }
        out.push_str("</node>\n");
    }
    for id in &rel_ids {
        let Some(rel) = result.relationship(*id) else {
            continue;
        };
        let _ = write!(
            out,
            "    <edge id=\"e{id}\" source=\"n{}\" target=\"n{}\"><data key=\"label\">{}</data>",
            rel.start,
            rel.end,
            escape(&rel.rel_type)
        );
        data(&mut out, "e", &edge_keys, &rel.properties);
        if let Some(list) = sources.rels.get(id) {
            let _ = write!(
                out,
                "<data key=\"sources\">{}</data>",
                escape(&sources_json(list))
            );
        }
        out.push_str("</edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

/// A value as the text of a key of type `t`.
fn text(result: &QueryResult, value: &Value, t: KeyType) -> String {
    match (value, t) {
        (Value::String(s), KeyType::String) => s.to_string(),
        (v, KeyType::Temporal(_)) => v.temporal_text().map(|(_, t)| t).unwrap_or_default(),
        (Value::Int(i), KeyType::Double) => format_float(*i as f64),
        (Value::Float(f), KeyType::Double) => format_float(*f),
        (Value::Int(_) | Value::Bool(_), KeyType::Long | KeyType::Boolean) => value.to_string(),
        _ => to_text(&value_to_json(result, value)),
    }
}

/// XML character data or attribute text: markup characters escaped, and
/// characters XML 1.0 cannot hold replaced by U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixtures::{date, duration, props, with_rows};

    #[test]
    fn a_result_as_graphml() {
        let mut result = with_rows(&["r"], vec![vec![Value::Relationship(10)]]);
        result.nodes.retain(|id, _| *id <= 2);
        result.relationships.retain(|id, _| *id == 10);
        result.nodes.get_mut(&1).unwrap().properties = props(&[
            ("name", Value::string("Open<AI> & \"co\"")),
            ("tags", Value::List(vec![Value::string("a"), Value::Int(1)])),
            ("x", Value::Float(0.5)),
        ]);
        result.nodes.get_mut(&2).unwrap().properties =
            props(&[("name", Value::string("Microsoft")), ("x", Value::Int(2))]);
        let text = graphml_document(&result);
        let body = text.split_once("graphml.xsd\">\n").unwrap().1;
        assert_eq!(
            body,
            "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n  \
             <key id=\"n0\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n  \
             <key id=\"n1\" for=\"node\" attr.name=\"tags\" attr.type=\"string\"><desc>lists, maps and values of mixed types as JSON text</desc></key>\n  \
             <key id=\"n2\" for=\"node\" attr.name=\"x\" attr.type=\"double\"/>\n  \
             <key id=\"label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n  \
             <key id=\"e0\" for=\"edge\" attr.name=\"percent\" attr.type=\"long\"/>\n  \
             <graph id=\"quiver\" edgedefault=\"directed\">\n    \
             <node id=\"n1\"><data key=\"labels\">:Company</data><data key=\"n0\">Open&lt;AI&gt; &amp; &quot;co&quot;</data><data key=\"n1\">[&quot;a&quot;,1]</data><data key=\"n2\">0.5</data></node>\n    \
             <node id=\"n2\"><data key=\"labels\">:Company</data><data key=\"n0\">Microsoft</data><data key=\"n2\">2.0</data></node>\n    \
             <edge id=\"e10\" source=\"n2\" target=\"n1\"><data key=\"label\">stake</data><data key=\"e0\">27</data></edge>\n  \
             </graph>\n</graphml>\n"
        );
    }

    #[test]
    fn temporal_keys_are_marked_strings() {
        let mut result = with_rows(&["r"], vec![vec![Value::Relationship(10)]]);
        result.nodes.retain(|id, _| *id <= 2);
        result.relationships.retain(|id, _| *id == 10);
        result.nodes.get_mut(&1).unwrap().properties =
            props(&[("at", date(2025, 4, 1)), ("mixed", date(2025, 4, 1))]);
        result.nodes.get_mut(&2).unwrap().properties =
            props(&[("at", date(2019, 7, 22)), ("mixed", duration(14, 0, 0))]);
        result.relationships.get_mut(&10).unwrap().properties =
            props(&[("for", duration(1, 2, 3))]);
        let text = graphml_document(&result);
        let body = text.split_once("graphml.xsd\">\n").unwrap().1;
        assert_eq!(
            body,
            "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n  \
             <key id=\"n0\" for=\"node\" attr.name=\"at\" attr.type=\"string\" quiver.type=\"date\"/>\n  \
             <key id=\"n1\" for=\"node\" attr.name=\"mixed\" attr.type=\"string\"><desc>lists, maps and values of mixed types as JSON text</desc></key>\n  \
             <key id=\"label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n  \
             <key id=\"e0\" for=\"edge\" attr.name=\"for\" attr.type=\"string\" quiver.type=\"duration\"/>\n  \
             <graph id=\"quiver\" edgedefault=\"directed\">\n    \
             <node id=\"n1\"><data key=\"labels\">:Company</data><data key=\"n0\">2025-04-01</data><data key=\"n1\">{&quot;~&quot;:&quot;date&quot;,&quot;value&quot;:&quot;2025-04-01&quot;}</data></node>\n    \
             <node id=\"n2\"><data key=\"labels\">:Company</data><data key=\"n0\">2019-07-22</data><data key=\"n1\">{&quot;~&quot;:&quot;duration&quot;,&quot;value&quot;:&quot;P1Y2M&quot;}</data></node>\n    \
             <edge id=\"e10\" source=\"n2\" target=\"n1\"><data key=\"label\">stake</data><data key=\"e0\">P1M2DT3S</data></edge>\n  \
             </graph>\n</graphml>\n"
        );
    }

    #[test]
    fn temporal_text_reads_back_exactly() {
        use crate::value::temporal::parse_value;
        let values = [
            ("date", "2025-04-01"),
            ("localtime", "12:30:15.5"),
            ("time", "12:30+01:00"),
            ("localdatetime", "-0044-03-15T12:30"),
            ("datetime", "2015-07-21T21:40:32.142+01:00[Europe/London]"),
            ("datetime", "2025-04-01T09:30-07:00"),
            ("duration", "P1Y-2M3DT-4H5M6.000000007S"),
        ];
        let result = QueryResult::default();
        for (name, written) in values {
            let value = parse_value(name, written).unwrap();
            let shown = text(&result, &value, KeyType::of(&value));
            assert_eq!(KeyType::of(&value), KeyType::Temporal(name));
            assert_eq!(parse_value(name, &shown).ok(), Some(value), "{written}");
        }
    }
}
