//! Where an import puts the nodes and relationships it reads.
//!
//! An importer numbers the nodes it adds 0, 1, 2... in order and names a
//! relationship's ends by those numbers; the sink maps them to node ids.
//! [`CypherSink`] goes through [`Database::execute`] in `UNWIND` batches
//! (nodes carry a temporary key that relationship batches look up through
//! the property index, removed at the end); a direct sink over a bulk API
//! of the database would skip the Cypher text entirely.

use crate::db::{Database, Params};
use crate::error::Result;
use crate::store::Properties;
use crate::value::{Value, quote_name};
use std::collections::BTreeMap;

/// Receives an import's nodes and relationships.
pub trait Sink {
    /// Adds the next node (its number is the count of nodes added before).
    fn node(&mut self, labels: &[String], props: Properties) -> Result<()>;
    /// Adds a relationship between nodes numbered `start` and `end`.
    fn relationship(
        &mut self,
        rel_type: &str,
        start: u64,
        end: u64,
        props: Properties,
    ) -> Result<()>;
    /// Writes whatever is still buffered.
    fn finish(&mut self) -> Result<()>;
}

/// Rows per `UNWIND` statement.
const BATCH: usize = 2000;

/// The temporary property that carries a node's import number.
const KEY: &str = "__quiver_import";

/// A [`Sink`] that writes through Cypher statements in batches. The caller
/// owns the transaction around it.
pub struct CypherSink<'a> {
    db: &'a mut Database,
    next: u64,
    nodes: BTreeMap<Vec<String>, Vec<Value>>,
    node_rows: usize,
    rels: BTreeMap<String, Vec<Value>>,
    rel_rows: usize,
    /// Whether any node got the temporary key (so it must be removed).
    keyed: bool,
}

impl<'a> CypherSink<'a> {
    /// A sink into `db`.
    pub fn new(db: &'a mut Database) -> CypherSink<'a> {
        CypherSink {
            db,
            next: 0,
            nodes: BTreeMap::new(),
            node_rows: 0,
            rels: BTreeMap::new(),
            rel_rows: 0,
            keyed: false,
        }
    }

    fn flush_nodes(&mut self) -> Result<()> {
        for (labels, rows) in std::mem::take(&mut self.nodes) {
            let label_text: String = labels
                .iter()
                .map(|l| format!(":{}", quote_name(l)))
                .collect();
            let text =
                format!("UNWIND $rows AS r CREATE (n{label_text}) SET n = r.p, n.{KEY} = r.i");
            run(self.db, &text, rows)?;
        }
        self.node_rows = 0;
        Ok(())
    }

    fn flush_rels(&mut self) -> Result<()> {
        self.flush_nodes()?;
        for (rel_type, rows) in std::mem::take(&mut self.rels) {
            let text = format!(
                "UNWIND $rows AS r MATCH (a {{{KEY}: r.s}}) MATCH (b {{{KEY}: r.e}}) \
                 CREATE (a)-[x:{}]->(b) SET x = r.p",
                quote_name(&rel_type)
            );
            run(self.db, &text, rows)?;
        }
        self.rel_rows = 0;
        Ok(())
    }
}

fn run(db: &mut Database, text: &str, rows: Vec<Value>) -> Result<()> {
    let mut params = Params::new();
    params.insert("rows".to_string(), Value::List(rows));
    db.execute(text, &params).map(|_| ())
}

fn int(n: u64) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

impl Sink for CypherSink<'_> {
    fn node(&mut self, labels: &[String], props: Properties) -> Result<()> {
        let mut row = BTreeMap::new();
        row.insert("i".to_string(), int(self.next));
        row.insert("p".to_string(), Value::Map(props));
        self.next += 1;
        self.keyed = true;
        self.nodes
            .entry(labels.to_vec())
            .or_default()
            .push(Value::Map(row));
        self.node_rows += 1;
        if self.node_rows >= BATCH {
            self.flush_nodes()?;
        }
        Ok(())
    }

    fn relationship(
        &mut self,
        rel_type: &str,
        start: u64,
        end: u64,
        props: Properties,
    ) -> Result<()> {
        let mut row = BTreeMap::new();
        row.insert("s".to_string(), int(start));
        row.insert("e".to_string(), int(end));
        row.insert("p".to_string(), Value::Map(props));
        match self.rels.get_mut(rel_type) {
            Some(rows) => rows.push(Value::Map(row)),
            None => {
                self.rels
                    .insert(rel_type.to_string(), vec![Value::Map(row)]);
            }
        }
        self.rel_rows += 1;
        if self.rel_rows >= BATCH {
            self.flush_rels()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<()> {
        self.flush_rels()?;
        if self.keyed {
            self.db.execute(
                &format!("MATCH (n) WHERE n.{KEY} IS NOT NULL REMOVE n.{KEY}"),
                &Params::new(),
            )?;
            self.keyed = false;
        }
        Ok(())
    }
}
