// Q38 persons with a stake in the company they work at
MATCH (p:Person)-[:works_at]->(c:Company), (p)-[:stake]->(c)
RETURN count(*) AS c
