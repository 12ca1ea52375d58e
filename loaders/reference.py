"""The reference batch: what kg knows before reading any text, loaded as ordinary sources.

- the provinces before and after the 1 July 2025 reform, and which old unit merged into which
  new one (loaders/data/provinces.yaml -> Locality nodes with their era, MERGED_INTO);
- the registry of central documents (loaders/data/central_documents.yaml -> Documents with
  their date and issuer, their nicknames as Aliases, the implements links it records);
- central documents described as structured data with their tasks and targets
  (loaders/data/central/*.yaml, read by loaders.structured).

Each data file is one Source identified by its content hash, so loading the reference again
changes nothing, and a newer kg with changed data replaces exactly what the old data asserted.
Every fact's evidence is the entry of the data file it comes from (method "registry").
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.ids import document_uid_for_symbol
from graph.model import Alias, Document, Evidence, Extraction, Implements, Locality, Source
from loaders import aliases, localities
from loaders.read import clean, decode, source_of
from loaders.structured import read_structured

DATA = Path(__file__).with_name("data")
CENTRAL_DIR = DATA / "central"
METHOD = "registry"


def _read(path: Path) -> tuple[Source, str]:
    raw = path.read_bytes()
    text, encoding = decode(raw, str(path))
    text = clean(text)
    return source_of(raw, path, text, encoding), text


def _entry(text: str, source: Source, pattern: str, start: int = 0) -> Evidence:
    """Evidence for the YAML entry matched by `pattern` (its lines, whitespace collapsed)."""
    m = re.compile(pattern, re.MULTILINE).search(text, start)
    if m is None:  # the data file and its reader disagree: a bug in kg's own data
        raise ValueError(f"{source.path}: no entry matches {pattern!r}")
    a = text.rfind("\n", 0, m.start()) + 1
    ends = [i for i in (text.find("\n  - ", m.end()), text.find("\n\n", m.end())) if i >= 0]
    b = min(ends, default=len(text))
    block = text[a:b]
    sentence = " ".join(ln.strip() for ln in block.splitlines()
                        if ln.strip() and not ln.lstrip().startswith("#"))
    return Evidence(source.uid, sentence, a, a + len(block.rstrip()), METHOD, 1.0)


def locality_extraction(path: Path = localities.DATA) -> Extraction:
    """Every province-level unit of both eras, with its 2025 successor (MERGED_INTO)."""
    source, text = _read(path)
    reform = localities.reform_date()
    before = localities.provinces(reform.replace(year=reform.year - 1))
    after = localities.provinces(reform)
    old_names, new_names = {p.name for p in before}, {p.name for p in after}
    section = {"before": text.index("before_2025:"), "after": text.index("from_2025:")}
    out: dict[str, Locality] = {}
    for era, units in (("before", before), ("after", after)):
        for p in units:
            ev = _entry(text, source, rf"\{{\s*name:\s*{re.escape(p.name)}\s*,", section[era])
            both = p.name in old_names and p.name in new_names
            era_name = "both" if both else f"{era}2025"
            into = p.successor if era == "before" and p.successor != p.name else None
            out.setdefault(p.name, Locality(p.name, localities.kind_label(p), era_name, ev, into))
    return Extraction(source, text, localities=list(out.values()))


def registry_extraction(path: Path = aliases.DATA) -> Extraction:
    """The central documents of the registry, their nicknames and recorded implements links."""
    source, text = _read(path)
    ex = Extraction(source, text)
    for d in aliases.registry().values():
        ev = _entry(text, source, rf"^\s*- symbol:\s*{re.escape(d.symbol)}\s*$")
        uid = document_uid_for_symbol(d.symbol)
        ex.documents.append(Document(uid, d.symbol, d.type, d.issuer, "central", None, d.date,
                                     ev))
        ex.aliases.extend(Alias(n, (d.symbol,), ev) for n in d.nicknames)
        ex.implements.extend(Implements(uid, document_uid_for_symbol(t), "explicit", ev)
                             for t in d.implements)
    return ex


def central_extractions(folder: Path = CENTRAL_DIR) -> list[Extraction]:
    """Central documents with their tasks and targets, one structured file each."""
    return [read_structured(p, method=METHOD) for p in sorted(folder.glob("*.yaml"))]


def reference_extractions() -> list[Extraction]:
    """The whole reference batch, in a stable order."""
    return [locality_extraction(), registry_extraction(), *central_extractions()]
