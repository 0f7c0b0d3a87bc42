// distinct_staff: per company (1% of them, by score), distinct people its employees know, top 10
MATCH (c:Company)<-[:works_at]-(:Person)-[:knows]->(p:Person)
WHERE c.score < 0.01
RETURN c.id AS company, count(DISTINCT p) AS n
ORDER BY n DESC, company LIMIT 10
