"""Hand-written structured documents (YAML) -> Extraction, with evidence at the YAML line.

Analysts describe a document they know well (a central resolution and its tasks, a plan whose
text is not at hand) in a small YAML format, and `kg load` reads it like any other file:
the source is the file's content hash, so reloading is idempotent; every task and target points
back at the span of the YAML file it was written in. The format (docs/ANALYSIS.md):

    symbol: 26-NQ/TW                # number and symbol, as printed
    type: Nghị quyết
    issuer: Ban Chấp hành Trung ương Đảng khóa XII
    level: central                  # central | provincial | district | commune
    locality: null                  # province of a local document (required for local symbols)
    date: 2018-05-19
    title: Xây dựng đội ngũ cán bộ từng cấp ...
    implements: [26-NQ/TW]          # documents it implements: central symbols, SYMBOL@Locality
    tasks:
      - label: "1"                  # numbering as printed
        text: Nâng cao nhận thức ...
        lead: Ban Tổ chức Tỉnh ủy   # optional: lead agency, supporters, deadline, theme ids
        support: [Sở Nội vụ]
        deadline: hoàn thành trong quý IV năm 2018
        themes: [training]
    targets:
      - year: 2025
        text: Hoàn thành việc bố trí bí thư cấp ủy cấp huyện không là người địa phương.
        value: 100                  # optional: value (or low/high), unit, qualifier, indicator
        unit: percent
        indicator: bi-thu-cap-huyen-khong-la-nguoi-dia-phuong

Errors name the file, the line and the problem (`StructuredError`, a `SourceError`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph.ids import described_target_uid, numbered_uid, task_uid
from graph.keys import slug
from graph.model import (
    Document,
    Evidence,
    Extraction,
    Implements,
    Source,
    Target,
    Task,
    ThemeTag,
)
from loaders.deadlines import parse_deadline
from loaders.errors import SourceError
from loaders.read import clean, decode, source_of
from loaders.themes import tag_themes, themes
from ontology.terms import levels

SUFFIXES = (".yaml", ".yml")
_DOC_KEYS = {"symbol", "uid", "type", "issuer", "level", "locality", "date", "title",
             "implements", "tasks", "targets"}
_TASK_KEYS = {"label", "text", "lead", "support", "deadline", "themes"}
_TARGET_KEYS = {"year", "text", "value", "low", "high", "unit", "qualifier", "indicator",
                "kind", "subject"}
_UNITS = ("percent", "count", "vnd")


class StructuredError(SourceError):
    """A structured file that does not follow the format; the message names file and line."""


@dataclass(frozen=True)
class _Value:
    """A YAML scalar or collection with where it was written (character offsets, line)."""

    value: Any
    start: int
    end: int
    line: int  # 1-based


def _plain(node: yaml.Node) -> Any:
    """A composed YAML node as Python data (dates as dates), positions dropped."""
    return yaml.SafeLoader("").construct_document(node)


def _wrap(node: yaml.Node) -> _Value:
    return _Value(node, node.start_mark.index, node.end_mark.index, node.start_mark.line + 1)


def _mapping(node: yaml.Node, where: str, path: str) -> dict[str, _Value]:
    if not isinstance(node, yaml.MappingNode):
        raise StructuredError(path, f"line {node.start_mark.line + 1}: {where} must be a mapping "
                                    "of keys to values")
    out = {}
    for k, v in node.value:
        out[str(_plain(k))] = _wrap(v)
    return out


class _Reader:
    """Reads one parsed file; every error says the file and line."""

    def __init__(self, path: str, text: str, source: Source, method: str) -> None:
        self.path, self.text, self.source, self.method = path, text, source, method

    def fail(self, line: int, problem: str) -> StructuredError:
        return StructuredError(self.path, f"line {line}: {problem}")

    def get(self, m: dict[str, _Value], key: str, kind: type | tuple[type, ...],
            required: bool = False, line: int = 1) -> Any:
        v = m.get(key)
        if v is None or _plain(v.value) is None:
            if required:
                raise self.fail(line, f"'{key}' is required")
            return None
        value = _plain(v.value)
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or isinstance(value, bool):
            names = " or ".join(t.__name__ for t in kinds)
            raise self.fail(v.line, f"'{key}' must be a {names}, not {value!r}")
        return value

    def text_of(self, m: dict[str, _Value], key: str, line: int) -> tuple[str, int, int]:
        """A required text value and its span in the file."""
        value = self.get(m, key, (str, int, float), required=True, line=line)
        v = m[key]
        return " ".join(str(value).split()), v.start, v.end

    def evidence(self, sentence: str, start: int, end: int) -> Evidence:
        return Evidence(self.source.uid, sentence, start, end, self.method, 1.0)

    def unknown(self, m: dict[str, _Value], allowed: set[str], what: str, line: int) -> None:
        extra = sorted(set(m) - allowed)
        if extra:
            raise self.fail(line, f"{what} has unknown keys {extra}; allowed: {sorted(allowed)}")


def document_uid(symbol: str, level: str, locality: str | None) -> str:
    """The identity of a described document, the same one text extraction gives it.

    >>> document_uid("26-NQ/TW", "central", None)
    'doc:26-NQ/TW'
    >>> document_uid("123-KH/TU", "provincial", "Hải Phòng")
    'doc:123-KH/TU@hai-phong'
    """
    return numbered_uid(symbol, level != "central" and bool(locality), locality, "")


def _reference_uid(ref: str) -> str:
    """ "26-NQ/TW" -> doc:26-NQ/TW; "86-KH/TU@Hải Phòng" -> doc:86-KH/TU@hai-phong."""
    symbol, _, locality = ref.partition("@")
    return document_uid(symbol.strip(), "provincial" if locality else "central",
                        locality.strip() or None)


def parse_structured(text: str, source: Source, method: str = "explicit") -> Extraction:
    """The Extraction a structured YAML text describes (pure: no file access)."""
    r = _Reader(source.path, text, source, method)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise r.fail(line, f"is not valid YAML ({getattr(e, 'problem', None) or e})") from e
    if root is None:
        raise r.fail(1, "is empty")
    m = _mapping(root, "the document", source.path)
    r.unknown(m, _DOC_KEYS, "the document", 1)
    symbol = r.get(m, "symbol", str)
    level = r.get(m, "level", str, required=True)
    if level not in levels():
        raise r.fail(m["level"].line,
                     f"level must be one of {', '.join(levels())}, not {level!r}")
    locality = r.get(m, "locality", str)
    uid = r.get(m, "uid", str)
    if not symbol and not uid:
        raise r.fail(1, "a document needs a 'symbol' (or, if it has no number, a 'uid')")
    if level != "central" and not locality and not uid:
        raise r.fail(1, "a local document needs its 'locality' (the province it belongs to)")
    uid = uid or document_uid(symbol or "", level, locality)  # a symbol when no uid (above)
    date = r.get(m, "date", dt.date)
    head = m.get("symbol") or m["uid"]  # one of them is there (above)
    title = r.get(m, "title", str)
    doc = Document(uid, symbol, r.get(m, "type", str, required=True), r.get(m, "issuer", str),
                   level, locality if level != "central" else None, date,
                   r.evidence(" · ".join(str(x) for x in (symbol or uid, title) if x),
                              head.start, head.end),
                   title=" ".join(title.split()) if title else None, is_subject=True)
    ex = Extraction(source, text, documents=[doc])
    refs = r.get(m, "implements", list) or []
    for i, ref in enumerate(refs):
        if not isinstance(ref, str):
            raise r.fail(m["implements"].line, f"implements[{i}] must be a document symbol")
        v = m["implements"]
        ev = r.evidence(f"{symbol or uid} thực hiện {ref}", v.start, v.end)
        target, _, where = (x.strip() for x in ref.partition("@"))
        ex.documents.append(Document(_reference_uid(ref), target, None, None,
                                     "provincial" if where else "central", where or None,
                                     None, ev))
        ex.implements.append(Implements(uid, _reference_uid(ref), "explicit", ev))
    ex.tasks = _tasks(r, m, doc)
    ex.targets = _targets(r, m, doc)
    return ex


def _items(r: _Reader, m: dict[str, _Value], key: str) -> list[yaml.Node]:
    v = m.get(key)
    if v is None or _plain(v.value) is None:
        return []
    if not isinstance(v.value, yaml.SequenceNode):
        raise r.fail(v.line, f"'{key}' must be a list")
    return list(v.value.value)


def _tasks(r: _Reader, m: dict[str, _Value], doc: Document) -> list[Task]:
    known = {t.id for t in themes()}
    out: list[Task] = []
    seen: set[str] = set()
    for order, node in enumerate(_items(r, m, "tasks"), 1):
        line = node.start_mark.line + 1
        t = _mapping(node, f"task {order}", r.path)
        r.unknown(t, _TASK_KEYS, f"task {order}", line)
        label = str(r.get(t, "label", (str, int, float), required=True, line=line)).strip()
        if slug(label) in seen:
            raise r.fail(line, f"task label {label!r} is used twice")
        seen.add(slug(label))
        text, start, end = r.text_of(t, "text", line)
        ids = r.get(t, "themes", list)
        if ids is None:
            tags = tag_themes(text)
        else:
            bad = [i for i in ids if i not in known]
            if bad:
                raise r.fail(t["themes"].line, f"unknown theme ids {bad}; see ontology/themes.ttl")
            tags = tuple(ThemeTag(i, ()) for i in ids)
        support = r.get(t, "support", list) or []
        deadline = r.get(t, "deadline", str)
        out.append(Task(task_uid(doc.uid, label), doc.uid, label, text,
                        r.evidence(text, start, end), lead=r.get(t, "lead", str),
                        support=tuple(map(str, support)),
                        deadline=parse_deadline(deadline) if deadline else None,
                        themes=tags, order=order))
    return out


def _targets(r: _Reader, m: dict[str, _Value], doc: Document) -> list[Target]:
    out: list[Target] = []
    for n, node in enumerate(_items(r, m, "targets"), 1):
        line = node.start_mark.line + 1
        t = _mapping(node, f"target {n}", r.path)
        r.unknown(t, _TARGET_KEYS, f"target {n}", line)
        year = r.get(t, "year", int, required=True, line=line)
        text, start, end = r.text_of(t, "text", line)
        kind = r.get(t, "kind", str) or "target"
        if kind not in ("target", "achievement"):
            raise r.fail(line, f"kind must be target or achievement, not {kind!r}")
        unit = r.get(t, "unit", str)
        if unit is not None and unit not in _UNITS:
            raise r.fail(t["unit"].line, f"unit must be one of {', '.join(_UNITS)}")
        number = (int, float)
        value, low, high = (r.get(t, k, number) for k in ("value", "low", "high"))
        out.append(Target(described_target_uid(doc.uid, year, n), kind,
                          r.get(t, "subject", str) or doc.locality, text,
                          float(value) if value is not None else None,
                          r.evidence(text, start, end), document=doc.uid,
                          low=float(low) if low is not None else None,
                          high=float(high) if high is not None else None, unit=unit,
                          qualifier=r.get(t, "qualifier", str), year=year,
                          indicator=r.get(t, "indicator", str)))
    return out


def read_structured(path: str | Path, method: str = "explicit") -> Extraction:
    """Read one structured YAML file (see the module docstring for the format).

    `method` is the evidence method of every fact: "explicit" for an analyst's file,
    "registry" for the reference data kg ships.
    """
    p = Path(path)
    if p.suffix.lower() not in SUFFIXES:
        raise StructuredError(str(p), f"is not a structured document ({', '.join(SUFFIXES)})")
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise StructuredError(str(p), f"cannot be read ({e.strerror})") from e
    text, encoding = decode(raw, str(p))
    text = clean(text)
    if not text.strip():
        raise StructuredError(str(p), "is empty")
    return parse_structured(text, source_of(raw, p, text, encoding), method)
