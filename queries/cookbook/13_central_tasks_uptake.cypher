// vi: Mỗi nhiệm vụ của văn bản $symbol được bao nhiêu kế hoạch cấp dưới tiếp nhận? (0 = chưa có kế hoạch nào)
// en: How many lower-level plans take up each task of $symbol? (0 = no plan has)
// param symbol = "26-NQ/TW" — the symbol of a document whose tasks are in the corpus
// param min_score = 0.25 — the weakest link that counts (ALIGNS_WITH score, 0..1), as in kg coverage
// note: "take up" = a task of the plan is linked to the central task by ALIGNS_WITH (computed by
// note: `kg load`, see alignment/deriving.py) with a score of at least $min_score; `kg coverage`
// note: grades every link. Tasks with plans = 0 are those no plan takes up at that strength.
// note: Scores are probabilities; links are stored from 0.28 (the model's propose threshold), so
// note: the default counts every stored link; 0.57 (its covered threshold) counts only links that
// note: make a cell "covered" in `kg coverage` (alignment/data/weights.yaml).
MATCH (c:Document {symbol: $symbol})-[:HAS_TASK]->(t:Task)
OPTIONAL MATCH (t)<-[r:ALIGNS_WITH]-(x:Task)<-[:HAS_TASK]-(p:Document)
WHERE r.score >= $min_score
RETURN t.label AS label, t.text AS text, count(DISTINCT p) AS plans, count(DISTINCT x) AS tasks,
       t.ord AS ord
ORDER BY ord, label
