//! The commit history for people and programs: `log` as a table or JSON
//! Lines, `diff` as JSON Lines or as a Cypher script that turns the first
//! state into the second. Pure: commits and diff entries in, text out.

use super::table::{describe_stats, write_text_grid};
use crate::db::dump::{literal, map_literal};
use crate::history::{ChangeCounts, Commit, DiffEntry, Entity};
use crate::result::{QueryResult, Stats};
use crate::value::json::{to_text, value_to_json};
use crate::value::{Value, quote_name};
use serde_json::{Map, Value as Json, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// A commit's time as RFC 3339, UTC (`2026-12-01T10:00:00.123456789Z`,
/// to the nanosecond, so `--as-of` with it names that commit).
pub(crate) fn commit_time(commit: &Commit) -> String {
    commit.time.to_string()
}

/// What a commit changed, in words: `1 node created, 2 properties set,
/// 1 asserted`.
pub(crate) fn describe_changes(c: &ChangeCounts) -> String {
    let stats = Stats {
        nodes_created: c.nodes_created,
        nodes_deleted: c.nodes_deleted,
        relationships_created: c.relationships_created,
        relationships_deleted: c.relationships_deleted,
        properties_set: c.properties_set,
        properties_removed: c.properties_removed,
        labels_added: c.labels_added,
        labels_removed: c.labels_removed,
    };
    let mut text = describe_stats(&stats);
    if c.asserted > 0 {
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&format!("{} asserted", c.asserted));
    }
    if text.is_empty() {
        text.push_str("no changes");
    }
    text
}

/// The log as a table (`commit`, `time` to the millisecond, `meta`,
/// `changes`), newest first as given, fitted to `width` columns; `no
/// commits` when empty.
pub(crate) fn write_log_table(
    w: &mut dyn Write,
    commits: &[Commit],
    width: Option<usize>,
) -> io::Result<()> {
    if commits.is_empty() {
        return writeln!(w, "no commits");
    }
    let rows: Vec<Vec<(String, bool)>> = commits
        .iter()
        .map(|c| {
            vec![
                (c.number.to_string(), true),
                (c.time.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), false),
                (map_literal(&c.meta), false),
                (describe_changes(&c.changes), false),
            ]
        })
        .collect();
    write_text_grid(w, &["commit", "time", "meta", "changes"], &rows, width)?;
    let n = commits.len();
    writeln!(w, "{n} {}", if n == 1 { "commit" } else { "commits" })
}

/// A map of values as a JSON object, values as the JSON codec writes them.
fn values_json(map: &BTreeMap<String, Value>) -> Json {
    let none = QueryResult::default();
    Json::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), value_to_json(&none, v)))
            .collect::<Map<_, _>>(),
    )
}

/// The log as JSON Lines: one object per commit,
/// `{"commit":3,"time":"...Z","meta":{...},"changes":{"nodes_created":1,...}}`.
pub(crate) fn write_log_json(w: &mut dyn Write, commits: &[Commit]) -> io::Result<()> {
    for c in commits {
        let k = &c.changes;
        let changes = json!({
            "nodes_created": k.nodes_created,
            "nodes_deleted": k.nodes_deleted,
            "relationships_created": k.relationships_created,
            "relationships_deleted": k.relationships_deleted,
            "labels_added": k.labels_added,
            "labels_removed": k.labels_removed,
            "properties_set": k.properties_set,
            "properties_removed": k.properties_removed,
            "asserted": k.asserted,
        });
        let object = json!({
            "commit": c.number,
            "time": commit_time(c),
            "meta": values_json(&c.meta),
            "changes": changes,
        });
        writeln!(w, "{}", to_text(&object))?;
    }
    Ok(())
}

/// `"node": id` or `"relationship": id`.
fn entity_field(entity: Entity) -> (&'static str, Json) {
    match entity {
        Entity::Node(id) => ("node", Json::from(id)),
        Entity::Relationship(id) => ("relationship", Json::from(id)),
    }
}

