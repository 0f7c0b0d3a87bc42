// Q33 partners that invest in the same company (a cycle of four)
MATCH (a:Company)-[:partners_with]-(b:Company), (a)-[:invests_in]->(p:Company)<-[:invests_in]-(b)
RETURN count(*) AS c
