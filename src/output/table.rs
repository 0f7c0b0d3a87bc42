//! A table for people: box-drawn, values in Cypher literal notation, a
//! footer counting rows and saying what changed.
//!
//! ```text
//! ┌─────────────────────────────┬───────┐
//! │ n                           │ count │
//! ├─────────────────────────────┼───────┤
//! │ (:Company {name: 'OpenAI'}) │     2 │
//! └─────────────────────────────┴───────┘
//! 1 row, 1 node created, 0.4 ms
//! ```
//!
//! Numbers are right aligned, everything else left; widths are terminal
//! columns (a CJK character counts two). Without a width to fit in, a cell
//! wider than [`MAX_CELL_WIDTH`] columns is cut and ends in `…`. Given the
//! terminal's width ([`TableStyle::width`]), the widest columns are narrowed
//! until the table fits, and their values wrap onto up to
//! [`MAX_CELL_LINES`] lines (then are cut). A result without columns (a
//! write-only statement) prints only the footer. The plan of an
//! `EXPLAIN`/`PROFILE` comes before the table. Notices are the caller's to
//! print.
//!
//! comfy-table draws the grid; the layout (each column's width, where a
//! value wraps, where it is cut) is decided here and handed to it as fixed
//! widths and lines already wrapped, because comfy-table's own arrangement
//! wraps and shares out the width differently. The one difference from the
//! grid drawn by hand before: a column whose name and values are all empty
//! is one column wide, not zero.

use super::literal::literal;
use crate::result::{QueryResult, Stats};
use crate::value::Value;
use comfy_table::{
    CellAlignment, ColumnConstraint, ContentLineStyle, LineStyle, TableStyle as Grid, Width,
};
use std::io::{self, Write};
use std::time::Duration;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest a cell is printed, in terminal columns, when the table has no
/// width to fit in.
pub(crate) const MAX_CELL_WIDTH: usize = 60;

/// The most lines a wrapped value takes before it is cut.
pub(crate) const MAX_CELL_LINES: usize = 4;

/// The narrowest a column is made to fit a width (unless its values are
/// narrower).
const MIN_COLUMN_WIDTH: usize = 6;

/// How a table is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableStyle {
    /// The terminal's width in columns, to fit the table in; `None` for no
    /// limit (cells are then cut at [`MAX_CELL_WIDTH`]).
    pub width: Option<usize>,
    /// The time the statement took, for the footer (`2 rows, 0.4 ms`).
    pub elapsed: Option<Duration>,
}

/// Writes `result` as a table followed by its footer, with no width limit
/// and no time.
pub(super) fn write_table(w: &mut dyn Write, result: &QueryResult) -> io::Result<()> {
    write_table_styled(w, result, &TableStyle::default())
}

/// Writes `result` as a table laid out as `style` says, then its footer.
pub fn write_table_styled(
    w: &mut dyn Write,
    result: &QueryResult,
    style: &TableStyle,
) -> io::Result<()> {
    if let Some(plan) = &result.plan {
        w.write_all(plan.as_bytes())?;
        if !plan.ends_with('\n') {
            w.write_all(b"\n")?;
        }
    }
    if !result.columns.is_empty() {
        write_grid(w, result, style.width)?;
    } else if result.plan.is_some() && result.stats.is_empty() {
        // EXPLAIN: the plan is the whole answer.
        return Ok(());
    }
    let mut footer = footer(result);
    if let Some(elapsed) = style.elapsed {
        footer.push_str(", ");
        footer.push_str(&format_duration(elapsed));
    }
    writeln!(w, "{footer}")
}

/// A duration for people: `0.4 ms`, `12 ms`, `1.25 s`.
pub(crate) fn format_duration(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1} ms")
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}

/// One cell: its text (control characters escaped) and whether it is
/// right aligned.
struct Cell {
    text: String,
    right: bool,
}

impl Cell {
    fn new(text: &str, right: bool) -> Cell {
        Cell {
            text: escape(text),
            right,
        }
    }

    /// Columns on a terminal (wide characters count two).
    fn width(&self) -> usize {
        self.text.width()
    }
}

fn write_grid(w: &mut dyn Write, result: &QueryResult, width: Option<usize>) -> io::Result<()> {
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
    draw_grid(w, &header, &rows, width)
}

/// Draws a grid of plain texts (`right`: right aligned), laid out as a
/// result's table is: for the history's `log`.
#[cfg(feature = "cli")]
pub(crate) fn write_text_grid(
    w: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<(String, bool)>],
    width: Option<usize>,
) -> io::Result<()> {
    let header: Vec<Cell> = header.iter().map(|c| Cell::new(c, false)).collect();
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| row.iter().map(|(t, right)| Cell::new(t, *right)).collect())
        .collect();
    draw_grid(w, &header, &rows, width)
}

fn draw_grid(
    w: &mut dyn Write,
    header: &[Cell],
    rows: &[Vec<Cell>],
    width: Option<usize>,
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(Cell::width).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(i) {
                *width = (*width).max(cell.width());
            }
        }
    }
    let widths = match width {
        Some(total) => fit_widths(&widths, total),
        None => widths.into_iter().map(|w| w.min(MAX_CELL_WIDTH)).collect(),
    };
    let lines = if width.is_some() { MAX_CELL_LINES } else { 1 };
    let mut table = comfy_table::Table::new();
    table.load_style(GRID);
    table.set_header(grid_row(header, &widths, lines));
    for row in rows {
        table.add_row(grid_row(row, &widths, lines));
    }
    for (column, width) in table.column_iter_mut().zip(&widths) {
        // Each column exactly as wide as its values were fitted to, plus
        // its padding of a space on each side.
        let width = u16::try_from(width + 2).unwrap_or(u16::MAX);
        column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
    }
    for line in table.lines() {
        writeln!(w, "{line}")?;
    }
    Ok(())
}

