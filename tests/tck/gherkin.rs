//! A small parser of the Gherkin subset the TCK uses: Feature, Background,
//! Scenario, Scenario Outline with Examples, steps with doc strings and
//! tables, comments and tags. Outlines are expanded here: each Examples row
//! becomes its own [`Scenario`].

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
    /// The tags of the feature, the scenario and its Examples block.
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

const STEP_KEYWORDS: [&str; 6] = ["Given ", "When ", "Then ", "And ", "But ", "* "];

/// What a block of steps belongs to.
enum Block {
    Background,
    Scenario {
        name: String,
        tags: Vec<String>,
        line: usize,
        outline: bool,
    },
}

/// A block being read: its steps and, for outlines, its Examples.
struct Open {
    block: Block,
    steps: Vec<Step>,
    /// Examples blocks: tags, header, rows.
    examples: Vec<(Vec<String>, Vec<Vec<String>>)>,
    in_examples: bool,
}

/// Parses a feature file into its scenarios. `file` names it in ids.
pub fn parse_feature(file: &str, text: &str) -> Result<Vec<Scenario>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut feature_tags: Vec<String> = Vec::new();
    let mut pending_tags: Vec<String> = Vec::new();
    let mut saw_feature = false;
    let mut background: Vec<Step> = Vec::new();
    let mut open: Option<Open> = None;
    let mut scenarios = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line_no = i + 1;
        let raw = lines[i];
        let line = raw.trim();
        i += 1;
        let at = |msg: &str| format!("{file}:{line_no}: {msg}");
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('@') {
            pending_tags.extend(line.split_whitespace().map(str::to_string));
            continue;
        }
        if line.starts_with("Feature:") {
            saw_feature = true;
            feature_tags = std::mem::take(&mut pending_tags);
            continue;
        }
        let scenario_header = line
            .strip_prefix("Scenario Outline:")
            .or_else(|| line.strip_prefix("Scenario Template:"))
            .map(|n| (n, true))
            .or_else(|| line.strip_prefix("Scenario:").map(|n| (n, false)));
        if line.starts_with("Background:") || scenario_header.is_some() {
            if !saw_feature {
                return Err(at("a block before `Feature:`"));
            }
            if let Some(done) = open.take() {
                close(file, done, &mut background, &mut scenarios)?;
            }
            let block = match scenario_header {
                Some((name, outline)) => {
                    let mut tags = feature_tags.clone();
                    tags.append(&mut pending_tags);
                    Block::Scenario {
                        name: name.trim().to_string(),
                        tags,
                        line: line_no,
                        outline,
                    }
                }
                None => Block::Background,
            };
            open = Some(Open {
                block,
                steps: Vec::new(),
                examples: Vec::new(),
                in_examples: false,
            });
            continue;
        }
        if line.starts_with("Examples:") || line.starts_with("Scenarios:") {
            match &mut open {
                Some(
                    o @ Open {
                        block: Block::Scenario { outline: true, .. },
                        ..
                    },
                ) => {
                    o.examples
                        .push((std::mem::take(&mut pending_tags), Vec::new()));
                    o.in_examples = true;
                }
                _ => return Err(at("`Examples:` outside a Scenario Outline")),
            }
            continue;
        }
        if line.starts_with('|') {
            let row = split_row(line).map_err(|e| at(&e))?;
            match &mut open {
                Some(o) if o.in_examples => {
                    if let Some((_, rows)) = o.examples.last_mut() {
                        rows.push(row);
                    }
                }
                Some(o) => match o.steps.last_mut() {
                    Some(step) if step.doc.is_none() => step.table.push(row),
                    _ => return Err(at("a table row without a step")),
                },
                None => return Err(at("a table row outside a scenario")),
            }
            continue;
        }
        if line.starts_with("\"\"\"") || line.starts_with("```") {
            let (doc, next) = read_doc_string(&lines, i - 1).map_err(|e| at(&e))?;
            i = next;
            match open.as_mut().and_then(|o| o.steps.last_mut()) {
                Some(step) if step.doc.is_none() && step.table.is_empty() => step.doc = Some(doc),
                _ => return Err(at("a doc string without a step")),
            }
            continue;
        }
        if let Some(keyword) = STEP_KEYWORDS.iter().find(|k| line.starts_with(**k)) {
            match &mut open {
                Some(o) if !o.in_examples => o.steps.push(Step {
                    text: line[keyword.len()..].trim().to_string(),
                    line: line_no,
                    ..Step::default()
                }),
                _ => return Err(at("a step outside a scenario")),
            }
            continue;
        }
        // Free text: the description of a feature or scenario.
        match &open {
            Some(o) if !o.steps.is_empty() || o.in_examples => {
                return Err(at(&format!("unexpected line {line:?}")));
            }
            _ => {}
        }
    }
    if let Some(done) = open.take() {
        close(file, done, &mut background, &mut scenarios)?;
    }
    if !saw_feature {
        return Err(format!("{file}: no `Feature:`"));
    }
    Ok(scenarios)
}

