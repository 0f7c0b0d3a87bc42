//! What the fuzz targets found (fuzz/README.md lists each finding), run
//! through the real program.

use super::util::command;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Runs `quiver -e STATEMENT --format csv`; `None` when it has not
/// finished within `limit` (it is killed).
fn run_within(statement: &str, limit: Duration) -> Option<(Option<i32>, String, String)> {
    let mut child = command()
        .args(["--format", "csv", "-e", statement])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the quiver binary runs");
    let started = Instant::now();
    while started.elapsed() < limit {
        if child
            .try_wait()
            .expect("quiver can be waited for")
            .is_some()
        {
            let out = child.wait_with_output().expect("quiver finishes");
            return Some((
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// `RETURN [0][[0][ ... [0][0] ... ]] AS x`: subscripts nested `depth` deep,
/// each worth 0.
fn nested_subscripts(depth: usize) -> String {
    let mut e = "0".to_string();
    for _ in 0..depth {
        e = format!("[0][{e}]");
    }
    format!("RETURN {e} AS x")
}

/// A subscript was read twice at each level (as a slice, then as an
/// index), so nested subscripts took time exponential in their depth:
/// 18 levels took 20 seconds, 30 would take hours.
#[test]
fn nested_subscripts_parse_in_linear_time() {
    let run = run_within(&nested_subscripts(30), Duration::from_secs(20));
    let (status, stdout, stderr) = run.expect("30 nested subscripts parse at once");
    assert_eq!(
        (status, stdout.as_str(), stderr.as_str()),
        (Some(0), "x\n0\n", "")
    );
    let slices = "RETURN [1, 2, 3][1..][..1][0..1][0] AS x";
    let (status, stdout, _) = run_within(slices, Duration::from_secs(20)).expect("it finishes");
    assert_eq!((status, stdout.as_str()), (Some(0), "x\n2\n"));
}

/// An unclosed quantifier or `reduce` was read again as a function call at
/// each level: 16 unclosed `all(x IN` took 8 seconds. Now the second
/// reading is never tried, and the error comes at once.
#[test]
fn unclosed_quantifiers_and_reduce_fail_at_once() {
    for opener in ["all(x IN ", "none(x IN ", "reduce(a = 0, x IN "] {
        let statement = format!("RETURN {}1", opener.repeat(40));
        let run = run_within(&statement, Duration::from_secs(20));
        let (status, stdout, stderr) =
            run.unwrap_or_else(|| panic!("40 unclosed `{opener}` fail at once"));
        assert_eq!((status, stdout.as_str()), (Some(1), ""), "{opener}");
        assert!(stderr.contains("SyntaxError"), "{opener}: {stderr}");
    }
    // Calls that only look like them still parse as calls.
    let (status, _, stderr) =
        run_within("RETURN reduce(1), all((x IN [1]))", Duration::from_secs(20))
            .expect("it finishes");
    assert_eq!(status, Some(1));
    assert!(stderr.contains("Unknown function 'reduce'"), "{stderr}");
}

/// A node pattern's parentheses were parsed as a pattern and, when no
/// relationship followed, again as an expression; a list's first item as a
/// comprehension and again as a list item: nested, both took time
/// exponential in the depth (18 levels of `(n {k: ...})`: 7 seconds).
/// Now a skim of the brackets decides at once.
#[test]
fn patterns_and_comprehensions_parse_in_linear_time() {
    let depth = 40;
    let maps = format!(
        "WITH {{k: 1}} AS n RETURN {}1{} AS x",
        "(n {k: ".repeat(depth),
        "})".repeat(depth)
    );
    let (status, stdout, stderr) =
        run_within(&maps, Duration::from_secs(20)).expect("40 nested maps parse at once");
    let value = format!("{}1{}", "{k: ".repeat(depth), "}".repeat(depth));
    assert_eq!(
        (status, stdout, stderr),
        (Some(0), format!("x\n{value}\n"), String::new())
    );
    // `[x IN [x IN [1], 1], 1]`: lists whose first item is an `IN` test.
    let lists = format!(
        "WITH 1 AS x RETURN size({}[1]{}) AS x",
        "[x IN ".repeat(depth),
        ", 1]".repeat(depth)
    );
    let (status, stdout, stderr) =
        run_within(&lists, Duration::from_secs(20)).expect("40 nested lists parse at once");
    assert_eq!(
        (status, stdout.as_str(), stderr.as_str()),
        (Some(0), "x\n2\n", "")
    );
    for opener in ["[(n {k: ", "[(a)-->(b {k: ", "[x IN ", "[("] {
        let statement = format!("RETURN {}1", opener.repeat(depth));
        let run = run_within(&statement, Duration::from_secs(20));
        let (status, _, stderr) =
            run.unwrap_or_else(|| panic!("40 unclosed `{opener}` fail at once"));
        assert_eq!(status, Some(1), "{opener}");
        assert!(stderr.contains("SyntaxError"), "{opener}: {stderr}");
    }
    // Comprehensions still read as such, whatever their items hold.
    let statement = "WITH 1 AS y RETURN [x IN [1, 2] WHERE x <> size('|,]') | [x, {a: [x]}]] AS a, \
                     [y IN [1], 2] AS b, [(a)-->(b) | 1] AS c";
    let (status, stdout, stderr) =
        run_within(statement, Duration::from_secs(20)).expect("it finishes");
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        "a,b,c\n\"[[1, {a: [1]}], [2, {a: [2]}]]\",\"[true, 2]\",[]\n"
    );
}

/// A damaged file was refused, yet redb had already rewritten its header
/// (starting a repair, or matching its layout to the file's length). The
/// repair is now tried in memory first, and a refused file gets its first
/// page back (the `open` target's inputs, replayed from tests/fuzz/open/).
#[test]
fn a_damaged_file_that_needs_repair_is_refused_untouched() {
    let dir = super::util::temp_dir("fuzz-damaged");
    for (name, error) in [
        (
            "crash-6ec92d46eef5f9c870382722a95568ea36911a50",
            "All roots are corrupted",
        ),
        (
            "crash-eac551355da54385387f4bfe1c50eca408a33e51",
            "Primary is corrupted despite 2-phase commit",
        ),
        // Its header's layout disagrees with the file's length.
        (
            "crash-053c049e7999b275ea44fa3ec406cff80cf78a25",
            "Primary is corrupted despite 2-phase commit",
        ),
    ] {
        let input = std::fs::read(format!("tests/fuzz/open/{name}")).expect("the input is there");
        // The target's first byte says the rest is the file as it is.
        let bytes = &input[1..];
        let path = dir.join(format!("{name}.quiver"));
        std::fs::write(&path, bytes).expect("the file is written");
        let path = path.to_string_lossy().into_owned();
        let run = super::util::quiver(&["--db", &path, "-e", "RETURN 1"]);
        assert_eq!(run.status, Some(2), "{}", run.stderr);
        assert!(run.stderr.contains(error), "{}", run.stderr);
        assert!(
            std::fs::read(&path).expect("the file is still there") == bytes,
            "{name} was changed"
        );
    }
}
