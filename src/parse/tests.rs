//! Parser tests: exact trees and exact errors.

use super::parse_statement;

#[test]
fn smoke() {
    let s = parse_statement(
        "MATCH (n:Person)-[:KNOWS*1..2]->(m) WHERE n.age > 3 RETURN n.name AS name, count(*) ORDER BY name DESC LIMIT 3",
    );
    assert!(s.is_ok(), "{s:?}");
}

/// Throwaway sweep over the TCK's queries (extracted to /tmp/tck/queries.txt).
#[test]
fn tck_sweep() {
    let Ok(all) = std::fs::read_to_string("/tmp/tck/queries.txt") else {
        return;
    };
    let mut bad = 0;
    for block in all.split("\n\u{0}\n") {
        let (head, query) = block.split_once('\n').unwrap_or((block, ""));
        let expect = head.rsplit('\t').next().unwrap_or("");
        let result = parse_statement(query);
        match (&result, expect) {
            (Ok(_), "OK") => {}
            (Err(e), "OK") => {
                bad += 1;
                println!(
                    "FAIL {head}\n{query}\n  -> {} {} at {:?}\n",
                    e.detail, e.message, e.span
                );
            }
            (Err(e), d) if e.detail == d => {}
            (r, d) => println!(
                "EXPECTED {d}: {head}\n{query}\n  -> {:?}\n",
                r.as_ref()
                    .map(|_| "ok")
                    .map_err(|e| (&e.detail, &e.message))
            ),
        }
    }
    println!("{bad} unexpected failures");
}

#[test]
fn debug_one() {
    let Ok(q) = std::env::var("Q") else { return };
    println!("{:#?}", parse_statement(&q));
}
