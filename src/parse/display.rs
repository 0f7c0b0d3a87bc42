//! The syntax tree prints itself as Cypher: `parse_statement(&ast.to_string())`
//! gives back the same tree, spans aside (and a projection item's `text`,
//! which becomes the printed expression).
//!
//! Expressions get the fewest parentheses openCypher's precedence needs
//! (the table in `expr.rs`'s `PRATT`), plus a few the grammar's look-alikes
//! need: `[(x IN l)]` is a list, not a comprehension; `-(1)` is a negation,
//! not the literal `-1`; `(a < b) < c` is not the chain `a < b AND b < c`.
//! Names that are not plain ASCII identifiers, and variables that are
//! reserved words, are written in backticks.

use crate::parse::ast::{
    BinaryOp, Call, CallSubquery, Clause, Create, Delete, Direction, ExistsSubquery, Expr,
    ExprKind, Import, LoadCsv, MapProjectionItem, Match, Merge, NodePattern, PathKind,
    PatternElement, PatternPart, Projection, ProjectionItem, Query, Range, RelPattern, Remove,
    RemoveItem, SchemaCommand, SetClause, SetItem, SingleQuery, SortItem, Statement, StatementKind,
    UnaryOp, Unwind, YieldItem,
};
use crate::value::{Value, quote_string};
use std::fmt::{self, Display, Formatter};

#[cfg(test)]
#[path = "roundtrip_tests.rs"]
mod roundtrip_tests;

/// Words that cannot be variables unquoted (`reserved_word` in the grammar).
const RESERVED: &str = "ALL ASCENDING ASC AS BY CREATE DELETE DESCENDING DESC DETACH EXISTS LIMIT MATCH \
    MERGE ON OPTIONAL ORDER REMOVE RETURN SET SKIP WHERE WITH UNION UNWIND AND CONTAINS \
    DISTINCT ENDS IN IS NOT OR STARTS XOR CASE ELSE END THEN WHEN NULL TRUE FALSE CALL \
    YIELD";

/// Whether `name` can be written without backticks as a key, label or type:
/// an ASCII letter or `_`, then ASCII letters, digits or `_`. (The grammar
/// accepts more unquoted, but backticks are always safe.)
fn is_plain(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_reserved(name: &str) -> bool {
    RESERVED
        .split_whitespace()
        .any(|r| r.eq_ignore_ascii_case(name))
}

/// Writes `name` in backticks, doubling any backtick inside.
fn backticked(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    write!(f, "`{}`", name.replace('`', "``"))
}

/// A property key, label or relationship type: plain, or in backticks.
struct Key<'a>(&'a str);

impl Display for Key<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if is_plain(self.0) {
            f.write_str(self.0)
        } else {
            backticked(f, self.0)
        }
    }
}

/// A variable (or alias): in backticks also when it is a reserved word.
struct Var<'a>(&'a str);

impl Display for Var<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if is_plain(self.0) && !is_reserved(self.0) {
            f.write_str(self.0)
        } else {
            backticked(f, self.0)
        }
    }
}

/// A dotted function or procedure name: each part plain or in backticks.
/// Reserved words are quoted (`distinct(x)` after `RETURN` would read as
/// `DISTINCT`), except `exists` and `count`, which only differ from a call
/// when followed by `{` or `(*)`.
struct Dotted<'a>(&'a str);

impl Display for Dotted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, part) in self.0.split('.').enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            let keyword_call = ["exists", "count"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(part));
            if is_plain(part) && (keyword_call || !is_reserved(part)) {
                f.write_str(part)?;
            } else {
                backticked(f, part)?;
            }
        }
        Ok(())
    }
}

/// `$name` or `$0`.
struct Param<'a>(&'a str);

impl Display for Param<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        if !self.0.is_empty() && self.0.chars().all(|c| c.is_ascii_digit()) {
            f.write_str(self.0)
        } else {
            Key(self.0).fmt(f)
        }
    }
}

/// Writes `items` separated by `, `.
fn comma<T>(
    f: &mut Formatter<'_>,
    items: &[T],
    mut each: impl FnMut(&mut Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        each(f, item)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- statements

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            StatementKind::Query(q) => write!(f, "{q}"),
            StatementKind::Explain(q) => write!(f, "EXPLAIN {q}"),
            StatementKind::Profile(q) => write!(f, "PROFILE {q}"),
            StatementKind::Begin => f.write_str("BEGIN"),
            StatementKind::Commit => f.write_str("COMMIT"),
            StatementKind::Rollback => f.write_str("ROLLBACK"),
            StatementKind::Schema(command) => command.fmt(f),
        }
    }
}

