//! Notices for people: when a query found nothing because a property value
//! it asked for matches no node, say which existing values are closest.

use crate::plan::Op;
use crate::plan::logical::{Expr, ScanKind};
use crate::store::Graph;
use crate::text::{Case, nearest};
use crate::value::{Value, quote_string};

/// The notices for a plan that returned no rows.
pub(crate) fn for_empty_result(root: &Op, graph: &Graph) -> Vec<String> {
    let mut asked: Vec<(String, String)> = Vec::new();
    collect(root, &mut asked);
    let mut out = Vec::new();
    for (key, value) in asked {
        if !graph
            .nodes_with_property(&key, &Value::string(&value))
            .is_empty()
        {
            continue;
        }
        let limit = (value.chars().count() / 3).max(2);
        let values = graph.string_values(&key);
        let mut best = nearest(
            &value,
            values.iter().map(|v| &**v),
            |_| limit,
            Case::Ignored,
        );
        best.sort_unstable();
        let mut notice = format!("no node has {key} {}", quote_string(&value));
        if !best.is_empty() {
            let closest: Vec<String> = best.iter().take(3).map(|v| quote_string(v)).collect();
            notice.push_str(&format!("; did you mean {}?", closest.join(" or ")));
        }
        if !out.contains(&notice) {
            out.push(notice);
        }
    }
    out
}

/// Every `{key: 'constant string'}` a node scan or expansion asks for.
fn collect(op: &Op, out: &mut Vec<(String, String)>) {
    let push = |pairs: &[(String, Expr)], out: &mut Vec<(String, String)>| {
        for (k, e) in pairs {
            if let Expr::Const(Value::String(s)) = e {
                out.push((k.clone(), s.to_string()));
            }
        }
    };
    match op {
        Op::NodeScan { scan, filter, .. } => {
            if let ScanKind::Property(k, Expr::Const(Value::String(s))) = scan {
                out.push((k.clone(), s.to_string()));
            }
            push(&filter.properties, out);
        }
        Op::CheckNode { filter, .. } => push(&filter.properties, out),
        Op::Expand { to_filter, .. } => push(&to_filter.properties, out),
        _ => {}
    }
    for c in op.children() {
        collect(c, out);
    }
}
