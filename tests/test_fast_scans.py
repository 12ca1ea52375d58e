"""The fast scans give what the patterns they replace give (they exist for speed only)."""

from __future__ import annotations

import random
import re

from loaders import localities, normalise, structure
from loaders.documents import _ISSUED_BEFORE, _ISSUED_ENDS
from loaders.issuers import _CAPITAL, _anywhere, _by_initial, _matches, _patterns
from loaders.matching import _TABLE, first_chars, fold_same_length
from loaders.segments import paragraphs
from loaders.subject import _BODY_START, HEAD_CHARS, _head_end

PIECES = ["a", "B", " ", "\t", "\n", "\n\n", " \n", "|", ":", " :", "\r", "\u00a0", "1.",
          "- ", "a)", "I.", "Điều 2", "Hà Nội", "Tỉnh ", "tp. ", "Căn cứ", "Sở Nội vụ",
          "ngày 5", "Căn cứLuật", "sốngày", "Ủy ban nhân dân ", "x" * 30]


def _texts(n: int, seed: int) -> list[str]:
    r = random.Random(seed)
    return ["".join(r.choice(PIECES) for _ in range(r.randint(0, 14))) for _ in range(n)]


def test_fold_by_array_equals_translate():
    text = "Ủy ban nhân dân tỉnh Hà Giang — “Kế hoạch” số 12/KH-UBND ≥ 90% " * 10
    assert fold_same_length(text) == text.translate(_TABLE)
    assert fold_same_length(text).startswith("uy ban nhan dan tinh ha giang")


def test_paragraphs_are_the_non_blank_lines():
    for t in _texts(3000, 1):
        assert paragraphs(t) == [(m.start(), m.end())
                                 for m in re.finditer(r"[^\n]*\S[^\n]*", t)]
    assert paragraphs("a\n \nb c\n") == [(0, 1), (4, 7)]


def test_short_lines_are_the_pattern_groups():
    for t in _texts(3000, 2):
        want = [(m.start(1), m.group(1)) for m in localities._SHORT_LINE.finditer(t)]
        assert list(localities._short_lines(t)) == want
    assert list(localities._short_lines("  Hà Nội :\nx: y")) == [(2, "Hà Nội"), (11, "x: y")]


def test_rejoin_and_hard_wrap_equal_the_patterns():
    for t in _texts(3000, 3):
        assert structure._rejoin(t) == structure._WRAP.sub(r"\1 ", t)
    wrapped = "\n".join(["mot dong van ban dai"] * 10 + ["con tiep o day"] * 10)
    assert structure._hard_wrapped(wrapped)
    assert not structure._hard_wrapped("1. Một\n2. Hai\n")


def test_glue_repairs_insert_the_same_spaces():
    n = normalise.normalise("Căn cứLuật số39-NQ/TWngày 5/3/2019, Hà Nộingày 5")
    assert n.text == "Căn cứ Luật số 39-NQ/TW ngày 5/3/2019, Hà Nội ngày 5"
    assert n.original(len(n.text)) == len("Căn cứLuật số39-NQ/TWngày 5/3/2019, Hà Nộingày 5")


def test_body_capitals_are_where_the_anywhere_pattern_matches():
    for t in _texts(2000, 4):
        want = [m.start() for m in _anywhere().finditer(t)]
        got = [c.start() for c in _CAPITAL.finditer(t) if _anywhere().match(t, c.start())]
        assert got == want


def test_issuing_verb_only_where_the_head_ends_with_its_words():
    words = ["ban", "hành", "BAN HÀNH", "xây dựng xong", "thông qua", "ký ban hành", "văn bản",
             "số", " ", "\n", "x", ":"]
    r, matched = random.Random(6), 0
    for _ in range(5000):
        h = "".join(r.choice(words) for _ in range(r.randint(0, 6)))
        if _ISSUED_BEFORE.search(h):
            matched += 1
            assert h.rstrip().casefold().endswith(_ISSUED_ENDS)
    assert matched > 100


def test_head_end_equals_the_search():
    for t in [*_texts(2000, 5), "x" * 7000 + "\nCăn cứ"]:
        m = _BODY_START.search(t, 0, HEAD_CHARS)
        assert _head_end(t) == (m.start() if m else min(len(t), HEAD_CHARS))


