//! Statements, queries and clauses.

use super::expr::{check_predicates, internal, only};
use super::grammar::{Pair, Rule, span_of, text_of};
use super::literal;
use super::pattern;
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::parse::ast::{
    Call, Clause, Create, Delete, ExprKind, LoadCsv, Match, Merge, Projection, ProjectionItem,
    Query, Remove, RemoveItem, SchemaCommand, SetClause, SetItem, SingleQuery, SortItem, Statement,
    StatementKind, Unwind, YieldItem,
};
use crate::parse::ast::{CallSubquery, Expr, Foreach, Import, Name};
use crate::span::Span;

/// `statement`: `[EXPLAIN|PROFILE] query [;]`.
pub(super) fn statement(pair: Pair<'_>) -> Result<Statement> {
    let span = span_of(&pair);
    let mut prefix: Option<(Rule, Span)> = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::begin_tx => {
                return Ok(Statement {
                    kind: StatementKind::Begin,
                    span,
                });
            }
            Rule::commit_tx => {
                return Ok(Statement {
                    kind: StatementKind::Commit,
                    span,
                });
            }
            Rule::rollback_tx => {
                return Ok(Statement {
                    kind: StatementKind::Rollback,
                    span,
                });
            }
            Rule::create_index
            | Rule::create_constraint
            | Rule::drop_index
            | Rule::drop_constraint
            | Rule::show_indexes
            | Rule::show_constraints => {
                return Ok(Statement {
                    kind: StatementKind::Schema(schema_command(part)?),
                    span,
                });
            }
            Rule::EXPLAIN | Rule::PROFILE => prefix = Some((part.as_rule(), span_of(&part))),
            Rule::query => {
                let mut span = span_of(&part);
                let q = query(part)?;
                let kind = match prefix {
                    Some((rule, at)) => {
                        span = at.to(span);
                        if rule == Rule::EXPLAIN {
                            StatementKind::Explain(q)
                        } else {
                            StatementKind::Profile(q)
                        }
                    }
                    None => StatementKind::Query(q),
                };
                return Ok(Statement { kind, span });
            }
            _ => {}
        }
    }
    Err(internal(span))
}

/// A schema statement: `CREATE INDEX`, `DROP CONSTRAINT`, `SHOW INDEXES`...
fn schema_command(pair: Pair<'_>) -> Result<SchemaCommand> {
    let rule = pair.as_rule();
    let span = span_of(&pair);
    let mut name = None;
    let mut flag = false;
    let mut label = None;
    let mut key = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::schema_name => {
                let inner = part.into_inner().next().ok_or_else(|| internal(span))?;
                name = Some(literal::name(inner));
            }
            Rule::symbolic_name => name = Some(literal::name(part)),
            Rule::if_not_exists | Rule::if_exists => flag = true,
            Rule::schema_node => {
                let l = part.into_inner().find(|p| p.as_rule() == Rule::label_name);
                label = Some(literal::name(l.ok_or_else(|| internal(span))?));
            }
            Rule::schema_property => {
                let k = part
                    .into_inner()
                    .find(|p| p.as_rule() == Rule::property_key);
                key = Some(literal::name(k.ok_or_else(|| internal(span))?));
            }
            _ => {}
        }
    }
    let need = |n: Option<Name>| n.ok_or_else(|| internal(span));
    Ok(match rule {
        Rule::create_index => SchemaCommand::CreateIndex {
            name,
            if_not_exists: flag,
            label: need(label)?,
            key: need(key)?,
        },
        Rule::create_constraint => SchemaCommand::CreateUnique {
            name,
            if_not_exists: flag,
            label: need(label)?,
            key: need(key)?,
        },
        Rule::drop_index => SchemaCommand::DropIndex {
            name: need(name)?,
            if_exists: flag,
        },
        Rule::drop_constraint => SchemaCommand::DropConstraint {
            name: need(name)?,
            if_exists: flag,
        },
        Rule::show_indexes => SchemaCommand::ShowIndexes,
        _ => SchemaCommand::ShowConstraints,
    })
}

