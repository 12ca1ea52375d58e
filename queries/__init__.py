"""Read-only questions over any store: Cypher in .cypher files, analysis in Python/networkx."""

from queries.resolve import AmbiguousDocument, DocumentNotFound, find_documents, resolve_document
from queries.show import show
from queries.stats import stats
from queries.trace import Trace, trace, trace_graph

__all__ = ["AmbiguousDocument", "DocumentNotFound", "Trace", "find_documents",
           "resolve_document", "show", "stats", "trace", "trace_graph"]
