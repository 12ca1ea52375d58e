"""The model, the batches built from it, and the stores behind one protocol."""

from graph.batch import Batch, Edge, Node, to_batch
from graph.loading import LoadReport, load_batches
from graph.store import Store, StoreError, default_store_uri, open_store

__all__ = ["Batch", "Edge", "LoadReport", "Node", "Store", "StoreError", "default_store_uri",
           "load_batches", "open_store", "to_batch"]
