//! `:help TOPIC`: a line on each clause, function and command, with an
//! example that runs on the bundled graph (`graphs/microsoft-openai.cypher`).

use super::hints::closest;

/// One help entry: the topic, what it does, and an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    /// The name, as `:help` lists it: `MATCH`, `toUpper`, `:param`.
    pub name: &'static str,
    /// How to write it.
    pub syntax: &'static str,
    /// One line on what it does.
    pub summary: &'static str,
    /// An example on the bundled graph.
    pub example: &'static str,
}

const fn t(
    name: &'static str,
    syntax: &'static str,
    summary: &'static str,
    example: &'static str,
) -> Topic {
    Topic {
        name,
        syntax,
        summary,
        example,
    }
}

/// The clauses and other statement forms.
pub const CLAUSES: &[Topic] = &[
    t(
        "MATCH",
        "MATCH pattern [WHERE condition]",
        "finds every way the pattern occurs in the graph",
        "MATCH (c:Company)-[s:stake]->(o) RETURN c.name, s.percent, o.name;",
    ),
    t(
        "OPTIONAL MATCH",
        "OPTIONAL MATCH pattern",
        "like MATCH, but keeps the row with nulls when the pattern is missing",
        "MATCH (c:Company) OPTIONAL MATCH (c)-[:owns]->(x) RETURN c.name, x.name;",
    ),
    t(
        "WHERE",
        "WHERE condition",
        "keeps the rows where the condition is true",
        "MATCH (c:Company) WHERE c.name STARTS WITH 'Micro' RETURN c.name;",
    ),
    t(
        "RETURN",
        "RETURN [DISTINCT] expr [AS name], ...",
        "the columns of the result",
        "MATCH (p:Person) RETURN p.name AS person;",
    ),
    t(
        "WITH",
        "WITH expr [AS name], ... [WHERE condition]",
        "passes rows on to the next part of the query, like RETURN in the middle",
        "MATCH (c)-[r]->(:Company {name: 'OpenAI'}) WITH c, count(r) AS n WHERE n > 1 RETURN c.name, n;",
    ),
    t(
        "UNWIND",
        "UNWIND list AS name",
        "one row per element of a list",
        "UNWIND ['OpenAI', 'PayPal'] AS name MATCH (c:Company {name: name}) RETURN c.name;",
    ),
    t(
        "ORDER BY",
        "ORDER BY expr [ASC|DESC], ...",
        "sorts the rows",
        "MATCH (a)-[i:invests-in]->(b) RETURN a.name, i.amount_usd ORDER BY i.amount_usd DESC;",
    ),
    t(
        "SKIP",
        "SKIP n",
        "drops the first n rows",
        "MATCH (c:Company) RETURN c.name ORDER BY c.name SKIP 2;",
    ),
    t(
        "LIMIT",
        "LIMIT n",
        "keeps at most n rows",
        "MATCH (c:Company) RETURN c.name ORDER BY c.name LIMIT 2;",
    ),
    t(
        "DISTINCT",
        "RETURN DISTINCT ... / count(DISTINCT x)",
        "drops duplicate rows or values",
        "MATCH ()-[r]->() RETURN DISTINCT r.source;",
    ),
    t(
        "UNION",
        "query UNION [ALL] query",
        "the rows of both queries (ALL keeps duplicates)",
        "MATCH (p:Person) RETURN p.name AS name UNION MATCH (c:Company) RETURN c.name AS name;",
    ),
    t(
        "CASE",
        "CASE WHEN condition THEN value ... [ELSE value] END",
        "a value chosen by conditions",
        "MATCH (c:Company) RETURN c.name, CASE WHEN c.hq IS NULL THEN 'unknown' ELSE c.hq END AS hq;",
    ),
    t(
        "CREATE",
        "CREATE pattern",
        "creates nodes and relationships",
        "CREATE (:Company {name: 'Anthropic'});",
    ),
    t(
        "MERGE",
        "MERGE pattern [ON CREATE SET ...] [ON MATCH SET ...]",
        "matches the pattern, or creates it when it is missing",
        "MERGE (c:Company {name: 'OpenAI'}) ON MATCH SET c.seen = true RETURN c.name;",
    ),
    t(
        "SET",
        "SET n.key = value, n:Label, n += {map}",
        "sets properties and labels",
        "MATCH (c:Company {name: 'PayPal'}) SET c.hq = 'San Jose';",
    ),
    t(
        "REMOVE",
        "REMOVE n.key, n:Label",
        "removes properties and labels",
        "MATCH (p:Person {name: 'Jon Martindale'}) REMOVE p.country;",
    ),
    t(
        "DELETE",
        "DELETE x",
        "deletes relationships, and nodes that have none",
        "MATCH (:Company {name: 'Ziff Davis'})-[s:sued]->() DELETE s;",
    ),
    t(
        "DETACH DELETE",
        "DETACH DELETE n",
        "deletes nodes with their relationships",
        "MATCH (p:Publication {name: 'PCMag'}) DETACH DELETE p;",
    ),
    t(
        "CALL",
        "CALL procedure(args) [YIELD names]",
        "runs a procedure",
        "CALL db.labels() YIELD label RETURN label;",
    ),
    t(
        "EXPLAIN",
        "EXPLAIN query",
        "prints the plan (the tree of operators) without running the query",
        "EXPLAIN MATCH (c:Company {name: 'OpenAI'})<-[:stake]-(o) RETURN o.name;",
    ),
    t(
        "PROFILE",
        "PROFILE query",
        "runs the query and prints the plan with each operator's rows and time",
        "PROFILE MATCH (c:Company)-[r]->() RETURN c.name, count(r);",
    ),
    t(
        "BEGIN",
        "BEGIN ... COMMIT | ROLLBACK (or :begin, :commit, :rollback)",
        "a transaction over several statements",
        "BEGIN; CREATE (:Company {name: 'Anthropic'}); ROLLBACK;",
    ),
    t(
        "CREATE INDEX",
        "CREATE INDEX [name] FOR (n:Label) ON (n.key)",
        "declares an index (every property is indexed already)",
        "CREATE INDEX company_name FOR (c:Company) ON (c.name);",
    ),
    t(
        "CREATE CONSTRAINT",
        "CREATE CONSTRAINT [name] FOR (n:Label) REQUIRE n.key IS UNIQUE",
        "refuses a second node with the same value",
        "CREATE CONSTRAINT company_name FOR (c:Company) REQUIRE c.name IS UNIQUE;",
    ),
    t(
        "SHOW INDEXES",
        "SHOW INDEXES | SHOW CONSTRAINTS",
        "lists the declared indexes or constraints",
        "SHOW INDEXES;",
    ),
    t(
        "shortestPath",
        "p = shortestPath((a)-[*]-(b))",
        "one shortest path between two nodes",
        "MATCH p = shortestPath((:Company {name: 'Ziff Davis'})-[*]-(:Platform {name: 'Azure'})) RETURN length(p);",
    ),
    t(
        "allShortestPaths",
        "p = allShortestPaths((a)-[*]-(b))",
        "every shortest path between two nodes",
        "MATCH p = allShortestPaths((:Person {name: 'Sam Altman'})-[*]-(:Company {name: 'PayPal'})) RETURN [n IN nodes(p) | n.name];",
    ),
];

