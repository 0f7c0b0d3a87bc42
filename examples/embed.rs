//! quiver embedded in a program: `cargo run --example embed [FILE]` opens
//! the database FILE (made if missing) or one in memory, writes with
//! parameters, reads rows by column, and handles an error.

use quiverdb::{Database, Params, Value};

fn main() -> quiverdb::Result<()> {
    let mut db = match std::env::args_os().nth(1) {
        Some(file) => Database::open(file.as_ref())?,
        None => Database::in_memory(),
    };
    let create = "MERGE (p:Person {name: $person}) MERGE (c:Company {name: $company}) \
                  MERGE (p)-[:FOUNDED {year: $year}]->(c)";
    for (person, company, year) in [("Sam", "OpenAI", 2015), ("Dario", "Anthropic", 2021)] {
        let params = Params::from([
            ("person".to_string(), Value::string(person)),
            ("company".to_string(), Value::string(company)),
            ("year".to_string(), Value::Int(year)),
        ]);
        db.execute(create, &params)?;
    }
    let query = "MATCH (p:Person)-[f:FOUNDED]->(c) RETURN p.name AS founder, c.name AS company, \
                 f.year AS year ORDER BY year";
    let result = db.execute(query, &Params::new())?;
    for row in &result.rows {
        let cells: Vec<String> = result
            .columns
            .iter()
            .zip(row)
            .map(|(c, v)| format!("{c}={v}"))
            .collect();
        println!("{}", cells.join(" "));
    }
    // A failed statement is a value to look at, and it changed nothing.
    if let Err(e) = db.execute("MATCH (p:Person) RETURN p.name + ", &Params::new()) {
        let at = e.span.map_or(0, |s| s.start);
        println!("{} {} at byte {at}: {}", e.kind, e.detail, e.message);
    }
    Ok(())
}
