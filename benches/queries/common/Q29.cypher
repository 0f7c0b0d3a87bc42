// distinct_employers: per place, distinct companies its people work at, top 10
MATCH (pl:Place)<-[:located_in]-(:Person)-[:works_at]->(c:Company)
RETURN pl.id AS place, count(DISTINCT c) AS n
ORDER BY n DESC, place LIMIT 10
