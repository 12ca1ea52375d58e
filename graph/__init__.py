"""The model, the batches built from it, and the stores behind one protocol."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.batch import Batch, Edge, Node, to_batch
    from graph.loading import LoadReport, load_batches
    from graph.store import Store, StoreError, default_store_uri, open_store

# Each name's module, imported on first use: reading a store (`kg trace`) then loads neither
# the batch model nor, through it, the ontology's RDF parser (~0.15 s), which it never needs.
_FROM = {"Batch": "graph.batch", "Edge": "graph.batch", "Node": "graph.batch",
         "to_batch": "graph.batch", "LoadReport": "graph.loading",
         "load_batches": "graph.loading", "Store": "graph.store", "StoreError": "graph.store",
         "default_store_uri": "graph.store", "open_store": "graph.store"}


def __getattr__(name: str) -> Any:
    if name not in _FROM:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    return getattr(importlib.import_module(_FROM[name]), name)


__all__ = ["Batch", "Edge", "LoadReport", "Node", "Store", "StoreError", "default_store_uri",
           "load_batches", "open_store", "to_batch"]