/// One diff entry as a JSON object (the shapes docs/command-line.md lists).
fn entry_json(entry: &DiffEntry) -> Json {
    let none = QueryResult::default();
    let value = |v: &Value| value_to_json(&none, v);
    match entry {
        DiffEntry::NodeCreated {
            id,
            labels,
            properties,
        }
        | DiffEntry::NodeDeleted {
            id,
            labels,
            properties,
        } => {
            let change = match entry {
                DiffEntry::NodeCreated { .. } => "node_created",
                _ => "node_deleted",
            };
            json!({"change": change, "id": id, "labels": labels, "properties": values_json(properties)})
        }
        DiffEntry::RelationshipCreated {
            id,
            rel_type,
            start,
            end,
            properties,
        }
        | DiffEntry::RelationshipDeleted {
            id,
            rel_type,
            start,
            end,
            properties,
        } => {
            let change = match entry {
                DiffEntry::RelationshipCreated { .. } => "relationship_created",
                _ => "relationship_deleted",
            };
            json!({"change": change, "id": id, "type": rel_type, "start": start, "end": end,
                   "properties": values_json(properties)})
        }
        DiffEntry::LabelAdded { node, label } => {
            json!({"change": "label_added", "node": node, "label": label})
        }
        DiffEntry::LabelRemoved { node, label } => {
            json!({"change": "label_removed", "node": node, "label": label})
        }
        DiffEntry::PropertySet {
            entity,
            key,
            old,
            new,
        } => {
            let (field, id) = entity_field(*entity);
            let old = old.as_ref().map_or(Json::Null, value);
            let mut m = Map::new();
            m.insert("change".into(), json!("property_set"));
            m.insert(field.into(), id);
            m.insert("key".into(), json!(key));
            m.insert("old".into(), old);
            m.insert("new".into(), value(new));
            Json::Object(m)
        }
        DiffEntry::PropertyRemoved { entity, key, old } => {
            let (field, id) = entity_field(*entity);
            let mut m = Map::new();
            m.insert("change".into(), json!("property_removed"));
            m.insert(field.into(), id);
            m.insert("key".into(), json!(key));
            m.insert("old".into(), value(old));
            Json::Object(m)
        }
    }
}

/// The diff as JSON Lines, one object per entry.
pub(crate) fn write_diff_json(w: &mut dyn Write, entries: &[DiffEntry]) -> io::Result<()> {
    for entry in entries {
        writeln!(w, "{}", to_text(&entry_json(entry)))?;
    }
    Ok(())
}

/// `MATCH (n) WHERE id(n) = 5` or `MATCH ()-[n]->() WHERE id(n) = 5`.
fn match_entity(entity: Entity) -> String {
    match entity {
        Entity::Node(id) => format!("MATCH (n) WHERE id(n) = {id}"),
        Entity::Relationship(id) => format!("MATCH ()-[n]->() WHERE id(n) = {id}"),
    }
}

