"""Cyclic garbage collection paused around work that allocates millions of small objects
and makes (almost) no reference cycles: building store rows, extracting one long text,
reading a trace's columns. Each collection would walk every object the process holds again
(measured: half of `to_rows` at 200k records, 15-20% of extracting an 8 MB text, a quarter of
building a trace); the few cycles are collected once it runs again."""

from __future__ import annotations

import gc
import threading


class _GcPause:
    """A context in which cyclic garbage collection waits. Nested and concurrent uses (the
    writer thread of `kg load`) resume collection once, when the last ends, and only if it ran
    before the first began."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0 and self._was_enabled:
                gc.enable()


gc_paused = _GcPause()
