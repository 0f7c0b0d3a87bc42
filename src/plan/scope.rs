//! Which variables are in scope, where their values live in the row, and
//! what kind of value each holds.

use super::logical::Slot;
use std::collections::HashMap;

/// What a variable is known to hold, for type-conflict checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VarKind {
    /// A node.
    Node,
    /// A relationship.
    Rel,
    /// A list of relationships (variable-length pattern).
    RelList,
    /// A path.
    Path,
    /// Anything (projected values, UNWIND elements...).
    Value,
    /// A list (of anything).
    List,
    /// A value known not to be a node, relationship, path or list.
    Scalar,
}

impl VarKind {
    /// The kind's name in messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            VarKind::Node => "Node",
            VarKind::Rel => "Relationship",
            VarKind::RelList => "List<Relationship>",
            VarKind::Path => "Path",
            VarKind::Value => "Any",
            VarKind::List => "List",
            VarKind::Scalar => "value",
        }
    }
}

/// A variable in scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Var {
    /// Its row slot.
    pub slot: Slot,
    /// What it holds.
    pub kind: VarKind,
    /// Its static type, when known more precisely than `kind` says.
    pub ty: Option<super::types::Type>,
}

/// The variables visible at a point of the query.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    vars: HashMap<String, Var>,
    /// Names in the order they were bound (for `RETURN *`).
    order: Vec<String>,
}

impl Scope {
    /// An empty scope.
    pub(crate) fn new() -> Scope {
        Scope::default()
    }

    /// Looks a variable up.
    pub(crate) fn get(&self, name: &str) -> Option<Var> {
        self.vars.get(name).copied()
    }

    /// Binds (or rebinds) a variable.
    pub(crate) fn bind(&mut self, name: &str, slot: Slot, kind: VarKind) {
        self.bind_typed(name, slot, kind, None);
    }

    /// Binds (or rebinds) a variable whose static type is known.
    pub(crate) fn bind_typed(
        &mut self,
        name: &str,
        slot: Slot,
        kind: VarKind,
        ty: Option<super::types::Type>,
    ) {
        let var = Var { slot, kind, ty };
        if self.vars.insert(name.to_string(), var).is_none() {
            self.order.push(name.to_string());
        }
    }

    /// The user-visible variables, sorted by name (for `RETURN *`).
    pub(crate) fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .order
            .iter()
            .filter(|n| !n.starts_with(' '))
            .cloned()
            .collect();
        names.sort();
        names
    }
}
