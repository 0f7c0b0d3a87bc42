// distinct_fof: per person (2% of them, by score), distinct people two knows-hops away, top 10
MATCH (a:Person)-[:knows]->()-[:knows]->(c)
WHERE a.score < 0.02
RETURN a.id AS person, count(DISTINCT c) AS n
ORDER BY n DESC, person LIMIT 10
