//! Where an import puts the nodes and relationships it reads.
//!
//! An importer numbers the nodes it adds 0, 1, 2... in order and names a
//! relationship's ends by those numbers; the sink maps them to node ids.
//! [`DatabaseSink`] writes through the database's bulk API, no Cypher text
//! per row; the caller owns the transaction around it.

use crate::db::Database;
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::value::{NodeId, Value};

/// An entity's properties as an import hands them over: (key, value)
/// pairs, a later repeat of a key replacing an earlier one.
pub(crate) type Pairs<'a, 'k> = &'a mut dyn Iterator<Item = (&'k str, Value)>;

/// Receives an import's nodes and relationships.
pub trait Sink {
    /// Adds the next node (its number is the count of nodes added before).
    fn node(&mut self, labels: &[&str], props: Pairs<'_, '_>) -> Result<()>;
    /// Adds a relationship between nodes numbered `start` and `end`.
    fn relationship(
        &mut self,
        rel_type: &str,
        start: u64,
        end: u64,
        props: Pairs<'_, '_>,
    ) -> Result<()>;
    /// Writes whatever is still buffered.
    fn finish(&mut self) -> Result<()>;
}

/// A [`Sink`] into a database, inside the transaction the caller opened.
pub struct DatabaseSink<'a> {
    db: &'a mut Database,
    /// Node number → node id.
    ids: Vec<NodeId>,
}

impl<'a> DatabaseSink<'a> {
    /// A sink into `db`, which must be in a transaction.
    pub fn new(db: &'a mut Database) -> DatabaseSink<'a> {
        DatabaseSink {
            db,
            ids: Vec::new(),
        }
    }

    fn id(&self, number: u64) -> Result<NodeId> {
        usize::try_from(number)
            .ok()
            .and_then(|i| self.ids.get(i))
            .copied()
            .ok_or_else(|| {
                Error::runtime(
                    ErrorKind::EntityNotFound,
                    Detail::NodeNotFound,
                    format!("the import has no node number {number}"),
                )
            })
    }
}

impl Sink for DatabaseSink<'_> {
    fn node(&mut self, labels: &[&str], props: Pairs<'_, '_>) -> Result<()> {
        let id = self.db.bulk_create_node(labels, props)?;
        self.ids.push(id);
        Ok(())
    }

    fn relationship(
        &mut self,
        rel_type: &str,
        start: u64,
        end: u64,
        props: Pairs<'_, '_>,
    ) -> Result<()> {
        let (start, end) = (self.id(start)?, self.id(end)?);
        self.db
            .bulk_create_relationship(rel_type, start, end, props)
            .map(|_| ())
    }

    fn finish(&mut self) -> Result<()> {
        Ok(())
    }
}
