"""Hand-built extractions for store and query tests (our own facts, not the seeds')."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from graph.model import (
    Deadline,
    Document,
    Evidence,
    Extraction,
    Implements,
    Source,
    Target,
    Task,
    ThemeTag,
)


def source(name: str, content: str = "") -> Source:
    sha = hashlib.sha256((name + content).encode()).hexdigest()
    return Source(f"src:{sha[:16]}", name, f"/corpus/{name}", sha, len(content), "utf-8")


def ev(src: Source, sentence: str, method: str = "explicit") -> Evidence:
    return Evidence(src.uid, sentence, 0, len(sentence), method, 0.9)


def doc(src: Source, uid: str, symbol: str | None, type_: str, level: str,
        locality: str | None = None, date: dt.date | None = None, issuer: str | None = None,
        sentence: str = "") -> Document:
    return Document(uid, symbol, type_, issuer, level, locality, date,
                    ev(src, sentence or f"Văn bản {symbol or type_}."))


def central(version: str = "", file: str = "central.txt") -> Extraction:
    """A text about the central resolution and the Politburo plan implementing it."""
    s = source(file, version)
    nq = doc(s, "doc:26-NQ/TW", "26-NQ/TW", "Nghị quyết", "central", None,
             dt.date(2018, 5, 19), "Ban Chấp hành Trung ương Đảng khóa XII")
    kh = doc(s, "doc:10-KH/TW", "10-KH/TW", "Kế hoạch", "central", None, dt.date(2018, 6, 6),
             "Bộ Chính trị")
    link = Implements(kh.uid, nq.uid, "explicit",
                      ev(s, "Bộ Chính trị ban hành Kế hoạch 10-KH/TW để thực hiện Nghị quyết."))
    return Extraction(s, version, documents=[nq, kh], implements=[link])


def province(name: str, slug: str, number: str, date: dt.date, version: str = "",
             file: str | None = None) -> Extraction:
    """A provincial party plan implementing both central documents, with one task (`file`: the
    name of the text, `{slug}.txt` unless another file states the same)."""
    s = source(file or f"{slug}.txt", version)
    uid = f"doc:{number}-KH/TU@{slug}"
    plan = doc(s, uid, f"{number}-KH/TU", "Kế hoạch", "provincial", name, date,
               f"Ban Thường vụ Tỉnh ủy {name}",
               f"Tỉnh ủy {name} ban hành Kế hoạch số {number}-KH/TU để thực hiện Nghị quyết.")
    nq = doc(s, "doc:26-NQ/TW", "26-NQ/TW", "Nghị quyết", "central")
    kh = doc(s, "doc:10-KH/TW", "10-KH/TW", "Kế hoạch", "central")
    links = [Implements(uid, nq.uid, "explicit", plan.evidence),
             Implements(uid, kh.uid, "explicit", plan.evidence)]
    task = Task(f"task:{uid}#1", uid, "1", "Rà soát quy hoạch cán bộ.", ev(s, "1. Rà soát."),
                lead="Ban Tổ chức Tỉnh ủy", support=("Sở Nội vụ",),
                deadline=Deadline("hoàn thành trong quý IV năm 2018", "quarter", 2018, 4),
                themes=(ThemeTag("succession", ("quy hoạch",)),))
    target = Target(f"target:{uid}#1", "target", name, "nữ cấp ủy viên từ 20%", 20.0,
                    ev(s, "Đến năm 2025, nữ cấp ủy viên từ 20%."), document=uid, year=2025,
                    unit="percent")
    return Extraction(s, version, documents=[plan, nq, kh], implements=links, tasks=[task],
                      targets=[target])


def corpus() -> list[Extraction]:
    return [central(), province("Hải Phòng", "hai-phong", "123", dt.date(2018, 7, 30)),
            province("Quảng Ninh", "quang-ninh", "228", dt.date(2018, 8, 29))]


def corpus_store(path: Path) -> Path:
    """An embedded store file at `path` holding `corpus()`, closed (for CLI tests)."""
    from graph import load_batches, open_store, to_batch

    s = open_store(str(path))
    try:
        s.ensure_schema()
        load_batches(s, [to_batch(x) for x in corpus()])
    finally:
        s.close()
    return path