/// `query`: single queries joined by `UNION [ALL]`.
pub(super) fn query(pair: Pair<'_>) -> Result<Query> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let first = single_query(inner.next().ok_or_else(|| internal(span))?)?;
    let unions = inner
        .map(|union| {
            let span = span_of(&union);
            let mut all = false;
            for part in union.into_inner() {
                match part.as_rule() {
                    Rule::ALL => all = true,
                    Rule::single_query => return Ok((all, single_query(part)?)),
                    _ => {}
                }
            }
            Err(internal(span))
        })
        .collect::<Result<_>>()?;
    Ok(Query { first, unions })
}

/// `single_query`: clauses.
fn single_query(pair: Pair<'_>) -> Result<SingleQuery> {
    let span = span_of(&pair);
    let clauses: Vec<Clause> = pair.into_inner().map(clause).collect::<Result<_>>()?;
    // Plans nest one operator per clause: bound the depth like brackets.
    if let Some(c) = clauses.get(MAX_CLAUSES) {
        return Err(Error::syntax(
            Detail::UnexpectedSyntax,
            format!(
                "too many clauses: a query may have at most {MAX_CLAUSES}, as every clause \
                 nests the plan one level deeper and the limit bounds the stack it needs"
            ),
            c.span(),
        ));
    }
    Ok(SingleQuery { clauses, span })
}

/// The most clauses one single query may have. Not a limit on what a query
/// may say but on the stack: plans are planned, built and pulled
/// recursively, one level per clause, within the stack `Database::execute`
/// grows to (an unoptimized build overflows 64 MiB near 10,000 clauses).
const MAX_CLAUSES: usize = 5000;

/// Any clause.
fn clause(pair: Pair<'_>) -> Result<Clause> {
    Ok(match pair.as_rule() {
        Rule::match_clause => Clause::Match(match_clause(pair)?),
        Rule::unwind_clause => Clause::Unwind(unwind(pair)?),
        Rule::load_csv_clause => Clause::LoadCsv(load_csv(pair)?),
        Rule::with_clause => Clause::With(projection(pair)?),
        Rule::return_clause => Clause::Return(projection(pair)?),
        Rule::create_clause => Clause::Create(create(pair)?),
        Rule::merge_clause => Clause::Merge(merge(pair)?),
        Rule::set_clause => Clause::Set(SetClause {
            span: span_of(&pair),
            items: set_items(pair)?,
        }),
        Rule::remove_clause => Clause::Remove(remove(pair)?),
        Rule::delete_clause => Clause::Delete(delete(pair)?),
        Rule::call_clause => Clause::Call(call(pair)?),
        Rule::call_subquery => Clause::Subquery(call_subquery(pair)?),
        Rule::foreach_clause => Clause::Foreach(foreach(pair)?),
        _ => return Err(internal(span_of(&pair))),
    })
}

/// `FOREACH (var IN list | update ...)`
fn foreach(pair: Pair<'_>) -> Result<Foreach> {
    let span = span_of(&pair);
    let (mut var, mut list, mut clauses) = (None, None, Vec::new());
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::variable => var = Some(literal::name(part)),
            Rule::expr => list = Some(value(part)?),
            Rule::FOREACH | Rule::IN => {}
            _ => clauses.push(clause(part)?),
        }
    }
    match (var, list) {
        (Some(var), Some(list)) => Ok(Foreach {
            var,
            list,
            clauses,
            span,
        }),
        _ => Err(internal(span)),
    }
}

/// `where_clause`: the expression after `WHERE`.
pub(super) fn where_expr(pair: Pair<'_>) -> Result<Expr> {
    let span = span_of(&pair);
    let e = pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::expr)
        .ok_or_else(|| internal(span))?;
    super::expr::expr(e)
}

/// A clause's `WHERE`: a predicate, so patterns may be used as conditions.
fn clause_where(pair: Pair<'_>) -> Result<Expr> {
    let e = where_expr(pair)?;
    check_predicates(&e, true)?;
    Ok(e)
}

