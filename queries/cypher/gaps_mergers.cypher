// Which pre-2025 unit became part of which post-2025 unit.
// Parameters: none.
MATCH (a:Locality)-[:MERGED_INTO]->(b:Locality)
RETURN DISTINCT a.name AS old, b.name AS new
ORDER BY old
