//! Processes and terminals: arguments, scripts, the REPL, error reports.

mod app;
pub mod args;
pub mod commands;
pub mod export;
pub mod import;
pub mod repl;
pub mod report;
pub mod session;

pub use app::run;
