"""A small hand-built corpus for the analysis tests (our own facts, not the seeds')."""

from __future__ import annotations

import datetime as dt
import textwrap

from graph.model import Document, Extraction, Implements, Task, ThemeTag
from loaders.structured import parse_structured
from tests.factories import ev, source

CENTRAL = textwrap.dedent("""\
    symbol: 99-NQ/TW
    type: Nghị quyết
    issuer: Bộ Chính trị
    level: central
    date: 2020-01-10
    tasks:
      - {label: "1", text: "Luân chuyển cán bộ lãnh đạo giữa các địa phương", themes: [rotation]}
      - {label: "2", text: "Chống chạy chức, chạy quyền trong bổ nhiệm", themes: [power-control]}
      - {label: "3", text: "Phát huy vai trò giám sát của nhân dân", themes: [peoples-role]}
    targets:
      - {year: 2025, value: 100, unit: percent,
         text: "Hoàn thành bố trí bí thư cấp ủy cấp huyện không là người địa phương"}
    """)


def central() -> Extraction:
    return parse_structured(CENTRAL, source("99-NQ-TW.yaml", CENTRAL))


def plan(name: str, slug: str, number: str, date: dt.date | None,
         tasks: list[tuple[str, str, str | None, tuple[str, ...]]],
         implements: str = "doc:99-NQ/TW", level: str = "provincial") -> Extraction:
    """A plan of province `name` implementing `implements`, with (label, text, lead, themes)."""
    s = source(f"{slug}-{number}.txt")
    uid = f"doc:{number}-KH/TU@{slug}"
    d = Document(uid, f"{number}-KH/TU", "Kế hoạch", f"Ban Thường vụ Tỉnh ủy {name}", level,
                 name, date, ev(s, f"Kế hoạch số {number}-KH/TU của Tỉnh ủy {name}."))
    ts = [Task(f"task:{slug}-{number}:{i}", uid, label, text, ev(s, text), lead=lead,
               themes=tuple(ThemeTag(t, ()) for t in themes), order=i)
          for i, (label, text, lead, themes) in enumerate(tasks)]
    parent = Document(implements, implements.removeprefix("doc:").split("@")[0], None, None,
                      "central" if "/TW" in implements else level, None, None, d.evidence)
    return Extraction(s, "", documents=[d, parent],
                      implements=[Implements(uid, implements, "explicit", d.evidence)], tasks=ts)


def corpus() -> list[Extraction]:
    return [
        central(),
        plan("Lào Cai", "lao-cai", "5", dt.date(2020, 3, 10), [
            ("1", "Xây dựng quy chế luân chuyển cán bộ lãnh đạo", "Ban Tổ chức Tỉnh ủy",
             ("rotation",)),
            ("2", "Kiên quyết chống chạy chức, chạy quyền", "Ủy ban Kiểm tra Tỉnh ủy",
             ("power-control",)),
            ("3", "Báo cáo định kỳ hằng năm", None, ())]),
        plan("Sơn La", "son-la", "7", dt.date(2020, 5, 9), [
            ("1", "Luân chuyển cán bộ trẻ về cơ sở", "Ban Tổ chức Tỉnh ủy", ("rotation",))]),
        plan("Sơn La", "son-la", "9", None, [
            ("a", "Cụ thể hóa luân chuyển cán bộ lãnh đạo cấp huyện", "Ban Tổ chức Huyện ủy",
             ("rotation",))], implements="doc:7-KH/TU@son-la", level="district"),
        plan("Yên Bái", "yen-bai", "3", dt.date(2020, 2, 20), []),
    ]
