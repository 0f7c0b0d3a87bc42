//! What a statement returns: columns, rows, side-effect counters, and the
//! labels, types and properties of every entity the rows mention.

use crate::value::{NodeId, RelId, Value};
use std::collections::{BTreeMap, HashMap};
use std::ops::AddAssign;

/// Side-effect counters, counted as the openCypher TCK counts them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// `+nodes`
    pub nodes_created: u64,
    /// `-nodes`
    pub nodes_deleted: u64,
    /// `+relationships`
    pub relationships_created: u64,
    /// `-relationships`
    pub relationships_deleted: u64,
    /// `+properties`
    pub properties_set: u64,
    /// `-properties`
    pub properties_removed: u64,
    /// `+labels`
    pub labels_added: u64,
    /// `-labels`
    pub labels_removed: u64,
}

impl Stats {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == Stats::default()
    }

    /// `(name, count)` in the contract's order, the JSON names.
    pub fn fields(&self) -> [(&'static str, u64); 8] {
        [
            ("nodes_created", self.nodes_created),
            ("nodes_deleted", self.nodes_deleted),
            ("relationships_created", self.relationships_created),
            ("relationships_deleted", self.relationships_deleted),
            ("properties_set", self.properties_set),
            ("properties_removed", self.properties_removed),
            ("labels_added", self.labels_added),
            ("labels_removed", self.labels_removed),
        ]
    }
}

impl AddAssign for Stats {
    fn add_assign(&mut self, o: Stats) {
        self.nodes_created += o.nodes_created;
        self.nodes_deleted += o.nodes_deleted;
        self.relationships_created += o.relationships_created;
        self.relationships_deleted += o.relationships_deleted;
        self.properties_set += o.properties_set;
        self.properties_removed += o.properties_removed;
        self.labels_added += o.labels_added;
        self.labels_removed += o.labels_removed;
    }
}

/// A node as it was when the statement finished.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeData {
    /// Labels, sorted.
    pub labels: Vec<String>,
    /// Properties, by key.
    pub properties: BTreeMap<String, Value>,
}

/// A relationship as it was when the statement finished.
#[derive(Debug, Clone, PartialEq)]
pub struct RelData {
    /// Its type.
    pub rel_type: String,
    /// The node it starts at.
    pub start: NodeId,
    /// The node it ends at.
    pub end: NodeId,
    /// Properties, by key.
    pub properties: BTreeMap<String, Value>,
}

/// The result of one statement. Self-contained: printing it needs no database.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryResult {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Rows, in the order the query produced them; each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
    /// What the statement changed.
    pub stats: Stats,
    /// Every node mentioned in `rows` (also inside lists, maps and paths).
    pub nodes: HashMap<NodeId, NodeData>,
    /// Every relationship mentioned in `rows`.
    pub relationships: HashMap<RelId, RelData>,
    /// For `EXPLAIN` / `PROFILE`: the operator tree, printed.
    pub plan: Option<String>,
    /// Notices for people (not errors), e.g. "did you mean".
    pub notices: Vec<String>,
}

impl QueryResult {
    /// The data of a node the rows mention.
    pub fn node(&self, id: NodeId) -> Option<&NodeData> {
        self.nodes.get(&id)
    }

    /// The data of a relationship the rows mention.
    pub fn relationship(&self, id: RelId) -> Option<&RelData> {
        self.relationships.get(&id)
    }
}
