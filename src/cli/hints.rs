//! "Did you mean": when a statement finds nothing, the labels, relationship
//! types and property keys it names that the graph does not have, each with
//! the closest name that it does have.
//!
//! What a name is (a label, a type, a key) is read from the statement's
//! syntax tree; a statement that does not parse is read from its tokens
//! ([`super::names::names`]). Nothing is said when no existing name is
//! close (an edit distance of at most [`MAX_DISTANCE`]).

use super::names::{self, NameKind};
use crate::db::Schema;
use crate::parse::ast::{
    Clause, ExistsSubquery, Expr, ExprKind, MapProjectionItem, Name, NodePattern, PatternElement,
    PatternPart, Query, RemoveItem, SchemaCommand, SetItem, Statement, StatementKind,
};
use crate::parse::lex::{self, Kind};
use crate::parse::{for_each_child, parse_statement};
use crate::text::{self, Case};

/// The largest edit distance at which a name is suggested.
pub(crate) const MAX_DISTANCE: usize = 2;

/// Notices for the names in `statement` that are not in `schema` but are
/// close to one that is, e.g.
/// `no label :Compnay in the graph; did you mean :Company?`. Each name is
/// mentioned once, in the order written. Only statements that `MATCH`
/// get notices: a `CREATE INDEX` on a new key is not a misspelling.
pub(crate) fn unknown_names(statement: &str, schema: &Schema) -> Vec<String> {
    if !matches_something(statement) {
        return Vec::new();
    }
    let labels: Vec<&str> = schema.labels.iter().map(|(n, _)| n.as_str()).collect();
    let types: Vec<&str> = schema.rel_types.iter().map(|(n, _)| n.as_str()).collect();
    let keys: Vec<&str> = schema
        .property_keys
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    let mut notices: Vec<String> = Vec::new();
    for (kind, name) in named(statement) {
        let (what, known, prefix): (&str, &[&str], &str) = match kind {
            NameKind::Label | NameKind::LabelOrType => ("label", &labels, ":"),
            NameKind::RelType => ("relationship type", &types, ":"),
            NameKind::Key => ("property key", &keys, ""),
        };
        if known.contains(&name.as_str()) {
            continue;
        }
        let Some(best) = closest(&name, known) else {
            continue;
        };
        let notice = format!(
            "no {what} {prefix}{} in the graph; did you mean {prefix}{}?",
            names::written_name(&name, kind == NameKind::RelType),
            names::written_name(best, kind == NameKind::RelType)
        );
        if !notices.contains(&notice) {
            notices.push(notice);
        }
    }
    notices
}

/// Whether the statement has a `MATCH` (outside strings and comments).
pub(crate) fn matches_something(statement: &str) -> bool {
    lex::tokens(statement)
        .any(|t| t.kind == Kind::Word && t.text(statement).eq_ignore_ascii_case("MATCH"))
}

/// The name in `known` closest to `name` (a name equal but for letter case
/// first), within [`MAX_DISTANCE`] and closer than a change of every
/// letter; the first of equals.
pub(crate) fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let within = |k: &str| MAX_DISTANCE.min(k.chars().count().max(2) - 1);
    text::closest(name, known.iter().copied(), within, Case::Counted)
}

/// The labels, types and keys `statement` names, in the order written:
/// from its syntax tree, or from its tokens when it does not parse.
fn named(statement: &str) -> Vec<(NameKind, String)> {
    let Ok(tree) = parse_statement(statement) else {
        let found = names::names(statement).into_iter();
        return found.map(|n| (n.kind, n.name)).collect();
    };
    let mut found = Names::default();
    found.statement(&tree);
    found.0.sort_by_key(|(_, name)| name.span.start);
    let found = found.0.into_iter();
    found
        .map(|(kind, name)| (kind, name.name.clone()))
        .collect()
}

/// A walk of a syntax tree collecting the labels, relationship types and
/// property keys it names: in patterns, `n:Label`, `n.key`, map
/// projections, `SET` and `REMOVE` (not the keys of a map literal).
#[derive(Default)]
struct Names<'a>(Vec<(NameKind, &'a Name)>);