/// The diff as a Cypher script that, run on a database in the first state
/// (the same entity ids: a copy of the file), makes it the second: created
/// nodes (carrying their old id in the temporary property `id_key`), created
/// relationships, label and property changes, deleted relationships,
/// deleted nodes, then the temporary property removed. `title` heads it as
/// a comment.
pub(crate) fn write_diff_cypher(
    w: &mut dyn Write,
    title: &str,
    entries: &[DiffEntry],
    id_key: &str,
) -> io::Result<()> {
    writeln!(w, "// {title}")?;
    let key = quote_name(id_key);
    let created: std::collections::BTreeSet<u64> = entries
        .iter()
        .filter_map(|e| match e {
            DiffEntry::NodeCreated { id, .. } => Some(*id),
            _ => None,
        })
        .collect();
    for e in entries {
        if let DiffEntry::NodeCreated {
            id,
            labels,
            properties,
        } = e
        {
            let labels: String = labels
                .iter()
                .map(|l| format!(":{}", quote_name(l)))
                .collect();
            let mut props = properties.clone();
            props.insert(id_key.to_string(), Value::Int(*id as i64));
            writeln!(w, "CREATE (n{labels} {});", map_literal(&props))?;
        }
    }
    let endpoint = |var: &str, id: u64| match created.contains(&id) {
        true => format!("MATCH ({var}) WHERE {var}.{key} = {id}"),
        false => format!("MATCH ({var}) WHERE id({var}) = {id}"),
    };
    for e in entries {
        if let DiffEntry::RelationshipCreated {
            rel_type,
            start,
            end,
            properties,
            ..
        } = e
        {
            writeln!(
                w,
                "{} {} CREATE (a)-[:{} {}]->(b);",
                endpoint("a", *start),
                endpoint("b", *end),
                quote_name(rel_type),
                map_literal(properties)
            )?;
        }
    }
    for e in entries {
        let line = match e {
            DiffEntry::LabelAdded { node, label } => format!(
                "{} SET n:{};",
                match_entity(Entity::Node(*node)),
                quote_name(label)
            ),
            DiffEntry::LabelRemoved { node, label } => format!(
                "{} REMOVE n:{};",
                match_entity(Entity::Node(*node)),
                quote_name(label)
            ),
            DiffEntry::PropertySet {
                entity, key, new, ..
            } => format!(
                "{} SET n.{} = {};",
                match_entity(*entity),
                quote_name(key),
                literal(new)
            ),
            DiffEntry::PropertyRemoved { entity, key, .. } => {
                format!("{} REMOVE n.{};", match_entity(*entity), quote_name(key))
            }
            _ => continue,
        };
        writeln!(w, "{line}")?;
    }
    for e in entries {
        if let DiffEntry::RelationshipDeleted { id, .. } = e {
            writeln!(w, "{} DELETE n;", match_entity(Entity::Relationship(*id)))?;
        }
    }
    for e in entries {
        if let DiffEntry::NodeDeleted { id, .. } = e {
            writeln!(w, "{} DETACH DELETE n;", match_entity(Entity::Node(*id)))?;
        }
    }
    if !created.is_empty() {
        writeln!(w, "MATCH (n) WHERE n.{key} IS NOT NULL REMOVE n.{key};")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(f: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        f(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn props(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    fn entries() -> Vec<DiffEntry> {
        vec![
            DiffEntry::NodeCreated {
                id: 2,
                labels: vec!["A".into(), "Odd name".into()],
                properties: props(&[("x", Value::Float(f64::NAN))]),
            },
            DiffEntry::NodeDeleted {
                id: 1,
                labels: vec![],
                properties: props(&[]),
            },
            DiffEntry::LabelAdded {
                node: 0,
                label: "B".into(),
            },
            DiffEntry::PropertySet {
                entity: Entity::Relationship(3),
                key: "w".into(),
                old: None,
                new: Value::string("it's"),
            },
            DiffEntry::PropertyRemoved {
                entity: Entity::Node(0),
                key: "y".into(),
                old: Value::Int(1),
            },
            DiffEntry::RelationshipCreated {
                id: 4,
                rel_type: "T".into(),
                start: 0,
                end: 2,
                properties: props(&[]),
            },
            DiffEntry::RelationshipDeleted {
                id: 3,
                rel_type: "T".into(),
                start: 0,
                end: 1,
                properties: props(&[]),
            },
        ]
    }

    #[test]
    fn a_diff_as_a_script_creates_then_changes_then_deletes() {
        let script = text(|w| write_diff_cypher(w, "t", &entries(), "__quiver_id"));
        assert_eq!(
            script,
            "// t\n\
             CREATE (n:A:`Odd name` {__quiver_id: 2, x: (0.0 / 0.0)});\n\
             MATCH (a) WHERE id(a) = 0 MATCH (b) WHERE b.__quiver_id = 2 CREATE (a)-[:T {}]->(b);\n\
             MATCH (n) WHERE id(n) = 0 SET n:B;\n\
             MATCH ()-[n]->() WHERE id(n) = 3 SET n.w = 'it\\'s';\n\
             MATCH (n) WHERE id(n) = 0 REMOVE n.y;\n\
             MATCH ()-[n]->() WHERE id(n) = 3 DELETE n;\n\
             MATCH (n) WHERE id(n) = 1 DETACH DELETE n;\n\
             MATCH (n) WHERE n.__quiver_id IS NOT NULL REMOVE n.__quiver_id;\n"
        );
    }

    #[test]
    fn a_diff_as_json_lines() {
        let lines = text(|w| write_diff_json(w, &entries()));
        let lines: Vec<&str> = lines.lines().collect();
        assert_eq!(
            lines[0],
            r#"{"change":"node_created","id":2,"labels":["A","Odd name"],"properties":{"x":{"~":"float","value":"NaN"}}}"#
        );
        assert_eq!(
            lines[3],
            r#"{"change":"property_set","relationship":3,"key":"w","old":null,"new":"it's"}"#
        );
        assert_eq!(
            lines[4],
            r#"{"change":"property_removed","node":0,"key":"y","old":1}"#
        );
    }
}