/// The functions, scalar and aggregate.
pub const FUNCTIONS: &[Topic] = &[
    t(
        "id",
        "id(x)",
        "the internal id of a node or relationship",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN id(c);",
    ),
    t(
        "elementId",
        "elementId(x)",
        "the id of a node or relationship, as a string",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN elementId(c);",
    ),
    t(
        "labels",
        "labels(node)",
        "the labels of a node",
        "MATCH (n {name: 'Azure'}) RETURN labels(n);",
    ),
    t(
        "type",
        "type(relationship)",
        "the type of a relationship",
        "MATCH (:Person {name: 'Sam Altman'})-[r]->() RETURN type(r);",
    ),
    t(
        "properties",
        "properties(x)",
        "the properties of a node or relationship, as a map",
        "MATCH (c:Company {name: 'Microsoft'}) RETURN properties(c);",
    ),
    t(
        "keys",
        "keys(x)",
        "the property keys of a node, relationship or map",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN keys(c);",
    ),
    t(
        "startNode",
        "startNode(relationship)",
        "the node a relationship starts at",
        "MATCH ()-[r:sued]->() RETURN startNode(r).name;",
    ),
    t(
        "endNode",
        "endNode(relationship)",
        "the node a relationship ends at",
        "MATCH ()-[r:sued]->() RETURN endNode(r).name;",
    ),
    t(
        "nodes",
        "nodes(path)",
        "the nodes of a path",
        "MATCH p = (:Person)-[:ceo-of]->() RETURN [n IN nodes(p) | n.name];",
    ),
    t(
        "relationships",
        "relationships(path)",
        "the relationships of a path",
        "MATCH p = (:Company {name: 'Ziff Davis'})-[*2]->() RETURN [r IN relationships(p) | type(r)];",
    ),
    t(
        "length",
        "length(path)",
        "the number of relationships in a path",
        "MATCH p = shortestPath((:Person {name: 'Sam Altman'})-[*]-(:Platform)) RETURN length(p);",
    ),
    t(
        "exists",
        "exists(n.key)",
        "whether a property is there (not null)",
        "MATCH (c:Company) RETURN c.name, exists(c.hq);",
    ),
    t(
        "size",
        "size(list or string)",
        "the number of elements or characters",
        "MATCH (c:Company) RETURN c.name, size(c.name);",
    ),
    t(
        "head",
        "head(list)",
        "the first element of a list",
        "MATCH (c:Company) RETURN head(collect(c.name));",
    ),
    t(
        "last",
        "last(list)",
        "the last element of a list",
        "MATCH (c:Company) RETURN last(collect(c.name));",
    ),
    t(
        "tail",
        "tail(list)",
        "the list without its first element",
        "MATCH (c:Company) RETURN tail(collect(c.name));",
    ),
    t(
        "range",
        "range(from, to [, step])",
        "the list of integers from..to",
        "RETURN range(1, 10, 3);",
    ),
    t(
        "reverse",
        "reverse(list or string)",
        "the elements or characters in reverse order",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN reverse(c.name);",
    ),
    t(
        "isEmpty",
        "isEmpty(list, map or string)",
        "whether it has no elements",
        "MATCH (n {name: 'ChatGPT'}) RETURN isEmpty(keys(n));",
    ),
    t(
        "coalesce",
        "coalesce(a, b, ...)",
        "the first argument that is not null",
        "MATCH (c:Company) RETURN c.name, coalesce(c.hq, 'unknown');",
    ),
    t(
        "toLower",
        "toLower(string)",
        "the string in lower case",
        "MATCH (c:Company) RETURN toLower(c.name);",
    ),
    t(
        "toUpper",
        "toUpper(string)",
        "the string in upper case",
        "MATCH (c:Company) RETURN toUpper(c.name);",
    ),
    t(
        "trim",
        "trim(string)",
        "the string without leading and trailing spaces",
        "RETURN trim('  OpenAI  ');",
    ),
    t(
        "ltrim",
        "ltrim(string)",
        "the string without leading spaces",
        "RETURN ltrim('  OpenAI');",
    ),
    t(
        "rtrim",
        "rtrim(string)",
        "the string without trailing spaces",
        "RETURN rtrim('OpenAI  ');",
    ),
    t(
        "substring",
        "substring(string, start [, length])",
        "part of a string (start counts from 0)",
        "MATCH (c:Company {name: 'Microsoft'}) RETURN substring(c.name, 0, 5);",
    ),
    t(
        "left",
        "left(string, n)",
        "the first n characters",
        "MATCH (c:Company {name: 'Microsoft'}) RETURN left(c.name, 5);",
    ),
    t(
        "right",
        "right(string, n)",
        "the last n characters",
        "MATCH (c:Company {name: 'Microsoft'}) RETURN right(c.name, 4);",
    ),
    t(
        "replace",
        "replace(string, search, replacement)",
        "every occurrence of search replaced",
        "MATCH (c:Company {name: 'Ziff Davis'}) RETURN replace(c.name, ' ', '_');",
    ),
    t(
        "split",
        "split(string, separator)",
        "the parts of a string, as a list",
        "MATCH (p:Person) RETURN split(p.name, ' ');",
    ),
    t(
        "toString",
        "toString(x)",
        "a number, boolean or string as a string",
        "MATCH ()-[s:stake]->() RETURN toString(s.percent) + '%';",
    ),
    t(
        "toStringOrNull",
        "toStringOrNull(x)",
        "like toString, but null for what cannot be converted",
        "RETURN toStringOrNull([1]);",
    ),
    t(
        "toInteger",
        "toInteger(x)",
        "a string, float or boolean as an integer",
        "RETURN toInteger('27');",
    ),
    t(
        "toIntegerOrNull",
        "toIntegerOrNull(x)",
        "like toInteger, but null for what cannot be converted",
        "RETURN toIntegerOrNull('many');",
    ),
    t(
        "toFloat",
        "toFloat(x)",
        "a string or integer as a float",
        "MATCH ()-[s:stake]->() RETURN toFloat(s.percent) / 100;",
    ),
    t(
        "toFloatOrNull",
        "toFloatOrNull(x)",
        "like toFloat, but null for what cannot be converted",
        "RETURN toFloatOrNull('n/a');",
    ),
    t(
        "toBoolean",
        "toBoolean(x)",
        "a string or integer as a boolean",
        "RETURN toBoolean('true');",
    ),
    t(
        "toBooleanOrNull",
        "toBooleanOrNull(x)",
        "like toBoolean, but null for what cannot be converted",
        "RETURN toBooleanOrNull('maybe');",
    ),
    t(
        "abs",
        "abs(number)",
        "the absolute value",
        "RETURN abs(-27);",
    ),
    t("sign", "sign(number)", "-1, 0 or 1", "RETURN sign(-27);"),
    t(
        "round",
        "round(number [, precision [, mode]])",
        "rounded to the nearest integer (or to precision digits)",
        "MATCH ()-[s:stake]->() RETURN round(s.value_usd / 1e9, 1);",
    ),
    t(
        "floor",
        "floor(number)",
        "the largest integer not above it",
        "RETURN floor(2.7);",
    ),
    t(
        "ceil",
        "ceil(number)",
        "the smallest integer not below it",
        "RETURN ceil(2.1);",
    ),
    t(
        "sqrt",
        "sqrt(number)",
        "the square root",
        "RETURN sqrt(16);",
    ),
    t(
        "exp",
        "exp(number)",
        "e to the power of the number",
        "RETURN exp(1);",
    ),
    t(
        "log",
        "log(number)",
        "the natural logarithm",
        "RETURN log(100);",
    ),
    t(
        "log10",
        "log10(number)",
        "the logarithm in base 10",
        "MATCH ()-[i:invests-in]->() RETURN log10(i.amount_usd);",
    ),
    t("sin", "sin(radians)", "the sine", "RETURN sin(pi() / 2);"),
    t("cos", "cos(radians)", "the cosine", "RETURN cos(0);"),
    t(
        "tan",
        "tan(radians)",
        "the tangent",
        "RETURN tan(pi() / 4);",
    ),
    t(
        "cot",
        "cot(radians)",
        "the cotangent",
        "RETURN cot(pi() / 4);",
    ),
    t(
        "asin",
        "asin(number)",
        "the arcsine, in radians",
        "RETURN asin(1);",
    ),
    t(
        "acos",
        "acos(number)",
        "the arccosine, in radians",
        "RETURN acos(1);",
    ),
    t(
        "atan",
        "atan(number)",
        "the arctangent, in radians",
        "RETURN atan(1);",
    ),
    t(
        "atan2",
        "atan2(y, x)",
        "the angle of the point (x, y), in radians",
        "RETURN atan2(1, 1);",
    ),
    t(
        "degrees",
        "degrees(radians)",
        "radians as degrees",
        "RETURN degrees(pi());",
    ),
    t(
        "radians",
        "radians(degrees)",
        "degrees as radians",
        "RETURN radians(180);",
    ),
    t(
        "haversin",
        "haversin(radians)",
        "half of 1 minus the cosine",
        "RETURN haversin(pi());",
    ),
    t("pi", "pi()", "the number π", "RETURN pi();"),
    t("e", "e()", "the number e", "RETURN e();"),
    t(
        "rand",
        "rand()",
        "a random float in [0, 1)",
        "MATCH (c:Company) RETURN c.name ORDER BY rand() LIMIT 1;",
    ),
    t(
        "count",
        "count(x) | count(*) | count(DISTINCT x)",
        "(aggregate) the number of rows, or of values that are not null",
        "MATCH (c:Company) RETURN count(*);",
    ),
    t(
        "sum",
        "sum(number)",
        "(aggregate) the sum",
        "MATCH ()-[i:invests-in]->() RETURN sum(i.amount_usd);",
    ),
    t(
        "avg",
        "avg(number)",
        "(aggregate) the average",
        "MATCH ()-[r]->() WHERE r.percent IS NOT NULL RETURN avg(r.percent);",
    ),
    t(
        "min",
        "min(x)",
        "(aggregate) the smallest value",
        "MATCH ()-[i:invests-in]->() RETURN min(i.amount_usd);",
    ),
    t(
        "max",
        "max(x)",
        "(aggregate) the largest value",
        "MATCH ()-[i:invests-in]->() RETURN max(i.amount_usd);",
    ),
    t(
        "collect",
        "collect(x)",
        "(aggregate) the values as a list",
        "MATCH (c:Company) RETURN collect(c.name);",
    ),
    t(
        "percentileDisc",
        "percentileDisc(number, percentile)",
        "(aggregate) the value at a percentile, one of the values",
        "MATCH ()-[r]->() RETURN percentileDisc(r.percent, 0.5);",
    ),
    t(
        "percentileCont",
        "percentileCont(number, percentile)",
        "(aggregate) the value at a percentile, interpolated",
        "MATCH ()-[r]->() RETURN percentileCont(r.percent, 0.5);",
    ),
    t(
        "stDev",
        "stDev(number)",
        "(aggregate) the standard deviation of a sample",
        "MATCH ()-[r]->() RETURN stDev(r.percent);",
    ),
    t(
        "stDevP",
        "stDevP(number)",
        "(aggregate) the standard deviation of a population",
        "MATCH ()-[r]->() RETURN stDevP(r.percent);",
    ),
];

