//! Procedures for `CALL`: the built-in `db.labels()`,
//! `db.relationshipTypes()`, `db.propertyKeys()`, and procedures a program
//! registers as a table of input and output rows.

use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, eval};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::exec::history::check_metadata;
use crate::history::Metadata;
use crate::plan::logical::{Expr, Slot};
use crate::plan::{ProcType, ProcedureSignature};
use crate::store::Graph;
use crate::value::{GroupKey, Value};
use std::collections::BTreeMap;

/// What a procedure does.
#[derive(Debug, Clone)]
enum Body {
    /// Rows of `inputs ++ outputs`: a call yields the outputs of the rows
    /// whose inputs equal the arguments.
    Table(Vec<Vec<Value>>),
    /// The graph's labels.
    Labels,
    /// The graph's relationship types.
    RelationshipTypes,
    /// The graph's property keys.
    PropertyKeys,
    /// `tx.setMetaData(map)`: the metadata of the transaction's commit.
    SetMetaData,
}

/// A procedure: its signature and what it does.
#[derive(Debug, Clone)]
struct Procedure {
    signature: ProcedureSignature,
    body: Body,
}

/// The procedures a database offers, by lowercased name.
#[derive(Debug, Clone)]
pub(crate) struct Procedures {
    by_name: BTreeMap<String, Procedure>,
}

impl Default for Procedures {
    fn default() -> Procedures {
        let mut p = Procedures {
            by_name: BTreeMap::new(),
        };
        let builtin = |name: &str, out: &str| ProcedureSignature {
            name: name.to_string(),
            inputs: Vec::new(),
            outputs: vec![(out.to_string(), ProcType::String)],
        };
        p.insert(builtin("db.labels", "label"), Body::Labels);
        p.insert(
            builtin("db.relationshipTypes", "relationshipType"),
            Body::RelationshipTypes,
        );
        p.insert(
            builtin("db.propertyKeys", "propertyKey"),
            Body::PropertyKeys,
        );
        p.insert(
            ProcedureSignature {
                name: "tx.setMetaData".to_string(),
                inputs: vec![("data".to_string(), ProcType::Map)],
                outputs: Vec::new(),
            },
            Body::SetMetaData,
        );
        p
    }
}

impl Procedures {
    fn insert(&mut self, signature: ProcedureSignature, body: Body) {
        self.by_name.insert(
            signature.name.to_ascii_lowercase(),
            Procedure { signature, body },
        );
    }

    /// Registers a procedure answered from a table: each row holds the
    /// inputs then the outputs, in signature order. Replaces a procedure
    /// of the same name.
    pub(crate) fn register_table(
        &mut self,
        signature: ProcedureSignature,
        rows: Vec<Vec<Value>>,
    ) -> Result<()> {
        let width = signature.inputs.len() + signature.outputs.len();
        if let Some(bad) = rows.iter().find(|r| r.len() != width) {
            return Err(Error::argument(
                Detail::InvalidProcedureTable,
                format!(
                    "procedure `{}` needs {width} values per row, got {}",
                    signature.name,
                    bad.len()
                ),
            ));
        }
        self.insert(signature, Body::Table(rows));
        Ok(())
    }

    /// A procedure's signature.
    pub(crate) fn signature(&self, name: &str) -> Option<&ProcedureSignature> {
        self.by_name
            .get(&name.to_ascii_lowercase())
            .map(|p| &p.signature)
    }

    /// Calls a procedure: its output rows for these arguments.
    fn call(
        &self,
        name: &str,
        args: &[Value],
        graph: &Graph,
        meta: &mut Option<Metadata>,
    ) -> Result<Vec<Vec<Value>>> {
        let Some(p) = self.by_name.get(name) else {
            return Err(Error::runtime(
                ErrorKind::ProcedureError,
                Detail::ProcedureNotFound,
                format!("There is no procedure with the name `{name}`"),
            ));
        };
        let names = |pairs: Vec<(String, usize)>| {
            pairs
                .into_iter()
                .map(|(n, _)| vec![Value::string(n)])
                .collect()
        };
        Ok(match &p.body {
            Body::Labels => names(graph.label_counts()),
            Body::RelationshipTypes => names(graph.rel_type_counts()),
            Body::PropertyKeys => names(graph.property_key_counts()),
            Body::SetMetaData => {
                let data = args.first().unwrap_or(&Value::Null);
                *meta = Some(check_metadata(data)?);
                vec![Vec::new()]
            }
            Body::Table(rows) => {
                let n = p.signature.inputs.len();
                rows.iter()
                    .filter(|r| {
                        r[..n]
                            .iter()
                            .zip(args)
                            .all(|(a, b)| GroupKey(a.clone()) == GroupKey(b.clone()))
                    })
                    .map(|r| r[n..].to_vec())
                    .collect()
            }
        })
    }
}

/// Coerces an argument to the declared input type (an integer passed as a
/// `FLOAT` becomes a float) or fails with a type error.
fn coerce(v: Value, ty: ProcType, name: &str) -> Result<Value> {
    let ok = match (&v, ty) {
        (Value::Null, _) | (_, ProcType::Any) => true,
        (Value::Int(i), ProcType::Float) => return Ok(Value::Float(*i as f64)),
        (Value::String(_), ProcType::String) => true,
        (Value::Int(_), ProcType::Integer | ProcType::Number) => true,
        (Value::Float(_), ProcType::Float | ProcType::Number) => true,
        (Value::Bool(_), ProcType::Boolean) => true,
        (Value::Map(_), ProcType::Map) => true,
        (Value::List(_), ProcType::List) => true,
        (Value::Node(_), ProcType::Node) => true,
        (Value::Relationship(_), ProcType::Relationship) => true,
        (Value::Path(_), ProcType::Path) => true,
        _ => false,
    };
    if ok {
        Ok(v)
    } else {
        Err(Error::type_error(format!(
            "argument `{name}` cannot be a {}",
            v.type_name()
        )))
    }
}

/// `CALL proc(args) YIELD ...`: for each input row, one row per output row.
pub(crate) struct ProcedureCall<'p> {
    input: BoxOp<'p>,
    name: &'p str,
    args: &'p [Expr],
    yields: &'p [(usize, Slot)],
    pending: std::vec::IntoIter<Row>,
}

impl<'p> ProcedureCall<'p> {
    /// Calls the procedure for each row of `input`.
    pub(crate) fn new(
        input: BoxOp<'p>,
        name: &'p str,
        args: &'p [Expr],
        yields: &'p [(usize, Slot)],
    ) -> ProcedureCall<'p> {
        ProcedureCall {
            input,
            name,
            args,
            yields,
            pending: Vec::new().into_iter(),
        }
    }
}

impl Operator for ProcedureCall<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some(r) = self.pending.next() {
                return Ok(Some(r));
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            let inputs = ctx
                .procedures
                .signature(self.name)
                .map(|s| s.inputs.clone())
                .unwrap_or_default();
            let mut args = Vec::with_capacity(self.args.len());
            for (e, (name, ty)) in self.args.iter().zip(&inputs) {
                args.push(coerce(eval(e, &row, ctx)?, *ty, name)?);
            }
            let outputs =
                ctx.procedures
                    .call(self.name, &args, &ctx.graph, &mut ctx.history.meta)?;
            let rows: Vec<Row> = outputs
                .into_iter()
                .map(|out| {
                    let mut r = row.clone();
                    for (field, slot) in self.yields {
                        row::set(
                            &mut r,
                            *slot,
                            out.get(*field).cloned().unwrap_or(Value::Null),
                        );
                    }
                    r
                })
                .collect();
            self.pending = rows.into_iter();
        }
    }
}
