// opt_far: per person, products they use that were founded since 2000 (a WHERE on the far node), none counted as 0
MATCH (a:Person)
OPTIONAL MATCH (a)-[:uses]->(pr:Product)
WHERE pr.founded >= 2000
RETURN a.id AS person, count(pr) AS products
ORDER BY products DESC, person LIMIT 10