/// The REPL's commands.
pub const COMMANDS: &[Topic] = &[
    t(
        ":help",
        ":help [TOPIC]",
        "this help, or the help on a clause, function or command",
        ":help MATCH",
    ),
    t(":quit", ":quit (or :exit, Ctrl-D)", "leave", ":quit"),
    t(
        ":schema",
        ":schema",
        "the labels, relationship types and property keys, with counts",
        ":schema",
    ),
    t(
        ":param",
        ":param NAME => VALUE  or  :param NAME=JSON",
        "sets the parameter $NAME (VALUE is a Cypher expression)",
        ":param who => 'OpenAI'",
    ),
    t(
        ":params",
        ":params",
        "the parameters that are set",
        ":params",
    ),
    t(
        ":source",
        ":source FILE",
        "runs the statements of a file and prints their results (also inside scripts)",
        ":source queries.cypher",
    ),
    t(
        ":load",
        ":load FILE",
        "runs a graph file silently, in one transaction, like --load",
        ":load graphs/microsoft-openai.cypher",
    ),
    t(
        ":format",
        ":format [table|json|csv|tsv]",
        "shows or sets how results are printed",
        ":format csv",
    ),
    t(
        ":timing",
        ":timing [on|off]",
        "shows or sets whether the time taken is printed",
        ":timing off",
    ),
    t(
        ":timeout",
        ":timeout [DURATION|off]",
        "shows or sets how long a statement may run (e.g. 30s, 500ms)",
        ":timeout 30s",
    ),
    t(
        ":dot",
        ":dot FILE",
        "writes the last result as a Graphviz digraph",
        ":dot graph.dot",
    ),
    t(
        ":export",
        ":export FORMAT FILE [QUERY]",
        "writes the last result (or QUERY's) as dot, svg, png, graphml, json, csv or tsv",
        ":export svg stake.svg MATCH (a)-[s:stake]->(b) RETURN a, s, b",
    ),
    t(
        ":history",
        ":history",
        "the statements typed so far",
        ":history",
    ),
    t(":clear", ":clear", "clears the screen", ":clear"),
    t(
        ":open",
        ":open PATH",
        "opens (or creates) the durable database at PATH",
        ":open company.quiver",
    ),
    t(
        ":begin",
        ":begin, :commit, :rollback",
        "starts, commits or rolls back a transaction",
        ":begin",
    ),
];

