//! The checks the fuzz targets run (see `checks/mod.rs`), shared with the
//! `replay` binary and with the regression test `tests/fuzz/mod.rs`.

pub mod checks;

pub use checks::*;
