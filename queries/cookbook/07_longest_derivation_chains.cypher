// vi: Những chuỗi triển khai dài nhất: từ văn bản gốc xuống văn bản cấp dưới cùng, qua bao nhiêu cấp?
// en: The longest derivation chains: from a root document down to the last document implementing it, over how many levels?
// param limit = 10 — how many chains to list
// note: a chain runs from a document that implements nothing (the root) to one nothing implements
// note: (the leaf), following IMPLEMENTS; hops = its longest path, up to 12.
MATCH p = (leaf:Document)-[:IMPLEMENTS*1..12]->(root:Document)
WHERE NOT EXISTS { MATCH (root)-[:IMPLEMENTS]->(:Document) }
  AND NOT EXISTS { MATCH (:Document)-[:IMPLEMENTS]->(leaf) }
RETURN root.uid AS root_uid, root.symbol AS root_symbol, leaf.uid AS leaf_uid,
       leaf.symbol AS leaf_symbol, leaf.type AS leaf_type, leaf.locality AS leaf_locality,
       max(length(p)) AS hops
ORDER BY hops DESC, root_uid, leaf_uid
LIMIT $limit
