// opt_stakes: per company (10%, by score), people with a stake over half, none counted as 0 (a range seek, then OPTIONAL MATCH with a WHERE on the relationship)
MATCH (c:Company) WHERE c.score < 0.1
OPTIONAL MATCH (c)<-[s:stake]-(p:Person)
WHERE s.percent > 50
RETURN c.id AS company, count(p) AS n
ORDER BY n DESC, company LIMIT 10
