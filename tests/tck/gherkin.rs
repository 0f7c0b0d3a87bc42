//! The harness's view of a feature file. The `gherkin` crate parses it
//! (Feature, Background, Scenario, Scenario Outline with its Examples,
//! steps with doc strings and tables, comments, tags); this adapter turns
//! it into runnable [`Scenario`]s: the Background's steps go in front of
//! each scenario's, and each Examples row of an outline becomes a scenario
//! of its own, its `<placeholders>` substituted.

use std::collections::BTreeMap;

/// One runnable scenario (an outline row is one too).
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The feature file, relative to the features folder, with `/`.
    pub file: String,
    /// The scenario's name as written (placeholders not substituted).
    pub name: String,
    /// For an outline: the 1-based row among all its Examples rows.
    pub example: Option<usize>,
    /// The tags of the feature, the scenario and its Examples block, each
    /// with its `@`.
    pub tags: Vec<String>,
    /// The line of the `Scenario:` keyword.
    pub line: usize,
    /// The Background's steps, then the scenario's.
    pub steps: Vec<Step>,
}

impl Scenario {
    /// The stable id: `clauses/match/Match3.feature: [1] Get neighbours`,
    /// plus ` #<row>` for an outline row.
    pub fn id(&self) -> String {
        match self.example {
            Some(row) => format!("{}: {} #{row}", self.file, self.name),
            None => format!("{}: {}", self.file, self.name),
        }
    }

    /// The folder of the feature file, e.g. `clauses/match`.
    pub fn folder(&self) -> &str {
        self.file.rsplit_once('/').map_or("", |(folder, _)| folder)
    }
}

/// One step, its keyword dropped (`Given`, `And`... mean the same here).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// The text after the keyword, e.g. `executing query:`.
    pub text: String,
    /// The `"""` doc string, indentation removed.
    pub doc: Option<String>,
    /// The table rows, each cell unescaped and trimmed.
    pub table: Vec<Vec<String>>,
    /// The line of the step.
    pub line: usize,
}

/// Parses a feature file into its scenarios. `file` names it in ids.
pub fn parse_feature(file: &str, text: &str) -> Result<Vec<Scenario>, String> {
    let text = prepare(file, text)?;
    let feature = ::gherkin::Feature::parse(text, ::gherkin::GherkinEnv::default())
        .map_err(|e| format!("{file}: {e}"))?;
    if !feature.rules.is_empty() {
        return Err(format!("{file}: `Rule:` blocks are not supported"));
    }
    let background: Vec<Step> = feature
        .background
        .iter()
        .flat_map(|b| b.steps.iter().map(step))
        .collect();
    let mut scenarios = Vec::new();
    for scenario in &feature.scenarios {
        let stray = scenario.description.iter().flat_map(|d| d.lines());
        if stray.clone().any(|l| l.trim_start().starts_with('|')) {
            return Err(format!(
                "{file}:{}: a table row without a step",
                scenario.position.line
            ));
        }
        let mut steps = background.clone();
        steps.extend(scenario.steps.iter().map(step));
        let template = Scenario {
            file: file.to_string(),
            name: scenario.name.clone(),
            example: None,
            tags: tagged(&[&feature.tags, &scenario.tags]),
            line: scenario.position.line,
            steps,
        };
        let outline = scenario.keyword.ends_with("Outline")
            || scenario.keyword.ends_with("Template")
            || !scenario.examples.is_empty();
        if outline {
            expand(&template, &scenario.examples, &mut scenarios)?;
        } else {
            scenarios.push(template);
        }
    }
    Ok(scenarios)
}

/// Readies a feature file for the crate, whose tables differ from the
/// TCK's in two ways. The crate rejects a cell with a backslash that
/// starts none of its escapes (`\|`, `\\`, `\n`), while the TCK writes
/// Cypher's own escapes in cells (`'it\'s'`), meant literally: such a
/// backslash is doubled here. And the crate silently drops the cells of a
/// row beyond the first row's width: a row of another width than the
/// first of its table is an error here.
fn prepare(file: &str, text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut in_doc = None;
    // The line and width of the current table's first row.
    let mut table: Option<(usize, usize)> = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let in_table = trimmed.trim().is_empty() || trimmed.starts_with(['|', '#']);
        if in_doc.is_none() && !in_table {
            table = None;
        }
        match in_doc {
            Some(delimiter) if trimmed.starts_with(delimiter) => in_doc = None,
            Some(_) => {}
            None if trimmed.starts_with("\"\"\"") => in_doc = Some("\"\"\""),
            None if trimmed.starts_with("```") => in_doc = Some("```"),
            None if trimmed.starts_with('|') => {
                let width = escape_row(line, &mut out);
                match table {
                    Some((first, cells)) if cells != width => {
                        return Err(format!(
                            "{file}:{}: a table row has {width} cells, the row on line {first} {cells}",
                            index + 1
                        ));
                    }
                    Some(_) => {}
                    None => table = Some((index + 1, width)),
                }
                continue;
            }
            None => {}
        }
        out.push_str(line);
    }
    Ok(out)
}

