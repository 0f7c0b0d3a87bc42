//! The database façade: one statement in, one result out, all or nothing;
//! transactions that span statements; the file that makes them durable.

mod bounds;
pub(crate) mod dump;
mod dump_history;
mod entities;
mod history;
pub(crate) mod schema;
mod storage;

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::exec::guard::{self, Interrupter, Limits};
use crate::exec::{self, FileAccess, Procedures};
use crate::parse::{self, ast};
use crate::plan::{self, ProcedureSignature};
use crate::result::QueryResult;
use crate::store::{Disk, Graph};
use crate::value::Value;
use bounds::default_memory_limit;
use schema::Kind;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

/// The names of the functions quiver knows (for completion and help).
#[cfg(feature = "cli")]
pub(crate) fn function_names() -> &'static [&'static str] {
    exec::functions::known_names()
}

#[cfg(feature = "cli")]
pub(crate) use crate::store::DiskFullHook;
pub use crate::store::OpenOptions;
pub(crate) use crate::value::Params;
pub use history::Compacted;
pub use schema::{Definition, Kind as DefinitionKind};

/// What `:schema` shows: each name in use with its count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// Node labels and how many nodes have each.
    pub labels: Vec<(String, usize)>,
    /// Relationship types and how many relationships have each.
    pub rel_types: Vec<(String, usize)>,
    /// Property keys and how many nodes and relationships have each.
    pub property_keys: Vec<(String, usize)>,
}

/// An embedded graph database, in memory or backed by a file.
#[derive(Debug)]
pub struct Database {
    graph: Graph,
    procedures: Procedures,
    /// The file, when the database is durable.
    disk: Option<Disk>,
    /// The undo-log mark where the open explicit transaction began.
    transaction: Option<usize>,
    /// When the open transaction began (meaningful only while one is open).
    transaction_started: Option<jiff::Timestamp>,
    /// Between `begin_batch` and `end_batch`.
    batching: bool,
    /// The undo-log mark where the open batch began (never together with
    /// an explicit transaction).
    batch: Option<usize>,
    /// Declared indexes and constraints, by name.
    definitions: BTreeMap<String, Definition>,
    /// Plans of statements seen before, by their text: a plan depends only
    /// on the text and the catalog, never on the data.
    /// Plans by statement text, with the size of the graph they were
    /// planned for (see [`size_class`]).
    plans: HashMap<String, (u32, Arc<plan::Plan>)>,
    /// The bounds every statement runs within.
    limits: Limits,
    /// Raised from another thread to cancel the running statement.
    interrupter: Interrupter,
    /// The files `LOAD CSV` may read.
    file_access: FileAccess,
    /// The commit history: numbers, metadata, the state shown.
    chronicle: history::Chronicle,
}

impl Default for Database {
    fn default() -> Database {
        Database {
            graph: Graph::default(),
            procedures: Procedures::default(),
            disk: None,
            transaction: None,
            transaction_started: None,
            batching: false,
            batch: None,
            definitions: BTreeMap::new(),
            plans: HashMap::new(),
            limits: Limits {
                timeout: None,
                memory: Some(default_memory_limit()),
                threads: None,
            },
            interrupter: Interrupter::default(),
            file_access: FileAccess::Denied,
            chronicle: history::Chronicle::default(),
        }
    }
}

/// When less stack than this is left, `execute` runs on a new segment of
/// a statement's stack (`exec::STATEMENT_STACK`).
const STACK_RED_ZONE: usize = 4 << 20;

/// How many plans the cache keeps before it starts over.
const PLAN_CACHE: usize = 512;

/// The order of magnitude (base 4) of the graph's size: a plan chosen from
/// the statistics of a graph is planned again once the graph is four times
/// bigger or smaller.
fn size_class(graph: &Graph) -> u32 {
    let size = graph.node_count() + graph.rel_count() + 1;
    size.ilog2() / 2
}

fn result_with(columns: &[&str], rows: Vec<Vec<Value>>) -> QueryResult {
    QueryResult {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        ..QueryResult::default()
    }
}

/// A property value must be storable (no entities; lists of one type).
fn check_storable(key: &str, v: &Value) -> Result<()> {
    if v.is_storable() && !v.is_null() {
        Ok(())
    } else {
        Err(Error::runtime(
            ErrorKind::TypeError,
            Detail::InvalidPropertyType,
            format!("property `{key}` cannot hold a {}", v.type_name()),
        ))
    }
}

