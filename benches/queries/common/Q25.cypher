// distinct_place: per place, distinct people known by the people located there, top 10
MATCH (pl:Place)<-[:located_in]-(:Person)-[:knows]->(f:Person)
RETURN pl.id AS place, count(DISTINCT f) AS n
ORDER BY n DESC, place LIMIT 10
