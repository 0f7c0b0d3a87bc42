//! The `quiver` command: everything happens in `quiverdb::cli`.

fn main() {
    std::process::exit(quiverdb::cli::run(std::env::args_os().collect()));
}
