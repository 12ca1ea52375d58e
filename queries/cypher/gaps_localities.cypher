// The province-level units of the gazetteer that exist in the given eras.
// Parameters: $eras — e.g. ["before2025", "both"].
MATCH (l:Locality)
WHERE l.era IN $eras
RETURN l.uid AS uid, l.name AS name, l.kind AS kind, l.era AS era
ORDER BY name