/// A clause's expression that is used as a value.
fn value(pair: Pair<'_>) -> Result<Expr> {
    let e = super::expr::expr(pair)?;
    check_predicates(&e, false)?;
    Ok(e)
}

/// `[OPTIONAL] MATCH pattern [WHERE expr]`
fn match_clause(pair: Pair<'_>) -> Result<Match> {
    let span = span_of(&pair);
    let mut m = Match {
        optional: false,
        pattern: Vec::new(),
        where_: None,
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::OPTIONAL => m.optional = true,
            Rule::pattern => m.pattern = pattern::pattern(part)?,
            Rule::where_clause => m.where_ = Some(clause_where(part)?),
            _ => {}
        }
    }
    Ok(m)
}

/// `UNWIND expr AS var`
fn unwind(pair: Pair<'_>) -> Result<Unwind> {
    let span = span_of(&pair);
    let mut e = None;
    let mut alias = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::expr => e = Some(value(part)?),
            Rule::variable => alias = Some(literal::name(part)),
            _ => {}
        }
    }
    match (e, alias) {
        (Some(expr), Some(alias)) => Ok(Unwind { expr, alias, span }),
        _ => Err(internal(span)),
    }
}

/// `LOAD CSV [WITH HEADERS] FROM url AS var [FIELDTERMINATOR 'c']`
fn load_csv(pair: Pair<'_>) -> Result<LoadCsv> {
    let span = span_of(&pair);
    let mut with_headers = false;
    let mut url = None;
    let mut alias = None;
    let mut field_terminator = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::with_headers => with_headers = true,
            Rule::expr => url = Some(value(part)?),
            Rule::variable => alias = Some(literal::name(part)),
            Rule::string => {
                let at = span_of(&part);
                match literal::string(part)? {
                    crate::value::Value::String(s) if s.len() == 1 => {
                        field_terminator = Some(s.to_string());
                    }
                    _ => {
                        return Err(Error::syntax(
                            Detail::InvalidFieldTerminator,
                            "FIELDTERMINATOR must be a single one-byte character, such as ';' or '\\t'",
                            at,
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    match (url, alias) {
        (Some(url), Some(alias)) => Ok(LoadCsv {
            with_headers,
            url,
            alias,
            field_terminator,
            span,
        }),
        _ => Err(internal(span)),
    }
}

/// `WITH ...` or `RETURN ...`: the projection body and, for `WITH`, `WHERE`.
fn projection(pair: Pair<'_>) -> Result<Projection> {
    let span = span_of(&pair);
    let mut p = Projection {
        distinct: false,
        star: false,
        items: Vec::new(),
        order_by: Vec::new(),
        skip: None,
        limit: None,
        where_: None,
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::projection_body => body(part, &mut p)?,
            Rule::where_clause => p.where_ = Some(clause_where(part)?),
            _ => {}
        }
    }
    Ok(p)
}

/// `[DISTINCT] items [ORDER BY ...] [SKIP e] [LIMIT e]`
fn body(pair: Pair<'_>, p: &mut Projection) -> Result<()> {
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::DISTINCT => p.distinct = true,
            Rule::projection_items => {
                for item in part.into_inner() {
                    match item.as_rule() {
                        Rule::star => p.star = true,
                        _ => p.items.push(projection_item(item)?),
                    }
                }
            }
            Rule::order_by => {
                for item in part.into_inner() {
                    if item.as_rule() == Rule::sort_item {
                        p.order_by.push(sort_item(item)?);
                    }
                }
            }
            Rule::skip => p.skip = Some(value(last(part)?)?),
            Rule::limit => p.limit = Some(value(last(part)?)?),
            _ => {}
        }
    }
    Ok(())
}

/// The last inner pair (the expression after a keyword).
fn last(pair: Pair<'_>) -> Result<Pair<'_>> {
    let span = span_of(&pair);
    pair.into_inner().last().ok_or_else(|| internal(span))
}

/// `expr [AS name]`
fn projection_item(pair: Pair<'_>) -> Result<ProjectionItem> {
    let span = span_of(&pair);
    let mut item = None;
    let mut alias = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::expr => item = Some((text_of(&part).to_string(), value(part)?)),
            Rule::variable => alias = Some(literal::name(part)),
            _ => {}
        }
    }
    let (text, expr) = item.ok_or_else(|| internal(span))?;
    Ok(ProjectionItem { expr, alias, text })
}

/// `expr [ASC|DESC]`
fn sort_item(pair: Pair<'_>) -> Result<SortItem> {
    let span = span_of(&pair);
    let mut e = None;
    let mut descending = false;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::expr => e = Some(value(part)?),
            Rule::DESC | Rule::DESCENDING => descending = true,
            _ => {}
        }
    }
    let expr = e.ok_or_else(|| internal(span))?;
    Ok(SortItem { expr, descending })
}

