"""Read a source (file or URL) into clean NFC text and its Source record, through the readers.

The readers (loaders.readers, one module per format) decide the format and the encoding;
this module turns a reading into the `Source` that extraction and the stores carry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from graph.ids import source_uid
from graph.model import Source
from loaders.errors import SourceError
from loaders.readers import SUFFIXES, Input, read_input
from loaders.readers.base import Reading
from loaders.readers.base import clean as _clean
from loaders.readers.text import decode

__all__ = ["SUFFIXES", "SourceError", "clean", "decode", "read_source", "source_of",
           "source_uid", "source_url"]


def clean(text: str) -> str:
    """NFC, newlines as \\n, no NUL characters."""
    return _clean(text, tidy=False)


# A saved page's first line may record where it came from: "# source: https://…".
_SOURCE_LINE = re.compile(r"\A\ufeff?#\s*source:\s*(\S+)")


def source_url(text: str) -> str | None:
    """The address a text records on its first line ("# source: URL"), if any."""
    m = _SOURCE_LINE.match(text)
    return m.group(1) if m else None


def source_of(raw: bytes, path: Path, text: str, encoding: str) -> Source:
    """The Source of a plain text file already decoded."""
    digest = hashlib.sha256(raw).hexdigest()
    return Source(uid=source_uid(digest), name=path.name, path=str(path.resolve()),
                  sha256=digest, chars=len(text), encoding=encoding, url=source_url(text))


def _source(raw: bytes, item: Input, reading: Reading) -> Source:
    digest = hashlib.sha256(raw).hexdigest()
    path = item.where if item.is_url else str(Path(item.where).resolve())
    url = reading.url or (item.where if item.is_url else None) or source_url(reading.text)
    return Source(uid=source_uid(digest), name=item.name, path=path, sha256=digest,
                  chars=len(reading.text), encoding=reading.encoding, url=url,
                  format=reading.format, title=reading.title, site=reading.site,
                  published=item.date or reading.published,
                  fetched=dt.date.today().isoformat() if item.is_url else None,
                  locality=item.locality)


def read_source(item: str | Path | Input) -> tuple[Source, str]:
    """Read one file or URL: its Source record and its NFC text.

    >>> src, text = read_source("notes.txt")  # doctest: +SKIP
    """
    item = item if isinstance(item, Input) else Input(str(item))
    raw, reading = read_input(item)
    return _source(raw, item, reading), reading.text
