// Q35 colleagues who know each other: both work at the same company
MATCH (a:Person)-[:works_at]->(c:Company)<-[:works_at]-(b:Person), (a)-[:knows]->(b)
RETURN count(*) AS c
