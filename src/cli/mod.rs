//! Processes and terminals: arguments, scripts, the REPL, error reports.

mod app;
pub(crate) mod args;
pub(crate) mod commands;
mod complete;
pub(crate) mod export;
mod held;
pub(crate) mod help;
mod helper;
mod highlight;
pub(crate) mod hints;
mod history;
pub(crate) mod import;
mod interrupt;
pub(crate) mod names;
pub(crate) mod outfile;
pub(crate) mod progress;
pub(crate) mod repl;
pub(crate) mod report;
pub(crate) mod session;
mod term;

pub(crate) use app::run;