impl<'a> Names<'a> {
    fn statement(&mut self, statement: &'a Statement) {
        match &statement.kind {
            StatementKind::Query(q) | StatementKind::Explain(q) | StatementKind::Profile(q) => {
                self.query(q)
            }
            StatementKind::Schema(
                SchemaCommand::CreateIndex { label, key, .. }
                | SchemaCommand::CreateUnique { label, key, .. },
            ) => {
                self.0.push((NameKind::Label, label));
                self.0.push((NameKind::Key, key));
            }
            _ => {}
        }
    }

    fn query(&mut self, query: &'a Query) {
        for single in query.singles() {
            single.clauses.iter().for_each(|c| self.clause(c));
        }
    }

    fn clause(&mut self, clause: &'a Clause) {
        match clause {
            Clause::Match(m) => {
                self.patterns(&m.pattern);
                m.where_.iter().for_each(|e| self.expr(e));
            }
            Clause::Unwind(u) => self.expr(&u.expr),
            Clause::With(p) | Clause::Return(p) => {
                p.items.iter().for_each(|i| self.expr(&i.expr));
                p.order_by.iter().for_each(|i| self.expr(&i.expr));
                let rest = [&p.skip, &p.limit, &p.where_].into_iter().flatten();
                rest.for_each(|e| self.expr(e));
            }
            Clause::Create(c) => self.patterns(&c.pattern),
            Clause::Merge(m) => {
                self.patterns(std::slice::from_ref(&m.pattern));
                let items = m.on_create.iter().chain(&m.on_match);
                items.for_each(|i| self.set_item(i));
            }
            Clause::Set(s) => s.items.iter().for_each(|i| self.set_item(i)),
            Clause::Remove(r) => {
                for item in &r.items {
                    match item {
                        RemoveItem::Property { target, key } => {
                            self.expr(target);
                            self.0.push((NameKind::Key, key));
                        }
                        RemoveItem::Labels { labels, .. } => self.labels(labels),
                    }
                }
            }
            Clause::Delete(d) => d.exprs.iter().for_each(|e| self.expr(e)),
            Clause::Call(c) => {
                c.args.iter().flatten().for_each(|e| self.expr(e));
                c.where_.iter().for_each(|e| self.expr(e));
            }
            Clause::Subquery(c) => self.query(&c.query),
            Clause::LoadCsv(l) => self.expr(&l.url),
            Clause::Foreach(each) => {
                self.expr(&each.list);
                each.clauses.iter().for_each(|c| self.clause(c));
            }
        }
    }

    fn set_item(&mut self, item: &'a SetItem) {
        match item {
            SetItem::Property { target, key, value } => {
                self.expr(target);
                self.0.push((NameKind::Key, key));
                self.expr(value);
            }
            SetItem::Replace { value, .. } | SetItem::Merge { value, .. } => self.expr(value),
            SetItem::Labels { labels, .. } => self.labels(labels),
        }
    }

    fn labels(&mut self, labels: &'a [Name]) {
        self.0.extend(labels.iter().map(|l| (NameKind::Label, l)));
    }

    fn patterns(&mut self, parts: &'a [PatternPart]) {
        parts.iter().for_each(|p| self.element(&p.element));
    }

    fn element(&mut self, element: &'a PatternElement) {
        self.node(&element.start);
        for (rel, node) in &element.chain {
            self.0
                .extend(rel.types.iter().map(|t| (NameKind::RelType, t)));
            self.properties(&rel.properties);
            self.node(node);
        }
    }

    fn node(&mut self, node: &'a NodePattern) {
        self.labels(&node.labels);
        self.properties(&node.properties);
    }

    /// The `{key: value}` of a pattern: its keys are property keys.
    fn properties(&mut self, properties: &'a Option<Expr>) {
        match properties.as_ref().map(|p| &p.kind) {
            Some(ExprKind::Map(entries)) => {
                for (key, value) in entries {
                    self.0.push((NameKind::Key, key));
                    self.expr(value);
                }
            }
            _ => properties.iter().for_each(|p| self.expr(p)),
        }
    }

