//! `dump --with-history`: a Cypher script that makes a database's commits
//! again, in order, each with its metadata and its changes, so that the
//! database it is run into (empty, by `-f` or `--load`) has the same log
//! (numbers, metadata, change counts; the times are new), the same
//! `history(x)` and `sources(x)`, and the same final state.
//!
//! ```text
//! // quiver dump with history: 2 commits
//! BEGIN;
//! CALL tx.setMetaData({source: 'PCMag'});
//! CREATE (:Company {name: 'OpenAI'});
//! COMMIT;
//! BEGIN;
//! MATCH (n) WHERE id(n) = 0 SET n.name = 'Open AI';
//! COMMIT;
//! ```
//!
//! Entities are addressed by the ids the replay gives them, which the
//! script predicts: a node or relationship created takes the id freed last
//! (a commit frees the ids of what it deleted in increasing order, see
//! `Graph::commit`), else the next new one. An entity a `MERGE` matched
//! without changing it (corroborated) is matched again by a `MERGE` on a
//! marker property set just before and removed in the same statement; the
//! marker leaves no trace in the log, `history`, `sources` or the state.

use super::Database;
use super::dump::{literal, map_literal};
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::history::{Change, Commit, DiffEntry, Entity};
use crate::value::quote_name;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

/// The ids the replay gives, as the graph hands them out: the last freed
/// first, else the next new one.
#[derive(Debug, Default)]
struct Ids {
    next: u64,
    free: Vec<u64>,
    /// The original id of each live entity → its id in the replay.
    map: HashMap<u64, u64>,
    /// Replay ids deleted by the commit being written (freed at its end).
    deleted: Vec<u64>,
}

impl Ids {
    /// The replay id of an original id.
    fn get(&self, id: u64) -> Result<u64> {
        self.map.get(&id).copied().ok_or_else(|| unknown(id))
    }

    fn create(&mut self, id: u64) -> u64 {
        let new = self.free.pop().unwrap_or_else(|| {
            self.next += 1;
            self.next - 1
        });
        self.map.insert(id, new);
        new
    }

    fn delete(&mut self, id: u64) -> Result<u64> {
        let old = self.get(id)?;
        self.map.remove(&id);
        self.deleted.push(old);
        Ok(old)
    }

    /// The order to create entities of these original ids in: each that
    /// can keep its id when its turn comes does, so the replay has the
    /// original's ids when it allocated them as the replay does.
    fn order(&self, mut ids: BTreeSet<u64>) -> Vec<u64> {
        let mut free = self.free.clone();
        let mut next = self.next;
        let mut out = Vec::with_capacity(ids.len());
        while let Some(&first) = ids.first() {
            let given = free.pop().unwrap_or_else(|| {
                next += 1;
                next - 1
            });
            let id = if ids.contains(&given) { given } else { first };
            ids.remove(&id);
            out.push(id);
        }
        out
    }

    /// The end of a commit: its deleted ids are freed, highest first (as
    /// `Graph::commit` frees them).
    fn commit(&mut self) {
        self.deleted.sort_unstable();
        self.free.extend(self.deleted.drain(..).rev());
    }
}

/// The history names an entity it never created (it cannot be replayed).
fn unknown(id: u64) -> Error {
    Error::runtime(
        ErrorKind::IoError,
        Detail::StorageFailure,
        format!("the history names entity {id} before it was created; it cannot be replayed"),
    )
}

/// The statements of one commit, per entity: `SET` and `REMOVE` items.
#[derive(Default)]
struct Edits {
    set: Vec<String>,
    remove: Vec<String>,
}

/// Writes the script (see the module documentation).
struct Writer<'a> {
    w: &'a mut dyn Write,
    nodes: Ids,
    rels: Ids,
    /// The marker property of corroborations.
    marker: String,
    /// Each live relationship's type and ends (original ids).
    ends: HashMap<u64, (String, u64, u64)>,
}

