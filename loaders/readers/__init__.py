"""The reader registry: one module per format, one listing of inputs, one dispatcher.

Each reader module declares FORMAT, SUFFIXES, MIME (and MAGIC, the bytes a file of its kind
starts with) and `read(raw, name) -> Reading`. `list_inputs` expands what a user names
(files, folders recursively, URLs, files listing URLs, a manifest) the same way for
`kg load`, `kg extract` and `kg eval`; `read_input` reads one input through the reader its
bytes, suffix or MIME type choose.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from graph.settings import MAX_FILE_MB as MAX_FILE_MB_SETTING
from graph.settings import setting
from loaders.errors import SourceError
from loaders.readers import doc, docx, html, pdf, text
from loaders.readers.base import Reading, Refused
from loaders.readers.web import fetch, is_url

READERS: tuple[ModuleType, ...] = (text, pdf, docx, doc, html)
SUFFIXES = tuple(s for r in READERS for s in r.SUFFIXES)
URL_LISTS = (".urls",)  # a text file of URLs, one a line
# Files larger than this are refused before reading (KG_MAX_FILE_MB, or the commands'
# --max-file-mb, overrides).
MAX_FILE_MB = 100
MAX_FILE_MB_ENV = "KG_MAX_FILE_MB"

__all__ = ["READERS", "SUFFIXES", "Input", "Reading", "Refused", "list_inputs", "read_bytes",
           "read_input", "reader_for"]


@dataclass(frozen=True)
class Input:
    """One thing to read: a file path or a URL, with what a manifest says about it."""

    where: str
    locality: str | None = None
    date: str | None = None
    note: str | None = None

    @property
    def is_url(self) -> bool:
        return is_url(self.where)

    @property
    def name(self) -> str:
        if self.is_url:
            return self.where.rstrip("/").rsplit("/", 1)[-1] or self.where
        return Path(self.where).name

    def __str__(self) -> str:
        return self.where


def reader_for(name: str, raw: bytes = b"", mime: str | None = None) -> ModuleType | None:
    """The reader for a file: by its first bytes, else its MIME type, else its suffix."""
    for r in READERS:
        magic = getattr(r, "MAGIC", None)
        if magic and raw.startswith(magic):
            if r is docx and not name.lower().endswith(docx.SUFFIXES) and mime not in r.MIME:
                continue  # a zip that is not named or served as Word
            return r
    if mime:
        for r in READERS:
            if mime in r.MIME:
                return r
    suffix = Path(name.split("?")[0]).suffix.lower()
    for r in READERS:
        if suffix in r.SUFFIXES:
            return r
    head = raw[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<!--")) and b"<html" in raw[:4096].lower():
        return html
    return None


def max_bytes() -> int:
    return int(setting(MAX_FILE_MB_SETTING, MAX_FILE_MB) * 2**20)


def _mb(size: float) -> str:
    return f"{round(size / 2**20, 1):g}"


def read_bytes(raw: bytes, name: str, mime: str | None = None) -> Reading:
    """Bytes through the reader they call for; SourceError (one line) when none can."""
    if not raw.strip():
        raise SourceError(name, "is empty")
    reader = reader_for(name, raw, mime)
    if reader is None:
        raise SourceError(name, f"unsupported file type {Path(name).suffix or '(none)'!r}; "
                                f"supported: {', '.join(SUFFIXES)}")
    try:
        reading = reader.read(raw, name)
    except SourceError:
        raise
    except Exception as e:  # a library's failure on a damaged file: one line, not a traceback
        raise SourceError(name, f"cannot be read as {reader.FORMAT} "
                                f"({type(e).__name__}: {str(e)[:100]})") from e
    if not reading.text.strip():
        raise SourceError(name, "is empty (no text)")
    if reader is not text:
        reading.text, fixed = text.repair_legacy_fonts(reading.text)
        if fixed:
            reading.notes.append(f"{fixed} lines in a TCVN3/VNI font decoded")
    return reading


def read_input(item: Input | str | Path) -> tuple[bytes, Reading]:
    """(the raw bytes, the reading) of one file or URL."""
    where = str(item.where if isinstance(item, Input) else item)
    if is_url(where):
        raw, mime, final = fetch(where)
        reading = read_bytes(raw, where, mime)
        reading.url = reading.url or final
        return raw, reading
    p = Path(where)
    if not p.exists():
        raise SourceError(where, "does not exist")
    try:
        size = p.stat().st_size
        if size > max_bytes():
            raise SourceError(where, f"is too large ({_mb(size)} MB > {_mb(max_bytes())} MB; "
                                     "--max-file-mb or KG_MAX_FILE_MB raises the cap)")
        raw = p.read_bytes()
    except OSError as e:
        raise SourceError(where, f"cannot be read ({e.strerror})") from e
    return raw, read_bytes(raw, where)


def _readable(p: Path, extra: tuple[str, ...]) -> bool:
    return p.is_file() and not _ignored(p) and \
        p.suffix.lower() in (*SUFFIXES, *URL_LISTS, *extra)


def _ignored(p: Path) -> bool:
    """Hidden files, Word's lock files and a saved page's parts: never inputs, never listed."""
    return p.name.startswith((".", "~$")) or _page_asset(p)


def _folder(root: Path, extra: tuple[str, ...], skipped: list[tuple[str, str]]) -> list[Path]:
    """The readable files under `root` (recursively, sorted); every other file and every
    folder that cannot be read goes into `skipped` with its reason."""
    found: list[Path] = []

    def unreadable(e: OSError) -> None:
        skipped.append((str(e.filename), f"folder cannot be read ({e.strerror})"))

    for d, dirs, names in os.walk(root, onerror=unreadable):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for n in names:
            f = Path(d) / n
            if _readable(f, extra):
                found.append(f)
            elif not _ignored(f):
                skipped.append((str(f), f"unsupported type {f.suffix or '(none)'!r}"))
    skipped.sort()
    return sorted(found)


def _page_asset(p: Path) -> bool:
    """A file a browser saved beside a page ("Page_files/…"): the page's parts, not a text."""
    for d in p.parents:
        if d.name.endswith("_files") and any(
                (d.parent / (d.name[:-6] + s)).exists() for s in (".html", ".htm")):
            return True
    return False


