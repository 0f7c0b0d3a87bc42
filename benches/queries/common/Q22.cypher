// opt_none: companies with the fewest hires since 2015, those with none counted as 0
MATCH (c:Company)
OPTIONAL MATCH (c)<-[w:works_at]-(p:Person)
WHERE w.since >= 2015
RETURN c.id AS company, count(p) AS hires
ORDER BY hires, company LIMIT 10
