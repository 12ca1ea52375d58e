// Every implements link between documents (child implements parent), once per pair.
// Parameters: none.
MATCH (a:Document)-[:IMPLEMENTS]->(b:Document)
RETURN DISTINCT a.uid AS child, b.uid AS parent
ORDER BY child, parent
