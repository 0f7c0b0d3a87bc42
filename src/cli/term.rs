//! What the shell knows of the terminal: its width, and whether to use
//! colour.

use std::io::{self, IsTerminal};

/// The width tables fit in when standard output is not a terminal and
/// `COLUMNS` is not set.
pub(crate) const DEFAULT_WIDTH: usize = 100;

/// The narrowest width believed (a smaller `COLUMNS` is a mistake).
const MIN_WIDTH: usize = 20;

/// The terminal's width in columns: `COLUMNS` when set, else the width of
/// the terminal on standard output, else [`DEFAULT_WIDTH`].
pub(crate) fn width() -> usize {
    let columns = std::env::var("COLUMNS").ok();
    width_from(columns.as_deref(), || {
        terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0))
    })
}

/// [`width`] with its inputs given: the `COLUMNS` variable, and a way to
/// ask the terminal.
fn width_from(columns: Option<&str>, terminal: impl FnOnce() -> Option<usize>) -> usize {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .or_else(terminal)
        .map_or(DEFAULT_WIDTH, |w| w.max(MIN_WIDTH))
}

/// Whether to colour what is typed: standard output is a terminal and
/// `NO_COLOR` is not set (to anything non-empty, as no-color.org says).
pub(crate) fn colour() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_wins_then_the_terminal_then_the_default() {
        assert_eq!(width_from(Some("72"), || Some(150)), 72);
        assert_eq!(width_from(Some("wide"), || Some(150)), 150);
        assert_eq!(width_from(None, || None), DEFAULT_WIDTH);
        assert_eq!(width_from(Some("3"), || None), MIN_WIDTH);
    }
}