/// The pairs, each checked by [`check_storable`].
fn storable<K: AsRef<str>>(
    properties: impl IntoIterator<Item = (K, Value)>,
) -> Result<Vec<(K, Value)>> {
    properties
        .into_iter()
        .map(|(k, v)| check_storable(k.as_ref(), &v).map(|()| (k, v)))
        .collect()
}

fn semantic(detail: Detail, message: impl Into<String>) -> Error {
    Error::runtime(ErrorKind::SemanticError, detail, message)
}

impl Database {
    /// A new, empty database that lives in memory.
    pub fn in_memory() -> Database {
        Database::default()
    }

    /// Opens the database file at `path`, creating it if missing (see
    /// [`Database::open_with`]).
    pub fn open(path: &Path) -> Result<Database> {
        Database::open_with(path, &OpenOptions::default())
    }

    /// Which files `LOAD CSV` may read: none at first
    /// ([`FileAccess::Denied`]); the embedding program grants a directory
    /// ([`FileAccess::Under`]) or, explicitly, every file
    /// ([`FileAccess::Anywhere`]). The command line grants its
    /// `--import-dir`, the current directory by default.
    pub fn set_file_access(&mut self, access: FileAccess) {
        self.file_access = access;
    }

    /// Which files `LOAD CSV` may read.
    pub fn file_access(&self) -> &FileAccess {
        &self.file_access
    }

    /// Whether the database is backed by a file.
    pub fn is_durable(&self) -> bool {
        self.disk.is_some()
    }

    /// The file that holds the database (`PATH/quiver.db` when it was
    /// opened from a directory); `None` in memory. What must never be
    /// written over while it is open.
    pub fn file(&self) -> Option<&Path> {
        self.disk.as_ref().map(Disk::file)
    }

    /// Whether the file at `path` is a quiver database file, whoever has
    /// it open.
    pub fn is_database_file(path: &Path) -> bool {
        Disk::is_database_file(path)
    }

    /// Whether an explicit transaction (`BEGIN`) is open.
    pub fn in_transaction(&self) -> bool {
        self.transaction.is_some()
    }

    /// Runs one statement (a trailing `;` is allowed). A statement is
    /// atomic: when it fails, nothing it did remains. Outside an explicit
    /// transaction it is committed, durably when the database has a file,
    /// before this returns (with group commit on, durably once
    /// [`Database::sync`] returns: see [`Database::set_group_commit`]).
    pub fn execute(&mut self, text: &str, params: &Params) -> Result<QueryResult> {
        // Only an interrupt raised from now on cancels this statement.
        self.interrupter.clear();
        // Plans nest one operator per clause and are planned, optimized,
        // built and pulled recursively: make sure there is stack for the
        // deepest query the parser accepts, whatever thread calls us.
        stacker::maybe_grow(STACK_RED_ZONE, exec::STATEMENT_STACK, || {
            self.execute_here(text, params)
        })
    }

    fn execute_here(&mut self, text: &str, params: &Params) -> Result<QueryResult> {
        self.take_up_file_again();
        let size = size_class(&self.graph);
        if let Some((planned_for, plan)) = self.plans.get(text).cloned()
            && planned_for == size
        {
            return self.run(&plan, params);
        }
        let statement = parse::parse_statement(text)?;
        // Plans are cached only once this passed, so a cached plan is
        // always allowed to run.
        self.refuse_writes(&statement)?;
        match &statement.kind {
            ast::StatementKind::Begin
            | ast::StatementKind::Commit
            | ast::StatementKind::Rollback
            | ast::StatementKind::Schema(_) => {
                // A batch (--load) ends before a statement about transactions
                // or the schema, and starts again after it.
                self.flush_batch()?;
                let outcome = match &statement.kind {
                    ast::StatementKind::Begin => self.begin().map(|_| QueryResult::default()),
                    ast::StatementKind::Commit => self.commit().map(|_| QueryResult::default()),
                    ast::StatementKind::Rollback => self.rollback().map(|_| QueryResult::default()),
                    ast::StatementKind::Schema(cmd) => self.schema_command(cmd),
                    _ => Ok(QueryResult::default()),
                };
                self.resume_batch();
                outcome
            }
            _ => {
                let indexed = self
                    .definitions
                    .values()
                    .map(|d| (d.label.clone(), d.key.clone()))
                    .collect();
                let catalog = exec::ExecCatalog {
                    procedures: &self.procedures,
                    stats: Some(exec::GraphStats::new(&self.graph, indexed)),
                };
                let mut plan = plan::plan(&statement, &catalog)?;
                plan.writes = storage::writes(&statement).is_some();
                plan.sets_metadata = history::sets_metadata(&statement);
                let plan = Arc::new(plan);
                if self.plans.len() >= PLAN_CACHE {
                    self.plans.clear();
                }
                self.plans.insert(text.to_string(), (size, plan.clone()));
                self.run(&plan, params)
            }
        }
    }

