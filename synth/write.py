"""Write a synthetic corpus to disk, one file at a time (texts, and gold YAML on request).

Layout: OUT/NNNNNNN_<slug>.txt, and the gold beside it, outside OUT (`kg load OUT` reads every
.yaml under OUT as a structured document): GOLD/NNNNNNN_<slug>.yaml, GOLD = OUT-gold unless
given. Above 20,000 documents the files go into parts of 10,000 (OUT/p0000/…, GOLD/p0000/…) so
no folder grows huge. OUT/SYNTHETIC.json records the seed, the size and the counts per genre.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.keys import slug
from synth.plan import Campaign, DocSpec, documents
from synth.render import render

PART = 10_000
FLAT_LIMIT = 20_000
GOLD_HEADER = ("# SYNTHETIC gold: written by kg synth together with the text it annotates\n"
               "# (the generator knows the truth); not a human annotation of a real document.\n")


@dataclass(frozen=True)
class Written:
    index: int
    genre: str
    text: Path
    gold: Path | None
    chars: int


def file_stem(index: int, c: Campaign, d: DocSpec) -> str:
    what = d.key if d.symbol else f"tin-{d.locality}-{c.central.symbol}"
    return f"{index:07d}_{slug(what)}"


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(map(_scalar, v)) + "]"
    return json.dumps(str(v), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _flow(row: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in row.items()) + "}"


def gold_yaml(gold: dict[str, Any]) -> str:
    """The gold record in the shared format, one flow mapping per item (fast, diff-friendly)."""
    out = [GOLD_HEADER, f"source: {_scalar(gold['source'])}\nsynthetic: true\n"]
    for section in ("documents", "implements", "aliases", "tasks", "targets"):
        items = gold[section]
        if not items:
            out.append(f"{section}: []\n")
            continue
        out.append(f"{section}:\n")
        out.extend(f"  - {_flow(x)}\n" for x in items)
    return "".join(out)


def default_gold_dir(out_dir: str | Path) -> Path:
    out = Path(out_dir)
    return out.with_name(out.name + "-gold")


def generate(out_dir: str | Path, n_docs: int, seed: int, gold: bool = False,
             gold_dir: str | Path | None = None) -> Iterator[Written]:
    """Write the corpus of `n_docs` documents for `seed`; yields each file as it is written."""
    out = Path(out_dir)
    gold_root = Path(gold_dir) if gold_dir else default_gold_dir(out)
    sharded = n_docs > FLAT_LIMIT
    counts: Counter[str] = Counter()
    chars = 0
    for i, (c, d) in enumerate(documents(n_docs, seed)):
        part = f"p{i // PART:04d}" if sharded else ""
        tdir = out / part
        gdir = gold_root / part
        if i % PART == 0 or i == 0:
            tdir.mkdir(parents=True, exist_ok=True)
            if gold:
                gdir.mkdir(parents=True, exist_ok=True)
        stem = file_stem(i, c, d)
        t = render(seed, c, d)
        body = t.body()
        text_path = tdir / f"{stem}.txt"
        text_path.write_text(body, encoding="utf-8")
        gold_path = None
        if gold:
            gold_path = gdir / f"{stem}.yaml"
            gold_path.write_text(gold_yaml(t.gold(text_path.name)), encoding="utf-8")
        counts[d.genre] += 1
        chars += len(body)
        yield Written(i, d.genre, text_path, gold_path, len(body))
    (out / "SYNTHETIC.json").write_text(json.dumps(
        {"synthetic": True, "generator": "kg synth", "seed": seed, "documents": n_docs,
         "gold": gold, "characters": chars, "genres": dict(sorted(counts.items()))},
        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
