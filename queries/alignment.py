"""Moved to the `alignment` package (issue 19: derivations out of queries/); kept so imports
written against the old place keep working. New code imports from `alignment.scoring` and
`alignment.deriving`."""

from alignment.deriving import (  # noqa: F401
    DERIVED_NAME,
    DERIVED_PATH,
    alignment_batch,
    alignment_inputs,
    below,
    derived_alignment_batch,
    derived_batches,
    derived_path,
    documents_of_batch,
    documents_of_sources,
    plans,
    realign,
)
from alignment.scoring import Alignment, TaskRecord, features, propose, select  # noqa: F401
