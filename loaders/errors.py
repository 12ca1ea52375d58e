"""The errors loaders raise, in one place (spaCy style): one sentence that says what went wrong."""

from __future__ import annotations


class LoaderError(Exception):
    """Base class of every error a loader raises on purpose."""


class SourceError(LoaderError):
    """A file that cannot be read as text: unsupported type, empty, or in no known encoding."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
