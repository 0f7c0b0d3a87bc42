//! `MATCH` patterns → scans and expansions.
//!
//! With statistics, a pattern of several hops or parts is planned as one
//! join graph (`join.rs`). Otherwise each pattern part is anchored at its
//! most selective node (a bound variable, then a property lookup, then a
//! label), expanded to the right as written and to the left against the
//! arrows. Either way a hop to a node already bound is an `Expand(Into)`.

use super::logical::{ExpandDir, Expr, NodeFilter, Op, PathPart, RelFilter, ScanKind, Slot};
use super::planner::{Planner, already_bound};
use super::scope::{Scope, VarKind};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast;
use std::collections::HashSet;

/// Per-pattern bookkeeping: relationship slots (for uniqueness) and the
/// names declared by this pattern.
#[derive(Default)]
pub(super) struct PatternState {
    /// The relationship slots so far, with the types each may have (any
    /// when empty).
    rel_slots: Vec<(Slot, Vec<String>)>,
    declared_rels: HashSet<String>,
    /// The slot of the far node of the next hop planned, when it is an
    /// anonymous node already bound (the join planner reaches the middle
    /// of a chain from both sides).
    pub(super) known_to: Option<Slot>,
}

/// A path variable names the whole path: no node, relationship or other
/// path of the same pattern may have its name. Reusing a path declared by
/// an earlier part as a node or relationship is a type conflict; the other
/// clashes are a second declaration.
fn check_path_names(parts: &[ast::PatternPart]) -> Result<()> {
    let mut earlier_paths: Vec<&str> = Vec::new();
    let mut earlier_names: Vec<&str> = Vec::new();
    for part in parts {
        let el = &part.element;
        let nodes = std::iter::once(&el.start).chain(el.chain.iter().map(|(_, n)| n));
        let names: Vec<&ast::Name> = nodes
            .filter_map(|n| n.var.as_ref())
            .chain(el.chain.iter().filter_map(|(r, _)| r.var.as_ref()))
            .collect();
        for n in &names {
            if earlier_paths.contains(&n.name.as_str()) {
                return Err(Error::compile(
                    ErrorKind::SyntaxError,
                    Detail::VariableTypeConflict,
                    format!(
                        "`{}` is a path and cannot be used as a node or relationship",
                        n.name
                    ),
                    Some(n.span),
                ));
            }
        }
        if let Some(p) = &part.var {
            let clash = earlier_paths.contains(&p.name.as_str())
                || earlier_names.contains(&p.name.as_str())
                || names.iter().any(|n| n.name == p.name);
            if clash {
                return Err(already_bound(p));
            }
            earlier_paths.push(&p.name);
        }
        earlier_names.extend(names.iter().map(|n| n.name.as_str()));
    }
    Ok(())
}

fn type_conflict(name: &ast::Name, was: VarKind, want: VarKind) -> Error {
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::VariableTypeConflict,
        format!(
            "Variable `{}` is a {} here but was a {} before",
            name.name,
            want.name(),
            was.name()
        ),
        Some(name.span),
    )
}