/// `CREATE pattern`
fn create(pair: Pair<'_>) -> Result<Create> {
    let span = span_of(&pair);
    let p = pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::pattern)
        .ok_or_else(|| internal(span))?;
    Ok(Create {
        pattern: pattern::pattern(p)?,
        span,
    })
}

/// `MERGE part [ON MATCH SET ...] [ON CREATE SET ...]`
fn merge(pair: Pair<'_>) -> Result<Merge> {
    let span = span_of(&pair);
    let mut part = None;
    let mut on_create = Vec::new();
    let mut on_match = Vec::new();
    for inner in pair.into_inner() {
        match inner.as_rule() {
            Rule::pattern_part => part = Some(pattern::part(inner)?),
            Rule::on_create => on_create.extend(set_items(inner)?),
            Rule::on_match => on_match.extend(set_items(inner)?),
            _ => {}
        }
    }
    let pattern = part.ok_or_else(|| internal(span))?;
    Ok(Merge {
        pattern,
        on_create,
        on_match,
        span,
    })
}

/// The set items among a pair's children.
fn set_items(pair: Pair<'_>) -> Result<Vec<SetItem>> {
    let mut items = Vec::new();
    for part in pair.into_inner() {
        let span = span_of(&part);
        let item = match part.as_rule() {
            Rule::set_property => {
                let mut inner = part.into_inner();
                let target = inner.next().ok_or_else(|| internal(span))?;
                let value = inner.next().ok_or_else(|| internal(span))?;
                let (target, key) = property_target(target)?;
                SetItem::Property {
                    target,
                    key,
                    value: self::value(value)?,
                }
            }
            Rule::set_labels => {
                let (var, labels) = var_and_labels(part)?;
                SetItem::Labels { var, labels }
            }
            Rule::set_merge | Rule::set_replace => {
                let merge = part.as_rule() == Rule::set_merge;
                let mut inner = part.into_inner();
                let var = literal::name(inner.next().ok_or_else(|| internal(span))?);
                let value = value(inner.next().ok_or_else(|| internal(span))?)?;
                if merge {
                    SetItem::Merge { var, value }
                } else {
                    SetItem::Replace { var, value }
                }
            }
            _ => continue,
        };
        items.push(item);
    }
    Ok(items)
}

/// `var:Label:Other`
fn var_and_labels(pair: Pair<'_>) -> Result<(Name, Vec<Name>)> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let var = literal::name(inner.next().ok_or_else(|| internal(span))?);
    let labels = pattern::labels(inner.next().ok_or_else(|| internal(span))?);
    Ok((var, labels))
}

/// `property_target`: `atom.k1.k2...` → (`atom.k1...`, last key).
fn property_target(pair: Pair<'_>) -> Result<(Expr, Name)> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let atom = inner.next().ok_or_else(|| internal(span))?;
    let mut target = super::expr::atom_expr(atom)?;
    let mut keys: Vec<Name> = inner.map(literal::name).collect();
    let key = keys.pop().ok_or_else(|| internal(span))?;
    for k in keys {
        let span = target.span.to(k.span);
        target = Expr {
            kind: ExprKind::Property(Box::new(target), k),
            span,
        };
    }
    Ok((target, key))
}

