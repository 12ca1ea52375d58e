"""Extraction does work in proportion to the text: the lookups that replaced whole-list scans
answer as the scans did, and a text four times longer costs about four times the steps.

Steps are counted, not timed: the lines of loaders/ the interpreter runs (a scan of every
earlier span or mention for each match shows up as lines per KB growing with the text).
"""

from __future__ import annotations

import random
import sys
import unicodedata
from pathlib import Path

import pytest

import loaders
from bench.bench_extract import _source, corpus, news_text
from graph.model import Document, Evidence
from loaders.context import TextContext
from loaders.implements import _Generics, _Opener
from loaders.issuers import Orgs, find_organisations
from loaders.matching import Spans
from loaders.pipeline import extract_text
from loaders.plan import DIRECTIVE_TYPES, PLAN_TYPES, _Owners, _repeat
from loaders.targets import _Plans


def _lines_run(text: str) -> int:
    """Lines of loaders/ executed while extracting `text`."""
    root = str(Path(loaders.__file__).parent)
    count = 0

    def local(frame, event, arg):
        nonlocal count
        count += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(root) else None

    sys.settrace(calls)
    try:
        extract_text(text, _source(0, text))
    finally:
        sys.settrace(None)
    return count


def _news(size: int) -> bytes:
    r, out = random.Random(2), []
    while sum(map(len, out)) < size:
        out.append(news_text(r).encode("utf-8"))
    return b"\n".join(out)


@pytest.mark.parametrize("whole", [
    lambda: b"\n".join(corpus(0.25, 5)),  # plans and round-ups, one after another in one text
    lambda: _news(200_000),  # provincial round-ups only: no document of its own
], ids=["mixed", "news"])
def test_steps_grow_in_proportion_to_the_text(whole):
    data = whole()
    texts = [unicodedata.normalize("NFC", data[:kb * 1000].decode(errors="ignore"))
             for kb in (5, 50, 200)]
    _lines_run(texts[0])  # gazetteers and patterns load once
    small, large = (_lines_run(t) / len(t) for t in texts[1:])
    # 0.92 and 1.00 here; 1.39 and 1.9 at d5dffa3, when overlaps, sections, mentions and documents
    # were scanned from the start for each match
    assert large / small < 1.25


def test_spans_overlap_as_the_scan_of_all_spans_says():
    r = random.Random(1)
    for _ in range(300):
        held = []
        spans = Spans()
        for _ in range(r.randint(0, 30)):
            a = r.randint(0, 2000)
            b = a + r.choice([0, 1, 2, 5, 40, 300, 700])
            held.append((a, b))
            spans.add(a, b)
        for _ in range(30):
            a = r.randint(0, 2100)
            b = a + r.choice([0, 1, 3, 255, 256, 600])
            assert spans.overlaps(a, b) == any(x < b and a < y for x, y in held)


def test_org_lookups_equal_the_scans():
    text = ("Ban Thường vụ Tỉnh ủy Nghệ An và Sở Nội vụ, UBND tỉnh; Ban Tổ chức Tỉnh ủy cùng "
            "Bộ Chính trị, Sở Tài chính. ") * 8
    orgs = find_organisations(text)
    assert isinstance(orgs, Orgs) and len(orgs) > 20
    for pos in range(0, len(text), 7):
        assert orgs.starting_at(pos) == next((o for o in orgs if o.start == pos), None)
        for lo in (0, pos // 2, pos - 40):
            assert orgs.within(lo, pos) == [o for o in orgs if lo <= o.start and o.end <= pos]
            assert orgs.ending_at(pos, lo) == next(
                (o for o in orgs if o.end == pos and lo <= o.start), None)


class _M:
    def __init__(self, start: int, type_: str, uids: tuple[str, ...]):
        self.start, self.end, self.tail_end, self.type, self.uids = start, start + 5, start + 5, \
            type_, uids


def test_generic_objects_resolve_as_the_backward_scans():
    r = random.Random(3)
    types = ["Kế hoạch", "Nghị quyết", "Chỉ thị"]
    for _ in range(200):
        mentions = sorted((_M(r.randint(0, 500), r.choice(types),
                              r.choice([(), (f"d{r.randint(0, 9)}",)]))
                           for _ in range(r.randint(0, 25))), key=lambda m: m.start)
        openers = [_Opener(a, a + 20, r.sample(mentions, min(len(mentions), r.randint(0, 3))), [])
                   for a in sorted(r.sample(range(0, 500, 10), r.randint(0, 8)))]
        resolve = _Generics(openers, mentions)
        for m in mentions:
            lo = r.choice([0, m.start // 2, m.start])
            for kind in types:
                want = next((tuple(u for t in op.targets for u in t.uids)
                             for op in reversed(openers) if lo <= op.start <= m.start
                             and any(t.type == kind for t in op.targets)), None)
                if want is None:
                    want = next((p.uids for p in reversed(mentions)
                                 if lo <= p.start < m.start and p.type == kind and p.uids), ())
                assert resolve(kind, m, lo) == want


def test_a_repeated_task_label_gets_a_numbered_uid():
    assert [_repeat("task:x:ii-1", n) for n in range(4)] == [
        "task:x:ii-1", "task:x:ii-1~", "task:x:ii-1~2", "task:x:ii-1~3"]


def _owner_by_scan(ctx, at):
    section = max((o for o, _ in ctx.localities if o <= at), default=0)
    before = [d for d in ctx.documents if d.evidence.start < at]
    for pool in ([d for d in before if d.evidence.start >= section], before):
        for types in (PLAN_TYPES, DIRECTIVE_TYPES):
            cands = [d for d in pool if d.type in types]
            if cands:
                return max(cands, key=lambda d: d.evidence.start)
    return None


def test_the_owner_of_a_list_is_the_one_the_scan_finds():
    r = random.Random(4)
    src = _source(0, "")
    types = [*DIRECTIVE_TYPES, "Hướng dẫn", None]
    for _ in range(200):
        docs = [Document(f"d{i}", None, r.choice(types), None, "provincial", None, None,
                         Evidence(src.uid, "", s, s + 3))
                for i, s in enumerate(r.choices(range(0, 400, 7), k=r.randint(0, 20)))]
        ctx = TextContext("x" * 500, src, documents=docs,
                          localities=[(o, "Nghệ An") for o in sorted(r.sample(range(500), 3))])
        owners = _Owners(ctx)
        for at in range(0, 500, 13):
            assert owners(at) is _owner_by_scan(ctx, at)


def test_the_reporting_plan_of_a_target_is_the_one_the_scan_finds():
    r = random.Random(5)
    src = _source(0, "")
    for _ in range(200):
        docs = [Document(f"d{i}", None, r.choice([*PLAN_TYPES, "Nghị quyết"]), None,
                         "provincial", r.choice(["Nghệ An", "Cà Mau", None]), None,
                         Evidence(src.uid, "", s, s + 3))
                for i, s in enumerate(r.choices(range(0, 400, 7), k=r.randint(0, 20)))]
        plans = _Plans(docs)
        for at in range(0, 450, 11):
            for place in ("Nghệ An", "Cà Mau", None):
                cands = [d for d in docs if d.type in PLAN_TYPES and d.evidence.start < at
                         and place and d.locality == place]
                want = max(cands, key=lambda d: d.evidence.start).uid if cands else None
                assert plans(at, place) == want
