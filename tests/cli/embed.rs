//! The embedding example (`examples/embed.rs`), built and run as a user
//! runs it: `cargo run --example embed [FILE]`.

use std::process::Command;

/// What `cargo run --example embed ARGS` printed on standard output.
fn embed(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "--example", "embed", "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the example failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

const PRINTED: &str = "\
founder='Sam' company='OpenAI' year=2015
founder='Dario' company='Anthropic' year=2021
SyntaxError UnexpectedSyntax at byte 33: unexpected end of input: expected an expression
";

#[test]
fn the_example_embeds_quiver_in_memory() {
    assert_eq!(embed(&[]), PRINTED);
}

#[test]
fn the_example_keeps_its_graph_in_a_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("embed.quiver");
    let file = file.to_str().expect("a UTF-8 path");
    assert_eq!(embed(&[file]), PRINTED);
    // MERGE finds what the first run wrote: the same two rows, not four.
    assert_eq!(embed(&[file]), PRINTED);
}
