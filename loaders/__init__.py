"""Loaders: files -> clean text -> extraction (documents, links, tasks, targets) with evidence."""

from loaders.errors import LoaderError, SourceError
from loaders.gold import dump_gold, to_gold
from loaders.pipeline import extract_file, extract_text
from loaders.read import SUFFIXES, read_source

__all__ = ["SUFFIXES", "LoaderError", "SourceError", "dump_gold", "extract_file",
           "extract_text", "read_source", "to_gold"]
