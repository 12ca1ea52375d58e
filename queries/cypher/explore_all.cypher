// Every document's uid: the explorer's documents for the whole graph.
MATCH (d:Document)
RETURN d.uid AS uid
ORDER BY uid
