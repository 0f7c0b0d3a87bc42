//! Runs both fuzz checks over files, without libFuzzer (stable toolchain):
//! `cargo run --bin replay -- DIR_OR_FILE...`. Each file is one input; a
//! panic names the file and stops the run.

use std::path::{Path, PathBuf};

fn main() {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    files.sort();
    for file in &files {
        let Ok(data) = std::fs::read(file) else {
            eprintln!("cannot read {}", file.display());
            continue;
        };
        let run = std::panic::catch_unwind(|| {
            quiverdb_fuzz::parse(&data);
            quiverdb_fuzz::round_trip(&data);
        });
        if run.is_err() {
            eprintln!("panic on {}", file.display());
            std::process::exit(1);
        }
    }
    println!("{} inputs, no panic", files.len());
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}