/// What `:help` alone prints.
pub fn overview() -> String {
    let mut text = String::from("Commands (at the start of a statement, no `;` needed):\n");
    for topic in COMMANDS {
        text.push_str(&format!("  {:<44} {}\n", topic.syntax, topic.summary));
    }
    text.push_str(
        "Statements end with `;` and may span lines. Tab completes; Ctrl-C clears the statement,\n\
         or cancels the one running (an open transaction stays open).\n\n",
    );
    text.push_str("Clauses (:help CLAUSE for an example):\n");
    text.push_str(&wrapped_names(CLAUSES));
    text.push_str("Functions (:help NAME for an example):\n");
    text.push_str(&wrapped_names(FUNCTIONS));
    text
}

/// Topic names, comma separated, in lines of at most 78 columns.
fn wrapped_names(topics: &[Topic]) -> String {
    let mut text = String::new();
    let mut line = String::from(" ");
    for (i, topic) in topics.iter().enumerate() {
        let piece = if i + 1 == topics.len() {
            format!(" {}", topic.name)
        } else {
            format!(" {},", topic.name)
        };
        if line.len() + piece.len() > 78 {
            text.push_str(&line);
            text.push('\n');
            line = String::from(" ");
        }
        line.push_str(&piece);
    }
    text.push_str(&line);
    text.push('\n');
    text
}

