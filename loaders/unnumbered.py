"""Documents without a number: what an analyst counts as a document.

A typed document word, capitalised as Vietnamese prints document names, counts when it comes
with something concrete:
- an issuing verb after a named body: "Tỉnh ủy Cao Bằng ban hành Hướng dẫn về …",
  "Tỉnh ủy đã hoàn thành Kế hoạch thực hiện Nghị quyết";
- a regulating body: "Ban Thường vụ Tỉnh ủy Hà Giang quy định về nêu gương …";
- a title: "Đề án Nâng cao chất lượng cán bộ …", "Nghị quyết Đại hội Đảng bộ tỉnh …";
- its issuer: "Kế hoạch của Thành ủy" (a back-reference when that body has a numbered plan).
Lower-case generic words ("xây dựng kế hoạch", "các quy định") and documents still to be
written ("Xây dựng Chương trình …" with no issuer) are not documents.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.keys import fold, modern_tones
from loaders.issuers import Org, Orgs, as_orgs
from loaders.matching import Spans, whole_words
from loaders.references import type_words

_TYPES = ("Nghị quyết", "Kế hoạch hành động", "Kế hoạch", "Chỉ thị", "Kết luận", "Quy định",
          "Quyết định", "Hướng dẫn", "Chương trình hành động", "Chương trình", "Đề án", "Quy chế")
_TYPE_ALT = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in _TYPES)
ISSUING_VERB = r"(?:ban\s+hành|xây\s+dựng\s+xong|đã\s+xây\s+dựng|thông\s+qua|ký\s+ban\s+hành)"
_ISSUED = re.compile(rf"{ISSUING_VERB}\s+({_TYPE_ALT})(?![\w])")
_REGULATES = re.compile(r"\s+quy\s+định\s+(?=về\s|trách\s+nhiệm\s)")
_TYPE_WORD = whole_words(_TYPES, before=r"\w", after=None)  # (?<![\w])(?:_TYPE_ALT), fast
_TITLED = re.compile(rf"({_TYPE_WORD})\s+(?=[A-ZĐ])")
_OF = re.compile(rf"({_TYPE_WORD})\s+của\s+")
_CLAUSE_END = re.compile(r"[,;:.!?\n(\"“]|\s(?:và|với|để|nhằm|theo|của)\s")
# a clause or another body between ("… của Huyện ủy Cô Tô, Ban Chấp hành Đảng bộ xã ban hành")
_OTHER_BODY = re.compile(r"[;.]|,\s*[A-ZĐ]")
_CARRIED = re.compile(r"(?:thực\s+hiện|triển\s+khai)\s+$", re.IGNORECASE)
_NOT_TITLE = re.compile(r"(?:Trung ương|TW|Hội nghị|Số|số|Này|[IVXLC]+\b|\d"
                        r"|(?:Nơi|Cơ quan) ban hành|Người ký|Ngày|Loại văn bản|Lĩnh vực"
                        r"|Tình trạng)")  # …or a metadata label after "Loại văn bản: Quyết định"


@dataclass(frozen=True)
class Unnumbered:
    """An unnumbered document mention."""

    start: int
    end: int  # end of the type word
    type: str
    issuer: Org | None
    title: str | None  # subject words as printed
    issued: bool  # introduced by an issuing verb here
    bare: bool  # no subject words: likely a back-reference to a known document
    method: str


def _title_after(text: str, pos: int) -> str:
    m = _CLAUSE_END.search(text, pos)
    end = m.start() if m else len(text)
    words = text[pos:end].split()
    return " ".join(words[:14])


def _org_ending_before(orgs: Orgs, text: str, pos: int, sent_start: int) -> Org | None:
    before = orgs.within(sent_start, pos)
    if not before:
        return None
    o = before[-1]
    gap = text[o.end:pos]
    return o if len(gap) <= 40 and not _OTHER_BODY.search(gap) else None


def find_unnumbered(text: str, orgs: list[Org], masked: Spans | Iterable[tuple[int, int]],
                    sentences: Sequence[tuple[int, int]]) -> list[Unnumbered]:
    """Unnumbered document mentions, outside masked spans (symbols, nicknames, org names)."""
    norm = modern_tones(text)
    out: dict[int, Unnumbered] = {}
    masked = masked if isinstance(masked, Spans) else Spans(masked)
    orgs = as_orgs(orgs)

    def free(a: int, b: int) -> bool:
        return not masked.overlaps(a, b) and not text[a:b].isupper()

    starts = [a for a, _ in sentences]  # ascending, the spans disjoint

    def sent_of(pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, pos) - 1
        return sentences[i] if i >= 0 and pos < sentences[i][1] else (pos, pos)

    def name(word: str) -> str:
        return type_words().get(fold(re.sub(r"\s+", " ", word))) or word

    m: re.Match[str] | None
    title: str | None
    for m in _ISSUED.finditer(norm):
        a, b = m.start(1), m.end(1)
        if not free(a, b) or a in out:
            continue
        sa, _ = sent_of(a)
        issuer = _org_ending_before(orgs, text, m.start(), sa)
        if issuer is None:
            continue
        title = _title_after(text, b)
        out[a] = Unnumbered(a, b, name(m.group(1)), issuer, title or None, True,
                            not title or fold(title).startswith("nay"), "explicit")
    for o in orgs:
        m = _REGULATES.match(norm, o.end)
        if m and free(m.start(), m.end()) and o.start not in out:
            a = m.start() + len(m.group()) - len(m.group().lstrip())
            title = _title_after(text, m.end())
            out[a] = Unnumbered(a, m.end(), "Quy định", o, title, True, False, "implied")
    for m in _TITLED.finditer(norm):
        a, b = m.start(1), m.end(1)
        if a in out or not free(a, b) or _NOT_TITLE.match(norm, m.end()):
            continue
        issuer = orgs.starting_at(m.end())
        title = _title_after(text, m.end())
        if issuer is None and (len(title.split()) < 3 or text[a - 1:a] == "("
                               or _CARRIED.search(norm, max(0, a - 30), a)):
            continue  # a programme's name carried out ("thực hiện Chương trình Hỗ trợ …")
        if issuer is None:
            sa, _ = sent_of(a)
            before = orgs.within(sa, a)
            while len(before) > 1 and not text[before[-2].end:before[-1].start].strip():
                before.pop()  # "Ban Chỉ đạo … Ban Chấp hành Trung ương": the body, not its parent
            issuer = before[-1] if before else None
        if issuer is not None and issuer.start == m.end():
            title = None  # "Nghị quyết Đại hội Đảng bộ tỉnh …": named by its issuer
        out[a] = Unnumbered(a, b, name(m.group(1)), issuer, title, False, False, "explicit")
    for m in _OF.finditer(norm):
        a, b = m.start(1), m.end(1)
        issuer = orgs.starting_at(m.end())
        if a in out or not free(a, b) or issuer is None or issuer.level == "central":
            continue
        out[a] = Unnumbered(a, b, name(m.group(1)), issuer, None, False, True, "explicit")
    return [out[k] for k in sorted(out)]
