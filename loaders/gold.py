"""The shared gold format (../shared/gold/FORMAT.md): one dict per source, a YAML stream out."""

from __future__ import annotations

import re
from typing import Any

import yaml

from graph.model import Document, Extraction

LOCAL_SOURCE = re.compile(r"@src:[0-9a-f]+$")


def document_key(doc: Document) -> str:
    """A readable key, unique in one file: "123-KH/TU@Hải Phòng", "Kế hoạch: tinh-uy@Long An"."""
    if doc.symbol:
        if doc.locality:
            return f"{doc.symbol}@{doc.locality}"
        return doc.symbol if not LOCAL_SOURCE.search(doc.uid) else f"{doc.symbol}@?"
    words = doc.uid.split(":", 2)[-1].split("@")[0]
    return f"{doc.type or 'Văn bản'}: {words}@{doc.locality or '?'}"


def to_gold(extraction: Extraction) -> dict[str, Any]:
    """The extraction in the gold format; keys are consistent within the file."""
    keys: dict[str, str] = {}
    taken: set[str] = set()  # (the values of `keys`, looked up without a pass over them)
    for d in extraction.documents:
        key, n = document_key(d), 2
        while key in taken:
            key, n = f"{document_key(d)} #{n}", n + 1
        taken.discard(keys.get(d.uid))
        keys[d.uid] = key
        taken.add(key)
    docs = [{"key": keys[d.uid], "symbol": d.symbol, "type": d.type, "issuer": d.issuer,
             "level": d.level, "locality": d.locality,
             "date": d.date.isoformat() if d.date else None} for d in extraction.documents]
    links = [{"from": keys[e.source_doc], "to": keys[e.target_doc], "basis": e.basis}
             for e in extraction.implements if e.source_doc in keys and e.target_doc in keys]
    aliases = [{"text": a.text, "refers_to": list(a.refers_to)} for a in extraction.aliases]
    tasks = [{"in": keys.get(t.document, t.document), "label": t.label, "lead": t.lead,
              "support": list(t.support), "deadline": t.deadline.text if t.deadline else None}
             for t in extraction.tasks]
    targets = [{"kind": t.kind, "subject": t.subject, "text": t.text,
                "value": _number(t.value), "year": t.year} for t in extraction.targets]
    return {"source": extraction.source.name, "documents": docs, "implements": links,
            "aliases": aliases, "tasks": tasks, "targets": targets}


def _number(v: float | None) -> float | int | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else v


def dump_gold(items: list[dict[str, Any]]) -> str:
    """A YAML stream, one document per source, separated by ---."""
    return yaml.safe_dump_all(items, allow_unicode=True, sort_keys=False, width=100,
                              explicit_start=True)