def test_bodies_found_by_initial_are_each_patterns_finditer():
    scan, _ = _by_initial()
    texts = [*_texts(2000, 7), "Ban Thường vụ Tỉnh ủy Hà Nội, UBND tỉnh Nghệ An và Bộ Nội vụ; "
             "Hội nghị Trung ương 6 Ban Chấp hành Trung ương Đảng, Thủ tướng Chính phủ"]
    for t in texts:
        assert [c.start() for c in scan.finditer(t)] == [m.start() for m in
                                                           _anywhere().finditer(t)]
        want = sorted(((m.start(), m.end(), i) for i, (p, _) in enumerate(_patterns())
                       for m in p.finditer(t)), key=lambda x: (x[0], x[2]))
        assert [(m.start(), m.end()) for _, _, m, _ in _matches(t)] == [(a, b) for a, b, _ in want]
    assert len(_matches(texts[-1])) >= 5


def test_first_chars_cover_every_match():
    for source in [r"(?:Ban|B\w+)\s(?<!x)Tỉnh", r"(?:ab)?[c-e]x", r"a*b", r"[^a]b", r"(?i:a)b"]:
        rx, firsts = re.compile(source), first_chars(re.compile(source))
        for t in ["Ban Tỉnh", "Bxy Tỉnh", "abcx", "dx", "aab", "b", "cb", "Ab"]:
            for m in rx.finditer(t):
                assert firsts is None or (m.group() and m.group()[0] in firsts)
    assert first_chars(re.compile(r"(?:ab)?[c-e]x")) == frozenset("acde")
    assert first_chars(re.compile(r"a*b")) == frozenset("ab")
    assert first_chars(re.compile(r"[^a]b")) is None and first_chars(re.compile("a?")) is None


def test_themes_tried_by_first_word_equal_each_themes_finditer():
    from loaders.themes import _matchers, tag_themes, themes

    words = [w for t in themes() for w in (*t.triggers, t.label_vi)]
    r = random.Random(8)
    noise = ["các", " ", ", ", "\n", "&", "x", "cán bộ", "nữ", "nữa", "(", "-", "2025"]

    def reference(text: str) -> dict[str, list[str]]:
        folded, out = fold_same_length(text), {}
        for tid, rx in _matchers():
            seen = [" ".join(text[m.start():m.end()].split()) for m in rx.finditer(folded)]
            if seen:
                out[tid] = list(dict.fromkeys(seen))
        return out

    hits = 0
    for _ in range(600):
        text = "".join(r.choice(words) if r.random() < 0.4 else r.choice(noise)
                       for _ in range(r.randint(1, 8)))
        got = {t.theme: list(t.words) for t in tag_themes(text)}
        assert got == reference(text)
        hits += bool(got)
    assert hits > 200


def test_bare_markers_joined_as_the_pattern_joins_them():
    pieces = [*PIECES, "1.", "II.", "a", "3.2.", " \n", "|", "\n1.\n", "\n  b)\n", "\nIV -\n"]
    r = random.Random(9)
    for _ in range(3000):
        t = "".join(r.choice(pieces) for _ in range(r.randint(0, 14)))
        assert structure._join_bare_markers(t) == structure._BARE_LINE.sub(r"\1 ", t)
    assert structure._join_bare_markers("I.\nMỤC ĐÍCH\n2.\nSở") == "I. MỤC ĐÍCH\n2. Sở"


def test_line_start_search_equals_the_search():
    from loaders.matching import line_start
    from loaders.subject import _ADDRESSED, _NUMBER, _PLACE_DATE

    pats = [structure.rules().stop, structure.rules().resume, _NUMBER, _PLACE_DATE, _ADDRESSED,
            re.compile(r"^a|b", re.MULTILINE), re.compile(r"^\s*$", re.MULTILINE)]
    pieces = [*PIECES, "nơi nhận", "noi nhan", "KẾ HOẠCH", "Số: 12/KH", "Kính gửi:", "$", "|",
              "Hà Nội, ngày 5 tháng 3 năm 2020", "\n\n", "\t"]
    r = random.Random(10)
    for _ in range(3000):
        t = "".join(r.choice(pieces) for _ in range(r.randint(0, 12)))
        pos, end = r.randint(0, len(t) + 1), r.choice([None, r.randint(0, len(t) + 2)])
        for p in pats:
            want = p.search(t, pos) if end is None else p.search(t, pos, end)
            got = line_start(p).search(t, pos, end)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


