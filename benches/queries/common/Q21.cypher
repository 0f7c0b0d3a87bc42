// opt_hires: companies with the most hires since 2015 (OPTIONAL MATCH with a WHERE on the relationship, counted per company)
MATCH (c:Company)
OPTIONAL MATCH (c)<-[w:works_at]-(p:Person)
WHERE w.since >= 2015
RETURN c.id AS company, count(p) AS hires
ORDER BY hires DESC, company LIMIT 10
