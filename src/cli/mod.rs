//! Processes and terminals: arguments, scripts, the REPL, error reports.

mod app;
pub mod args;
pub mod commands;
mod complete;
pub mod export;
pub mod help;
mod helper;
mod highlight;
pub mod hints;
pub mod import;
mod interrupt;
pub mod names;
pub mod outfile;
pub mod progress;
pub mod repl;
pub mod report;
pub mod session;
mod term;

pub use app::run;
