//! A table for people: box-drawn, values in Cypher literal notation, a
//! footer counting rows and saying what changed.
//!
//! ```text
//! ┌─────────────────────────────┬───────┐
//! │ n                           │ count │
//! ├─────────────────────────────┼───────┤
//! │ (:Company {name: 'OpenAI'}) │     2 │
//! └─────────────────────────────┴───────┘
//! 1 row, 1 node created
//! ```
//!
//! Numbers are right aligned, everything else left; widths are terminal
//! columns (a CJK character counts two). A cell wider than
//! [`MAX_CELL_WIDTH`] columns is cut and ends in `…`. A result without
//! columns (a write-only statement) prints only the footer. The plan of an
//! `EXPLAIN`/`PROFILE` comes before the table. Notices and timing are the
//! caller's to print.

use super::literal::literal;
use crate::result::{QueryResult, Stats};
use crate::value::Value;
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest a cell is printed, in terminal columns.
pub const MAX_CELL_WIDTH: usize = 60;

/// Writes `result` as a table followed by its footer.
pub(super) fn write_table(w: &mut dyn Write, result: &QueryResult) -> io::Result<()> {
    if let Some(plan) = &result.plan {
        w.write_all(plan.as_bytes())?;
        if !plan.ends_with('\n') {
            w.write_all(b"\n")?;
        }
    }
    if !result.columns.is_empty() {
        write_grid(w, result)?;
    } else if result.plan.is_some() && result.stats.is_empty() {
        // EXPLAIN: the plan is the whole answer.
        return Ok(());
    }
    writeln!(w, "{}", footer(result))
}

/// One cell: its text and whether it is right aligned.
struct Cell {
    text: String,
    right: bool,
}

impl Cell {
    fn new(text: &str, right: bool) -> Cell {
        Cell {
            text: fit(text),
            right,
        }
    }

    /// Columns on a terminal (wide characters count two).
    fn width(&self) -> usize {
        self.text.width()
    }
}

fn write_grid(w: &mut dyn Write, result: &QueryResult) -> io::Result<()> {
    let header: Vec<Cell> = result.columns.iter().map(|c| Cell::new(c, false)).collect();
    let rows: Vec<Vec<Cell>> = result
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| {
                    let right = matches!(v, Value::Int(_) | Value::Float(_));
                    Cell::new(&literal(result, v), right)
                })
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(Cell::width).collect();
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.width());
            }
        }
    }
    rule(w, &widths, '┌', '┬', '┐')?;
    line(w, &widths, &header)?;
    rule(w, &widths, '├', '┼', '┤')?;
    for row in &rows {
        line(w, &widths, row)?;
    }
    rule(w, &widths, '└', '┴', '┘')
}

/// A horizontal rule such as `├────┼───┤`.
fn rule(w: &mut dyn Write, widths: &[usize], left: char, mid: char, right: char) -> io::Result<()> {
    let mut out = String::new();
    out.push(left);
    for (i, width) in widths.iter().enumerate() {
        if i > 0 {
            out.push(mid);
        }
        out.extend(std::iter::repeat_n('─', width + 2));
    }
    out.push(right);
    writeln!(w, "{out}")
}

/// A row of cells such as `│ 'a' │   1 │`; missing cells print empty.
fn line(w: &mut dyn Write, widths: &[usize], cells: &[Cell]) -> io::Result<()> {
    let mut out = String::from("│");
    for (i, width) in widths.iter().enumerate() {
        let (text, right) = cells
            .get(i)
            .map_or(("", false), |c| (c.text.as_str(), c.right));
        let pad = " ".repeat(width.saturating_sub(text.width()));
        if right {
            out.push_str(&format!(" {pad}{text} │"));
        } else {
            out.push_str(&format!(" {text}{pad} │"));
        }
    }
    writeln!(w, "{out}")
}

/// Makes text safe and short for a cell: control characters as `\u{..}`
/// escapes (so a value cannot break the grid or drive the terminal), and at
/// most [`MAX_CELL_WIDTH`] columns wide, ending in `…` when cut.
fn fit(text: &str) -> String {
    let safe: String = text
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    if safe.width() <= MAX_CELL_WIDTH {
        return safe;
    }
    let mut out = String::new();
    let mut width = 0;
    for c in safe.chars() {
        let w = c.width().unwrap_or(0);
        if width + w > MAX_CELL_WIDTH - 1 {
            break;
        }
        out.push(c);
        width += w;
    }
    out.push('…');
    out
}

/// `2 rows`, `1 row, 1 node created`; for a result without columns only the
/// side effects, or `no changes`.
fn footer(result: &QueryResult) -> String {
    let effects = describe_stats(&result.stats);
    if result.columns.is_empty() {
        return if effects.is_empty() {
            "no changes".to_string()
        } else {
            effects
        };
    }
    let rows = plural(result.rows.len() as u64, "row", "rows");
    if effects.is_empty() {
        rows
    } else {
        format!("{rows}, {effects}")
    }
}

