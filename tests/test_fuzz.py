"""Fuzzing the extractor and the reader (issue 17): random and mutated Vietnamese text —
symbols, dates, numbering, tables, broken encodings — never raises, never hangs, and every
evidence span stays inside the text. A bounded number of examples runs here; set
KG_FUZZ_EXAMPLES (e.g. 100000) for a long run."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from graph.model import Evidence  # noqa: E402
from loaders import SourceError  # noqa: E402
from loaders.read import clean, decode  # noqa: E402
from tests.factories import source  # noqa: E402

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=5_000, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Pieces of the genre, in our own words: symbols, dates, cues, numbering, table furniture.
PIECES = ["26-NQ/TW", "10-KH/TW", "Số 45/KH-UBND", "123-KH/TU", "132/NQ-CP", "Nghị quyết số ",
          "Kế hoạch ", "Chỉ thị ", "ngày 19 tháng 5 năm 2018", "19/5/2018", "năm 2025",
          "để thực hiện ", "triển khai ", "Tỉnh ủy Hải Phòng", "UBND tỉnh Quảng Ninh",
          "Ủy ban nhân dân huyện ", "xã Hòa Sơn", "chủ trì", "phối hợp", "Sở Nội vụ",
          "Ban Tổ chức Tỉnh ủy", "hoàn thành trong quý IV năm 2018", "thường xuyên",
          "đạt 60%", "9/15 (60%)", "từ 20% trở lên", "I. ", "II.", "1. ", "2.1.", "a) ",
          "- ", "+ ", "(1) ", "|", " | ", "\t", "\n", "\n\n", ". ", "; ", ": ", "…", "“", "”",
          "Đ", "đ", "\u0301", "\u00a0", "\ufeff", "\x00", "\r\n"]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)),
                 max_size=60).map("".join)


def evidence(x: object) -> Iterator[Evidence]:
    """Every Evidence inside an extraction."""
    if isinstance(x, Evidence):
        yield x
    elif dataclasses.is_dataclass(x) and not isinstance(x, type):
        for f in dataclasses.fields(x):
            yield from evidence(getattr(x, f.name))
    elif isinstance(x, list | tuple):
        for v in x:
            yield from evidence(v)


def check(text: str) -> None:
    from loaders.pipeline import extract_text

    text = clean(text)
    ex = extract_text(text, source("fuzz.txt", text))
    for ev in evidence(ex):
        assert 0 <= ev.start <= ev.end <= len(text), (ev.start, ev.end, len(text))


@FUZZ
@given(texts)
def test_random_genre_text_extracts_with_spans_inside(text):
    check(text)


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8")[:6000] for p in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repo")
@FUZZ
@given(st.data())
def test_mutated_real_text_extracts_with_spans_inside(data):
    text = data.draw(st.sampled_from(_seed_texts()))
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 200)))
        text = text[:i] + data.draw(st.one_of(st.sampled_from(PIECES), st.just(""))) + text[j:]
    check(text)


@FUZZ
@given(st.one_of(st.binary(max_size=400),
                 texts.map(lambda t: t.encode("utf-8", "surrogatepass")[:400]),
                 texts.map(lambda t: t.encode("utf-16", "surrogatepass")),
                 texts.map(lambda t: t.encode("cp1258", "replace"))))
def test_any_bytes_decode_or_are_refused_by_name(raw):
    try:
        text, encoding = decode(raw, "fuzz.txt")
    except SourceError as e:
        assert "fuzz.txt" in str(e)
        return
    assert isinstance(text, str) and encoding
