//! Plans print themselves as trees (for `EXPLAIN`, `PROFILE` and tests).

use super::logical::{ExpandDir, Expr, Op, ScanKind, Seek};
use std::fmt;

impl Op {
    /// A one-line description of this operator (without its inputs), with
    /// the planner's estimate of its rows when it made one.
    pub(crate) fn describe(&self) -> String {
        let est = match self {
            Op::NodeScan { est, .. } | Op::Expand { est, .. } => *est,
            _ => None,
        };
        match est {
            Some(n) if n < 10.0 => format!("{}  ~est {n:.1} rows", self.describe_op()),
            Some(n) => format!("{}  ~est {n:.0} rows", self.describe_op()),
            None => self.describe_op(),
        }
    }

    fn describe_op(&self) -> String {
        match self {
            Op::Argument => "Argument".into(),
            Op::Empty => "Empty".into(),
            Op::NodeScan {
                slot, scan, filter, ..
            } => {
                let how = match scan {
                    ScanKind::All => "AllNodesScan".to_string(),
                    ScanKind::Label(l) => format!("NodeByLabelScan :{l}"),
                    ScanKind::Property(k, _) => format!("NodeIndexSeek {{{k}}}"),
                    ScanKind::Range(k, seek) => {
                        format!("NodeIndexRangeSeek {{{}}}", seek_text(k, seek))
                    }
                };
                let mut s = format!("{how} → #{slot}");
                if !filter.labels.is_empty() {
                    s.push_str(&format!(" labels {}", filter.labels.join(":")));
                }
                if filter.predicate.is_some() || !filter.tests.is_empty() {
                    s.push_str(" where …");
                }
                s
            }
            Op::CheckNode { slot, .. } => format!("CheckNode #{slot}"),
            Op::Expand {
                from,
                rel,
                to,
                dir,
                rel_filter,
                to_filter,
                var_length,
                to_bound,
                also,
                ..
            } => {
                let arrow = match dir {
                    ExpandDir::Out => ("-", "->"),
                    ExpandDir::In => ("<-", "-"),
                    ExpandDir::Both => ("-", "-"),
                };
                let types = if rel_filter.types.is_empty() {
                    String::new()
                } else {
                    format!(":{}", rel_filter.types.join("|"))
                };
                let len = match var_length {
                    Some((min, Some(max))) => format!("*{min}..{max}"),
                    Some((min, None)) => format!("*{min}.."),
                    None => String::new(),
                };
                let name = match (var_length, to_bound) {
                    (Some(_), _) => "VarLengthExpand",
                    (None, true) => "Expand(Into)",
                    (None, false) if !also.is_empty() => "Expand(Intersect)",
                    (None, false) => "Expand",
                };
                let arrows = |dir: &ExpandDir| match dir {
                    ExpandDir::Out => ("-", "->"),
                    ExpandDir::In => ("<-", "-"),
                    ExpandDir::Both => ("-", "-"),
                };
                let legs: String = also
                    .iter()
                    .map(|l| {
                        let (a, b) = arrows(&l.dir);
                        format!(
                            ", (#{}){a}[#{}:{}]{b}(#{to})",
                            l.from,
                            l.rel,
                            l.rel_filter.types.join("|")
                        )
                    })
                    .collect();
                let filtered = if to_filter.predicate.is_some()
                    || !to_filter.tests.is_empty()
                    || !rel_filter.tests.is_empty()
                {
                    " where …"
                } else {
                    ""
                };
                format!(
                    "{name} (#{from}){}[#{rel}{types}{len}]{}(#{to}){legs}{filtered}",
                    arrow.0, arrow.1
                )
            }
            Op::ShortestPath { from, to, all, .. } => {
                let name = if *all {
                    "AllShortestPaths"
                } else {
                    "ShortestPath"
                };
                format!("{name} #{from} → #{to}")
            }
            Op::Filter { .. } => "Filter".into(),
            Op::DistinctEnds { expand, .. } => format!("DistinctEnds of {}", expand.describe()),
            Op::Extend { items, .. } => {
                let slots: Vec<String> = items.iter().map(|(s, _)| format!("#{s}")).collect();
                format!("Extend {}", slots.join(", "))
            }
            Op::Project { exprs, .. } => format!("Project {} columns", exprs.len()),
            Op::Optional { .. } => "Optional".into(),
            Op::AggregateRuns { keys, aggs, .. } => {
                format!(
                    "AggregateRuns {} keys, {} aggregates",
                    keys.len(),
                    aggs.len()
                )
            }
            Op::Aggregate { keys, aggs, .. } => {
                format!("Aggregate {} keys, {} aggregates", keys.len(), aggs.len())
            }
            Op::Distinct { .. } => "Distinct".into(),
            Op::Sort { keys, .. } => format!("Sort {} keys", keys.len()),
            Op::Skip { .. } => "Skip".into(),
            Op::Limit { .. } => "Limit".into(),
            Op::Unwind { slot, .. } => format!("Unwind → #{slot}"),
            Op::Foreach { slot, .. } => format!("Foreach → #{slot}"),
            Op::Apply {
                outputs, optional, ..
            } => {
                let slots: Vec<String> = outputs.iter().map(|s| format!("#{s}")).collect();
                let call = if *optional { "OptionalApply" } else { "Apply" };
                match slots.is_empty() {
                    true => call.to_string(),
                    false => format!("{call} → {}", slots.join(", ")),
                }
            }
            Op::LoadCsv { slot, headers, .. } => {
                format!(
                    "LoadCsv{} → #{slot}",
                    if *headers { " WITH HEADERS" } else { "" }
                )
            }
            Op::Create { pattern, .. } => {
                format!(
                    "Create {} nodes, {} relationships",
                    pattern.nodes.len(),
                    pattern.rels.len()
                )
            }
            Op::Merge { .. } => "Merge".into(),
            Op::Set { .. } => "Set".into(),
            Op::Remove { .. } => "Remove".into(),
            Op::Delete { detach, .. } => if *detach { "DetachDelete" } else { "Delete" }.into(),
            Op::Discard { .. } => "Discard".into(),
            Op::Union { all, .. } => if *all { "UnionAll" } else { "Union" }.into(),
            Op::ProcedureCall { name, .. } => format!("ProcedureCall {name}"),
        }
    }