/// Copies a table row, doubling each backslash that starts no escape of
/// the crate; returns the number of cells.
fn escape_row(line: &str, out: &mut String) -> usize {
    let mut pipes: usize = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        match c {
            '|' => pipes += 1,
            '\\' => match chars.next() {
                Some(next @ ('|' | '\\' | 'n')) => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            _ => {}
        }
    }
    pipes.saturating_sub(1)
}

/// The tags of nested blocks, outermost first, each with its `@`.
fn tagged(blocks: &[&Vec<String>]) -> Vec<String> {
    blocks
        .iter()
        .flat_map(|tags| tags.iter().map(|t| format!("@{t}")))
        .collect()
}

fn step(step: &::gherkin::Step) -> Step {
    Step {
        text: step.value.clone(),
        doc: step.docstring.as_deref().map(doc_string),
        table: step
            .table
            .as_ref()
            .map(|t| t.rows.clone())
            .unwrap_or_default(),
        line: step.position.line,
    }
}

/// The crate keeps the line break after the opening `"""` and the
/// indentation before the closing one; the TCK also writes `"""` inside a
/// doc string as `\"\"\"`.
fn doc_string(raw: &str) -> String {
    let body = raw.strip_prefix('\n').unwrap_or(raw);
    let body = body.trim_end_matches([' ', '\t']);
    let body = body.strip_suffix('\n').unwrap_or(body);
    body.replace("\\\"\\\"\\\"", "\"\"\"")
}

/// Adds one scenario per Examples row of an outline, numbered from 1
/// across all its Examples blocks.
fn expand(
    outline: &Scenario,
    examples: &[::gherkin::Examples],
    scenarios: &mut Vec<Scenario>,
) -> Result<(), String> {
    let mut row_number = 0;
    for block in examples {
        let Some((header, rows)) = block.table.as_ref().and_then(|t| t.rows.split_first()) else {
            continue;
        };
        for row in rows {
            if row.len() != header.len() {
                return Err(format!(
                    "{}:{}: an Examples row has {} cells, the header {}",
                    outline.file,
                    outline.line,
                    row.len(),
                    header.len()
                ));
            }
            row_number += 1;
            let values: BTreeMap<&str, &str> = header
                .iter()
                .map(String::as_str)
                .zip(row.iter().map(String::as_str))
                .collect();
            let mut tags = outline.tags.clone();
            tags.extend(tagged(&[&block.tags]));
            scenarios.push(Scenario {
                example: Some(row_number),
                tags,
                steps: outline
                    .steps
                    .iter()
                    .map(|s| substitute_step(s, &values))
                    .collect(),
                ..outline.clone()
            });
        }
    }
    Ok(())
}

fn substitute_step(step: &Step, values: &BTreeMap<&str, &str>) -> Step {
    Step {
        text: substitute(&step.text, values),
        doc: step.doc.as_deref().map(|d| substitute(d, values)),
        table: step
            .table
            .iter()
            .map(|row| row.iter().map(|c| substitute(c, values)).collect())
            .collect(),
        line: step.line,
    }
}