/// Every topic, clauses first.
pub fn all() -> impl Iterator<Item = &'static Topic> {
    CLAUSES.iter().chain(FUNCTIONS).chain(COMMANDS)
}

/// The help on `topic` (any letter case; `match`, `TOUPPER`, `param`,
/// `:param`, `detach delete`), or a message with the closest topic.
pub fn lookup(topic: &str) -> Result<String, String> {
    let wanted = topic.split_whitespace().collect::<Vec<_>>().join(" ");
    let found = all()
        .find(|t| t.name.eq_ignore_ascii_case(&wanted))
        .or_else(|| {
            // `:help param` for `:param`; `:help count(*)`.
            let bare = wanted.trim_end_matches("()").trim_end_matches("(*)");
            all().find(|t| {
                t.name.eq_ignore_ascii_case(bare)
                    || t.name
                        .strip_prefix(':')
                        .is_some_and(|n| n.eq_ignore_ascii_case(bare))
            })
        });
    match found {
        Some(topic) => Ok(format!(
            "{}\n  {}\n  {}\nExample:\n  {}",
            topic.name, topic.syntax, topic.summary, topic.example
        )),
        None => {
            let names: Vec<&str> = all().map(|t| t.name).collect();
            let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
            let lower_refs: Vec<&str> = lower.iter().map(String::as_str).collect();
            let suggestion = closest(&wanted.to_lowercase(), &lower_refs)
                .and_then(|l| lower_refs.iter().position(|n| *n == l))
                .map(|i| format!("; did you mean {}?", names[i]))
                .unwrap_or_default();
            Err(format!(
                "no help on `{wanted}`{suggestion} (:help lists the topics)"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_has_help() {
        let missing: Vec<&str> = crate::db::function_names()
            .iter()
            .copied()
            .filter(|name| !FUNCTIONS.iter().any(|t| t.name == *name))
            .collect();
        assert_eq!(missing, Vec::<&str>::new(), "add them to FUNCTIONS");
    }

    #[test]
    fn topics_in_any_case() {
        assert_eq!(
            lookup("touppER"),
            Ok("toUpper\n  toUpper(string)\n  the string in upper case\nExample:\n  MATCH (c:Company) RETURN toUpper(c.name);".to_string())
        );
        assert!(lookup("optional   match").is_ok_and(|h| h.starts_with("OPTIONAL MATCH\n")));
        assert!(lookup("param").is_ok_and(|h| h.starts_with(":param\n")));
        assert!(lookup("count(*)").is_ok_and(|h| h.starts_with("count\n")));
        assert_eq!(
            lookup("shortestpth"),
            Err(
                "no help on `shortestpth`; did you mean shortestPath? (:help lists the topics)"
                    .to_string()
            )
        );
        assert_eq!(
            lookup("zzzz"),
            Err("no help on `zzzz` (:help lists the topics)".to_string())
        );
    }

    #[test]
    fn the_overview_names_every_clause_and_function() {
        let text = overview();
        for topic in CLAUSES.iter().chain(FUNCTIONS) {
            assert!(text.contains(topic.name), "{}", topic.name);
        }
    }
}