    fn run(&mut self, plan: &plan::Plan, params: &Params) -> Result<QueryResult> {
        if plan.sets_metadata {
            self.commit_batch_before_new_metadata()?;
        }
        let savepoint = self.graph.savepoint();
        let bounded = guard::enter(self.limits, &self.interrupter);
        let history = self.chronicle.ctx(self.disk.as_ref());
        let (executed, meta) = exec::execute(
            plan,
            &mut self.graph,
            params,
            &self.procedures,
            &self.file_access,
            exec::clock::Clock::starting(self.transaction.and(self.transaction_started)),
            history,
        );
        drop(bounded);
        if executed.is_ok() {
            self.chronicle.pending = meta;
        }
        let outcome = executed
            .and_then(|r| self.check_constraints(savepoint).map(|_| r))
            .and_then(|r| match self.deferred() {
                true => Ok(r),
                false => self.make_durable(savepoint).map(|_| r),
            });
        match outcome {
            Ok(result) => {
                if !self.deferred() {
                    self.graph.commit();
                }
                Ok(result)
            }
            Err(e) => {
                self.graph.rollback_to(savepoint);
                if !self.deferred() {
                    self.chronicle.pending = None;
                }
                self.take_up_file_again();
                Err(e)
            }
        }
    }

    /// Whether commits wait: an explicit transaction or a batch is open.
    fn deferred(&self) -> bool {
        self.transaction.is_some() || self.batch.is_some()
    }

    /// Starts a batch: the statements that follow (outside explicit
    /// transactions) commit together, once, at [`Database::end_batch`] — one
    /// disk sync for a whole `--load` file instead of one per statement.
    pub fn begin_batch(&mut self) {
        self.batching = true;
        self.resume_batch();
    }

    /// Ends a batch, taking back what it holds (a cancelled `--load`).
    pub fn abort_batch(&mut self) {
        self.batching = false;
        if let Some(start) = self.batch.take() {
            self.graph.rollback_to(start);
        }
    }

    /// Ends a batch, committing what it holds.
    pub fn end_batch(&mut self) -> Result<()> {
        self.batching = false;
        self.flush_batch()
    }

    fn resume_batch(&mut self) {
        if self.batching && self.transaction.is_none() && self.batch.is_none() {
            self.batch = Some(self.graph.savepoint());
        }
    }

    /// Commits the open batch, if any.
    fn flush_batch(&mut self) -> Result<()> {
        let Some(start) = self.batch.take() else {
            return Ok(());
        };
        match self
            .check_constraints(start)
            .and_then(|()| self.make_durable(start))
        {
            Ok(()) => {
                self.graph.commit();
                Ok(())
            }
            Err(e) => {
                self.graph.rollback_to(start);
                self.take_up_file_again();
                Err(e)
            }
        }
    }

    fn check_constraints(&self, savepoint: usize) -> Result<()> {
        for def in self.definitions.values().filter(|d| d.kind == Kind::Unique) {
            schema::check_touched(def, &self.graph, savepoint)?;
        }
        Ok(())
    }

    /// Makes what changed since `savepoint` a commit: numbered, stamped,
    /// and written with its history to the file, if there is one.
    fn make_durable(&mut self, savepoint: usize) -> Result<()> {
        let record = self.next_commit(savepoint);
        let history = record.as_ref().map(|(c, ch)| (c, ch.as_slice()));
        let saved = match &mut self.disk {
            Some(disk) => disk.save(&self.graph, savepoint, &[], history),
            None => Ok(()),
        };
        if saved.is_err() {
            self.chronicle.pending = None;
        }
        saved?;
        self.committed(record)
    }

    /// `BEGIN`: the statements that follow commit together at `COMMIT`.
    pub fn begin(&mut self) -> Result<()> {
        if self.transaction.is_some() {
            return Err(semantic(
                Detail::TransactionAlreadyOpen,
                "a transaction is already open; COMMIT or ROLLBACK it first",
            ));
        }
        self.transaction = Some(self.graph.savepoint());
        self.transaction_started = Some(jiff::Timestamp::now());
        Ok(())
    }

