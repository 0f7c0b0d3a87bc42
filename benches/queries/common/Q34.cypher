// Q34 two persons, one knowing the other, who both use the same product
MATCH (a:Person)-[:knows]->(b:Person), (a)-[:uses]->(p:Product)<-[:uses]-(b)
RETURN count(*) AS c