    fn expr(&mut self, expr: &'a Expr) {
        match &expr.kind {
            ExprKind::Property(_, key) => self.0.push((NameKind::Key, key)),
            ExprKind::HasLabels(_, labels) => self.labels(labels),
            ExprKind::MapProjection { items, .. } => {
                for item in items {
                    if let MapProjectionItem::Property(key) = item {
                        self.0.push((NameKind::Key, key));
                    }
                }
            }
            ExprKind::PatternPredicate(pattern)
            | ExprKind::PatternComprehension { pattern, .. } => self.element(pattern),
            ExprKind::CollectSubquery(query) => self.query(query),
            ExprKind::Exists(subquery) | ExprKind::CountSubquery(subquery) => match &**subquery {
                ExistsSubquery::Pattern(parts, filter) => {
                    self.patterns(parts);
                    filter.iter().for_each(|e| self.expr(e));
                }
                ExistsSubquery::Query(query) => self.query(query),
            },
            _ => {}
        }
        for_each_child(expr, &mut |child| self.expr(child));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        let names = |xs: &[&str]| xs.iter().map(|x| (x.to_string(), 1)).collect();
        Schema {
            labels: names(&["Company", "Person", "Platform"]),
            rel_types: names(&["invests-in", "owns", "stake"]),
            property_keys: names(&["name", "percent", "odd key"]),
        }
    }

    #[test]
    fn misspelt_names_get_the_closest_existing_one() {
        assert_eq!(
            unknown_names(
                "MATCH (c:Compnay)-[:invest-in]->(p:person) WHERE c.nmae = 'x' RETURN c.`odd kye`",
                &schema()
            ),
            vec![
                "no label :Compnay in the graph; did you mean :Company?",
                "no relationship type :invest-in in the graph; did you mean :invests-in?",
                "no label :person in the graph; did you mean :Person?",
                "no property key nmae in the graph; did you mean name?",
                "no property key `odd kye` in the graph; did you mean `odd key`?",
            ]
        );
    }

    #[test]
    fn known_or_far_names_say_nothing() {
        assert_eq!(
            unknown_names(
                "MATCH (c:Company)-[:stake]->(x:Spaceship {name: 'y'}) RETURN c.zzz",
                &schema()
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            unknown_names("CREATE INDEX FOR (n:Person) ON (n.nme)", &schema()),
            Vec::<String>::new()
        );
        // Short names need more than a change of every letter.
        assert_eq!(closest("ab", &["xy"]), None);
        assert_eq!(closest("Ownz", &["owns"]), Some("owns"));
    }

    #[test]
    fn each_name_once() {
        assert_eq!(
            unknown_names("MATCH (a:Compny), (b:Compny) RETURN a", &schema()),
            vec!["no label :Compny in the graph; did you mean :Company?"]
        );
    }

    #[test]
    fn the_syntax_tree_says_what_a_name_is() {
        // A key of a map projection, in a subquery, in SET and REMOVE.
        assert_eq!(
            unknown_names(
                "MATCH (c) WHERE EXISTS { MATCH (c)-[:stak]->() } \
                 SET c:Persn REMOVE c.percnt RETURN c {.nmae, nme: 1}",
                &schema()
            ),
            vec![
                "no relationship type :stak in the graph; did you mean :stake?",
                "no label :Persn in the graph; did you mean :Person?",
                "no property key percnt in the graph; did you mean percent?",
                "no property key nmae in the graph; did you mean name?",
            ]
        );
        // A dotted function name is not a key.
        assert_eq!(
            unknown_names("MATCH (c) RETURN my.nmae(c)", &schema()),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_statement_that_does_not_parse_is_read_from_its_tokens() {
        assert_eq!(
            unknown_names("MATCH (c:Compnay) RETURN c.nmae +", &schema()),
            vec![
                "no label :Compnay in the graph; did you mean :Company?",
                "no property key nmae in the graph; did you mean name?",
            ]
        );
    }
}