    /// Whether this operator or one below it changes the graph.
    pub(crate) fn has_updates(&self) -> bool {
        matches!(
            self,
            Op::Create { .. }
                | Op::Merge { .. }
                | Op::Set { .. }
                | Op::Remove { .. }
                | Op::Delete { .. }
        ) || self.children().iter().any(|c| c.has_updates())
    }

    /// Writes the plan as a tree, one operator a line: the branches, then
    /// `label(op)` (EXPLAIN writes `describe`, PROFILE adds its figures).
    pub(crate) fn write_tree(
        &self,
        out: &mut dyn fmt::Write,
        label: &dyn Fn(&Op) -> String,
    ) -> fmt::Result {
        self.write_subtree(out, label, "", true, true)
    }

    fn write_subtree(
        &self,
        f: &mut dyn fmt::Write,
        label: &dyn Fn(&Op) -> String,
        prefix: &str,
        last: bool,
        root: bool,
    ) -> fmt::Result {
        let (branch, next) = if root {
            ("", String::new())
        } else if last {
            ("└─ ", format!("{prefix}   "))
        } else {
            ("├─ ", format!("{prefix}│  "))
        };
        writeln!(f, "{prefix}{branch}{}", label(self))?;
        let children = self.children();
        let n = children.len();
        for (i, c) in children.into_iter().enumerate() {
            c.write_subtree(f, label, &next, i + 1 == n, false)?;
        }
        Ok(())
    }
}

/// A range seek as Cypher: `founded >= 2015`, `2010 <= founded < $max`,
/// `name STARTS WITH 'A'` (a bound read from the row is `…`).
fn seek_text(key: &str, seek: &Seek) -> String {
    let bound = |e: &Expr| match e {
        Expr::Const(v) => v.to_string(),
        Expr::Param(p) => format!("${}", crate::value::quote_name(p)),
        _ => "…".to_string(),
    };
    let op = |inclusive: bool| if inclusive { "<=" } else { "<" };
    let key = crate::value::quote_name(key);
    match seek {
        Seek::Prefix(p) => format!("{key} STARTS WITH {}", bound(p)),
        Seek::Between(Some((lo, i)), Some((hi, j))) => {
            format!("{} {} {key} {} {}", bound(lo), op(*i), op(*j), bound(hi))
        }
        Seek::Between(Some((lo, i)), None) => {
            format!("{key} >{} {}", if *i { "=" } else { "" }, bound(lo))
        }
        Seek::Between(None, Some((hi, j))) => format!("{key} {} {}", op(*j), bound(hi)),
        Seek::Between(None, None) => key,
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_tree(f, &|op| op.describe())
    }
}
