//! What a run says: the per-folder table, the list of passing scenarios
//! (the regression guard) and `docs/conformance.md`.

use super::runner::Failure;
use std::collections::{BTreeMap, BTreeSet};

/// The folder also counted apart, on the line after the figure over
/// every scenario.
pub const TEMPORAL_FOLDER: &str = "expressions/temporal";

/// The command that reruns everything and rewrites the records.
pub const UPDATE_COMMAND: &str =
    "QUIVER_TCK_UPDATE=1 QUIVER_TCK_CLI=1 cargo test --test tests tck::tck -- --exact";

/// One scenario that ran, and how.
#[derive(Debug)]
pub struct Ran {
    /// The scenario id.
    pub id: String,
    /// The folder of its feature file.
    pub folder: String,
    /// `file:line` of the scenario, for people.
    pub location: String,
    /// Passed, or why not.
    pub outcome: Result<(), Failure>,
}

/// Passed and total counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Scenarios that passed.
    pub passed: usize,
    /// Scenarios that ran.
    pub total: usize,
}

impl Count {
    fn add(&mut self, passed: bool) {
        self.total += 1;
        self.passed += usize::from(passed);
    }

    fn percent(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.passed as f64 / self.total as f64
        }
    }
}

/// The counts of a run.
#[derive(Debug, Default)]
pub struct Counts {
    /// Per folder.
    pub folders: BTreeMap<String, Count>,
    /// Every scenario that ran: the headline.
    pub all: Count,
    /// Every scenario outside [`TEMPORAL_FOLDER`].
    pub without_temporal: Count,
}

/// Counts per folder, of everything, and of everything but temporal.
pub fn counts(ran: &[Ran]) -> Counts {
    let mut counts = Counts::default();
    for r in ran {
        let passed = r.outcome.is_ok();
        counts
            .folders
            .entry(r.folder.clone())
            .or_default()
            .add(passed);
        counts.all.add(passed);
        if r.folder != TEMPORAL_FOLDER {
            counts.without_temporal.add(passed);
        }
    }
    counts
}

/// A count with thousands separators: `2,511`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The headline: `2,511 scenarios, 1,827 pass (72.8%)`.
pub fn headline(all: Count) -> String {
    format!(
        "{} scenarios, {} pass ({:.1}%)",
        thousands(all.total),
        thousands(all.passed),
        all.percent()
    )
}

/// The summary printed after a run: the headline over every scenario,
/// passed/total per folder, then the figure without temporal (when the
/// run has temporal scenarios).
pub fn text_table(title: &str, ran: &[Ran]) -> String {
    let counts = counts(ran);
    let width = counts
        .folders
        .keys()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max(24)
        + 2;
    let mut out = format!("{title}: {}\n", headline(counts.all));
    out.push_str(&format!("{:<width$}passed/total\n", "folder"));
    for (folder, c) in &counts.folders {
        out.push_str(&format!("{folder:<width$}{:>6}/{:<5}\n", c.passed, c.total));
    }
    if counts.without_temporal != counts.all {
        let c = counts.without_temporal;
        out.push_str(&format!(
            "without {TEMPORAL_FOLDER}: {}/{} ({:.1}%)\n",
            c.passed,
            c.total,
            c.percent()
        ));
    }
    out
}

/// The vendored TCK through the `quiver` program, against the same
/// scenarios in-process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CliCount {
    /// Scenarios that passed through the command line.
    pub cli: usize,
    /// The same scenarios that passed in-process.
    pub in_process: usize,
    /// Scenarios run both ways.
    pub total: usize,
    /// Scenarios not run through the command line (test procedures).
    pub unsupported: usize,
    /// Scenarios that pass one way and fail the other.
    pub differ: usize,
}