def test_sentence_scans_led_by_the_mark_equal_the_space_led_patterns():
    from loaders.context import _BOUNDARY, sentence_spans
    from loaders.segments import _END, sentences

    # the patterns as they were written first (led by the space, tried at every space)
    spaced = re.compile(r"\s(?:(?<=[.!?;:]\s)\s*(?=[\"'“(]?[A-ZÀ-Ỹ0-9])|(?<=\n)\n*)")
    spaced_end = re.compile(r"\s(?:(?<=[.!?]\s)\s*(?=[\"'“(]?[A-ZÀ-Ỹ0-9Đ])|(?<=\n)\n*)")
    pieces = [*PIECES, ".", ";", "!", "?", '"', "(", "“", "1", "Đ", "x. Y", ".\n", ": ", "\n.",
              ".\n\n "]
    r = random.Random(11)
    for _ in range(5000):
        t = "".join(r.choice(pieces) for _ in range(r.randint(0, 16)))
        for new, old in ((_BOUNDARY, spaced), (_END, spaced_end)):
            got = [m.span(1) if m.start(1) >= 0 else m.span() for m in new.finditer(t)]
            assert got == [m.span() for m in old.finditer(t)]
        cuts = [m.span() for m in spaced.finditer(t)]
        between = zip([0, *(b for _, b in cuts)], [*(a for a, _ in cuts), len(t)], strict=True)
        assert sentence_spans(t) == [(a, b) for a, b in between if re.search(r"\S", t[a:b])]
    assert sentence_spans("Một. Hai;\nba") == [(0, 4), (5, 9), (10, 12)]
    assert sentences("Một. Hai;\nba") == ((0, 4), (5, 9), (10, 12))


def _headings_by_pattern(text: str) -> list[tuple[int, str]]:
    """`section_headings` as it was: every short line read with the province pattern."""
    out = []
    for start, group in localities._short_lines(text):
        line = (localities._PREFIX.sub("", group) if group[0] in "tT" else group).strip()
        found = localities.find_provinces(line)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(line):
            out.append((start, found[0].province))
    return out


def test_section_headings_skip_only_lines_that_cannot_be_one_name():
    r = random.Random(9)
    names = ["Hà Nội", "HÀ NỘI", "Thanh Hoá", "Thanh Hóa", "Hồ Chí Minh", "TP. Hồ Chí Minh",
             "Bà Rịa - Vũng Tàu", "Huế", "Quảng  Ninh", "Hà\tNam", "Nam Hà", "Hà", "Ninh"]
    parts = [*names, "tỉnh ", "Tỉnh ", "thành phố ", " ", ":", "Sở Y tế", "và", "\n", "x"]
    for _ in range(3000):
        text = "".join(r.choice(parts) for _ in range(r.randint(1, 8)))
        assert localities.section_headings(text) == _headings_by_pattern(text), text
    assert localities.section_headings("Tỉnh Thanh Hoá:\nx\n  HÀ NỘI\n") == [
        (0, "Thanh Hóa"), (20, "Hà Nội")]


def test_themes_of_a_folded_slice_equal_the_themes_of_the_text():
    from loaders.themes import tag_themes

    for t in [*_texts(2000, 11), "Luân chuyển\u00a0cán bộ,\n đánh\tgiá cán bộ; Đào tạo"]:
        own = " ".join(t.split())
        folded = " ".join(fold_same_length(t).split())
        assert tag_themes(own, folded) == tag_themes(own)
    assert [x.theme for x in tag_themes("Luân chuyển cán bộ", "luan chuyen can bo")] == [
        "rotation"]


def test_symbols_found_at_digit_runs_with_a_slash_after():
    from loaders.references import find_symbols

    text = "Số 12 /KH-UBND, 26-NQ/TW, 140/2017/NĐ-CP, 05 / 2019 / QĐ-TTg, năm 2019 /"
    assert [r.symbol for r in find_symbols(text)] == [
        "12/KH-UBND", "26-NQ/TW", "140/2017/NĐ-CP", "05/2019/QĐ-TTg"]