impl Database {
    /// Writes a Cypher script that makes this database's commits again,
    /// each with its metadata and changes, then its indexes and
    /// constraints. A database without history gets the plain dump. The
    /// whole history must be kept: after `compact` it is refused.
    pub fn dump_with_history(&self, w: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io(format!("cannot write the script: {e}"));
        let commits: Vec<Commit> = self.log(None)?.into_iter().rev().collect();
        if commits.is_empty() {
            return self.dump(w).map_err(io);
        }
        if commits.first().map(|c| c.number) != Some(1) || self.diff(0, Some(1)).is_err() {
            return Err(Error::runtime(
                ErrorKind::ArgumentError,
                Detail::InvalidArgumentValue,
                "the history of the first commits was dropped (compact); dump --with-history \
                 needs every commit since the first: use dump for the current state",
            ));
        }
        let used: BTreeSet<String> = self
            .schema()
            .property_keys
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let mut marker = "__quiver_assert".to_string();
        while used.contains(&marker) {
            marker.push('_');
        }
        let n = commits.len();
        let plural = if n == 1 { "" } else { "s" };
        writeln!(w, "// quiver dump with history: {n} commit{plural}").map_err(io)?;
        let mut writer = Writer {
            w,
            nodes: Ids::default(),
            rels: Ids::default(),
            marker: quote_name(&marker),
            ends: HashMap::new(),
        };
        for commit in &commits {
            let n = commit.number;
            let diff = self.diff(n - 1, Some(n))?;
            let changes = self.with_history(|h, _, _| h.changes(n))?;
            writer.commit(commit, &diff, &changes)?;
        }
        for definition in self.definitions() {
            writeln!(writer.w, "{};", definition.to_cypher()).map_err(io)?;
        }
        Ok(())
    }
}

