// Q39 acquaintances located in the same place (a cycle through a hub)
MATCH (a:Person)-[:located_in]->(pl:Place)<-[:located_in]-(b:Person), (a)-[:knows]->(b)
RETURN count(*) AS c
