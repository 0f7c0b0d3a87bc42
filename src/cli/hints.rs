//! "Did you mean": when a statement finds nothing, the labels, relationship
//! types and property keys it names that the graph does not have, each with
//! the closest name that it does have.
//!
//! The names are found lexically ([`super::lex::names`]), so this works on
//! any statement the parser accepted, and says nothing when no existing name
//! is close (an edit distance of at most [`MAX_DISTANCE`]).

use super::lex::{self, NameKind};
use crate::db::Schema;
use crate::text::edit_distance;

/// The largest edit distance at which a name is suggested.
pub const MAX_DISTANCE: usize = 2;

/// Notices for the names in `statement` that are not in `schema` but are
/// close to one that is, e.g.
/// `no label :Compnay in the graph; did you mean :Company?`. Each name is
/// mentioned once, in the order written. Only statements that `MATCH`
/// get notices: a `CREATE INDEX` on a new key is not a misspelling.
pub fn unknown_names(statement: &str, schema: &Schema) -> Vec<String> {
    if !matches_something(statement) {
        return Vec::new();
    }
    let labels: Vec<&str> = schema.labels.iter().map(|(n, _)| n.as_str()).collect();
    let types: Vec<&str> = schema.rel_types.iter().map(|(n, _)| n.as_str()).collect();
    let keys: Vec<&str> = schema
        .property_keys
        .iter()
        .map(|(n, _)| n.as_str())
        .collect();
    let mut notices: Vec<String> = Vec::new();
    for name in lex::names(statement) {
        let (what, known, prefix): (&str, Vec<&str>, &str) = match name.kind {
            NameKind::Label => ("label", labels.clone(), ":"),
            NameKind::RelType => ("relationship type", types.clone(), ":"),
            NameKind::Key => ("property key", keys.clone(), ""),
            NameKind::LabelOrType => ("label", labels.clone(), ":"),
        };
        if known.contains(&name.name.as_str()) {
            continue;
        }
        let Some(best) = closest(&name.name, &known) else {
            continue;
        };
        let notice = format!(
            "no {what} {prefix}{} in the graph; did you mean {prefix}{}?",
            lex::written_name(&name.name, name.kind == NameKind::RelType),
            lex::written_name(best, name.kind == NameKind::RelType)
        );
        if !notices.contains(&notice) {
            notices.push(notice);
        }
    }
    notices
}

/// Whether the statement has a `MATCH` (outside strings and comments).
pub fn matches_something(statement: &str) -> bool {
    lex::tokens(statement)
        .iter()
        .any(|t| t.kind == lex::Kind::Word && t.text(statement).eq_ignore_ascii_case("MATCH"))
}

/// The name in `known` closest to `name` (ignoring letter case first),
/// within [`MAX_DISTANCE`]; the first of equals.
pub fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    known
        .iter()
        .map(|k| {
            let distance = if k.to_lowercase() == lower {
                0
            } else {
                edit_distance(name, k)
            };
            (distance, *k)
        })
        .filter(|(d, k)| *d <= MAX_DISTANCE && *d < k.chars().count().max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        let names = |xs: &[&str]| xs.iter().map(|x| (x.to_string(), 1)).collect();
        Schema {
            labels: names(&["Company", "Person", "Platform"]),
            rel_types: names(&["invests-in", "owns", "stake"]),
            property_keys: names(&["name", "percent", "odd key"]),
        }
    }

    #[test]
    fn misspelt_names_get_the_closest_existing_one() {
        assert_eq!(
            unknown_names(
                "MATCH (c:Compnay)-[:invest-in]->(p:person) WHERE c.nmae = 'x' RETURN c.`odd kye`",
                &schema()
            ),
            vec![
                "no label :Compnay in the graph; did you mean :Company?",
                "no relationship type :invest-in in the graph; did you mean :invests-in?",
                "no label :person in the graph; did you mean :Person?",
                "no property key nmae in the graph; did you mean name?",
                "no property key `odd kye` in the graph; did you mean `odd key`?",
            ]
        );
    }

    #[test]
    fn known_or_far_names_say_nothing() {
        assert_eq!(
            unknown_names(
                "MATCH (c:Company)-[:stake]->(x:Spaceship {name: 'y'}) RETURN c.zzz",
                &schema()
            ),
            Vec::<String>::new()
        );
        assert_eq!(
            unknown_names("CREATE INDEX FOR (n:Person) ON (n.nme)", &schema()),
            Vec::<String>::new()
        );
        // Short names need more than a change of every letter.
        assert_eq!(closest("ab", &["xy"]), None);
        assert_eq!(closest("Ownz", &["owns"]), Some("owns"));
    }

    #[test]
    fn each_name_once() {
        assert_eq!(
            unknown_names("MATCH (a:Compny), (b:Compny) RETURN a", &schema()),
            vec!["no label :Compny in the graph; did you mean :Company?"]
        );
    }
}
