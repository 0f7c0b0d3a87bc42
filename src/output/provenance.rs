//! The sources of entities (`sources(x)`: the metadata of the commits that
//! asserted them), as the drawings and GraphML show them. The caller reads
//! them from the database's history; this module only writes them.

use crate::history::Metadata;
use crate::result::QueryResult;
use crate::value::json::{to_text, value_to_json};
use crate::value::{NodeId, RelId, Value};
use std::collections::BTreeMap;

/// The sources of the nodes and relationships to write, each a list of
/// metadata maps (with `commit` and `time`), oldest first. Entities
/// without sources are left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Provenance {
    /// Sources of nodes.
    pub nodes: BTreeMap<NodeId, Vec<Metadata>>,
    /// Sources of relationships.
    pub rels: BTreeMap<RelId, Vec<Metadata>>,
}

impl Provenance {
    /// Whether there is nothing to show.
    pub(crate) fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.rels.is_empty()
    }
}

/// One source for people: the `source`, its `author` in parentheses, then
/// the commit and its time (`PCMag (Jon Martindale), commit 1,
/// 2026-12-02T10:00:00Z`). Without a `source`, the other entries of the
/// map as `key: value` stand in its place.
pub(crate) fn source_line(meta: &Metadata) -> String {
    let mut parts = Vec::new();
    match meta.get("source") {
        Some(source) => {
            let mut first = plain(source);
            if let Some(author) = meta.get("author") {
                first.push_str(&format!(" ({})", plain(author)));
            }
            parts.push(first);
        }
        None => parts.extend(
            meta.iter()
                .filter(|(k, _)| !matches!(k.as_str(), "commit" | "time"))
                .map(|(k, v)| format!("{k}: {}", plain(v))),
        ),
    }
    if let Some(n) = meta.get("commit") {
        parts.push(format!("commit {}", plain(n)));
    }
    if let Some(t) = meta.get("time") {
        parts.push(to_seconds(plain(t)));
    }
    parts.join(", ")
}

/// The short name of a source: its `source`, else `commit N`.
pub(crate) fn source_name(meta: &Metadata) -> String {
    match (meta.get("source"), meta.get("commit")) {
        (Some(source), _) => plain(source),
        (None, Some(n)) => format!("commit {}", plain(n)),
        (None, None) => "?".to_string(),
    }
}

/// The sources as JSON text (a list of maps, through the JSON codec).
pub(crate) fn sources_json(sources: &[Metadata]) -> String {
    let list = Value::List(sources.iter().cloned().map(Value::Map).collect());
    to_text(&value_to_json(&QueryResult::default(), &list))
}

/// A time without its fraction of a second (`2026-12-02T10:00:00Z`).
fn to_seconds(time: String) -> String {
    match (time.find('T'), time.rfind('.')) {
        (Some(t), Some(dot)) if dot > t => {
            let digits = time[dot + 1..]
                .find(|c: char| !c.is_ascii_digit())
                .map_or(time.len(), |i| dot + 1 + i);
            format!("{}{}", &time[..dot], &time[digits..])
        }
        _ => time,
    }
}

/// A string as itself, a time as ISO 8601, anything else as Cypher shows it.
fn plain(value: &Value) -> String {
    if let Some((_, text)) = value.temporal_text() {
        return text;
    }
    match value {
        Value::String(s) => s.to_string(),
        other => super::literal::literal(&QueryResult::default(), other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(entries: &[(&str, Value)]) -> Metadata {
        entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn lines_and_names() {
        let full = meta(&[
            ("source", Value::string("PCMag")),
            ("author", Value::string("Jon Martindale")),
            ("url", Value::string("https://x")),
            ("commit", Value::Int(1)),
        ]);
        assert_eq!(source_line(&full), "PCMag (Jon Martindale), commit 1");
        assert_eq!(source_name(&full), "PCMag");
        let bare = meta(&[("commit", Value::Int(3)), ("by", Value::Int(7))]);
        assert_eq!(source_line(&bare), "by: 7, commit 3");
        assert_eq!(source_name(&bare), "commit 3");
        assert_eq!(
            to_seconds("2026-12-02T17:22:18.884316205Z".to_string()),
            "2026-12-02T17:22:18Z"
        );
        assert_eq!(
            to_seconds("2026-12-02T17:22:18Z".to_string()),
            "2026-12-02T17:22:18Z"
        );
    }
}