    /// `COMMIT`: makes the open transaction durable (with group commit on,
    /// once [`Database::sync`] returns) and visible for good.
    pub fn commit(&mut self) -> Result<()> {
        let Some(start) = self.transaction else {
            return Err(semantic(
                Detail::NoOpenTransaction,
                "there is no open transaction to commit",
            ));
        };
        // Statements checked their own changes; bulk creations are checked
        // here, before anything is written.
        let checked = self
            .check_constraints(start)
            .and_then(|()| self.make_durable(start));
        if let Err(e) = checked {
            self.graph.rollback_to(start);
            self.transaction = None;
            self.take_up_file_again();
            return Err(e);
        }
        self.graph.commit();
        self.transaction = None;
        Ok(())
    }

    /// Creates a node directly, without a statement (for bulk imports). Only
    /// inside a transaction (`begin` ... `commit`), which checks the unique
    /// constraints and writes the file once, at commit.
    pub fn bulk_create_node<K: AsRef<str>>(
        &mut self,
        labels: &[impl AsRef<str>],
        properties: impl IntoIterator<Item = (K, Value)>,
    ) -> Result<crate::value::NodeId> {
        self.require_transaction()?;
        self.refuse_bulk_writes()?;
        let properties = storable(properties)?;
        Ok(self.graph.create_node(labels, properties))
    }

    /// Creates a relationship directly, without a statement (for bulk
    /// imports); both nodes must exist. Only inside a transaction.
    pub fn bulk_create_relationship<K: AsRef<str>>(
        &mut self,
        rel_type: &str,
        start: crate::value::NodeId,
        end: crate::value::NodeId,
        properties: impl IntoIterator<Item = (K, Value)>,
    ) -> Result<crate::value::RelId> {
        self.require_transaction()?;
        self.refuse_bulk_writes()?;
        for id in [start, end] {
            if !self.graph.contains_node(id) {
                return Err(Error::runtime(
                    ErrorKind::EntityNotFound,
                    Detail::NodeNotFound,
                    format!("there is no node with id {id}"),
                ));
            }
        }
        let properties = storable(properties)?;
        Ok(self.graph.create_rel(rel_type, start, end, properties))
    }

    fn require_transaction(&self) -> Result<()> {
        match self.transaction {
            Some(_) => Ok(()),
            None => Err(semantic(
                Detail::NoOpenTransaction,
                "bulk writes need an open transaction (begin ... commit)",
            )),
        }
    }

    /// `ROLLBACK`: takes back everything since `BEGIN`.
    pub fn rollback(&mut self) -> Result<()> {
        let Some(start) = self.transaction.take() else {
            return Err(semantic(
                Detail::NoOpenTransaction,
                "there is no open transaction to roll back",
            ));
        };
        self.graph.rollback_to(start);
        self.chronicle.pending = None;
        Ok(())
    }

    fn schema_command(&mut self, cmd: &ast::SchemaCommand) -> Result<QueryResult> {
        use ast::SchemaCommand as C;
        // A schema statement takes effect at once; inside a transaction only
        // before its first write (a dump loaded with --load starts so).
        let wrote = self
            .transaction
            .is_some_and(|start| self.graph.savepoint() != start);
        if wrote && !matches!(cmd, C::ShowIndexes | C::ShowConstraints) {
            return Err(semantic(
                Detail::SchemaInTransaction,
                "indexes and constraints cannot change after a transaction has written",
            ));
        }
        match cmd {
            C::CreateIndex {
                name,
                if_not_exists,
                label,
                key,
            } => self.create_definition(
                Kind::Index,
                name.as_ref(),
                *if_not_exists,
                &label.name,
                &key.name,
            ),
            C::CreateUnique {
                name,
                if_not_exists,
                label,
                key,
            } => self.create_definition(
                Kind::Unique,
                name.as_ref(),
                *if_not_exists,
                &label.name,
                &key.name,
            ),
            C::DropIndex { name, if_exists } => {
                self.drop_definition(Kind::Index, &name.name, *if_exists)
            }
            C::DropConstraint { name, if_exists } => {
                self.drop_definition(Kind::Unique, &name.name, *if_exists)
            }
            C::ShowIndexes => {
                let mut rows = vec![vec![
                    Value::string("(automatic)"),
                    Value::string("PROPERTY"),
                    Value::Null,
                    Value::string("(every key)"),
                    Value::Null,
                ]];
                for d in self.definitions.values() {
                    let owner = match d.kind {
                        Kind::Index => Value::Null,
                        Kind::Unique => Value::string(&d.name),
                    };
                    rows.push(vec![
                        Value::string(&d.name),
                        Value::string("RANGE"),
                        Value::string(&d.label),
                        Value::string(&d.key),
                        owner,
                    ]);
                }
                Ok(result_with(
                    &["name", "type", "label", "property", "owningConstraint"],
                    rows,
                ))
            }
            C::ShowConstraints => {
                let rows = self
                    .definitions
                    .values()
                    .filter(|d| d.kind == Kind::Unique)
                    .map(|d| {
                        vec![
                            Value::string(&d.name),
                            Value::string("UNIQUENESS"),
                            Value::string(&d.label),
                            Value::string(&d.key),
                        ]
                    })
                    .collect();
                Ok(result_with(&["name", "type", "label", "property"], rows))
            }
        }
    }

