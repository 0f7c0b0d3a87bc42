//! What the planner may ask of the database: which functions and
//! procedures exist, and their signatures.

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};

/// The types a procedure declares for its inputs and outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcType {
    /// `ANY?`
    Any,
    /// `STRING?`
    String,
    /// `INTEGER?`
    Integer,
    /// `FLOAT?` (an integer argument is accepted and becomes a float)
    Float,
    /// `NUMBER?` (integer or float)
    Number,
    /// `BOOLEAN?`
    Boolean,
    /// `MAP?`
    Map,
    /// `LIST? OF ...`
    List,
    /// `NODE?`
    Node,
    /// `RELATIONSHIP?`
    Relationship,
    /// `PATH?`
    Path,
}

impl ProcType {
    /// The type named in a signature (case-insensitive, `?` ignored).
    pub fn parse(name: &str) -> Option<ProcType> {
        let name = name.trim().trim_end_matches('?').to_ascii_uppercase();
        Some(match name.split_whitespace().next()? {
            "ANY" => ProcType::Any,
            "STRING" => ProcType::String,
            "INTEGER" | "INT" => ProcType::Integer,
            "FLOAT" => ProcType::Float,
            "NUMBER" => ProcType::Number,
            "BOOLEAN" => ProcType::Boolean,
            "MAP" => ProcType::Map,
            "LIST" => ProcType::List,
            "NODE" => ProcType::Node,
            "RELATIONSHIP" => ProcType::Relationship,
            "PATH" => ProcType::Path,
            _ => return None,
        })
    }
}

/// A procedure's name, inputs and outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureSignature {
    /// The dotted name, e.g. `db.labels`.
    pub name: String,
    /// Input names and types, in order.
    pub inputs: Vec<(String, ProcType)>,
    /// Output field names and types, in order.
    pub outputs: Vec<(String, ProcType)>,
}

impl ProcedureSignature {
    /// Reads `ns.name(a :: INTEGER?, b :: STRING?) :: (out :: STRING?)`.
    pub fn parse(text: &str) -> Result<ProcedureSignature> {
        let bad = |why: &str| {
            Error::compile(
                ErrorKind::SyntaxError,
                Detail::InvalidProcedureSignature,
                format!("bad procedure signature `{text}`: {why}"),
                None,
            )
        };
        let text = text.trim();
        let open = text.find('(').ok_or_else(|| bad("expected '('"))?;
        let close = text[open..]
            .find(')')
            .map(|i| open + i)
            .ok_or_else(|| bad("expected ')'"))?;
        let name = text[..open].trim().to_string();
        if name.is_empty() {
            return Err(bad("no name"));
        }
        let inputs = fields(&text[open + 1..close]).ok_or_else(|| bad("bad inputs"))?;
        let rest = text[close + 1..].trim();
        let rest = rest
            .strip_prefix("::")
            .ok_or_else(|| bad("expected '::' before the outputs"))?
            .trim();
        let rest = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .ok_or_else(|| bad("outputs go in parentheses"))?;
        let outputs = fields(rest).ok_or_else(|| bad("bad outputs"))?;
        Ok(ProcedureSignature {
            name,
            inputs,
            outputs,
        })
    }
}

fn fields(text: &str) -> Option<Vec<(String, ProcType)>> {
    if text.trim().is_empty() {
        return Some(Vec::new());
    }
    text.split(',')
        .map(|f| {
            let (name, ty) = f.split_once("::")?;
            Some((name.trim().to_string(), ProcType::parse(ty)?))
        })
        .collect()
}

/// What the planner needs to know about the functions and procedures the
/// executor offers.
pub(crate) trait Catalog {
    /// `None` for an unknown function, else its `(min, max)` argument count
    /// (`max` `None` for any number).
    fn function_arity(&self, name: &str) -> Option<(usize, Option<usize>)>;

    /// The signature of a procedure (name compared case-insensitively).
    fn procedure(&self, name: &str) -> Option<ProcedureSignature>;

    /// The known function whose name is closest to an unknown one.
    fn suggest_function(&self, _name: &str) -> Option<String> {
        None
    }

    /// Statistics of the graph for the cost model, `None` when there are
    /// none (then patterns are planned as written, without estimates).
    fn stats(&self) -> Option<&dyn Statistics> {
        None
    }
}

/// What the cost model may ask of the graph. Answers are estimates.
pub(crate) trait Statistics {
    /// How many nodes there are.
    fn node_count(&self) -> f64;

    /// How many nodes have a label.
    fn label_count(&self, label: &str) -> f64;

    /// How many relationships of type `rel_type` (any for `None`) start
    /// (`outgoing`) or end at a node with `label` (any node for `None`).
    fn degree_sum(&self, rel_type: Option<&str>, outgoing: bool, label: Option<&str>) -> f64;

    /// The sum over the nodes with `label` (any for `None`) of the square of
    /// each one's number of relationships of `rel_type` (any for `None`) in
    /// a direction (`Some(true)` outgoing, `Some(false)` incoming, `None`
    /// both): how skewed the degrees are. A hop from a node that a hop over
    /// the same relationships reached meets the nodes of high degree more
    /// often than a scan does.
    fn degree_square_sum(
        &self,
        rel_type: Option<&str>,
        outgoing: Option<bool>,
        label: Option<&str>,
    ) -> f64;

    /// The share of the nodes with `label` (any for `None`) that an
    /// equality on `key` keeps, as the key's values are spread.
    fn equality_selectivity(&self, label: Option<&str>, key: &str) -> f64;

    /// The share of the nodes with `label` (any for `None`) whose `key`
    /// lies between `lower` and `upper`.
    fn range_selectivity(
        &self,
        label: Option<&str>,
        key: &str,
        lower: std::ops::Bound<&crate::value::Value>,
        upper: std::ops::Bound<&crate::value::Value>,
    ) -> f64;

    /// Whether `label`'s nodes have an index or a unique constraint on `key`
    /// (then an equality on it is taken to find one node).
    fn indexed(&self, label: &str, key: &str) -> bool;
}

/// A catalog for tests of planning alone: every function takes any
/// number of arguments, and there are no procedures.
#[cfg(test)]
pub(crate) struct NoCatalog;

#[cfg(test)]
impl Catalog for NoCatalog {
    fn function_arity(&self, _: &str) -> Option<(usize, Option<usize>)> {
        Some((0, None))
    }

    fn procedure(&self, _: &str) -> Option<ProcedureSignature> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_parse() {
        let s = ProcedureSignature::parse(
            "test.my.proc(name :: STRING?, id :: INTEGER?) :: (city :: STRING?, country_code :: INTEGER?)",
        )
        .map_err(|e| e.message);
        assert_eq!(
            s,
            Ok(ProcedureSignature {
                name: "test.my.proc".into(),
                inputs: vec![
                    ("name".into(), ProcType::String),
                    ("id".into(), ProcType::Integer)
                ],
                outputs: vec![
                    ("city".into(), ProcType::String),
                    ("country_code".into(), ProcType::Integer)
                ],
            })
        );
        let empty = ProcedureSignature::parse("test.labels() :: (label :: STRING?)")
            .map(|s| s.inputs.len());
        assert_eq!(empty.map_err(|e| e.message), Ok(0));
        assert!(ProcedureSignature::parse("nope").is_err());
        assert!(ProcedureSignature::parse("a.b(x :: WHAT?) :: ()").is_err());
    }
}
