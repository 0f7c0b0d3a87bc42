//! The `quiver` command: everything happens in the library's `cli` module.

#![forbid(unsafe_code)]

fn main() {
    std::process::exit(quiverdb::run_cli(std::env::args_os().collect()));
}