def test_lead_search_equals_the_search():
    from loaders.matching import LeadSearch

    patterns = [re.compile(r"(?<![^\s|])kinh gui\s*:"), re.compile(r"(?<!\w)(?:Sở|tỉnh) \w+"),
                re.compile(r"\d+(?=/)"), re.compile(r"(?<=a)b|c"), re.compile(r"(?i)x")]
    for t in _texts(1500, 12):
        t = t + " kinh gui: Sở Y tế 12/ab c"[: len(t) % 27]
        for p in patterns:
            lead = LeadSearch(p)
            for a, b in ((0, len(t)), (3, len(t) - 2), (len(t) // 2, len(t) + 5)):
                got, want = lead.search(t, a, b), p.search(t, a, b)
                assert (got and got.span()) == (want and want.span()), (p, t, a, b)
    assert LeadSearch(patterns[0]).search("x\nkinh gui :") is not None
    assert LeadSearch(patterns[0]).search("xkinh gui:") is None


def test_symbols_start_only_at_the_number_runs_tried():
    from loaders.references import _number_runs, _patterns

    r = random.Random(13)
    parts = ["12", "05", "/", "-", " ", ".", ",", "_", "a", "Đ", "NQ", "/TW", "-CP", "/2019/",
             "KH-UBND", "QĐ-TTg", "số ", "\n", "²", "٣"]
    families = ("state_qppl", "party_state_order", "state_adm", "party", "letter", "letter_any")
    for _ in range(4000):
        t = "".join(r.choice(parts) for _ in range(r.randint(1, 12)))
        starts = {a for a, _ in _number_runs(t)}
        for fam in families:
            for m in _patterns()[fam].finditer(t):
                assert m.start() in starts, (fam, t)
    assert _number_runs("12/2019, x5 ab 7") == [(0, 2), (15, 16)]


def test_deadlines_picked_from_the_text_index_equal_the_range_search():
    from loaders.deadlines import _PAREN, find_deadline, patterns

    def by_range(text: str, a: int, b: int) -> tuple[int, int] | None:
        folded, found = fold_same_length(text), None
        for m in _PAREN.finditer(folded, a, b):
            if any(rx.search(m[1].strip()) for rx in patterns().parenthesised):
                found = m.span(1)
        return found

    r = random.Random(14)
    parts = ["(hoàn thành trong quý IV năm 2026)", "(trước ngày 30/6/2025)", "(Sở Y tế)", "(",
             ")", "x", " rà soát ", "(thực hiện hằng năm)", "\n", "(năm 2027"]
    for _ in range(400):
        t = "".join(r.choice(parts) for _ in range(r.randint(1, 10)))
        for a in range(0, len(t) + 1, 7):
            for b in range(a, len(t) + 1, 11):
                want, got = by_range(t, a, b), find_deadline(t, a, b)
                if want is not None:  # (else the inline wording is looked for, as before)
                    assert got is not None and got[0].text == " ".join(
                        t[want[0]:want[1]].split()).strip(), (t, a, b)


def test_evidence_spans_equal_the_sentence_and_origin_lookups():
    from graph.model import Source
    from loaders.context import TextContext
    from loaders.normalise import normalise

    pieces = [*PIECES, ". ", "Số39-NQ/TWngày", "Hà Nộingày", "\n\n", "x. Y"]
    r = random.Random(15)
    src = Source("src:x", "x.txt", "x.txt", "0" * 64, 0, "utf-8")
    for _ in range(800):
        t = "".join(r.choice(pieces) for _ in range(r.randint(0, 14)))
        norm = normalise(t)
        for ctx in (TextContext(t, src), TextContext(norm.text, src, origin=(t, norm))):
            n = len(ctx.text)
            for start in range(0, n + 1, 3):
                for end in (start, min(n, start + 5), n):
                    a, _ = ctx.sentence_span(start)
                    _, b = ctx.sentence_span(max(start, end - 1))
                    ev = ctx.evidence(start, end)
                    if ctx.origin is None:
                        assert (ev.sentence, ev.start, ev.end) == (t[a:b].strip(), start, end)
                    else:
                        o = norm.original
                        assert (ev.sentence, ev.start, ev.end) == (
                            " ".join(t[o(a):o(b)].split()), o(start), o(end))


def test_set_out_cues_start_before_the_last_neu():
    from loaders.implements import _SET_OUT

    r = random.Random(16)
    parts = ["thuc hien ", "cac nhiem vu ", "giai phap ", "neu trong ", "neu tai ", "neu",
             "x ", ". ", "\n", "thuc  hien", "noi dung "]
    for _ in range(3000):
        f = "".join(r.choice(parts) for _ in range(r.randint(1, 10)))
        for m in _SET_OUT.finditer(f):
            assert m.start() + 4 <= f.rfind("neu"), f


def test_province_names_read_across_any_spaces():
    found = localities.find_provinces("Quảng\u00a0 Ninh, Hà\nNội và THANH  HÓA")
    assert [(m.start, m.end, m.province) for m in found] == [
        (0, 11, "Quảng Ninh"), (13, 19, "Hà Nội"), (23, 33, "Thanh Hóa")]
