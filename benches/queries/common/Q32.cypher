// Q32 triangles through one person: two of its acquaintances who know each other
MATCH (n:Person {id: $start})-[:knows]-(a:Person)-[:knows]-(b:Person), (n)-[:knows]-(b)
RETURN count(*) AS c
