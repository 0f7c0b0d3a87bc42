// Q36 mutual stakes: two companies that hold a stake in each other
MATCH (a:Company)-[:stake]->(b:Company)-[:stake]->(a)
RETURN count(*) AS c