/// Finishes a block: stores the Background, or expands the scenario.
fn close(
    file: &str,
    open: Open,
    background: &mut Vec<Step>,
    scenarios: &mut Vec<Scenario>,
) -> Result<(), String> {
    let Block::Scenario {
        name,
        tags,
        line,
        outline,
    } = open.block
    else {
        *background = open.steps;
        return Ok(());
    };
    let mut steps = background.clone();
    steps.extend(open.steps);
    if !outline {
        scenarios.push(Scenario {
            file: file.to_string(),
            name,
            example: None,
            tags,
            line,
            steps,
        });
        return Ok(());
    }
    let mut row_number = 0;
    for (example_tags, rows) in open.examples {
        let Some((header, rows)) = rows.split_first() else {
            continue;
        };
        for row in rows {
            if row.len() != header.len() {
                return Err(format!(
                    "{file}:{line}: an Examples row has {} cells, the header {}",
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
            let mut all_tags = tags.clone();
            all_tags.extend(example_tags.iter().cloned());
            scenarios.push(Scenario {
                file: file.to_string(),
                name: name.clone(),
                example: Some(row_number),
                tags: all_tags,
                line,
                steps: steps.iter().map(|s| substitute_step(s, &values)).collect(),
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

/// Reads a doc string whose opening delimiter is on `lines[start]`;
/// returns it and the index of the line after the closing delimiter.
fn read_doc_string(lines: &[&str], start: usize) -> Result<(String, usize), String> {
    let opening = lines[start];
    let indent = opening.len() - opening.trim_start().len();
    let delimiter = &opening.trim_start()[..3];
    let mut body = Vec::new();
    for (offset, line) in lines[start + 1..].iter().enumerate() {
        if line.trim() == delimiter {
            return Ok((body.join("\n"), start + offset + 2));
        }
        let strip = line
            .char_indices()
            .take_while(|&(i, c)| i < indent && c.is_whitespace())
            .count();
        body.push(line[strip..].replace("\\\"\\\"\\\"", "\"\"\""));
    }
    Err("an unterminated doc string".to_string())
}

/// Splits `| a | b\|c |` into cells, unescaping `\|`, `\\` and `\n`.
fn split_row(line: &str) -> Result<Vec<String>, String> {
    let inner = line
        .strip_prefix('|')
        .ok_or_else(|| "a table row must start with `|`".to_string())?;
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars();
    let mut closed = false;
    while let Some(c) = chars.next() {
        closed = false;
        match c {
            '\\' => match chars.next() {
                Some('|') => cell.push('|'),
                Some('\\') => cell.push('\\'),
                Some('n') => cell.push('\n'),
                Some(other) => {
                    cell.push('\\');
                    cell.push(other);
                }
                None => cell.push('\\'),
            },
            '|' => {
                cells.push(cell.trim().to_string());
                cell.clear();
                closed = true;
            }
            c => cell.push(c),
        }
    }
    if !closed {
        return Err("a table row must end with `|`".to_string());
    }
    Ok(cells)
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
    fn splits_rows_with_escapes() {
        assert_eq!(
            split_row(r"| 'a\|b' | x\\y | [1, 2] |"),
            Ok(cells(&["'a|b'", r"x\y", "[1, 2]"]))
        );
        assert_eq!(
            split_row(r"| 'it\'s' | '\nA' |"),
            Ok(cells(&[r"'it\'s'", "'\nA'"]))
        );
        assert_eq!(
            split_row("| a | b"),
            Err("a table row must end with `|`".into())
        );
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
    fn rejects_malformed_files() {
        assert!(parse_feature("x", "Scenario: a").is_err());
        assert!(
            parse_feature(
                "x",
                "Feature: f\n  Scenario: a\n    When q\n      \"\"\"\n      x"
            )
            .is_err()
        );
        assert!(parse_feature("x", "Feature: f\n  Scenario: a\n    | a |").is_err());
        assert!(
            parse_feature(
                "x",
                "Feature: f\n  Scenario Outline: a\n    When q\n  Examples:\n  | a |\n  | 1 | 2 |"
            )
            .is_err()
        );
    }
}
