//! A canonical picture of a database: every node with its labels and
//! properties, every relationship with its ends, type and properties, and
//! the declared indexes and constraints. Two databases that hold the same
//! data have equal snapshots.

use quiverdb::{Database, whole_graph};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// One line per node, then one per relationship, in id order.
    entities: Vec<String>,
    /// One line per index or constraint, by name.
    definitions: Vec<String>,
}

impl Snapshot {
    pub fn of(db: &Database) -> Snapshot {
        let graph = whole_graph(db);
        let mut nodes: Vec<_> = graph.nodes.iter().collect();
        nodes.sort_by_key(|(id, _)| **id);
        let mut rels: Vec<_> = graph.relationships.iter().collect();
        rels.sort_by_key(|(id, _)| **id);
        // Debug, not Display: it tells 1 from 1.0, -0.0 from 0.0 and
        // writes NaN, so equal text is equal data.
        let entities = nodes
            .iter()
            .map(|(id, n)| format!("node {id} {:?} {:?}", n.labels, n.properties))
            .chain(rels.iter().map(|(id, r)| {
                format!(
                    "rel {id} ({})-[:{:?}]->({}) {:?}",
                    r.start, r.rel_type, r.end, r.properties
                )
            }))
            .collect();
        let definitions = db.definitions().map(|d| format!("{d:?}")).collect();
        Snapshot {
            entities,
            definitions,
        }
    }

    /// How many nodes and relationships.
    pub fn counts(&self) -> (i64, i64) {
        let nodes = self
            .entities
            .iter()
            .filter(|e| e.starts_with("node "))
            .count();
        let rels = self.entities.len() - nodes;
        (nodes as i64, rels as i64)
    }

    /// Panics, showing both, unless `self` and `other` hold the same data.
    pub fn assert_same(&self, other: &Snapshot, what: &str) {
        if self != other {
            panic!(
                "{what}\n--- before ---\n{}\n--- after ---\n{}",
                self.lines(),
                other.lines()
            );
        }
    }

    fn lines(&self) -> String {
        self.entities
            .iter()
            .chain(&self.definitions)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }
}
