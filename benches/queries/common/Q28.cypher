// opt_two_hops: per person (5%, by score), products founded since 2010 that their employers own, none counted as 0 (OPTIONAL MATCH over two hops with a WHERE on the far node)
MATCH (p:Person) WHERE p.score < 0.05
OPTIONAL MATCH (p)-[:works_at]->(c:Company)-[:owns]->(pr:Product)
WHERE pr.founded >= 2010
RETURN p.id AS person, count(pr) AS n
ORDER BY n DESC, person LIMIT 10