/// The paragraph of `docs/conformance.md` on the command line.
fn cli_markdown(cli: Option<CliCount>) -> String {
    let Some(c) = cli else {
        return "This run did not check the command line: `scripts/tck-cli` runs the same \
                scenarios through the `quiver` program (`--format json`, a process per \
                scenario) and checks that each passes or fails as it does in-process.\n\n"
            .to_string();
    };
    format!(
        "Through the command line (`scripts/tck-cli`: the `quiver` program, `--format json`, \
         a process per scenario): **{} of {} pass**; in-process, the same scenarios: {} of {}, \
         {}. Not run that way: the {} scenarios that register test procedures, which only the \
         library can.\n\n",
        thousands(c.cli),
        thousands(c.total),
        thousands(c.in_process),
        thousands(c.total),
        if c.differ == 0 {
            "each passing or failing both ways alike".to_string()
        } else {
            format!("but {} pass one way and fail the other", c.differ)
        },
        c.unsupported
    )
}

/// Reads `passing.txt`: one id a line; blank lines and `#` lines ignored.
pub fn parse_passing(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The new `passing.txt`: the passing ids, sorted.
pub fn passing_text(ran: &[Ran]) -> String {
    let ids: BTreeSet<&str> = ran
        .iter()
        .filter(|r| r.outcome.is_ok())
        .map(|r| r.id.as_str())
        .collect();
    ids.into_iter().map(|id| format!("{id}\n")).collect()
}

/// Text as inline code, whatever backticks it holds.
fn code(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// `docs/conformance.md`: the headline over every scenario, counts per
/// folder, every failing scenario with its reason, then the counts of
/// quiver's own scenarios.
pub fn conformance_markdown(
    ran: &[Ran],
    skipped: &[String],
    quiver: &[Ran],
    cli: Option<CliCount>,
) -> String {
    let counts = counts(ran);
    let mut out = String::from("# openCypher TCK conformance\n\n");
    out.push_str(&format!(
        "**openCypher TCK: {}.**\n\n",
        headline(counts.all)
    ));
    out.push_str(&format!(
        "Every scenario vendored in `tests/tck/features` counts{}. Without `{TEMPORAL_FOLDER}`: \
         {} of {} ({:.1}%).\n\n",
        if skipped.is_empty() {
            String::new()
        } else {
            format!(
                " but the {} tagged `@ignore` by the TCK itself (listed below)",
                skipped.len()
            )
        },
        thousands(counts.without_temporal.passed),
        thousands(counts.without_temporal.total),
        counts.without_temporal.percent()
    ));
    out.push_str(&format!(
        "Generated by `scripts/tck-report` (`{UPDATE_COMMAND}`); do not edit by hand. To see why one scenario \
         fails (its query, expected and actual rows): `QUIVER_TCK_FILTER='Match3.feature: [1]' \
         cargo test --test tests tck::tck -- --exact`, or `scripts/tck-report 'Match3.feature: \
         [1]'`.\n\n"
    ));
    out.push_str(&cli_markdown(cli));
    out.push_str("| folder | passed | total | % |\n| --- | ---: | ---: | ---: |\n");
    for (folder, c) in &counts.folders {
        out.push_str(&format!(
            "| {} | {} | {} | {:.0} |\n",
            code(folder),
            c.passed,
            c.total,
            c.percent()
        ));
    }
    out.push_str(&format!(
        "| **all** | **{}** | **{}** | **{:.0}** |\n",
        counts.all.passed,
        counts.all.total,
        counts.all.percent()
    ));
    if !skipped.is_empty() {
        out.push_str("\n## Skipped (tagged `@ignore` in the TCK)\n\n");
        for id in skipped {
            out.push_str(&format!("- {}\n", code(id)));
        }
    }
    out.push_str("\n## Failing scenarios\n");
    let mut current = None;
    for r in ran {
        let Err(failure) = &r.outcome else { continue };
        if current != Some(&r.folder) {
            out.push_str(&format!("\n### {}\n\n", r.folder));
            current = Some(&r.folder);
        }
        out.push_str(&format!("- {}: {}\n", code(&r.id), failure.reason));
    }
    out.push_str(&quiver_markdown(quiver));
    out
}

/// The section of `docs/conformance.md` on quiver's own scenarios.
fn quiver_markdown(quiver: &[Ran]) -> String {
    let counts = counts(quiver);
    let mut out = String::from(
        "\n## quiver's own scenarios\n\n\
         Scenarios written for quiver in the TCK's format (`tests/tck/quiver`), covering \
         what the vendored subset leaves out; they are not part of the figure above. \
         Every one must pass: one that fails fails `cargo test`.\n\n",
    );
    out.push_str(&format!(
        "**{}.**\n\n| folder | passed | total |\n| --- | ---: | ---: |\n",
        headline(counts.all)
    ));
    for (folder, c) in &counts.folders {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            code(folder),
            c.passed,
            c.total
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ran(id: &str, folder: &str, passed: bool) -> Ran {
        Ran {
            id: id.to_string(),
            folder: folder.to_string(),
            location: String::new(),
            outcome: if passed {
                Ok(())
            } else {
                Err(Failure::new("row mismatch: x"))
            },
        }
    }

    #[test]
    fn the_headline_counts_every_scenario() {
        let runs = [
            ran("a/A.feature: [1] x", "a", true),
            ran("a/A.feature: [2] y", "a", false),
            ran("t", TEMPORAL_FOLDER, false),
        ];
        assert_eq!(
            text_table("openCypher TCK", &runs),
            "openCypher TCK: 3 scenarios, 1 pass (33.3%)\n\
             folder                    passed/total\n\
             a                              1/2    \n\
             expressions/temporal           0/1    \n\
             without expressions/temporal: 1/2 (50.0%)\n"
        );
        assert_eq!(passing_text(&runs), "a/A.feature: [1] x\n");
    }

    #[test]
    fn without_temporal_scenarios_there_is_one_figure() {
        let runs = [
            ran("q/A.feature: [1] x", "q", true),
            ran("q/A.feature: [2] y", "q", false),
        ];
        assert_eq!(
            text_table("quiver scenarios", &runs),
            "quiver scenarios: 2 scenarios, 1 pass (50.0%)\n\
             folder                    passed/total\n\
             q                              1/2    \n"
        );
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(
            [0, 999, 1000, 2511, 1234567].map(thousands),
            ["0", "999", "1,000", "2,511", "1,234,567"]
        );
    }

    #[test]
    fn passing_list_ignores_comments_and_blanks() {
        let set = parse_passing("# header\n\nx: [1] a #2\ny\n");
        assert_eq!(set.into_iter().collect::<Vec<_>>(), ["x: [1] a #2", "y"]);
    }

    #[test]
    fn markdown_lists_failures_by_folder() {
        let runs = [
            ran("a/A.feature: [1] `x`", "a", false),
            ran("a/A.feature: [2] y", "a", true),
        ];
        let quiver = [ran("quiver/b/B.feature: [1] w", "quiver/b", true)];
        let cli = CliCount {
            cli: 1,
            in_process: 1,
            total: 2,
            unsupported: 3,
            differ: 0,
        };
        let md = conformance_markdown(
            &runs,
            &["a/A.feature: [3] z".to_string()],
            &quiver,
            Some(cli),
        );
        assert!(md.contains("\n\nThrough the command line (`scripts/tck-cli`: the `quiver` program, `--format json`, a process per scenario): **1 of 2 pass**; in-process, the same scenarios: 1 of 2, each passing or failing both ways alike. Not run that way: the 3 scenarios that register test procedures, which only the library can.\n\n"), "{md}");
        assert!(
            md.starts_with(
                "# openCypher TCK conformance\n\n**openCypher TCK: 2 scenarios, 1 pass (50.0%).**\n"
            ),
            "{md}"
        );
        assert!(md.contains("| `a` | 1 | 2 | 50 |\n"), "{md}");
        assert!(md.contains("\n- `a/A.feature: [3] z`\n"), "{md}");
        assert!(
            md.contains("### a\n\n- `` a/A.feature: [1] `x` ``: row mismatch: x\n\n## quiver"),
            "{md}"
        );
        assert!(md.ends_with("| `quiver/b` | 1 | 1 |\n"), "{md}");
    }
}