/// The variable of `FOR (n:Label)`, which the tree does not keep.
const SCHEMA_VAR: &str = "n";

impl Display for SchemaCommand {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SchemaCommand::CreateIndex {
                name,
                if_not_exists,
                label,
                key,
            }
            | SchemaCommand::CreateUnique {
                name,
                if_not_exists,
                label,
                key,
            } => {
                let index = matches!(self, SchemaCommand::CreateIndex { .. });
                f.write_str(if index {
                    "CREATE INDEX"
                } else {
                    "CREATE CONSTRAINT"
                })?;
                if let Some(name) = name {
                    write!(f, " {}", SchemaName(&name.name))?;
                }
                if *if_not_exists {
                    f.write_str(" IF NOT EXISTS")?;
                }
                let (label, key) = (Key(&label.name), Key(&key.name));
                write!(f, " FOR ({SCHEMA_VAR}:{label}) ")?;
                if index {
                    write!(f, "ON ({SCHEMA_VAR}.{key})")
                } else {
                    write!(f, "REQUIRE {SCHEMA_VAR}.{key} IS UNIQUE")
                }
            }
            SchemaCommand::DropIndex { name, if_exists }
            | SchemaCommand::DropConstraint { name, if_exists } => {
                let what = if matches!(self, SchemaCommand::DropIndex { .. }) {
                    "INDEX"
                } else {
                    "CONSTRAINT"
                };
                write!(f, "DROP {what} {}", SchemaName(&name.name))?;
                if *if_exists {
                    f.write_str(" IF EXISTS")?;
                }
                Ok(())
            }
            SchemaCommand::ShowIndexes => f.write_str("SHOW INDEXES"),
            SchemaCommand::ShowConstraints => f.write_str("SHOW CONSTRAINTS"),
        }
    }
}

/// An index or constraint name: like a variable, and `IF`/`FOR` quoted too
/// (unquoted, they would end an unnamed `CREATE INDEX`).
struct SchemaName<'a>(&'a str);

impl Display for SchemaName<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let keyword = ["IF", "FOR"].iter().any(|k| k.eq_ignore_ascii_case(self.0));
        if keyword {
            backticked(f, self.0)
        } else {
            Var(self.0).fmt(f)
        }
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        for (all, single) in &self.unions {
            let all = if *all { " ALL" } else { "" };
            write!(f, " UNION{all} {single}")?;
        }
        Ok(())
    }
}

impl Display for SingleQuery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, clause) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{clause}")?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- clauses

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Match(c) => c.fmt(f),
            Clause::Unwind(c) => c.fmt(f),
            Clause::With(p) => write!(f, "WITH {p}"),
            Clause::Return(p) => write!(f, "RETURN {p}"),
            Clause::Create(c) => c.fmt(f),
            Clause::Merge(c) => c.fmt(f),
            Clause::Set(c) => c.fmt(f),
            Clause::Remove(c) => c.fmt(f),
            Clause::Delete(c) => c.fmt(f),
            Clause::Call(c) => c.fmt(f),
            Clause::Subquery(c) => c.fmt(f),
            Clause::LoadCsv(c) => c.fmt(f),
            Clause::Foreach(c) => {
                write!(f, "FOREACH ({} IN {} |", Var(&c.var.name), c.list)?;
                for clause in &c.clauses {
                    write!(f, " {clause}")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl Display for LoadCsv {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("LOAD CSV ")?;
        if self.with_headers {
            f.write_str("WITH HEADERS ")?;
        }
        write!(f, "FROM {} AS {}", self.url, Var(&self.alias.name))?;
        if let Some(t) = &self.field_terminator {
            write!(f, " FIELDTERMINATOR {}", quote_string(t))?;
        }
        Ok(())
    }
}

impl Display for Match {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.optional {
            f.write_str("OPTIONAL ")?;
        }
        f.write_str("MATCH ")?;
        comma(f, &self.pattern, |f, p| p.fmt(f))?;
        if let Some(w) = &self.where_ {
            write!(f, " WHERE {w}")?;
        }
        Ok(())
    }
}

