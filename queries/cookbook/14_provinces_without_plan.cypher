// vi: Tỉnh, thành phố nào (63 đơn vị trước ngày 1/7/2025) chưa có văn bản nào trong kho triển khai $symbol?
// en: Which provinces (the 63 units before 1 July 2025) have no document in the corpus implementing $symbol?
// param symbol = "26-NQ/TW" — the symbol of the implemented document
// note: a province has a plan when a document of that locality implements $symbol, directly or
// note: through other documents. Absence here means absence from the corpus, not in reality.
MATCH (l:Locality)
WHERE l.era IN ['before2025', 'both']
  AND NOT EXISTS {
    MATCH (d:Document)-[:IMPLEMENTS*1..12]->(c:Document {symbol: $symbol})
    WHERE d.locality = l.name
  }
RETURN l.name AS province, l.kind AS kind
ORDER BY province