impl Writer<'_> {
    fn line(&mut self, text: &str) -> Result<()> {
        writeln!(self.w, "{text}").map_err(|e| Error::io(format!("cannot write the script: {e}")))
    }

    /// One commit: `BEGIN`, its metadata, deletions, creations, edits and
    /// corroborations, `COMMIT`.
    fn commit(&mut self, commit: &Commit, diff: &[DiffEntry], changes: &[Change]) -> Result<()> {
        self.line("BEGIN;")?;
        if !commit.meta.is_empty() {
            self.line(&format!(
                "CALL tx.setMetaData({});",
                map_literal(&commit.meta)
            ))?;
        }
        // Relationships go before their nodes.
        for entry in diff {
            if let DiffEntry::RelationshipDeleted { id, .. } = entry {
                let r = self.rels.delete(*id)?;
                self.ends.remove(id);
                self.line(&format!("MATCH ()-[r]->() WHERE id(r) = {r} DELETE r;"))?;
            }
        }
        for entry in diff {
            if let DiffEntry::NodeDeleted { id, .. } = entry {
                let n = self.nodes.delete(*id)?;
                self.line(&format!("MATCH (n) WHERE id(n) = {n} DELETE n;"))?;
            }
        }
        let mut nodes = BTreeMap::new();
        let mut rels = BTreeMap::new();
        for entry in diff {
            match entry {
                DiffEntry::NodeCreated { id, .. } => nodes.insert(*id, entry),
                DiffEntry::RelationshipCreated { id, .. } => rels.insert(*id, entry),
                _ => None,
            };
        }
        for id in self.nodes.order(nodes.keys().copied().collect()) {
            if let Some(DiffEntry::NodeCreated {
                labels, properties, ..
            }) = nodes.get(&id)
            {
                self.nodes.create(id);
                let labels: String = labels
                    .iter()
                    .map(|l| format!(":{}", quote_name(l)))
                    .collect();
                self.line(&format!("CREATE ({labels} {});", map_literal(properties)))?;
            }
        }
        for id in self.rels.order(rels.keys().copied().collect()) {
            if let Some(DiffEntry::RelationshipCreated {
                rel_type,
                start,
                end,
                properties,
                ..
            }) = rels.get(&id)
            {
                let (a, b) = (self.nodes.get(*start)?, self.nodes.get(*end)?);
                self.rels.create(id);
                self.ends.insert(id, (rel_type.clone(), *start, *end));
                self.line(&format!(
                    "MATCH (a), (b) WHERE id(a) = {a} AND id(b) = {b} CREATE (a)-[:{} {}]->(b);",
                    quote_name(rel_type),
                    map_literal(properties)
                ))?;
            }
        }
        self.edits(diff, changes)?;
        self.corroborations(changes)?;
        self.nodes.commit();
        self.rels.commit();
        self.line("COMMIT;")
    }

    /// Labels and properties of entities that were there before: what
    /// changed, then the values written again unchanged.
    fn edits(&mut self, diff: &[DiffEntry], changes: &[Change]) -> Result<()> {
        let mut edits: BTreeMap<Entity, Edits> = BTreeMap::new();
        for entry in diff {
            match entry {
                DiffEntry::LabelAdded { node, label } => edits
                    .entry(Entity::Node(*node))
                    .or_default()
                    .set
                    .push(format!("x:{}", quote_name(label))),
                DiffEntry::LabelRemoved { node, label } => edits
                    .entry(Entity::Node(*node))
                    .or_default()
                    .remove
                    .push(format!("x:{}", quote_name(label))),
                DiffEntry::PropertySet {
                    entity, key, new, ..
                } => edits.entry(*entity).or_default().set.push(format!(
                    "x.{} = {}",
                    quote_name(key),
                    literal(new)
                )),
                DiffEntry::PropertyRemoved { entity, key, .. } => edits
                    .entry(*entity)
                    .or_default()
                    .remove
                    .push(format!("x.{}", quote_name(key))),
                _ => {}
            }
        }
        // A value written again (`SET` of the value it had, or a `MERGE`
        // naming it); an absent one is set and removed again.
        for change in changes {
            if let Change::Property {
                key,
                name,
                old,
                new,
            } = change
                && old == new
            {
                let entity = match key.is_rel() {
                    true => Entity::Relationship(key.id()),
                    false => Entity::Node(key.id()),
                };
                let e = edits.entry(entity).or_default();
                let name = quote_name(name);
                match old {
                    Some(v) => e.set.push(format!("x.{name} = {}", literal(v))),
                    None => {
                        e.set.push(format!("x.{name} = true"));
                        e.remove.push(format!("x.{name}"));
                    }
                }
            }
        }
        for (entity, e) in edits {
            let mut text = self.matching(entity)?;
            if !e.set.is_empty() {
                text.push_str(&format!(" SET {}", e.set.join(", ")));
            }
            if !e.remove.is_empty() {
                text.push_str(&format!(" REMOVE {}", e.remove.join(", ")));
            }
            self.line(&format!("{text};"))?;
        }
        Ok(())
    }

    /// `MATCH` of an entity by its replay id, as `x`.
    fn matching(&self, entity: Entity) -> Result<String> {
        Ok(match entity {
            Entity::Node(id) => format!("MATCH (x) WHERE id(x) = {}", self.nodes.get(id)?),
            Entity::Relationship(id) => {
                format!("MATCH ()-[x]->() WHERE id(x) = {}", self.rels.get(id)?)
            }
        })
    }

    /// Entities a `MERGE` matched: marked, matched again by a `MERGE` on
    /// the mark, unmarked.
    fn corroborations(&mut self, changes: &[Change]) -> Result<()> {
        for change in changes {
            let Change::Asserted(key) = change else {
                continue;
            };
            let m = self.marker.clone();
            if key.is_rel() {
                let r = self.rels.get(key.id())?;
                let ends = self.ends.get(&key.id()).cloned();
                let (rel_type, start, end) = ends.ok_or_else(|| unknown(key.id()))?;
                let (a, b) = (self.nodes.get(start)?, self.nodes.get(end)?);
                self.line(&format!(
                    "MATCH ()-[x]->() WHERE id(x) = {r} SET x.{m} = true;"
                ))?;
                self.line(&format!(
                    "MATCH (a), (b) WHERE id(a) = {a} AND id(b) = {b} \
                     MERGE (a)-[x:{} {{{m}: true}}]->(b) REMOVE x.{m};",
                    quote_name(&rel_type)
                ))?;
            } else {
                let n = self.nodes.get(key.id())?;
                self.line(&format!("MATCH (x) WHERE id(x) = {n} SET x.{m} = true;"))?;
                self.line(&format!("MERGE (x {{{m}: true}}) REMOVE x.{m};"))?;
            }
        }
        Ok(())
    }
}
