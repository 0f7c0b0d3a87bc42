//! The checks the fuzz targets run, one function per target. The fuzz
//! crate (`fuzz/src/lib.rs`) and the regression test `tests/fuzz/mod.rs`
//! both compile this folder (the test through `#[path]`), so a saved
//! input replays through exactly the code that found it.
//!
//! Each check takes arbitrary bytes and panics when quiver misbehaves:
//! a panic inside quiver, or a broken promise (a failed statement that
//! changed something, a database file that lost data).

mod execute;
mod import;
mod open;
mod parse;
mod snapshot;
mod temp;

pub use execute::execute;
pub use import::import;
pub use open::{database_entries, open, opened};
pub use parse::{parse, round_trip};

/// A target's check.
pub type Check = fn(&[u8]);

/// The targets by name, as `cargo fuzz run NAME` and `tests/fuzz/NAME/` know them.
pub const TARGETS: [(&str, Check); 5] = [
    ("parse", parse),
    ("roundtrip", round_trip),
    ("execute", execute),
    ("open", open),
    ("import", import),
];
