"""Texts of each genre, written from a `DocSpec` with their gold (one function per genre).

Shapes follow the reference notes (vn-conventions §1.6, §2.5, §4): Party and State headers,
a preamble citing what the plan implements, I./II./III. parts, tasks numbered 1., 2.1.,
(1), a), "-" bullets, leads (chủ trì), supporters (phối hợp), deadlines in parentheses,
targets ("Đến năm 2025: … từ 15% trở lên") and reported results ("9/15 (60%)").
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from synth.geography import Place, Province
from synth.plan import (
    Campaign,
    DocSpec,
    cites_politburo,
    district_plan,
    given,
    parents,
    phrases,
    rng,
    tu_plan,
    ubnd_plan,
)
from synth.text import Text, cap, date_text, percent

ROMAN = ("I", "II", "III", "IV", "V", "VI")
QUARTERS = ("I", "II", "III", "IV")
PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
STATE_HEADER = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


# --------------------------------------------------------------------------- small pieces
# how texts shorten the Central Committee's full name when they cite its resolutions
CENTRAL_BY = ("BCH Trung ương Đảng khóa {t}", "Ban Chấp hành TW khóa {t}", "BCH TW Đảng khóa {t}")


def issuer_name(r: random.Random, d: DocSpec) -> str:
    """The issuer as a citation prints it: the Central Committee abbreviated one of the ways
    texts abbreviate it, any other body by its name."""
    if d.issuer and d.issuer.startswith("Ban Chấp hành Trung ương Đảng khóa"):
        return r.choice(CENTRAL_BY).format(t=d.issuer.split()[-1])
    return d.issuer or ""


def ref(t: Text, d: DocSpec, style: str, by: str | None = None) -> str:
    """A citation: type, symbol, date in `style` and the issuer (or `by`), in one of the orders
    texts use: "… ngày D do X ban hành", "… (D) của X", "… của X, ngày D"."""
    t.mention(d)
    who, day = by or issuer_name(t.rng, d), date_text(d.date, style)
    # a local body's name right after a date, and a date in words in parentheses, are rare
    form = t.rng.randrange(2 if by or style == "words" else 3)
    if form == 0:
        return f"{d.type} {d.symbol} ngày {day} do {who} ban hành"
    if form == 1:
        return f"{d.type} {d.symbol} của {who}, ngày {day}"
    return f"{d.type} {d.symbol} ({day}) của {who}"


def named(d: DocSpec) -> str:
    """A document by type and symbol ("Nghị quyết 26-NQ/TW")."""
    return f"{d.type} {d.symbol}"


def deadline(r: random.Random, year: int) -> str:
    form = r.choice(phrases()["deadlines"])
    return form.format(q=r.choice(QUARTERS), y=year + r.randint(0, 1),
                       y1=year + 1 + r.randint(0, 1), m=r.randint(6, 12))


def bodies(kind: str, p: Province | None = None, d: Place | None = None,
           c: Place | None = None) -> list[str]:
    fill = {"p": p.committee if p else "", "u": p.unit if p else "",
            "d": d.committee if d else "", "du": d.kind if d else "", "c": c.kind if c else ""}
    return [b.format(**fill) for b in phrases()["bodies"][kind]]


def with_support(r: random.Random, lead: str, pool: list[str], most: int = 3,
                 cues: tuple[str, ...] | None = None) -> tuple[str, list[str]]:
    """ "A chủ trì, phối hợp với B, C" and the supporters named (vague tails are not bodies)."""
    others = [b for b in pool if b != lead]
    support = r.sample(others, r.randint(0, min(most, len(others))))
    cue = r.choice(cues or LEAD_CUES)
    if not support:
        return f"{lead} {cue}", []
    names = ", ".join(support[:-1]) + (" và " if len(support) > 1 else "") + support[-1]
    tail = r.choice(["", "", ", các cơ quan có liên quan", " cùng các đơn vị liên quan"])
    joint = r.choice(["phối hợp chặt chẽ với", "phối hợp chặt chẽ, hiệu quả với"])
    return f"{lead} {cue}, {joint} {names}{tail}", support


LEAD_CUES = ("làm đầu mối", "được giao chủ trì", "có trách nhiệm chủ trì", "làm đầu mối")


def task_phrase(r: random.Random, short: str, year: int) -> str:
    """A task sentence; a text draws from a shuffled deck, so one list never repeats itself."""
    deck = _decks.setdefault(id(r), [])
    if not deck:
        deck.extend(phrases()["local_tasks"])
        r.shuffle(deck)
    return deck.pop().format(short=short, y0=year + 1, y1=year + 5)


_decks: dict[int, list[str]] = {}


def leaf(t: Text, label: str, number: str, pool: list[str], short: str, year: int,
         p_lead: float = 0.7, p_deadline: float = 0.6) -> None:
    """One numbered task on one line, its lead and supporters stated in the sentence."""
    r = t.rng
    what = task_phrase(r, short, year)
    due = deadline(r, year) if r.random() < p_deadline else None
    tail = f" ({due})." if due else "."
    if r.random() < p_lead:
        lead = r.choice(pool)
        head, support = with_support(r, lead, pool)
        t.add(f"{number} {head} {what}{tail}")
        t.task(label, lead, support, due)
    else:
        t.add(f"{number} {cap(what)}{tail}")
        t.task(label, None, [], due)


def group(t: Text, label: str, number: str, heading: str | None, pool: list[str], short: str,
          year: int, style: str) -> None:
    """A numbered heading assigning a list of tasks: (1), (2) … or a), b) … or "-" bullets."""
    r = t.rng
    lead = r.choice(pool)
    head, support = with_support(r, lead, pool)
    if heading:
        t.add(f"{number} {heading}", f"{head}:")
    else:
        t.add(f"{number} {head}:")
    n = r.randint(2, 4)
    for i in range(1, n + 1):
        what = task_phrase(r, short, year)
        due = deadline(r, year) if r.random() < 0.5 else None
        end = f" ({due})" if due else ""
        end += "." if i == n else ";"
        if style == "paren":
            t.add(f"({i}) {cap(what)}{end}")
            t.task(f"{label} ({i})", lead, support, due)
        elif style == "letter":
            letter = "abcdefgh"[i - 1]
            t.add(f"{letter}) {cap(what)}{end}")
            t.task(f"{label}.{letter}", lead, support, due)
        else:
            t.add(f"- {cap(what)}{end}")
            t.task(f"{label} -{i}", lead, support, due)


def sub_items(t: Text, label: str, number: str, lead: str, support: list[str], short: str,
              year: int, style: str) -> None:
    """A numbered task split into items "(1)", "(2)" … (style "paren") or "-" bullets, all under
    the lead of the item above."""
    r = t.rng
    t.add(f"{number} {cap(task_phrase(r, short, year))}:")
    for k in range(1, r.randint(2, 3) + 1):
        due = deadline(r, year) if r.random() < 0.6 else None
        mark, suffix = (f"({k})", f" ({k})") if style == "paren" else ("-", f" -{k}")
        t.add(f"{mark} {cap(task_phrase(r, short, year))}" + (f" ({due})." if due else "."))
        t.task(f"{label}{suffix}", lead, support, due)


def items(t: Text, part: str, sep: str, heads: list[str | None], pool: list[str], short: str,
          year: int, groups: tuple[tuple[float, str], ...] = (), p_lead: float = 0.7) -> None:
    """The numbered items of a part, one per heading: each a group in the first style whose
    bound its draw falls under (groups: (bound, style) pairs, one draw per item), else a leaf."""
    for i, heading in enumerate(heads, 1):
        draw = t.rng.random() if groups else 1.0
        style = next((name for bound, name in groups if draw < bound), None)
        if style:
            group(t, f"{part}.{i}", f"{i}{sep}", heading, pool, short, year, style)
        else:
            leaf(t, f"{part}.{i}", f"{i}{sep}", pool, short, year, p_lead=p_lead)


def recipients(t: Text, lines: list[str]) -> None:
    t.add("", "Nơi nhận:", *[f"- {x}," for x in lines[:-1]], f"- {lines[-1]}.")


def purposes(t: Text, roman: str, sep: str, what: str, unit: str) -> None:
    t.add(f"{roman}{sep} {t.rng.choice(['MỤC ĐÍCH VÀ YÊU CẦU', 'YÊU CẦU, MỤC ĐÍCH'])}")
    for i, line in enumerate(phrases()["purposes"][: t.rng.randint(2, 4)], 1):
        t.add(f"{i}{sep} {line.format(ref=what, unit=unit)}.")


def subject(c: Campaign) -> dict:
    return phrases()["subjects"][c.subject]


def short_name(d: DocSpec) -> str:
    return {"Nghị quyết": "Nghị quyết", "Kết luận": "Kết luận", "Chỉ thị": "Chỉ thị"}.get(
        d.type or "", "Kế hoạch")


# --------------------------------------------------------------------------- central genres
def central(seed: int, c: Campaign, d: DocSpec) -> Text:
    t = Text(rng(seed, "text", d.key), d)
    r, s = t.rng, subject(c)
    kind = given(d.type, "type")
    signer = {"Nghị quyết": "BAN CHẤP HÀNH TRUNG ƯƠNG", "Kết luận": "BỘ CHÍNH TRỊ",
              "Chỉ thị": "BAN BÍ THƯ"}[kind]
    t.add("BAN CHẤP HÀNH TRUNG ƯƠNG", "*", f"Số {d.symbol}", PARTY_HEADER,
          f"Hà Nội, ngày {date_text(d.date, 'words')}", "", kind.upper())
    if d.type == "Nghị quyết":
        t.add(f"HỘI NGHỊ BCH TRUNG ƯƠNG ĐẢNG KHÓA {given(d.issuer, 'issuer').split()[-1]}")
    t.add(f"về {s['title']}", "")
    t.add("I- TÌNH HÌNH VÀ NGUYÊN NHÂN",
          f"Thời gian qua, việc {s['short']} đã được các cấp ủy, tổ chức đảng quan tâm lãnh đạo, "
          "đạt được nhiều kết quả quan trọng. Tuy nhiên, một số nơi còn hình thức, chưa gắn với "
          "điều kiện cụ thể; trách nhiệm của người đứng đầu chưa được đề cao đúng mức.", "")
    t.add("II- QUAN ĐIỂM, MỤC TIÊU", "1- Quan điểm",
          f"Coi {s['short']} là nhiệm vụ thường xuyên, lâu dài của cả hệ thống chính trị.",
          "2- Mục tiêu")
    for tg in s["targets"]:
        v = r.choice(tg["v"])
        text = tg["text"].format(v=v, lo=max(0, v - 10))
        t.add(f"Đến năm {tg['year']}: {text}.")
        t.target("target", None, text, v, tg["year"])
    t.add("", "III- NHIỆM VỤ, GIẢI PHÁP")
    for i, task in enumerate(s["central_tasks"], 1):
        t.add(f"{i}- {task}", "Các cấp ủy, tổ chức đảng cụ thể hóa nội dung này phù hợp với "
              "chức năng, nhiệm vụ của mình.")
        t.task(f"III.{i}", None, [], None)
    t.add("", "IV- TỔ CHỨC THỰC HIỆN",
          f"1- Các tỉnh ủy, thành ủy, các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực "
          f"thuộc Trung ương quán triệt, học tập và đề ra chương trình hành động của cấp mình "
          f"để thực hiện {d.type} này.")
    t.task("IV.1", None, [], None)
    lead = "Ban Tổ chức Trung ương"
    t.add(f"2- {lead} chủ trì, phối hợp với Văn phòng Trung ương Đảng theo dõi, hướng dẫn, "
          "kiểm tra việc thực hiện; định kỳ báo cáo Bộ Chính trị, Ban Bí thư (thực hiện hàng năm).")
    t.task("IV.2", lead, ["Văn phòng Trung ương Đảng"], "thực hiện hàng năm")
    t.add("", f"T/M {signer}", "TỔNG BÍ THƯ" if d.type == "Nghị quyết" else "")
    recipients(t, ["Các tỉnh ủy, thành ủy",
                   "Các ban đảng, ban cán sự đảng, đảng đoàn trực thuộc Trung ương",
                   "Các đảng ủy trực thuộc Trung ương", "Lưu Văn phòng Trung ương Đảng"])
    return t


def politburo(seed: int, c: Campaign, d: DocSpec) -> Text:
    t = Text(rng(seed, "text", d.key), d)
    r, s = t.rng, subject(c)
    style = r.choice(["slash", "dash"])
    year = work_year(d.date)
    t.add("BAN CHẤP HÀNH TRUNG ƯƠNG", "*", f"Số {d.symbol}", PARTY_HEADER,
          f"Hà Nội, ngày {date_text(d.date, 'words')}", "", "KẾ HOẠCH",
          f"triển khai {named(c.central)} của {issuer_name(r, c.central)}", "")
    t.add(f"Để triển khai thực hiện {ref(t, c.central, style)} về {s['title']}, Bộ Chính trị "
          "ban hành Kế hoạch với các nội dung như sau:")
    t.implements(d, c.central)
    purposes(t, "I", "-", named(c.central), "từng cấp, từng ngành")
    t.add("", "II- NỘI DUNG")
    pool = bodies("central_party")
    lead = "Ban Tuyên giáo Trung ương"
    due = f"hoàn thành trong quý {QUARTERS[min(3, (d.date.month + 2) // 3)]} năm {year}"
    t.add(f"1- Tổ chức học tập, quán triệt. {lead} chủ trì, phối hợp với Ban Dân vận Trung ương "
          f"hướng dẫn việc học tập, quán triệt {c.central.type} ({due}).")
    t.task("II.1", lead, ["Ban Dân vận Trung ương"], due)
    t.add("2- Xây dựng chương trình hành động. Các tỉnh ủy, thành ủy, ban cán sự đảng, đảng đoàn "
          f"xây dựng chương trình, kế hoạch thực hiện (hoàn thành trong tháng 9/{year}).")
    t.task("II.2", None, [], f"hoàn thành trong tháng 9/{year}")
    for i in range(3, 3 + r.randint(2, 4)):
        leaf(t, f"II.{i}", f"{i}-", pool, s["short"], year)
    t.add("", "III- TỔ CHỨC THỰC HIỆN")
    lead = "Văn phòng Trung ương Đảng"
    t.add(f"{lead} chủ trì, phối hợp với Ủy ban Kiểm tra Trung ương theo dõi, đôn đốc việc "
          "thực hiện Kế hoạch này, định kỳ báo cáo Bộ Chính trị.")
    t.add("", "T/M BỘ CHÍNH TRỊ")
    recipients(t, ["Các tỉnh ủy, thành ủy", "Các ban đảng Trung ương",
                   "Lưu Văn phòng Trung ương Đảng"])
    return t


def government(seed: int, c: Campaign, d: DocSpec) -> Text:
    t = Text(rng(seed, "text", d.key), d)
    r, s = t.rng, subject(c)
    year = work_year(d.date)
    t.add("CHÍNH PHỦ", f"Số: {d.symbol}", *STATE_HEADER,
          f"Hà Nội, ngày {date_text(d.date, 'header')}", "", "NGHỊ QUYẾT",
          f"Ban hành Chương trình hành động của Chính phủ thực hiện "
          f"{ref(t, c.central, 'words')}", "", "CHÍNH PHỦ", "")
    t.implements(d, c.central)
    t.add(f"Thực hiện {ref(t, c.central, 'pad')} về {s['title']};",
          "Xét đề nghị của Bộ trưởng Bộ Nội vụ,", "", "QUYẾT NGHỊ:",
          f"Điều 1. Ban hành Chương trình hành động của Chính phủ thực hiện {named(c.central)}, "
          "kèm theo Nghị quyết này.",
          "Điều 2. Nghị quyết có hiệu lực kể từ ngày ký.",
          "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, "
          "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chịu trách nhiệm "
          "thi hành Nghị quyết này.", "", "TM. CHÍNH PHỦ", "THỦ TƯỚNG", "",
          "CHƯƠNG TRÌNH HÀNH ĐỘNG", "")
    purposes(t, "I", ".", named(c.central), "từng bộ, ngành, địa phương")
    t.add("", "II. NHIỆM VỤ CHỦ YẾU")
    pool = [m for m, _ in phrases()["ministries"]]
    items(t, "II", ".", [None] * r.randint(4, 6), pool, s["short"], year, ((0.4, "letter"),),
          p_lead=0.9)
    t.add("", "III. TỔ CHỨC THỰC HIỆN",
          "1. Căn cứ Chương trình hành động này, các bộ, ngành và Ủy ban nhân dân cấp tỉnh ban "
          f"hành kế hoạch của mình (hoàn thành trong quý I năm {year + 1}).")
    t.task("III.1", None, [], f"hoàn thành trong quý I năm {year + 1}")
    t.add("2. Bộ Nội vụ chủ trì theo dõi, đôn đốc, tổng hợp tình hình thực hiện, báo cáo kết quả "
          "lên Thủ tướng Chính phủ (định kỳ hằng năm).")
    t.task("III.2", "Bộ Nội vụ", [], "định kỳ hằng năm")
    return t


def ministry(seed: int, c: Campaign, d: DocSpec) -> Text:
    t = Text(rng(seed, "text", d.key), d)
    r, s = t.rng, subject(c)
    year = work_year(d.date)
    t.add(given(d.issuer, "issuer").upper(), f"Số: {d.symbol}", *STATE_HEADER,
          f"Hà Nội, ngày {date_text(d.date, 'header')}", "", "KẾ HOẠCH",
          f"Thực hiện Chương trình hành động của Chính phủ về {s['short']}", "")
    t.add(f"Thực hiện {ref(t, c.central, 'slash')} và {ref(t, c.government, 'slash')}, "
          f"{d.issuer} ban hành Kế hoạch triển khai cụ thể như sau:")
    t.implements(d, c.central)
    t.implements(d, c.government)
    purposes(t, "I", ".", "Chương trình hành động của Chính phủ", "ngành")
    t.add("", "II. NHIỆM VỤ CỤ THỂ")
    pool = ["Vụ Tổ chức cán bộ", "Vụ Pháp chế", "Văn phòng Bộ", "Thanh tra Bộ",
            "Vụ Kế hoạch - Tài chính", "Trung tâm Thông tin"]
    items(t, "II", ".", [None] * r.randint(3, 5), pool, s["short"], year, p_lead=0.9)
    t.add("", "III. TỔ CHỨC THỰC HIỆN",
          "Thủ trưởng các đơn vị thuộc Bộ chịu trách nhiệm tổ chức thực hiện Kế hoạch này.")
    return t


# --------------------------------------------------------------------------- provincial genres
def provincial_party(seed: int, c: Campaign, d: DocSpec) -> Text:
    p = given(d.province, "province")
    t = Text(rng(seed, "text", d.key), d)
    r, s = t.rng, subject(c)
    sep = r.choice(["-", "."])
    style = r.choice(["slash", "dash", "words"])
    year = work_year(d.date)
    t.add(f"{p.committee.upper()} {p.name.upper()}", "*", f"Số {d.symbol}", PARTY_HEADER,
          f"{p.capital}, ngày {date_text(d.date, 'words')}", "", "KẾ HOẠCH",
          f"triển khai {named(c.central)} của {issuer_name(r, c.central)} "
          f"về {s['short']}", "")
    cites = [ref(t, c.central, style)]
    t.implements(d, c.central)
    if cites_politburo(seed, c, p):
        cites.append(ref(t, c.politburo, style))
        t.implements(d, c.politburo)
    t.add(f"Thực hiện {'; '.join(cites)}, Ban Thường vụ {p.committee} {p.name} ban hành Kế "
          "hoạch triển khai cụ thể như sau:")
    purposes(t, "I", sep, named(c.central), p.named)
    t.add("", f"II{sep} MỤC TIÊU", f"1{sep} Mục tiêu chung",
          f"Tạo chuyển biến rõ nét về {s['short']} trong Đảng bộ {p.unit}.",
          f"2{sep} Mục tiêu cụ thể")
    for tg in r.sample(s["targets"], r.randint(2, len(s["targets"]))):
        v = r.choice(tg["v"])
        text = tg["text"].format(v=v, lo=max(0, v - 10))
        t.add(f"Đến năm {tg['year']}: {text}.")
        t.target("target", p.name, text, v, tg["year"])
    t.add("", f"III{sep} NHIỆM VỤ, GIẢI PHÁP")
    pool = bodies("provincial_party", p) + bodies("provincial_state", p)[:3]
    items(t, "III", sep, r.sample(s["central_tasks"], r.randint(3, 5)), pool, s["short"], year,
          ((0.35, "paren"), (0.55, "letter")))
    t.add("", f"IV{sep} TỔ CHỨC THỰC HIỆN")
    due = f"hoàn thành trong quý {QUARTERS[min(3, (d.date.month + 2) // 3)]} năm {year}"
    t.add(f"1{sep} Các đảng bộ cấp huyện và đảng ủy trực thuộc {p.committee} căn cứ Kế "
          f"hoạch này xây dựng kế hoạch thực hiện phù hợp với địa phương, đơn vị ({due}).")
    t.task("IV.1", None, [], due)
    lead = f"Ban Tổ chức {p.committee}"
    t.add(f"2{sep} {lead} chủ trì, phối hợp với Văn phòng {p.committee} theo dõi, đôn đốc, kiểm "
          f"tra việc thực hiện; định kỳ tổng hợp, báo cáo Ban Thường vụ {p.committee}.")
    t.task("IV.2", lead, [f"Văn phòng {p.committee}"], None)
    t.add("", "T/M BAN THƯỜNG VỤ", "BÍ THƯ")
    recipients(t, ["Ban Bí thư Trung ương Đảng (để báo cáo)", "Ban Tổ chức Trung ương",
                   "Các đồng chí Tỉnh ủy viên" if not p.city else "Các đồng chí Thành ủy viên",
                   "Các đảng bộ cấp huyện, đảng ủy trực thuộc",
                   f"Lưu Văn phòng {p.committee}"])
    return t


def provincial_state(seed: int, c: Campaign, d: DocSpec) -> Text:
    p = given(d.province, "province")
    t = Text(rng(seed, "text", d.key), d)
    r, s = t.rng, subject(c)
    tu = tu_plan(seed, c, p)
    style = r.choice(["slash", "pad", "words"])
    year = work_year(d.date)
    t.add("ỦY BAN NHÂN DÂN", p.named.upper(), f"Số: {d.symbol}", *STATE_HEADER,
          f"{p.capital}, ngày {date_text(d.date, 'header')}", "", "KẾ HOẠCH",
          f"Triển khai {named(c.government)} của Chính phủ và Kế hoạch "
          f"{tu.symbol} của Ban Thường vụ {p.committee} về {s['short']}", "")
    cites = [ref(t, c.central, style), ref(t, c.government, style),
             ref(t, tu, style, f"Ban Thường vụ {p.committee}")]
    for target in (c.central, c.government, tu):
        t.implements(d, target)
    t.add(f"Thực hiện {'; '.join(cites)}; UBND {p.unit} ban hành Kế hoạch với các nội dung "
          "như sau:")
    purposes(t, "I", ".", f"Kế hoạch {tu.symbol}", p.named)
    t.add("", f"II. NHIỆM VỤ {r.choice(['THƯỜNG XUYÊN', 'CHUNG'])}")
    for i in range(1, r.randint(3, 6) + 1):
        what = task_phrase(r, s["short"], year)
        t.add(f"{i}. Các sở, ban, ngành và UBND cấp huyện {what}.")
        t.task(f"II.{i}", None, [], None)
    t.add("", "III. NHIỆM VỤ CỤ THỂ")
    depts = bodies("provincial_state", p)
    support_pool = bodies("provincial_party", p) + depts
    for i, lead in enumerate(r.sample(depts, r.randint(3, 5)), 1):
        form = r.random()
        if form < 0.4:  # "1. Sở Nội vụ" heading, an assignment line, sub-items 1.1., 1.2.
            head, support = with_support(r, lead, support_pool, cues=("làm đầu mối",))
            t.add(f"{i}. {lead}", f"Giao {head}:")
            for j in range(1, r.randint(2, 4) + 1):
                sub = r.random()
                if sub < 0.45:
                    sub_items(t, f"III.{i}.{j}", f"{i}.{j}.", lead, support, s["short"], year,
                              "paren" if sub < 0.25 else "dash")
                else:
                    due = deadline(r, year) if r.random() < 0.7 else None
                    t.add(f"{i}.{j}. {cap(task_phrase(r, s['short'], year))}"
                          + (f" ({due})." if due else "."))
                    t.task(f"III.{i}.{j}", lead, support, due)
        elif form < 0.7:
            group(t, f"III.{i}", f"{i}.", None, [lead], s["short"], year, "letter")
        else:
            head, support = with_support(r, lead, support_pool)
            what = task_phrase(r, s["short"], year)
            due = deadline(r, year) if r.random() < 0.7 else None
            t.add(f"{i}. {head} {what}" + (f" ({due})." if due else "."))
            t.task(f"III.{i}", lead, support, due)
    t.add("", "IV. TỔ CHỨC THỰC HIỆN")
    due = f"hoàn thành trong quý {QUARTERS[r.randint(0, 3)]} năm {year + 1}"
    t.add(f"1. Thủ trưởng các sở, ban, ngành và Chủ tịch UBND cấp huyện theo "
          f"nhiệm vụ được giao xây dựng kế hoạch cụ thể ({due}).")
    t.task("IV.1", None, [], due)
    t.add("2. Sở Nội vụ chủ trì theo dõi, đôn đốc, kiểm tra việc thực hiện, tổng hợp báo cáo UBND "
          f"{p.unit} (định kỳ hằng năm).")
    t.task("IV.2", "Sở Nội vụ", [], "định kỳ hằng năm")
    t.add("", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    recipients(t, ["Văn phòng Chính phủ", "Bộ Nội vụ", f"Thường trực {p.committee}",
                   f"Thường trực HĐND {p.unit}", "Các sở, ban, ngành", "UBND cấp huyện",
                   "Lưu: VT, NC"])
    return t


def news(seed: int, c: Campaign, d: DocSpec) -> Text:
    p = given(d.province, "province")
    t = Text(rng(seed, "text", "news", c.index, p.name))
    r, s = t.rng, subject(c)
    tu, ubnd = tu_plan(seed, c, p), ubnd_plan(seed, c, p)
    style = r.choice(["dash", "dot", "slash"])
    years = max(1, d.date.year - c.central.date.year)
    cref = f"{short_name(c.central)} {given(c.central.symbol, 'symbol').split('-')[0]}"
    t.add(r.choice(phrases()["headlines"]).format(place=p.name, n=years, ref=cref), "",
          f"{date_text(d.date, 'pad')} {r.randint(6, 21):02d}:{r.randint(0, 59):02d}", "")
    t.add(f"Sau {years} năm triển khai {ref(t, c.central, style)} về {s['title']}, công tác này "
          f"ở {p.named} đã có nhiều chuyển biến tích cực.")
    t.add(f"Ngay sau khi {short_name(c.central)} được ban hành, Ban Thường vụ {p.committee} "
          f"{p.name} đã ban hành Kế hoạch số {tu.symbol} ngày {date_text(tu.date, style)} để triển "
          f"khai {short_name(c.central)} ở địa phương. Trên cơ sở đó, UBND {p.unit} ban hành "
          f"Kế hoạch số {ubnd.symbol} ngày {date_text(ubnd.date, style)} nhằm cụ thể hóa Kế hoạch "
          f"số {tu.symbol}, giao nhiệm vụ cụ thể cho từng sở, ngành.")
    t.implements(tu, c.central)
    t.implements(ubnd, tu)
    results = []
    for a in r.sample(s["achievements"], len(s["achievements"])):
        if a["of"] == "district" and c.after_reform:
            continue
        total = r.randint(8, 15) if a["of"] == "district" else r.randint(90, 320)
        done = r.randint(1, total)
        value = round(100 * done / total, 1)
        text = f"{done}/{total} ({percent(value)}%) {a['text']}"
        results.append(text)
        t.target("achievement", p.name, text, value, None)
    t.add(f"Đến nay, toàn {p.unit} có {'; '.join(results)}.")
    t.add(f"Thời gian tới, {p.committee} {p.name} tiếp tục chỉ đạo sơ kết, rút kinh nghiệm, "
          "nhân rộng các mô hình hiệu quả.")
    return t


# --------------------------------------------------------------------------- district, commune
def district(seed: int, c: Campaign, d: DocSpec) -> Text:
    p, h = given(d.province, "province"), given(d.district, "district")
    t = Text(rng(seed, "text", d.key, h.name), d)
    r, s = t.rng, subject(c)
    tu = tu_plan(seed, c, p)
    sep = r.choice(["-", "."])
    style = r.choice(["slash", "dash"])
    year = work_year(d.date)
    t.add(f"ĐẢNG BỘ {p.named.upper()}", f"{h.committee.upper()} {h.name.upper()}", "*",
          f"Số {d.symbol}", PARTY_HEADER, f"{h.name}, ngày {date_text(d.date, 'words')}", "",
          "KẾ HOẠCH", f"triển khai Kế hoạch {tu.symbol} của Ban Thường vụ {p.committee} về "
          f"{s['short']}", "")
    by_tu = f"Ban Thường vụ {p.committee} {p.name}"
    t.add(f"Thực hiện {ref(t, c.central, style)}; {ref(t, tu, style, by_tu)}, "
          f"Ban Thường vụ {h.committee} {h.name} ban hành Kế hoạch triển khai cụ thể như sau:")
    t.implements(d, c.central)
    t.implements(d, tu)
    purposes(t, "I", sep, f"Kế hoạch {tu.symbol}", h.named)
    t.add("", f"II{sep} NHIỆM VỤ, GIẢI PHÁP")
    pool = bodies("district", p, h)
    items(t, "II", sep, [None] * r.randint(3, 6), pool, s["short"], year, ((0.3, "dash"),))
    t.add("", f"III{sep} TỔ CHỨC THỰC HIỆN")
    lead = f"Ban Tổ chức {h.committee}"
    t.add(f"{lead} chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch; báo cáo Ban Thường vụ "
          f"{h.committee} theo định kỳ.")
    t.add("", "T/M BAN THƯỜNG VỤ", "BÍ THƯ")
    recipients(t, [f"Ban Thường vụ {p.committee} (để báo cáo)", "Các chi, đảng bộ trực thuộc",
                   f"Lưu Văn phòng {h.committee}"])
    return t


def commune(seed: int, c: Campaign, d: DocSpec) -> Text:
    p, h, m = given(d.province, "province"), d.district, given(d.commune, "commune")
    t = Text(rng(seed, "text", d.key, h.name if h else "", m.name), d)
    r, s = t.rng, subject(c)
    parent = district_plan(seed, c, p, h) if h else tu_plan(seed, c, p)
    style = r.choice(["slash", "dash"])
    year = work_year(d.date)
    above = f"ĐẢNG BỘ {h.named.upper()}" if h else f"ĐẢNG BỘ {p.named.upper()}"
    t.add(above, f"ĐẢNG ỦY {m.named.upper()}", "*", f"Số {d.symbol}", PARTY_HEADER,
          f"{m.name}, ngày {date_text(d.date, 'words')}", "", "KẾ HOẠCH",
          f"triển khai {named(c.central)} về {s['short']}", "")
    cites = [ref(t, c.central, style)]
    t.implements(d, c.central)
    if h:
        tu = tu_plan(seed, c, p)
        cites.append(ref(t, tu, style, f"Ban Thường vụ {p.committee} {p.name}"))
        cites.append(ref(t, parent, style, f"Ban Thường vụ {h.committee} {h.name}"))
        t.implements(d, tu)
        t.implements(d, parent)
    else:
        cites.append(ref(t, parent, style, f"Ban Thường vụ {p.committee} {p.name}"))
        t.implements(d, parent)
    t.add(f"Thực hiện {'; '.join(cites)}, Ban Chấp hành Đảng bộ {m.kind} ban hành Kế hoạch "
          "với các nội dung như sau:")
    purposes(t, "I", ".", named(c.central), m.named)
    t.add("", "II. NHIỆM VỤ CỤ THỂ")
    pool = bodies("commune", p, h, m)
    items(t, "II", ".", [None] * r.randint(2, 5), pool, s["short"], year, p_lead=0.8)
    t.add("", "III. TỔ CHỨC THỰC HIỆN",
          "Các chi bộ trực thuộc căn cứ Kế hoạch này tổ chức thực hiện; Văn phòng Đảng ủy theo "
          "dõi, tổng hợp, báo cáo Ban Thường vụ Đảng ủy.", "", "T/M ĐẢNG ỦY", "BÍ THƯ")
    return t


RENDERERS: dict[str, Callable[[int, Campaign, DocSpec], Text]] = {
    "central": central, "politburo": politburo, "government": government, "ministry": ministry,
    "tu": provincial_party, "ubnd": provincial_state, "news": news, "district": district,
    "commune": commune,
}


def work_year(d: dt.date) -> int:
    """The year tasks of a plan issued on `d` start: the next one for plans of the last quarter."""
    return d.year + (1 if d.month >= 10 else 0)


def render(seed: int, c: Campaign, d: DocSpec) -> Text:
    """The text of `d` and its gold."""
    try:
        t = RENDERERS[d.genre](seed, c, d)
        t.world = lambda doc: parents(seed, c, doc)
        return t
    finally:
        _decks.clear()
