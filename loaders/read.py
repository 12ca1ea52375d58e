"""Read a source file into clean Unicode text, deciding the encoding by detection.

Supported: UTF-8 (with or without BOM), UTF-16 (BOM, or BOM-less when the zero-byte pattern is
unambiguous) and Windows-1258, the Vietnamese code page (accepted only when the bytes are not
UTF-8 and the decoded text looks Vietnamese). Output is NFC with "\\n" newlines.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from graph.model import Source
from loaders.errors import SourceError

SUFFIXES = (".txt",)

# Letters that exist only in Vietnamese (precomposed or as cp1258 base letters).
_VIET_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when zero bytes sit on one parity only (ASCII-heavy text)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(raw) // 2
    if zeros_odd > 0.3 * half and zeros_even == 0:
        return "utf-16-le"
    if zeros_even > 0.3 * half and zeros_odd == 0:
        return "utf-16-be"
    return None


def _looks_vietnamese(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    if not letters or len(_CONTROL.findall(text)) > 0.001 * len(text) + 1:
        return False
    marks = sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) == "Mn")
    return bool(_VIET_LETTERS.search(text)) and marks > 0.02 * letters


def decode(raw: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of raw bytes; raises SourceError when no supported encoding fits."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise SourceError(name, f"has a UTF-8 BOM but invalid UTF-8 at byte {e.start}") from e
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[2:].decode(enc), enc
            except UnicodeDecodeError as e:
                raise SourceError(name, f"has a UTF-16 BOM but is not valid {enc}") from e
    enc16 = _utf16_without_bom(raw)
    if enc16:
        try:
            return raw.decode(enc16), enc16
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_vietnamese(text):
        return text, "cp1258"
    raise SourceError(name, "is not text in a supported encoding (UTF-8, UTF-16, Windows-1258); "
                            f"invalid UTF-8 at byte {utf8_error.start}")


def clean(text: str) -> str:
    """NFC, newlines as \\n, no NUL characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def source_uid(digest: str) -> str:
    """A source's identity, from the SHA-256 (hex) of its bytes."""
    return "src:" + digest[:16]


# A saved page's first line may record where it came from: "# source: https://…".
_SOURCE_LINE = re.compile(r"\A\ufeff?#\s*source:\s*(\S+)")


def source_url(text: str) -> str | None:
    """The address a text records on its first line ("# source: URL"), if any."""
    m = _SOURCE_LINE.match(text)
    return m.group(1) if m else None


def source_of(raw: bytes, path: Path, text: str, encoding: str) -> Source:
    digest = hashlib.sha256(raw).hexdigest()
    return Source(uid=source_uid(digest), name=path.name, path=str(path.resolve()),
                  sha256=digest, chars=len(text), encoding=encoding, url=source_url(text))


def read_source(path: str | Path) -> tuple[Source, str]:
    """Read one file: its Source record and its NFC text.

    >>> src, text = read_source("notes.txt")  # doctest: +SKIP
    """
    p = Path(path)
    if p.suffix.lower() not in SUFFIXES:
        raise SourceError(str(p), f"unsupported file type {p.suffix or '(none)'!r}; "
                                  f"supported: {', '.join(SUFFIXES)}")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise SourceError(str(p), f"cannot be read ({e.strerror})") from e
    if not raw.strip():
        raise SourceError(str(p), "is empty")
    text, encoding = decode(raw, str(p))
    text = clean(text)
    if not text.strip():
        raise SourceError(str(p), "is empty")
    return source_of(raw, p, text, encoding), text
