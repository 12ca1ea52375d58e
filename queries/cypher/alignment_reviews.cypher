// Every alignment review (an analyst's verdict on a local task / central task pair).
// Parameters: none.
MATCH (v:Review)
RETURN v.local_task AS local, v.central_task AS central, v.verdict AS verdict,
       v.reviewer AS reviewer, v.reviewed_at AS reviewed_at, v.note AS note
ORDER BY local, central
