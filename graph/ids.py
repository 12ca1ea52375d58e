"""Every identifier scheme of the graph, in one place: deterministic, readable uids (DESIGN §4).

Reloading a text builds the same uids, so nothing is duplicated; a uid says what it names.

- sources: "src:" + the first 16 hex digits of the SHA-256 of their bytes (or of a derived
  payload); kg's own notes are sources too ("src:alignment-pending");
- documents: "doc:26-NQ/TW" (central), "doc:123-KH/TU@hai-phong" (local, its province),
  "doc:86-KH/TU@src:1a2b…" (local, province never named: never merged by symbol alone),
  "doc:45-KH/ĐU@quang-binh/xa-so-3" (a body below the province: its unit too),
  "doc:KH:tinh-uy@long-an" (unnumbered: type code, issuer or subject words, qualifier);
- tasks "task:<document slug>:<label slug>"; targets "target:<source>:<offset>" (read from a
  text) or "target:<document>#<year>-<n>" (described in a structured file);
- "alias:<slug>", "loc:<slug>", "org:<slug>[@<locality slug>]" (central bodies have no "@"),
  "theme:<id>";
- evidence "ev:" + 20 hex digits of a hash of its source and sentence: one Evidence node per
  sentence of a source, however many relationships were read from it.
"""

from __future__ import annotations

from hashlib import blake2b

from graph.keys import slug

MAX_TITLE_WORDS = 8  # words of an unnumbered document's issuer or subject kept in its uid


def source_uid(digest: str) -> str:
    """A source's identity, from the SHA-256 (hex) of its bytes.

    >>> source_uid("0123456789abcdef0123")
    'src:0123456789abcdef'
    """
    return "src:" + digest[:16]


def note_uid(name: str) -> str:
    """The Source uid of one of kg's notes kept in a store ("alignment-pending" …)."""
    return f"src:{name}"


def document_uid_for_symbol(symbol: str) -> str:
    """The uid of a central document known only by its symbol (aliases, registry)."""
    return f"doc:{symbol}"


def _qualifier(locality: str | None, source: str) -> str:
    return slug(locality) if locality else source


def numbered_uid(symbol: str, local: bool, locality: str | None, source_uid: str,
                 unit: str | None = None, below: bool = False) -> str:
    """Identity of a numbered document.

    A body below the province numbers its documents from 01 like every other one of its kind
    in the province (`below`): its documents carry the unit the text names, or the source.

    >>> numbered_uid("26-NQ/TW", False, None, "src:0")
    'doc:26-NQ/TW'
    >>> numbered_uid("123-KH/TU", True, "Hải Phòng", "src:0")
    'doc:123-KH/TU@hai-phong'
    >>> numbered_uid("45-KH/ĐU", True, "Quảng Bình", "src:0", "xã Số 3", below=True)
    'doc:45-KH/ĐU@quang-binh/xa-so-3'
    >>> numbered_uid("45-KH/ĐU", True, "Quảng Bình", "src:0", None, below=True)
    'doc:45-KH/ĐU@src:0'
    """
    if not local:
        return document_uid_for_symbol(symbol)
    if below:
        return f"doc:{symbol}@{slug(locality)}/{slug(unit)}" if locality and unit else \
            f"doc:{symbol}@{source_uid}"
    return f"doc:{symbol}@{_qualifier(locality, source_uid)}"


def unnumbered_uid(type_name: str | None, words: str, locality: str | None,
                   source_uid: str) -> str:
    """Identity of an unnumbered document from its type and issuer or subject words.

    >>> unnumbered_uid("Kế hoạch", "Tỉnh ủy", "Long An", "src:0")
    'doc:KH:tinh-uy@long-an'
    """
    from ontology.terms import doc_type_code  # the ontology parsed only when a type is coded

    words_slug = "-".join(slug(words).split("-")[:MAX_TITLE_WORDS]) or "van-ban"
    code = slug(doc_type_code(type_name)).upper()
    return f"doc:{code}:{words_slug}@{_qualifier(locality, source_uid)}"


def task_uid(document_uid: str, label: str) -> str:
    """A task of a document by its label ("1.2", "a"): unique within the document."""
    return f"task:{slug(document_uid)}:{slug(label)}"


def text_target_uid(source_uid: str, offset: int) -> str:
    """A target read from a text, by where it stands in that text."""
    return f"target:{source_uid}:{offset}"


def described_target_uid(document_uid: str, year: object, n: int) -> str:
    """The n-th target a structured file describes for a document and a year."""
    return f"target:{document_uid}#{year}-{n}"


def alias_uid(text: str) -> str:
    return f"alias:{slug(text)}"


def locality_uid(name: str) -> str:
    return f"loc:{slug(name)}"


def organisation_uid(name: str, locality: str | None) -> str:
    return f"org:{slug(name)}" + (f"@{slug(locality)}" if locality else "")


def theme_uid(theme: str) -> str:
    return f"theme:{theme}"


EVIDENCE_DIGEST_BYTES = 10  # 80 bits: a collision among 10^8 sentences has odds of ~4e-9


def evidence_uid(source: str, sentence: str) -> str:
    """The Evidence node of a sentence of a source: every relationship read from the same
    sentence of the same source names the same one (ARCHITECTURE, appendix 16).

    >>> evidence_uid("src:0123456789abcdef", "Thực hiện Nghị quyết số 26-NQ/TW.")
    'ev:1566ebfe119d2cf28065'
    """
    h = blake2b(source.encode(), digest_size=EVIDENCE_DIGEST_BYTES)
    h.update(b"\0")
    h.update(sentence.encode())
    return "ev:" + h.hexdigest()