    fn create_definition(
        &mut self,
        kind: Kind,
        name: Option<&ast::Name>,
        if_not_exists: bool,
        label: &str,
        key: &str,
    ) -> Result<QueryResult> {
        let what = if kind == Kind::Index {
            "index"
        } else {
            "constraint"
        };
        let same = self
            .definitions
            .values()
            .any(|d| d.kind == kind && d.label == label && d.key == key);
        let clash = name.is_some_and(|n| self.definitions.contains_key(&n.name));
        if same || clash {
            if if_not_exists {
                return Ok(QueryResult::default());
            }
            let message = match name {
                Some(n) if clash => format!(
                    "the name `{}` is already taken by an index or constraint",
                    n.name
                ),
                _ => format!("an equivalent {what} already exists"),
            };
            return Err(Error::runtime(
                ErrorKind::SemanticError,
                Detail::SchemaObjectAlreadyExists,
                message,
            ));
        }
        let taken: BTreeSet<String> = self.definitions.keys().cloned().collect();
        let name = match name {
            Some(n) => n.name.clone(),
            None => schema::fresh_name(kind, label, key, &taken),
        };
        let def = Definition {
            name: name.clone(),
            kind,
            label: label.to_string(),
            key: key.to_string(),
        };
        if kind == Kind::Unique {
            schema::check_all(&def, &self.graph)?;
        }
        if let Some(disk) = &mut self.disk {
            let saved = disk.save(
                &self.graph,
                self.graph.savepoint(),
                &[(name.clone(), Some(def.encode()))],
                None,
            );
            if let Err(e) = saved {
                self.take_up_file_again();
                return Err(e);
            }
        }
        self.definitions.insert(name, def);
        Ok(QueryResult::default())
    }

    fn drop_definition(&mut self, kind: Kind, name: &str, if_exists: bool) -> Result<QueryResult> {
        match self.definitions.get(name) {
            Some(d) if d.kind == kind => {
                if let Some(disk) = &mut self.disk {
                    let saved = disk.save(
                        &self.graph,
                        self.graph.savepoint(),
                        &[(name.to_string(), None)],
                        None,
                    );
                    if let Err(e) = saved {
                        self.take_up_file_again();
                        return Err(e);
                    }
                }
                self.definitions.remove(name);
                Ok(QueryResult::default())
            }
            _ if if_exists => Ok(QueryResult::default()),
            _ => Err(Error::runtime(
                ErrorKind::SemanticError,
                Detail::SchemaObjectNotFound,
                format!(
                    "there is no {} named `{name}`",
                    if kind == Kind::Index {
                        "index"
                    } else {
                        "constraint"
                    }
                ),
            )),
        }
    }

    /// Writes the whole database as a Cypher script (schema, then data)
    /// that `--load` reads back into the same graph.
    pub fn dump(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let schema: Vec<String> = self
            .definitions
            .values()
            .map(Definition::to_cypher)
            .collect();
        dump::write(w, self, &schema)
    }

    /// The declared indexes and constraints.
    pub fn definitions(&self) -> impl Iterator<Item = &Definition> {
        self.definitions.values()
    }

    /// Registers a procedure that `CALL` answers from a table: each row
    /// holds the inputs then the outputs, in the order of `signature`
    /// (read it with [`ProcedureSignature::parse`]).
    pub fn register_procedure(
        &mut self,
        signature: ProcedureSignature,
        rows: Vec<Vec<Value>>,
    ) -> Result<()> {
        self.plans.clear();
        self.procedures.register_table(signature, rows)
    }

    /// The labels, relationship types and property keys in use.
    pub fn schema(&self) -> Schema {
        Schema {
            labels: self.graph.label_counts(),
            rel_types: self.graph.rel_type_counts(),
            property_keys: self.graph.property_key_counts(),
        }
    }

    /// The number of nodes and relationships.
    pub fn counts(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.rel_count())
    }
}

#[cfg(test)]
mod journal_tests;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod tests;