def _urls(p: Path) -> list[Input]:
    lines = p.read_text(encoding="utf-8", errors="replace").splitlines()
    return [Input(s.strip()) for s in lines if is_url(s.strip())]


def _is_url_list(p: Path) -> bool:
    """A text file named on the command line whose lines are all URLs (or # comments)."""
    if p.suffix.lower() in URL_LISTS:
        return True
    if p.suffix.lower() not in text.SUFFIXES or not p.is_file() or p.stat().st_size > 2**20:
        return False
    lines = [s.strip() for s in p.read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [s for s in lines if s and not s.startswith("#")]
    return bool(lines) and all(is_url(s) for s in lines)


def read_manifest(path: str | Path) -> list[Input]:
    """Rows of a manifest CSV: path or url, locality, date, note (relative paths: to the CSV)."""
    p = Path(path)
    with p.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for i, row in enumerate(rows, 2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        where = row.get("url") or row.get("path")
        if not where:
            raise SourceError(str(p), f"line {i} names neither a path nor a url")
        if not is_url(where) and not Path(where).is_absolute():
            where = str(p.parent / where)
        out.append(Input(where, row.get("locality") or None, row.get("date") or None,
                         row.get("note") or None))
    return out


def list_inputs(paths: tuple[str, ...] | list[str], extra: tuple[str, ...] = (),
                locality: str | None = None, manifest: str | None = None,
                skipped: list[tuple[str, str]] | None = None) -> list[Input]:
    """Files named, readable files inside folders named (recursively, sorted; hidden files,
    Word's lock files and a saved page's "_files" folder ignored), URLs, the URLs of `.urls`
    files (and of a named text file that holds only URLs), and a manifest's rows, in a
    stable order; `extra`: more suffixes (kg load's structured `.yaml`). `locality` applies
    where a manifest says none. Files of other types inside folders, and folders that cannot
    be read, are added to `skipped` with the reason; a path named that does not exist is
    listed all the same, so that reading it fails with its name."""
    out: list[Input] = []
    skipped = [] if skipped is None else skipped
    for name in paths:
        if is_url(name):
            out.append(Input(name))
            continue
        p = Path(name)
        if p.is_dir():
            for f in _folder(p, extra, skipped):
                out.extend(_urls(f) if f.suffix.lower() in URL_LISTS else [Input(str(f))])
        else:
            out.extend(_urls(p) if _is_url_list(p) else [Input(str(p))])
    if manifest:
        out.extend(read_manifest(manifest))
    if locality:
        out = [i if i.locality else Input(i.where, locality, i.date, i.note) for i in out]
    return out
