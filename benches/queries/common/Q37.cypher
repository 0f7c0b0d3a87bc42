// Q37 companies that sued a company they invest in (two relationships between one pair)
MATCH (a:Company)-[:sued]->(b:Company), (a)-[:invests_in]->(b)
RETURN count(*) AS c