impl Display for Unwind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "UNWIND {} AS {}", self.expr, Var(&self.alias.name))
    }
}

/// The body of `WITH`/`RETURN`, without the keyword:
/// `[DISTINCT] items [ORDER BY ...] [SKIP e] [LIMIT e] [WHERE e]`.
impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_str("*")?;
            if !self.items.is_empty() {
                f.write_str(", ")?;
            }
        }
        comma(f, &self.items, |f, item| item.fmt(f))?;
        if !self.order_by.is_empty() {
            f.write_str(" ORDER BY ")?;
            comma(f, &self.order_by, |f, item| item.fmt(f))?;
        }
        if let Some(skip) = &self.skip {
            write!(f, " SKIP {skip}")?;
        }
        if let Some(limit) = &self.limit {
            write!(f, " LIMIT {limit}")?;
        }
        if let Some(w) = &self.where_ {
            write!(f, " WHERE {w}")?;
        }
        Ok(())
    }
}

/// `expr [AS name]` (the expression printed, not the item's source `text`).
impl Display for ProjectionItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        if let Some(alias) = &self.alias {
            write!(f, " AS {}", Var(&alias.name))?;
        }
        Ok(())
    }
}

impl Display for SortItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        if self.descending {
            f.write_str(" DESC")?;
        }
        Ok(())
    }
}

impl Display for Create {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("CREATE ")?;
        comma(f, &self.pattern, |f, p| p.fmt(f))
    }
}

impl Display for Merge {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "MERGE {}", self.pattern)?;
        if !self.on_create.is_empty() {
            f.write_str(" ON CREATE SET ")?;
            comma(f, &self.on_create, |f, item| item.fmt(f))?;
        }
        if !self.on_match.is_empty() {
            f.write_str(" ON MATCH SET ")?;
            comma(f, &self.on_match, |f, item| item.fmt(f))?;
        }
        Ok(())
    }
}

impl Display for SetClause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("SET ")?;
        comma(f, &self.items, |f, item| item.fmt(f))
    }
}

impl Display for SetItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            SetItem::Property { target, key, value } => {
                write_target(f, target)?;
                write!(f, ".{} = {value}", Key(&key.name))
            }
            SetItem::Replace { var, value } => write!(f, "{} = {value}", Var(&var.name)),
            SetItem::Merge { var, value } => write!(f, "{} += {value}", Var(&var.name)),
            SetItem::Labels { var, labels } => {
                Var(&var.name).fmt(f)?;
                write_labels(f, labels.iter().map(|l| l.name.as_str()))
            }
        }
    }
}

/// The entity of `target.key` in `SET`/`REMOVE`, which the grammar wants as
/// an atom followed by keys: a variable or parameter, property lookups on
/// one, or anything else in parentheses.
fn write_target(f: &mut Formatter<'_>, target: &Expr) -> fmt::Result {
    match &target.kind {
        ExprKind::Property(inner, key) => {
            write_target(f, inner)?;
            write!(f, ".{}", Key(&key.name))
        }
        ExprKind::Variable(_) | ExprKind::Parameter(_) => write!(f, "{target}"),
        _ => write!(f, "({target})"),
    }
}

/// `:A:B`
fn write_labels<'a>(f: &mut Formatter<'_>, labels: impl Iterator<Item = &'a str>) -> fmt::Result {
    for label in labels {
        write!(f, ":{}", Key(label))?;
    }
    Ok(())
}

impl Display for Remove {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("REMOVE ")?;
        comma(f, &self.items, |f, item| item.fmt(f))
    }
}

impl Display for RemoveItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            RemoveItem::Property { target, key } => {
                write_target(f, target)?;
                write!(f, ".{}", Key(&key.name))
            }
            RemoveItem::Labels { var, labels } => {
                Var(&var.name).fmt(f)?;
                write_labels(f, labels.iter().map(|l| l.name.as_str()))
            }
        }
    }
}

impl Display for Delete {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.detach {
            f.write_str("DETACH ")?;
        }
        f.write_str("DELETE ")?;
        comma(f, &self.exprs, |f, e| e.fmt(f))
    }
}