/// Replaces each `<name>` whose name is an Examples column.
fn substitute(text: &str, values: &BTreeMap<&str, &str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let replaced = after
            .find('>')
            .and_then(|close| values.get(&after[..close]).map(|value| (value, close)));
        match replaced {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(text: &str, line: usize) -> Step {
        Step {
            text: text.to_string(),
            line,
            ..Step::default()
        }
    }

    fn cells(row: &[&str]) -> Vec<String> {
        row.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn parses_scenarios_background_doc_strings_and_tables() {
        let text = r#"
# a comment
@feature-tag
Feature: F1 - Things
  Some description.

  Background:
    Given an empty graph

  @slow
  Scenario: [1] First
    When executing query:
      """
      MATCH (n)
        RETURN n # not a comment
      """
    Then the result should be, in any order:
      | n      |
      # comment inside
      | 'a\|b' |
    And no side effects
"#;
        let scenarios = parse_feature("clauses/f/F1.feature", text).unwrap();
        assert_eq!(
            scenarios,
            vec![Scenario {
                file: "clauses/f/F1.feature".into(),
                name: "[1] First".into(),
                example: None,
                tags: vec!["@feature-tag".into(), "@slow".into()],
                line: 11,
                steps: vec![
                    step("an empty graph", 8),
                    Step {
                        doc: Some("MATCH (n)\n  RETURN n # not a comment".into()),
                        ..step("executing query:", 12)
                    },
                    Step {
                        table: vec![cells(&["n"]), cells(&["'a|b'"])],
                        ..step("the result should be, in any order:", 17)
                    },
                    step("no side effects", 21),
                ],
            }]
        );
        assert_eq!(scenarios[0].id(), "clauses/f/F1.feature: [1] First");
        assert_eq!(scenarios[0].folder(), "clauses/f");
    }

    #[test]
    fn expands_outlines_row_by_row() {
        let text = r#"
Feature: F2
  Scenario Outline: [2] Outline <x>
    When executing query:
      """
      RETURN <x> AS v, '<y>' AS <unknown>
      """
    Then the result should be, in order:
      | v   |
      | <x> |

    Examples:
      | x   | y     |
      | 1   | a\|b  |

    @extra
    Examples:
      | x      | y |
      | [1, 2] |   |
"#;
        let scenarios = parse_feature("e/F2.feature", text).unwrap();
        let expected = |row: usize, x: &str, y: &str, tags: Vec<String>| Scenario {
            file: "e/F2.feature".into(),
            name: "[2] Outline <x>".into(),
            example: Some(row),
            tags,
            line: 3,
            steps: vec![
                Step {
                    doc: Some(format!("RETURN {x} AS v, '{y}' AS <unknown>")),
                    ..step("executing query:", 4)
                },
                Step {
                    table: vec![cells(&["v"]), cells(&[x])],
                    ..step("the result should be, in order:", 8)
                },
            ],
        };
        assert_eq!(
            scenarios,
            vec![
                expected(1, "1", "a|b", vec![]),
                expected(2, "[1, 2]", "", vec!["@extra".into()]),
            ]
        );
        assert_eq!(scenarios[1].id(), "e/F2.feature: [2] Outline <x> #2");
    }

    #[test]
    fn reads_escapes_in_cells_as_the_tck_means_them() {
        let text = r#"
Feature: F3
  Scenario: [3] Cells
    Then the result should be, in any order:
      | 'a\|b' | x\\y | [1, 2] | 'it\'s' | '\nA' |
"#;
        let scenarios = parse_feature("F3.feature", text).unwrap();
        assert_eq!(
            scenarios[0].steps[0].table,
            vec![cells(&["'a|b'", r"x\y", "[1, 2]", r"'it\'s'", "'\nA'"])]
        );
    }

    fn error(text: &str) -> String {
        parse_feature("x", text).unwrap_err()
    }

    #[test]
    fn rejects_malformed_files() {
        let ragged =
            "Feature: f\n  Scenario: a\n    Then r\n      | a | b |\n      # c\n\n      | 1 |\n";
        assert_eq!(
            error(ragged),
            "x:7: a table row has 1 cells, the row on line 4 2"
        );
        // The crate names the position; what it expected is a set, its
        // order unstable.
        assert!(error("Scenario: a").starts_with("x: Error at 2:1: "));
        let unterminated = "Feature: f\n  Scenario: a\n    When q\n      \"\"\"\n      x";
        assert!(error(unterminated).starts_with("x: Error at 6:1: "));
        assert_eq!(
            error("Feature: f\n  Scenario: a\n    | a |"),
            "x:2: a table row without a step"
        );
        assert_eq!(
            error(
                "Feature: f\n  Scenario Outline: a\n    When q\n  Examples:\n  | a |\n  | 1 | 2 |"
            ),
            "x:6: a table row has 2 cells, the row on line 5 1"
        );
    }
}
