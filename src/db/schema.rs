//! Indexes and unique constraints: their definitions, how they are stored,
//! and the check a unique constraint makes at the end of every statement.
//!
//! quiver's property index covers every node property already (so that
//! `{name: 'OpenAI'}` is a lookup without any setup); a declared index
//! names a (label, key) pair that seeks use and `SHOW INDEXES` lists, and a
//! unique constraint is checked through the same property index.

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Graph;
use crate::value::{GroupKey, Value};
use std::collections::{BTreeSet, HashMap};

/// What a schema object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `CREATE INDEX`
    Index,
    /// `CREATE CONSTRAINT ... IS UNIQUE`
    Unique,
}

/// A declared index or constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// Its name.
    pub name: String,
    /// Index or unique constraint.
    pub kind: Kind,
    /// The label it covers.
    pub label: String,
    /// The property key it covers.
    pub key: String,
}

impl Definition {
    /// The stored form: `index|unique`, label, key, separated by NUL.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let kind = match self.kind {
            Kind::Index => "index",
            Kind::Unique => "unique",
        };
        format!("{kind}\0{}\0{}", self.label, self.key).into_bytes()
    }

    /// Reads the stored form back.
    pub(crate) fn decode(name: &str, bytes: &[u8]) -> Result<Definition> {
        let bad = || {
            Error::runtime(
                ErrorKind::IoError,
                Detail::StorageFailure,
                format!("the schema entry `{name}` is damaged"),
            )
        };
        let text = std::str::from_utf8(bytes).map_err(|_| bad())?;
        let mut parts = text.split('\0');
        let kind = match parts.next() {
            Some("index") => Kind::Index,
            Some("unique") => Kind::Unique,
            _ => return Err(bad()),
        };
        let (Some(label), Some(key), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        Ok(Definition {
            name: name.to_string(),
            kind,
            label: label.to_string(),
            key: key.to_string(),
        })
    }

    /// The Cypher that creates it (Neo4j 5 syntax).
    pub fn to_cypher(&self) -> String {
        let name = crate::value::quote_name(&self.name);
        let label = crate::value::quote_name(&self.label);
        let key = crate::value::quote_name(&self.key);
        match self.kind {
            Kind::Index => format!("CREATE INDEX {name} FOR (n:{label}) ON (n.{key})"),
            Kind::Unique => {
                format!("CREATE CONSTRAINT {name} FOR (n:{label}) REQUIRE n.{key} IS UNIQUE")
            }
        }
    }
}

/// The error for a unique constraint a write would break.
fn violation(def: &Definition, value: &Value) -> Error {
    Error::runtime(
        ErrorKind::ConstraintVerificationFailed,
        Detail::UniquenessViolation,
        format!(
            "constraint `{}`: more than one :{} node has {} = {value}",
            def.name, def.label, def.key
        ),
    )
}

/// Checks a unique constraint on the nodes changed since `savepoint`.
pub(crate) fn check_touched(def: &Definition, graph: &Graph, savepoint: usize) -> Result<()> {
    let (nodes, _) = graph.touched_since(savepoint);
    for id in nodes {
        if !graph.contains_node(id) || !graph.node_has_label(id, &def.label) {
            continue;
        }
        let Some(v) = graph.node_property(id, &def.key) else {
            continue;
        };
        // The same equivalence as `check_all` (NaN is one value here): the
        // index finds the others, except for NaN, which it does not hold.
        let holders = if matches!(v, Value::Float(f) if f.is_nan()) {
            graph
                .nodes_with_label(&def.label)
                .into_iter()
                .filter(|&n| {
                    graph
                        .node_property(n, &def.key)
                        .is_some_and(|x| GroupKey(x.clone()) == GroupKey(v.clone()))
                })
                .count()
        } else {
            graph
                .nodes_with_property(&def.key, &v)
                .into_iter()
                .filter(|&n| graph.node_has_label(n, &def.label))
                .count()
        };
        if holders > 1 {
            return Err(violation(def, &v));
        }
    }
    Ok(())
}

/// Checks a unique constraint on the whole graph (before creating it).
pub(crate) fn check_all(def: &Definition, graph: &Graph) -> Result<()> {
    let mut seen: HashMap<GroupKey, ()> = HashMap::new();
    for id in graph.nodes_with_label(&def.label) {
        if let Some(v) = graph.node_property(id, &def.key)
            && seen.insert(GroupKey(v.clone()), ()).is_some()
        {
            return Err(Error::runtime(
                ErrorKind::ConstraintVerificationFailed,
                Detail::UniquenessViolation,
                format!(
                    "cannot create constraint `{}`: more than one :{} node has {} = {v}",
                    def.name, def.label, def.key
                ),
            ));
        }
    }
    Ok(())
}

/// A name for an unnamed index or constraint, not yet taken.
pub(crate) fn fresh_name(kind: Kind, label: &str, key: &str, taken: &BTreeSet<String>) -> String {
    let base = match kind {
        Kind::Index => format!("index_{label}_{key}"),
        Kind::Unique => format!("constraint_{label}_{key}"),
    };
    let mut name = base.clone();
    let mut i = 1;
    while taken.contains(&name) {
        i += 1;
        name = format!("{base}_{i}");
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_round_trip_and_print_as_cypher() {
        let d = Definition {
            name: "u".into(),
            kind: Kind::Unique,
            label: "Company".into(),
            key: "name".into(),
        };
        assert_eq!(Definition::decode("u", &d.encode()), Ok(d.clone()));
        assert_eq!(
            d.to_cypher(),
            "CREATE CONSTRAINT u FOR (n:Company) REQUIRE n.name IS UNIQUE"
        );
        assert!(Definition::decode("x", b"what\0a\0b").is_err());
        assert!(Definition::decode("x", b"index\0a").is_err());
    }
}