impl Display for Call {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "CALL {}", Dotted(&self.procedure.name))?;
        if let Some(args) = &self.args {
            f.write_str("(")?;
            comma(f, args, |f, e| e.fmt(f))?;
            f.write_str(")")?;
        }
        if self.yield_all {
            f.write_str(" YIELD *")?;
        } else if let Some(items) = &self.yields {
            f.write_str(" YIELD ")?;
            comma(f, items, |f, item| item.fmt(f))?;
        }
        if let Some(w) = &self.where_ {
            write!(f, " WHERE {w}")?;
        }
        Ok(())
    }
}

impl Display for CallSubquery {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.optional {
            f.write_str("OPTIONAL ")?;
        }
        f.write_str("CALL ")?;
        match &self.import {
            Import::Leading => {}
            Import::All => f.write_str("(*) ")?,
            Import::Names(names) => {
                f.write_str("(")?;
                comma(f, names, |f, n| Var(&n.name).fmt(f))?;
                f.write_str(") ")?;
            }
        }
        write!(f, "{{ {} }}", self.query)?;
        match &self.in_transactions {
            None => Ok(()),
            Some(None) => f.write_str(" IN TRANSACTIONS"),
            Some(Some(rows)) => write!(f, " IN TRANSACTIONS OF {rows} ROWS"),
        }
    }
}

impl Display for YieldItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // The field is a symbolic name: reserved words are fine unquoted,
        // but `YIELD *` and friends read better with backticks anyway.
        Var(&self.field.name).fmt(f)?;
        if let Some(alias) = &self.alias {
            write!(f, " AS {}", Var(&alias.name))?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- patterns

impl Display for PatternPart {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(var) = &self.var {
            write!(f, "{} = ", Var(&var.name))?;
        }
        match self.kind {
            PathKind::Normal => write!(f, "{}", self.element),
            PathKind::Shortest => write!(f, "shortestPath({})", self.element),
            PathKind::AllShortest => write!(f, "allShortestPaths({})", self.element),
        }
    }
}

impl Display for PatternElement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        for (rel, node) in &self.chain {
            write!(f, "{rel}{node}")?;
        }
        Ok(())
    }
}

impl Display for NodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        if let Some(var) = &self.var {
            Var(&var.name).fmt(f)?;
        }
        write_labels(f, self.labels.iter().map(|l| l.name.as_str()))?;
        if let Some(props) = &self.properties {
            if self.var.is_some() || !self.labels.is_empty() {
                f.write_str(" ")?;
            }
            write_properties(f, props)?;
        }
        f.write_str(")")
    }
}

/// The `{k: v}` or `$param` of a node or relationship pattern (anything else,
/// which the parser never builds, in parentheses so that it fails to parse
/// rather than changing meaning).
fn write_properties(f: &mut Formatter<'_>, props: &Expr) -> fmt::Result {
    match &props.kind {
        ExprKind::Map(_) | ExprKind::Parameter(_) => write!(f, "{props}"),
        _ => write!(f, "({props})"),
    }
}

impl Display for RelPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.direction == Direction::Left {
            "<-"
        } else {
            "-"
        })?;
        let detailed = self.var.is_some()
            || !self.types.is_empty()
            || self.length.is_some()
            || self.properties.is_some();
        if detailed {
            f.write_str("[")?;
            if let Some(var) = &self.var {
                Var(&var.name).fmt(f)?;
            }
            for (i, t) in self.types.iter().enumerate() {
                f.write_str(if i == 0 { ":" } else { "|" })?;
                Key(&t.name).fmt(f)?;
            }
            if let Some(range) = &self.length {
                range.fmt(f)?;
            }
            if let Some(props) = &self.properties {
                if self.var.is_some() || !self.types.is_empty() || self.length.is_some() {
                    f.write_str(" ")?;
                }
                write_properties(f, props)?;
            }
            f.write_str("]")?;
        }
        f.write_str(if self.direction == Direction::Right {
            "->"
        } else {
            "-"
        })
    }
}

/// `*`, `*2`, `*1..3`, `*..3`, `*2..`
impl Display for Range {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("*")?;
        match (self.min, self.max) {
            (None, None) => Ok(()),
            (Some(min), Some(max)) if min == max => write!(f, "{min}"),
            (Some(min), Some(max)) => write!(f, "{min}..{max}"),
            (Some(min), None) => write!(f, "{min}.."),
            (None, Some(max)) => write!(f, "..{max}"),
        }
    }
}

mod expr;
