// vi: Các địa phương đã báo cáo bao nhiêu kết quả (số liệu đạt được), bao nhiêu tính theo tỷ lệ phần trăm?
// en: How many results (achieved figures) has each locality reported, and how many of them are percentages?
// note: kind = 'achievement' (reported, not promised); locality "(toàn quốc)" when the sentence
// note: names no locality.
MATCH (t:Target)
WHERE t.kind = 'achievement'
RETURN coalesce(t.subject, '(toàn quốc)') AS locality, count(t) AS achievements,
       count(CASE WHEN t.unit = 'percent' THEN t.uid END) AS percentages
ORDER BY achievements DESC, locality
