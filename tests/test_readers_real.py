"""The readers on the real files of ../shared/formats (read from there, never copied):
each gives its own document's number and day, the garbled PDF is refused, and the DOCX's
appendix gives its 14 task rows with their leads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from loaders import SourceError, read_source

FORMATS = Path(__file__).resolve().parents[2] / "shared" / "formats"
pytestmark = pytest.mark.skipif(not FORMATS.is_dir(), reason="../shared/formats not present")

OWN = {  # file -> (number line, date line) its own header must print
    "laocai_cv7432_ubnd-xd_2026.pdf": ("Số: 7432/UBND-XD", "ngày 21 tháng 7 năm 2026"),
    "laocai_cv193_ubnd-kt_2026.pdf": ("Số: 193/UBND-KT", "ngày 10 tháng 01 năm 2026"),
    "bct_cv1178_dck-ctt_2025_word2010-glyphs.pdf": ("Số: 1178/ĐCK-CTT",
                                                    "ngày 09 tháng 7 năm 2025"),
    "bxd_qd1074_2026.pdf": ("Số: 1074/QĐ-BXD", "ngày 29 tháng 6 năm 2026"),
    "bct_tt38-2025_word97.doc": ("Số: 38/2025/TT-BCT", "ngày 19 tháng 6 năm 2025"),
    "vbpl_toanvan_blhs-100-2015-qh13.html": ("Số: 100/2015/QH13", "ngày 27 tháng 11 năm 2015"),
}


@pytest.mark.parametrize("name", sorted(OWN))
def test_real_file_gives_its_own_number_and_day(name):
    if name.endswith(".doc") and shutil.which("antiword") is None:
        pytest.skip("antiword not installed (apt-get install antiword)")
    source, text = read_source(FORMATS / name)
    number, day = OWN[name]
    head = "\n".join(text.split("\n")[:40])
    assert number in head
    assert day in head
    assert source.format == Path(name).suffix.lstrip(".")


def test_word2010_pdf_is_repaired():
    _, text = read_source(FORMATS / "bct_cv1178_dck-ctt_2025_word2010-glyphs.pdf")
    assert "Ƣ" not in text and "ƣ" not in text
    assert "BỘ CÔNG THƯƠNG" in text and "CỘNG HÒA XÃ HỘI" in text


def test_garbled_pdf_is_refused_not_mined():
    with pytest.raises(SourceError, match="text layer unreadable") as e:
        read_source(FORMATS / "laocai_sct_kh1105_garbled-tounicode.pdf")
    assert "\n" not in str(e.value)


def test_signed_pdf_has_no_fake_tables_of_split_words():
    _, text = read_source(FORMATS / "laocai_cv193_ubnd-kt_2026.pdf")
    assert not [line for line in text.split("\n") if line.startswith("|")]
    assert "d) Tăng cường công tác kiểm tra, giám sát chuyên ngành" in text


def test_docx_appendix_gives_14_task_rows_with_leads():
    _, text = read_source(FORMATS / "laocai_kh-ubnd_chithi11-ct-tu_draft_tasktable.docx")
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in text.split("\n")
            if re.match(r"\| \d+ \|", line)]
    assert [r[0] for r in rows] == [str(i) for i in range(1, 15)]
    assert all(len(r) == 6 and r[1] and r[2] for r in rows)  # task and lead in every row
    assert "Sở Nông nghiệp và Môi trường" in {r[2] for r in rows}
    assert text.startswith("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: /KH-UBND")  # a draft


def test_html_keeps_the_page_address():
    source, text = read_source(FORMATS / "vbpl_toanvan_blhs-100-2015-qh13.html")
    assert source.url and source.url.startswith("https://vbpl.vn")
    assert "Điều 1. Nhiệm vụ của Bộ luật hình sự" in text
    assert "urlmenuToanVan" not in text and "CSDL quốc gia về VBPL" not in text


def test_signed_pdf_reading_order_and_paragraphs():
    _, text = read_source(FORMATS / "laocai_cv7432_ubnd-xd_2026.pdf")
    lines = text.split("\n")
    # body lines indented less than the header's left column are joined into paragraphs
    assert any("Quyết định số 1074/QĐ-BXD về việc" in line for line in lines)
    # "Kính gửi:" keeps its list: a blank line ends the header's two columns
    k = lines.index("Kính gửi:")
    assert lines[k + 1].startswith("- ") and "CỘNG HÒA" not in " ".join(lines[k:k + 5])


def _own(ex):
    (own,) = [d for d in ex.documents if d.is_subject]
    return own


def test_the_penal_code_is_a_law_and_its_fines_are_no_targets():
    from loaders.pipeline import extract_file
    ex = extract_file(FORMATS / "vbpl_toanvan_blhs-100-2015-qh13.html")
    own = _own(ex)
    assert (own.symbol, own.type, own.level) == ("100/2015/QH13", "Luật", "central")
    assert ex.targets == []


def test_a_ministry_departments_letter_to_a_province_is_central():
    from loaders.pipeline import extract_file
    own = _own(extract_file(FORMATS / "bct_cv1178_dck-ctt_2025_word2010-glyphs.pdf"))
    assert (own.symbol, own.level, own.locality) == ("1178/ĐCK-CTT", "central", None)
    assert own.issuer is not None and own.issuer.lower().startswith("cục đổi mới sáng tạo")


def test_a_letters_tasks_under_bare_agency_headings_have_their_leads():
    from loaders.pipeline import extract_file
    ex = extract_file(FORMATS / "laocai_cv193_ubnd-kt_2026.pdf")
    leads = {t.label: t.lead for t in ex.tasks}
    assert not [label for label in leads if label.startswith("-")]  # recipients are no tasks
    assert sum(1 for label in leads if label[0] in "12345") == 17
    assert (leads["1.a"], leads["2.c"], leads["3.b"], leads["5.b"]) == (
        "Sở Công Thương", "Công an tỉnh", "Sở Nội vụ", "Ủy ban nhân dân xã, phường")
