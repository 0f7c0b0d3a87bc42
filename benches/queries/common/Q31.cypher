// Q31 directed triangles of knows: a knows b, b knows c, and a knows c
MATCH (a:Person)-[:knows]->(b:Person)-[:knows]->(c:Person), (a)-[:knows]->(c)
RETURN count(*) AS c
