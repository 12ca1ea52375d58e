// vi: Kế hoạch, văn bản địa phương nào giao nhiệm vụ mà không nhiệm vụ nào có thời hạn?
// en: Which local plans assign tasks but set no deadline on any of them?
// note: local = below central level; a deadline is any the task states (a date, a quarter, a
// note: year, "hằng năm" …: Task.deadline). tasks = how many tasks the document assigns.
MATCH (d:Document)-[:HAS_TASK]->(t:Task)
WHERE d.level <> 'central'
WITH d, count(DISTINCT t) AS tasks, count(t.deadline) AS dated
WHERE dated = 0
RETURN d.uid AS uid, d.symbol AS symbol, d.type AS type, d.locality AS province,
       d.issued AS issued, tasks
ORDER BY tasks DESC, uid