/// `REMOVE item, ...`
fn remove(pair: Pair<'_>) -> Result<Remove> {
    let span = span_of(&pair);
    let mut items = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::remove_labels => {
                let (var, labels) = var_and_labels(part)?;
                items.push(RemoveItem::Labels { var, labels });
            }
            Rule::remove_property => {
                let (target, key) = property_target(only(part)?)?;
                items.push(RemoveItem::Property { target, key });
            }
            _ => {}
        }
    }
    Ok(Remove { items, span })
}

/// `[DETACH] DELETE expr, ...`
fn delete(pair: Pair<'_>) -> Result<Delete> {
    let span = span_of(&pair);
    let mut detach = false;
    let mut exprs = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::DETACH => detach = true,
            Rule::expr => {
                let e = value(part)?;
                if let ExprKind::HasLabels(..) = e.kind {
                    return Err(Error::syntax(
                        Detail::InvalidDelete,
                        "DELETE takes nodes, relationships or paths, not labels (use REMOVE n:Label)",
                        e.span,
                    ));
                }
                exprs.push(e);
            }
            _ => {}
        }
    }
    Ok(Delete {
        detach,
        exprs,
        span,
    })
}

/// `CALL ns.proc[(args)] [YIELD ...]`
fn call(pair: Pair<'_>) -> Result<Call> {
    let span = span_of(&pair);
    let mut procedure = None;
    let mut c = Call {
        procedure: Name {
            name: String::new(),
            span,
        },
        args: None,
        yields: None,
        yield_all: false,
        where_: None,
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::procedure_name => procedure = Some(literal::dotted_name(part)),
            Rule::call_args => {
                let args = part
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::expr)
                    .map(value)
                    .collect::<Result<_>>()?;
                c.args = Some(args);
            }
            Rule::yield_clause => yields(part, &mut c)?,
            _ => {}
        }
    }
    c.procedure = procedure.ok_or_else(|| internal(span))?;
    Ok(c)
}

/// `[OPTIONAL] CALL [(a, b) | (*)] { query } [IN TRANSACTIONS [OF n ROWS]]`
fn call_subquery(pair: Pair<'_>) -> Result<CallSubquery> {
    let span = span_of(&pair);
    let (mut optional, mut import, mut query) = (false, Import::Leading, None);
    let mut in_transactions = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::OPTIONAL => optional = true,
            Rule::subquery_scope => {
                let mut names = Vec::new();
                for p in part.into_inner() {
                    match p.as_rule() {
                        Rule::star => import = Import::All,
                        _ => names.push(literal::name(p)),
                    }
                }
                if import != Import::All {
                    import = Import::Names(names);
                }
            }
            Rule::query => query = Some(self::query(part)?),
            Rule::in_transactions => {
                let rows = part.into_inner().find(|p| p.as_rule() == Rule::expr);
                in_transactions = Some(rows.map(value).transpose()?);
            }
            _ => {}
        }
    }
    Ok(CallSubquery {
        optional,
        import,
        query: query.ok_or_else(|| internal(span))?,
        in_transactions,
        span,
    })
}

/// `YIELD * | YIELD field [AS name], ... [WHERE expr]`
fn yields(pair: Pair<'_>, c: &mut Call) -> Result<()> {
    let mut items = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::star => c.yield_all = true,
            Rule::yield_item => {
                let span = span_of(&part);
                let mut inner = part.into_inner();
                let field = literal::name(inner.next().ok_or_else(|| internal(span))?);
                let alias = inner
                    .find(|p| p.as_rule() == Rule::variable)
                    .map(literal::name);
                items.push(YieldItem { field, alias });
            }
            Rule::where_clause => c.where_ = Some(clause_where(part)?),
            _ => {}
        }
    }
    if !c.yield_all {
        c.yields = Some(items);
    }
    Ok(())
}
