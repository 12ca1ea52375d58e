// The sentences of Evidence nodes, by uid (what relationships name by their `evidence` key).
// Parameters: $uids — Evidence uids (each looked up by key).
UNWIND $uids AS u
WITH DISTINCT u
MATCH (e:Evidence {uid: u})
RETURN e.uid AS uid, e.sentence AS sentence