/// The side effects in words, in the contract's counter order, e.g.
/// `1 node created, 2 properties set, 1 relationship deleted`; empty when
/// nothing changed.
pub fn describe_stats(stats: &Stats) -> String {
    let words: [(&str, &str, &str); 8] = [
        ("node", "nodes", "created"),
        ("node", "nodes", "deleted"),
        ("relationship", "relationships", "created"),
        ("relationship", "relationships", "deleted"),
        ("property", "properties", "set"),
        ("property", "properties", "removed"),
        ("label", "labels", "added"),
        ("label", "labels", "removed"),
    ];
    stats
        .fields()
        .iter()
        .zip(words)
        .filter(|((_, count), _)| *count > 0)
        .map(|((_, count), (one, many, verb))| format!("{} {verb}", plural(*count, one, many)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(count: u64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixtures::with_rows;
    use crate::value::Path;

    fn table(result: &QueryResult) -> String {
        let mut out = Vec::new();
        write_table(&mut out, result).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn values_in_literal_notation_numbers_right_aligned() {
        let result = with_rows(
            &["n", "count", "rest"],
            vec![
                vec![Value::Node(1), Value::Int(2), Value::string("it's")],
                vec![Value::Node(4), Value::Float(-0.5), Value::Null],
            ],
        );
        assert_eq!(
            table(&result),
            "\
┌─────────────────────────────┬───────┬─────────┐
│ n                           │ count │ rest    │
├─────────────────────────────┼───────┼─────────┤
│ (:Company {name: 'OpenAI'}) │     2 │ 'it\\'s' │
│ ()                          │  -0.5 │ null    │
└─────────────────────────────┴───────┴─────────┘
2 rows
"
        );
    }

    #[test]
    fn relationships_paths_and_collections() {
        let result = with_rows(
            &["r", "p", "xs"],
            vec![vec![
                Value::Relationship(10),
                Value::Path(Path {
                    nodes: vec![3, 1],
                    rels: vec![11],
                }),
                Value::List(vec![Value::Int(1), Value::Bool(true)]),
            ]],
        );
        assert_eq!(
            table(&result),
            "\
┌────────────────────────┬─────────────────────────────────────────────────────┬───────────┐
│ r                      │ p                                                   │ xs        │
├────────────────────────┼─────────────────────────────────────────────────────┼───────────┤
│ [:stake {percent: 27}] │ <(:A:B)-[:`odd type`]->(:Company {name: 'OpenAI'})> │ [1, true] │
└────────────────────────┴─────────────────────────────────────────────────────┴───────────┘
1 row
"
        );
    }

    #[test]
    fn wide_characters_keep_the_grid_aligned() {
        let result = with_rows(
            &["name"],
            vec![vec![Value::string("ソニー")], vec![Value::string("a")]],
        );
        assert_eq!(
            table(&result),
            "\
┌──────────┐
│ name     │
├──────────┤
│ 'ソニー' │
│ 'a'      │
└──────────┘
2 rows
"
        );
    }

    #[test]
    fn an_empty_result_keeps_its_header() {
        let result = with_rows(&["name"], vec![]);
        assert_eq!(
            table(&result),
            "\
┌──────┐
│ name │
├──────┤
└──────┘
0 rows
"
        );
    }

    #[test]
    fn write_only_statements_print_their_side_effects() {
        let mut result = with_rows(&[], vec![]);
        assert_eq!(table(&result), "no changes\n");
        result.stats = Stats {
            nodes_created: 1,
            relationships_deleted: 1,
            properties_set: 2,
            labels_added: 3,
            ..Stats::default()
        };
        assert_eq!(
            table(&result),
            "1 node created, 1 relationship deleted, 2 properties set, 3 labels added\n"
        );
    }

    #[test]
    fn footers_are_plural_aware() {
        let stats = Stats {
            nodes_created: 2,
            nodes_deleted: 1,
            relationships_created: 1,
            properties_removed: 1,
            labels_removed: 1,
            ..Stats::default()
        };
        assert_eq!(
            describe_stats(&stats),
            "2 nodes created, 1 node deleted, 1 relationship created, \
             1 property removed, 1 label removed"
        );
        let mut result = with_rows(&["x"], vec![vec![Value::Int(1)]]);
        result.stats = Stats {
            properties_set: 1,
            ..Stats::default()
        };
        assert!(table(&result).ends_with("│ 1 │\n└───┘\n1 row, 1 property set\n"));
    }

    #[test]
    fn a_plan_comes_before_the_table() {
        let mut result = with_rows(&["x"], vec![]);
        result.plan = Some("Projection\n└─ Argument".to_string());
        assert_eq!(
            table(&result),
            "Projection\n└─ Argument\n┌───┐\n│ x │\n├───┤\n└───┘\n0 rows\n"
        );
    }

    #[test]
    fn long_cells_are_cut_and_control_characters_escaped() {
        let long = "x".repeat(100);
        assert_eq!(fit(&long).chars().count(), MAX_CELL_WIDTH);
        assert_eq!(fit(&long), format!("{}…", "x".repeat(59)));
        assert_eq!(fit(&"y".repeat(60)), "y".repeat(60));
        assert_eq!(fit("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        // Wide characters count two columns and are never split.
        assert_eq!(fit(&"語".repeat(40)), format!("{}…", "語".repeat(29)));
    }
}