impl Planner<'_> {
    /// `[OPTIONAL] MATCH pattern [WHERE e]`
    pub(crate) fn plan_match(
        &mut self,
        input: Op,
        m: &ast::Match,
        scope: &mut Scope,
    ) -> Result<Op> {
        for part in &m.pattern {
            super::write::check_no_parameter_maps(part)?;
        }
        let hints = match &m.where_ {
            Some(w) => super::join::WhereHints::of(w),
            None => super::join::WhereHints::default(),
        };
        if m.optional {
            let mut inner_scope = scope.clone();
            let mut inner =
                self.plan_pattern_hinted(Op::Argument, &m.pattern, &mut inner_scope, &hints)?;
            if let Some(w) = &m.where_ {
                super::types::expect_boolean(w, &inner_scope, "WHERE")?;
                let predicate = self.expr(w, &inner_scope)?;
                inner = Op::Filter {
                    input: Box::new(inner),
                    predicate,
                };
            }
            let mut slots = Vec::new();
            for name in inner_scope.names() {
                if scope.get(&name).is_none()
                    && let Some(var) = inner_scope.get(&name)
                {
                    slots.push(var.slot);
                    scope.bind(&name, var.slot, var.kind);
                }
            }
            return Ok(Op::Optional {
                input: Box::new(input),
                inner: Box::new(inner),
                slots,
            });
        }
        let mut op = self.plan_pattern_hinted(input, &m.pattern, scope, &hints)?;
        if let Some(w) = &m.where_ {
            super::types::expect_boolean(w, scope, "WHERE")?;
            let predicate = self.expr(w, scope)?;
            op = Op::Filter {
                input: Box::new(op),
                predicate,
            };
        }
        Ok(op)
    }

    /// Plans the comma-separated parts of a pattern on top of `op`,
    /// binding their variables in `scope`.
    pub(crate) fn plan_pattern(
        &mut self,
        op: Op,
        parts: &[ast::PatternPart],
        scope: &mut Scope,
    ) -> Result<Op> {
        self.plan_pattern_hinted(op, parts, scope, &super::join::WhereHints::default())
    }

    /// [`Planner::plan_pattern`], knowing the `(variable, key)` pairs a
    /// `WHERE` compares with a constant (for the join order).
    fn plan_pattern_hinted(
        &mut self,
        op: Op,
        parts: &[ast::PatternPart],
        scope: &mut Scope,
        hints: &super::join::WhereHints,
    ) -> Result<Op> {
        check_path_names(parts)?;
        let mut state = PatternState::default();
        let mut op = match self.plan_joined(op, parts, scope, hints, &mut state)? {
            Ok(op) => return Ok(op),
            Err(op) => op,
        };
        for part in parts {
            op = self.plan_part(op, part, scope, &mut state)?;
        }
        Ok(op)
    }

    fn plan_part(
        &mut self,
        mut op: Op,
        part: &ast::PatternPart,
        scope: &mut Scope,
        state: &mut PatternState,
    ) -> Result<Op> {
        if let Some(p) = &part.var
            && scope.get(&p.name).is_some()
        {
            return Err(already_bound(p));
        }
        let el = &part.element;
        if part.kind != ast::PathKind::Normal {
            return self.plan_shortest(op, part, scope, state);
        }
        let nodes: Vec<&ast::NodePattern> = std::iter::once(&el.start)
            .chain(el.chain.iter().map(|(_, n)| n))
            .collect();
        let anchor = self.choose_anchor(&nodes, scope);
        let mut node_slots: Vec<Option<Slot>> = vec![None; nodes.len()];
        let mut rel_slots: Vec<Option<Slot>> = vec![None; el.chain.len()];

        let (slot, o) = self.plan_node(op, nodes[anchor], scope)?;
        op = o;
        node_slots[anchor] = Some(slot);
        for i in anchor..el.chain.len() {
            let from = node_slots[i].unwrap_or_default();
            let (rel, to, o) =
                self.plan_expand(op, from, &el.chain[i].0, nodes[i + 1], false, scope, state)?;
            op = o;
            rel_slots[i] = Some(rel);
            node_slots[i + 1] = Some(to);
        }
        for i in (0..anchor).rev() {
            let from = node_slots[i + 1].unwrap_or_default();
            let (rel, to, o) =
                self.plan_expand(op, from, &el.chain[i].0, nodes[i], true, scope, state)?;
            op = o;
            rel_slots[i] = Some(rel);
            node_slots[i] = Some(to);
        }
        if let Some(p) = &part.var {
            let mut parts = vec![PathPart::Node(node_slots[0].unwrap_or_default())];
            for i in 0..el.chain.len() {
                parts.push(PathPart::Rel(rel_slots[i].unwrap_or_default()));
                parts.push(PathPart::Node(node_slots[i + 1].unwrap_or_default()));
            }
            let slot = self.alloc();
            scope.bind(&p.name, slot, VarKind::Path);
            op = Op::Extend {
                input: Box::new(op),
                items: vec![(slot, Expr::Path(parts))],
            };
        }
        Ok(op)
    }

    /// The index of the node to start from.
    fn choose_anchor(&self, nodes: &[&ast::NodePattern], scope: &Scope) -> usize {
        let score = |n: &ast::NodePattern| -> u32 {
            if n.var.as_ref().is_some_and(|v| scope.get(&v.name).is_some()) {
                return 100;
            }
            let mut s = 0;
            if let Some(ast::Expr {
                kind: ast::ExprKind::Map(m),
                ..
            }) = &n.properties
                && !m.is_empty()
            {
                s += 10;
            }
            if !n.labels.is_empty() {
                s += 5;
            }
            s
        };
        let mut best = 0;
        for (i, n) in nodes.iter().enumerate() {
            if score(n) > score(nodes[best]) {
                best = i;
            }
        }
        best
    }

    pub(super) fn node_filter(
        &mut self,
        n: &ast::NodePattern,
        scope: &Scope,
    ) -> Result<NodeFilter> {
        let mut filter = NodeFilter {
            labels: n.labels.iter().map(|l| l.name.clone()).collect(),
            ..NodeFilter::default()
        };
        self.property_filter(
            &n.properties,
            scope,
            &mut filter.properties,
            &mut filter.property_map,
        )?;
        Ok(filter)
    }

    fn property_filter(
        &mut self,
        props: &Option<ast::Expr>,
        scope: &Scope,
        out: &mut Vec<(String, Expr)>,
        map: &mut Option<Expr>,
    ) -> Result<()> {
        match props {
            None => {}
            Some(ast::Expr {
                kind: ast::ExprKind::Map(entries),
                ..
            }) => {
                for (k, v) in entries {
                    out.push((k.name.clone(), self.expr(v, scope)?));
                }
            }
            Some(e) => *map = Some(self.expr(e, scope)?),
        }
        Ok(())
    }

    /// Resolves a node pattern's variable: `(slot, already bound)`; binds it when new.
    fn node_var(&mut self, n: &ast::NodePattern, scope: &mut Scope) -> Result<(Slot, bool)> {
        match &n.var {
            Some(v) => match scope.get(&v.name) {
                Some(var) => match var.kind {
                    VarKind::Node | VarKind::Value => Ok((var.slot, true)),
                    other => Err(type_conflict(v, other, VarKind::Node)),
                },
                None => {
                    let slot = self.alloc();
                    scope.bind(&v.name, slot, VarKind::Node);
                    Ok((slot, false))
                }
            },
            None => Ok((self.alloc(), false)),
        }
    }

    /// A node on its own: a scan, or a check of a bound node.
    pub(super) fn plan_node(
        &mut self,
        input: Op,
        n: &ast::NodePattern,
        scope: &mut Scope,
    ) -> Result<(Slot, Op)> {
        let filter = self.node_filter(n, scope)?;
        let (slot, bound) = self.node_var(n, scope)?;
        if bound {
            if filter.labels.is_empty()
                && filter.properties.is_empty()
                && filter.property_map.is_none()
            {
                return Ok((slot, input));
            }
            return Ok((
                slot,
                Op::CheckNode {
                    input: Box::new(input),
                    slot,
                    filter,
                },
            ));
        }
        let scan = if let Some((k, v)) = filter.properties.first() {
            ScanKind::Property(k.clone(), v.clone())
        } else if let Some(l) = filter.labels.first() {
            ScanKind::Label(l.clone())
        } else {
            ScanKind::All
        };
        Ok((
            slot,
            Op::NodeScan {
                input: Box::new(input),
                slot,
                scan,
                filter,
                est: None,
            },
        ))
    }

    /// Which way a relationship pattern is followed (walking it right to
    /// left when `reversed`), and what each relationship must satisfy.
    fn rel_walk(
        &mut self,
        r: &ast::RelPattern,
        reversed: bool,
        scope: &Scope,
    ) -> Result<(ExpandDir, RelFilter)> {
        let dir = match (r.direction, reversed) {
            (ast::Direction::Right, false) | (ast::Direction::Left, true) => ExpandDir::Out,
            (ast::Direction::Left, false) | (ast::Direction::Right, true) => ExpandDir::In,
            (ast::Direction::Both, _) => ExpandDir::Both,
        };
        let mut rel_filter = RelFilter {
            types: r.types.iter().map(|t| t.name.clone()).collect(),
            ..RelFilter::default()
        };
        self.property_filter(
            &r.properties,
            scope,
            &mut rel_filter.properties,
            &mut rel_filter.property_map,
        )?;
        Ok((dir, rel_filter))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn plan_expand(
        &mut self,
        input: Op,
        from: Slot,
        r: &ast::RelPattern,
        to: &ast::NodePattern,
        reversed: bool,
        scope: &mut Scope,
        state: &mut PatternState,
    ) -> Result<(Slot, Slot, Op)> {
        let (dir, rel_filter) = self.rel_walk(r, reversed, scope)?;
        let to_filter = self.node_filter(to, scope)?;
        let want = if r.length.is_some() {
            VarKind::RelList
        } else {
            VarKind::Rel
        };
        let (rel, rel_bound) = match &r.var {
            Some(v) => {
                if !state.declared_rels.insert(v.name.clone()) {
                    return Err(Error::compile(
                        ErrorKind::SyntaxError,
                        Detail::RelationshipUniquenessViolation,
                        format!(
                            "Relationship `{}` cannot be matched twice in one pattern",
                            v.name
                        ),
                        Some(v.span),
                    ));
                }
                match scope.get(&v.name) {
                    Some(var) => {
                        let list_ok = want == VarKind::RelList && var.kind == VarKind::List;
                        if var.kind != want && var.kind != VarKind::Value && !list_ok {
                            return Err(type_conflict(v, var.kind, want));
                        }
                        (var.slot, true)
                    }
                    None => {
                        let slot = self.alloc();
                        scope.bind(&v.name, slot, want);
                        (slot, false)
                    }
                }
            }
            None => (self.alloc(), false),
        };
        let (to_slot, to_bound) = match state.known_to.take() {
            Some(slot) => (slot, true),
            None => self.node_var(to, scope)?,
        };
        // A relationship has one type: none of another hop's types can be
        // this one's, so that hop's need no check.
        let types = &rel_filter.types;
        let overlap = |other: &[String]| {
            types.is_empty() || other.is_empty() || other.iter().any(|t| types.contains(t))
        };
        let distinct_from = (state.rel_slots.iter())
            .filter(|(_, other)| overlap(other))
            .map(|(slot, _)| *slot)
            .collect();
        state.rel_slots.push((rel, types.clone()));
        let var_length = r.length.map(|l| (l.min.unwrap_or(1), l.max));
        let op = Op::Expand {
            input: Box::new(input),
            from,
            rel,
            rel_bound,
            to: to_slot,
            to_bound,
            dir,
            rel_filter,
            to_filter,
            var_length,
            distinct_from,
            reversed,
            also: Vec::new(),
            est: None,
        };
        Ok((rel, to_slot, op))
    }

    fn plan_shortest(
        &mut self,
        op: Op,
        part: &ast::PatternPart,
        scope: &mut Scope,
        state: &mut PatternState,
    ) -> Result<Op> {
        let el = &part.element;
        if el.chain.len() != 1 {
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                Detail::InvalidShortestPath,
                "shortestPath needs a pattern with exactly one relationship",
                Some(part.span),
            ));
        }
        let (r, end) = &el.chain[0];
        let (from, op) = self.plan_node(op, &el.start, scope)?;
        let (to, op) = self.plan_node(op, end, scope)?;
        let (dir, rel_filter) = self.rel_walk(r, false, scope)?;
        let rel = match &r.var {
            Some(v) => self.bind_new(v, scope, VarKind::RelList)?,
            None => self.alloc(),
        };
        state.rel_slots.push((rel, rel_filter.types.clone()));
        let path = match &part.var {
            Some(p) => {
                let slot = self.alloc();
                scope.bind(&p.name, slot, VarKind::Path);
                Some(slot)
            }
            None => None,
        };
        let length = match r.length {
            Some(l) => (l.min.unwrap_or(1), l.max),
            None => (1, Some(1)),
        };
        Ok(Op::ShortestPath {
            input: Box::new(op),
            from,
            to,
            rel,
            path,
            dir,
            rel_filter,
            length,
            all: part.kind == ast::PathKind::AllShortest,
        })
    }
}