/// The grid: box-drawing lines, a rule under the header, none between rows.
const GRID: Grid = Grid::new()
    .top_border(LineStyle::new('┌', '─', '┬', '┐'))
    .header_lines(ContentLineStyle::new('│', '│', '│'))
    .header_separator(LineStyle::new('├', '─', '┼', '┤'))
    .content_lines(ContentLineStyle::new('│', '│', '│'))
    .bottom_border(LineStyle::new('└', '─', '┴', '┘'));

/// A row for the grid: each value wrapped to its column's width (at most
/// `max_lines` lines), numbers right aligned; missing cells print empty.
fn grid_row(cells: &[Cell], widths: &[usize], max_lines: usize) -> Vec<comfy_table::Cell> {
    widths
        .iter()
        .enumerate()
        .map(|(i, &width)| match cells.get(i) {
            Some(cell) => {
                let text = wrap(&cell.text, width, max_lines).join("\n");
                let alignment = if cell.right {
                    CellAlignment::Right
                } else {
                    CellAlignment::Left
                };
                comfy_table::Cell::new(text).set_alignment(alignment)
            }
            None => comfy_table::Cell::new(""),
        })
        .collect()
}

/// Column widths that fit a table in `total` terminal columns: the widest
/// columns are narrowed to a common cap, no column below
/// [`MIN_COLUMN_WIDTH`] (a table too wide even then stays too wide).
fn fit_widths(natural: &[usize], total: usize) -> Vec<usize> {
    // `│ a │ b │`: three columns of frame per column, and one.
    let available = total.saturating_sub(3 * natural.len() + 1);
    if natural.iter().sum::<usize>() <= available {
        return natural.to_vec();
    }
    let capped = |cap: usize| -> Vec<usize> {
        natural
            .iter()
            .map(|&w| w.min(cap.max(MIN_COLUMN_WIDTH)))
            .collect()
    };
    let widest = natural.iter().copied().max().unwrap_or(0);
    // The largest cap that fits, found by bisection.
    let (mut low, mut high) = (0, widest);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if capped(mid).iter().sum::<usize>() <= available {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    capped(low)
}

/// Makes text safe for a cell: control characters as `\u{..}` escapes, so
/// that a value cannot break the grid or drive the terminal.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Cuts `text` to at most `width` columns, ending in `…` when cut.
fn fit_to(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width.saturating_sub(1) {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `text` to [`MAX_CELL_WIDTH`] columns (the table without a width).
#[cfg(test)]
fn fit(text: &str) -> String {
    fit_to(&escape(text), MAX_CELL_WIDTH)
}

/// Splits `text` into lines of at most `width` columns, breaking after a
/// space when one is in the second half of the line; at most `max_lines`
/// lines, the last cut with `…` when there is more.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    if max_lines <= 1 || text.width() <= width {
        return vec![fit_to(text, width)];
    }
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        if lines.len() + 1 == max_lines || rest.width() <= width {
            lines.push(fit_to(rest, width));
            break;
        }
        // The longest prefix that fits.
        let mut end = 0;
        let mut used = 0;
        for (i, c) in rest.char_indices() {
            let w = c.width().unwrap_or(0);
            if used + w > width {
                break;
            }
            used += w;
            end = i + c.len_utf8();
        }
        if end == 0 {
            // A character wider than the column: give it a line of its own.
            end = rest.chars().next().map_or(rest.len(), char::len_utf8);
        }
        let head = &rest[..end];
        let cut = match head.rfind(' ') {
            Some(space) if head[..space].width() >= width / 2 => space + 1,
            _ => end,
        };
        lines.push(rest[..cut].trim_end().to_string());
        rest = &rest[cut..];
    }
    lines
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
pub(crate) fn describe_stats(stats: &Stats) -> String {
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
                Value::Path(Box::new(Path {
                    nodes: vec![3, 1],
                    rels: vec![11],
                })),
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
    fn temporal_values_are_cypher_literals() {
        let result = with_rows(
            &["d"],
            vec![vec![crate::output::fixtures::date(2025, 4, 1)]],
        );
        assert_eq!(
            table(&result),
            "┌────────────────────┐\n\
             │ d                  │\n\
             ├────────────────────┤\n\
             │ date('2025-04-01') │\n\
             └────────────────────┘\n\
             1 row\n"
        );
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
    fn values_wrap_at_a_width_and_short_rows_print_empty_cells() {
        let result = with_rows(
            &["name", "n"],
            vec![
                vec![
                    Value::string("ソニー and a value wider than its column"),
                    Value::Int(123456),
                ],
                vec![Value::Float(0.5)],
            ],
        );
        let mut out = Vec::new();
        write_grid(&mut out, &result, Some(30)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\
┌───────────────────┬────────┐
│ name              │ n      │
├───────────────────┼────────┤
│ 'ソニー and a     │ 123456 │
│ value wider than  │        │
│ its column'       │        │
│               0.5 │        │
└───────────────────┴────────┘
"
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
