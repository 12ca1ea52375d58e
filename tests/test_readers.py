"""The readers: every format gives the same text and extraction from the same content; bad
files fail with one line naming them; real files of ../shared/formats give their document."""

from __future__ import annotations

import dataclasses
import http.server
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from loaders import SourceError, extract_file, read_source, to_gold
from loaders.readers import Input, list_inputs, read_bytes
from loaders.readers import web as fetch_module
from loaders.readers.repair import repair_word2010
from tests.readers_fixtures import FONT, TABLE, WRITERS, as_text

needs_font = pytest.mark.skipif(not FONT.exists(), reason="fonts-dejavu-core not installed")


def _gold(path: Path) -> dict:
    g = to_gold(extract_file(path))
    g.pop("source", None)
    return g


@needs_font
@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html"])
def test_same_content_same_gold_in_every_format(tmp_path, suffix):
    txt = WRITERS[".txt"](tmp_path / "plan.txt")
    other = WRITERS[suffix](tmp_path / f"plan{suffix}")
    _, text = read_source(other)
    for row in TABLE:  # the table comes out as markdown rows, one per line
        assert "| " + " | ".join(row) + " |" in text
    assert _gold(other) == _gold(txt)
    gold = _gold(txt)
    assert gold["documents"] and gold["implements"] and gold["tasks"], "a fixture that says nothing"


def test_html_metadata_goes_to_the_source(tmp_path):
    source, text = read_source(WRITERS[".html"](tmp_path / "p.html"))
    assert (source.format, source.url, source.site, source.published) == (
        "html", "https://hungyen.example.vn/van-ban/57", "Cổng thông tin tỉnh", "2024-04-05")
    assert "Mục 3" not in text and "Bản quyền" not in text  # menus and footer dropped


def test_html_number_only_in_metadata_is_printed_first(tmp_path):
    p = tmp_path / "m.html"
    body = "<p>" + "Các sở, ngành triển khai thực hiện nghiêm các nội dung sau. " * 8 + "</p>"
    p.write_text("<html><head><title>Quyết định 12/2023/QĐ-UBND về quản lý chợ</title></head>"
                 f"<body><div class='main'>{body}</div></body></html>", encoding="utf-8")
    _, text = read_source(p)
    assert text.startswith("Số hiệu: 12/2023/QĐ-UBND\n")


def test_docx_numbering_is_printed(tmp_path):
    import docx
    d = docx.Document()
    for s in ("Mở rộng mạng cáp quang", "Đào tạo cán bộ", "Báo cáo kết quả"):
        d.add_paragraph(s, style="List Number")
    d.save(tmp_path / "n.docx")
    _, text = read_source(tmp_path / "n.docx")
    assert text.split("\n")[:3] == ["1. Mở rộng mạng cáp quang", "2. Đào tạo cán bộ",
                                    "3. Báo cáo kết quả"]


def test_word2010_code_points_are_repaired():
    text, found = repair_word2010("BỘ CÔNG THƢƠNG - CỘNG HÕA - theo dõi, rõ ràng, phõng")
    assert found and text == "BỘ CÔNG THƯƠNG - CỘNG HÒA - theo dõi, rõ ràng, phòng"
    assert repair_word2010("theo dõi rõ") == ("theo dõi rõ", False)


@needs_font
def test_scanned_pdf_is_refused_with_one_line(tmp_path):
    from reportlab.pdfgen import canvas
    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(50, 50, 400, 600, fill=1)  # an image-like page: no text
    c.save()
    with pytest.raises(SourceError, match=r"scan\.pdf: no text layer: scanned PDF; OCR it"):
        read_source(tmp_path / "scan.pdf")


def _bad_files(d: Path) -> dict[str, str]:
    """name -> what its one-line error must say."""
    from pypdf import PdfReader, PdfWriter
    WRITERS[".txt"](d / "good.txt")
    WRITERS[".pdf"](d / "good.pdf")
    writer = PdfWriter()
    writer.append(PdfReader(d / "good.pdf"))
    writer.encrypt("mật khẩu")
    with open(d / "locked.pdf", "wb") as f:
        writer.write(f)
    WRITERS[".docx"](d / "whole.docx")
    (d / "broken.docx").write_bytes((d / "whole.docx").read_bytes()[:3000])
    (d / "whole.docx").unlink()
    (d / "zero.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "menus.html").write_text("<html><body><nav>" + "<a href='/x'>Trang chủ</a>" * 30 +
                                  "</nav><div>Liên hệ</div></body></html>", encoding="utf-8")
    (d / "huge.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * (3 * 2**20))
    return {"locked.pdf": "encrypted PDF", "broken.docx": "not a readable DOCX",
            "zero.txt": "is empty", "binary.txt": "binary|not text",
            "menus.html": "no main content", "huge.pdf": "too large"}


@needs_font
def test_bad_files_fail_one_line_each_and_the_others_load(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MAX_FILE_MB", "2")
    expected = _bad_files(tmp_path)
    for name, problem in expected.items():
        with pytest.raises(SourceError, match=problem) as e:
            read_source(tmp_path / name)
        assert name in str(e.value) and "\n" not in str(e.value)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(expected)
    assert result.stdout.count('"format": "pdf"') == 1  # good.pdf still read
    assert result.stdout.count('"format": "text"') == 1  # good.txt still read


def test_listing_is_recursive_and_the_same_for_load_and_extract(tmp_path):
    from kg.commands.extract import expand as extract_expand
    from kg.ingest import expand as load_expand
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("x.txt", "a/y.pdf", "a/b/z.docx", "a/b/w.html", "a/skip.png", "a/.hidden.txt"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "a" / "list.urls").write_text("https://example.invalid/k.pdf\n# note\n")
    (tmp_path / "a" / "w_files").mkdir()  # what a browser saves beside a page
    (tmp_path / "a" / "w.html").write_bytes(b"x")
    (tmp_path / "a" / "w_files" / "ad.html").write_bytes(b"x")
    names = [i.name for i in extract_expand((str(tmp_path),))]
    assert names == ["w.html", "z.docx", "k.pdf", "w.html", "y.pdf", "x.txt"]
    assert [i.name for i in load_expand((str(tmp_path),))] == names
    (tmp_path / "links.txt").write_text("# đã tải\nhttps://a.example/1.pdf\n\n"
                                        "https://a.example/2.html\n")
    assert [i.where for i in extract_expand((str(tmp_path / "links.txt"),))] == [
        "https://a.example/1.pdf", "https://a.example/2.html"]


def test_manifest_and_locality_reach_the_source(tmp_path):
    (tmp_path / "k.txt").write_text(as_text(), encoding="utf-8")
    (tmp_path / "m.txt").write_text(as_text(), encoding="utf-8")
    manifest = tmp_path / "sources.csv"
    manifest.write_text("path,locality,date,note\nk.txt,Thái Bình,2024-04-06,bản lưu\n",
                        encoding="utf-8")
    inputs = list_inputs([str(tmp_path / "m.txt")], locality="Hưng Yên",
                         manifest=str(manifest))
    assert [(i.name, i.locality, i.date) for i in inputs] == [
        ("m.txt", "Hưng Yên", None), ("k.txt", "Thái Bình", "2024-04-06")]
    source, _ = read_source(inputs[1])
    assert (source.locality, source.published) == ("Thái Bình", "2024-04-06")


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A local HTTP server over tmp_path (no network), with no delay between requests."""
    monkeypatch.setattr(fetch_module, "DELAY", 0.0)
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(  # noqa: E731
        *a, directory=str(tmp_path), **k)
    handler_cls = type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                       {"log_message": lambda *a: None})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: handler_cls(*a, directory=str(tmp_path)))
    del handler
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_are_fetched_and_kept_as_the_source(tmp_path, server):
    WRITERS[".html"](tmp_path / "page.html")
    (tmp_path / "plan.txt").write_text(as_text(), encoding="utf-8")
    source, text = read_source(f"{server}/plan.txt")
    assert source.path == source.url == f"{server}/plan.txt" and source.fetched
    assert "Số: 57/KH-UBND" in text
    source, _ = read_source(f"{server}/page.html")
    assert source.format == "html" and source.url == "https://hungyen.example.vn/van-ban/57"
    with pytest.raises(SourceError, match=r"missing\.pdf: cannot be fetched \(HTTP 404"):
        read_source(f"{server}/missing.pdf")


def test_url_size_cap(tmp_path, server):
    (tmp_path / "big.txt").write_text("a" * 5000)
    with pytest.raises(SourceError, match="cap"):
        fetch_module.fetch(f"{server}/big.txt", max_bytes=1000, delay=0)


def test_kg_extract_reads_a_url(tmp_path, server):
    (tmp_path / "plan.txt").write_text(as_text(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", f"{server}/plan.txt"])
    assert result.exit_code == 0, result.output
    assert "57/KH-UBND" in result.output


def test_an_unknown_zip_is_not_taken_for_word(tmp_path):
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as z:
        z.writestr("x.txt", "x")
    with pytest.raises(SourceError, match="unsupported file type"):
        read_bytes((tmp_path / "a.zip").read_bytes(), "a.zip")


def test_input_names():
    assert Input("https://a.vn/van-ban/kh-57.pdf").name == "kh-57.pdf"
    assert dataclasses.replace(Input("/x/y.txt"), locality="Hà Nam").locality == "Hà Nam"


PARAGRAPH = ("Các cơ quan chuyên môn thuộc tỉnh khẩn trương rà soát toàn bộ hồ sơ đất đai "
             "đang lưu trữ, số hóa các tài liệu còn giá trị sử dụng, cập nhật vào cơ sở dữ "
             "liệu dùng chung và báo cáo kết quả cho văn phòng trước kỳ họp cuối năm.")


@needs_font
def test_pdf_furniture_dropped_and_wrapped_lines_joined(tmp_path):
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("j", fontName="DejaVu", fontSize=11, leading=15,
                           alignment=TA_JUSTIFY, firstLineIndent=24)

    def furniture(canvas, doc):
        canvas.setFont("DejaVu", 9)
        canvas.drawString(72, 800, "BẢN TIN NỘI BỘ SỐ 4 - PHÁT HÀNH THỬ")
        canvas.drawCentredString(297, 30, f"Trang {doc.page}")

    story = []
    for i in range(1, 4):
        story += [Paragraph(f"{i}. Nhiệm vụ thứ {i}", style), Paragraph(PARAGRAPH, style),
                  PageBreak()]
    SimpleDocTemplate(str(tmp_path / "f.pdf")).build(story, onFirstPage=furniture,
                                                     onLaterPages=furniture)
    _, text = read_source(tmp_path / "f.pdf")
    lines = text.split("\n")
    assert "BẢN TIN NỘI BỘ" not in text and not any(s.startswith("Trang") for s in lines)
    assert lines.count(PARAGRAPH) == 3  # each wrapped paragraph on one line again
    assert [s for s in lines if s.startswith(("1.", "2.", "3."))] == [
        "1. Nhiệm vụ thứ 1", "2. Nhiệm vụ thứ 2", "3. Nhiệm vụ thứ 3"]


def test_pdf_hyphenated_latin_word_is_mended():
    from loaders.readers.pdf import Line, Word, _paragraphs

    def line(text: str, x1: float, top: float) -> tuple[str, Line, bool]:
        return text, Line([Word(text, 72, x1, top, top + 10, 10)]), True

    items = [line("Ứng dụng phần mềm quản lý văn bản và công nghệ infor-", 520, 100),
             line("mation cho các xã.", 200, 112)]
    assert _paragraphs(items, 72, 520) == [
        "Ứng dụng phần mềm quản lý văn bản và công nghệ information cho các xã."]
    items = [line("phát triển kinh tế -", 520, 100), line("xã hội của tỉnh.", 200, 112)]
    assert _paragraphs(items, 72, 520) == ["phát triển kinh tế - xã hội của tỉnh."]


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "cp1258"])
def test_legacy_text_file_records_its_encoding(tmp_path, encoding):
    from tests.test_encodings import encode
    body = "Kế hoạch số 57/KH-UBND về chuyển đổi số.\nCác sở, ngành thực hiện nghiêm túc."
    (tmp_path / "old.txt").write_bytes(encode(body, encoding))
    source, text = read_source(tmp_path / "old.txt")
    assert source.encoding == encoding and text == body


@pytest.mark.parametrize("url, province", [
    ("https://sotnmt.laocai.gov.vn/van-ban/1", "Lào Cai"),
    ("https://baoquangninh.vn/a.html", "Quảng Ninh"),
    ("https://thainguyentv.vn/tin/2", "Thái Nguyên"),
    ("https://thuvienphapluat.vn/van-ban/3", None),
    ("https://www.chinhphu.vn/", None),
])
def test_a_portal_host_names_its_province(url, province):
    from loaders.localities import host_province
    assert host_province(url) == province


def test_the_users_locality_is_the_texts_default_province(tmp_path):
    from loaders.pipeline import extract_text
    text = ("Số: 9/KH-BCĐ\nKẾ HOẠCH\nTriển khai phong trào thi đua năm 2025\n\n"
            "1. Các phòng, ban tổ chức phát động thi đua trong tháng 3.\n")
    (tmp_path / "k.txt").write_text(text, encoding="utf-8")
    plain, _ = read_source(tmp_path / "k.txt")
    told, _ = read_source(Input(str(tmp_path / "k.txt"), locality="tỉnh Lào Cai"))
    assert plain.locality is None and told.locality == "tỉnh Lào Cai"
    assert extract_text(text, plain).context_locality is None
    assert extract_text(text, told).context_locality == "Lào Cai"


@pytest.mark.parametrize("title, fixed", [
    ("uû ban nh©n d©n tØnh", "uỷ ban nhân dân tỉnh"),  # TCVN3 stored as Latin-1
    ("Microsoft Word - ke_hoach_57.docx", None),
    ("Ke_Hoach_Trien_Khai", None),
    ("Kế hoạch chuyển đổi số", "Kế hoạch chuyển đổi số"),
])
def test_declared_titles_are_repaired_or_dropped(title, fixed):
    from loaders.readers.text import fix_title
    assert fix_title(title) == fixed


def test_a_store_made_before_the_source_metadata_gains_its_columns(tmp_path):
    from graph import load_batches, to_batch
    from graph.store import open_store
    path = str(tmp_path / "old.kg")
    store = open_store(path)
    store.ensure_schema()
    for column in ("format", "site", "title", "url", "locality", "published", "fetched"):
        store._conn.execute(f"ALTER TABLE Source DROP {column}")  # as kg made it before
    store.close()
    (tmp_path / "k.txt").write_text(as_text(), encoding="utf-8")
    store = open_store(path)
    store.ensure_schema()
    source, _ = read_source(Input(str(tmp_path / "k.txt"), locality="Hưng Yên"))
    load_batches(store, [to_batch(extract_file(Input(str(tmp_path / "k.txt"),
                                                     locality="Hưng Yên")))])
    rows = store.query("MATCH (s:Source {uid: $u}) RETURN s.format AS f, s.locality AS l",
                       {"u": source.uid})
    store.close()
    assert rows == [{"f": "text", "l": "Hưng Yên"}]


@needs_font
def test_pdf_table_and_sentence_go_on_across_pages(tmp_path):
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("j", fontName="DejaVu", fontSize=11, leading=15,
                           alignment=TA_JUSTIFY)
    long = "Các đơn vị " + " ".join(["tiếp tục rà soát và cập nhật dữ liệu"] * 60) + "."
    rows = [["STT", "Nhiệm vụ", "Chủ trì"]] + [[str(i), f"Việc số {i} của kế hoạch", "Sở Y tế"]
                                              for i in range(1, 71)]
    table = Table([[Paragraph(c, style) for c in r] for r in rows], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(tmp_path / "t.pdf")).build(
        [Spacer(1, 560), Paragraph(long, style), table])
    _, text = read_source(tmp_path / "t.pdf")
    assert long in text.split("\n")  # the sentence cut by the page break is whole again
    table_lines = [s for s in text.split("\n") if s.startswith("| ")]
    assert table_lines[0] == "| STT | Nhiệm vụ | Chủ trì |"
    assert len(table_lines) == 71  # one table: the repeated header rows dropped
    assert text.count("\n\n| ") == 1


def test_doc_without_antiword_names_what_to_install(tmp_path, monkeypatch):
    from loaders.readers import doc
    monkeypatch.setattr(doc.shutil, "which", lambda _: None)
    (tmp_path / "old.doc").write_bytes(doc.MAGIC + b"\0" * 600)
    with pytest.raises(SourceError, match=r"old\.doc: needs antiword .*apt-get install antiword"):
        read_source(tmp_path / "old.doc")


def test_antiword_table_rows_become_markdown_rows():
    from loaders.readers.doc import _text
    out = ("Trước bảng.\n|STT |Nhiệm vụ            |Chủ trì     |\n"
           "|1   |Lập quy hoạch       |Sở Xây dựng |\n|2   |Kiểm tra định kỳ    |Thanh tra   |\n"
           "Sau bảng.")
    text, tables = _text(out)
    assert tables == 1
    assert text.split("\n") == ["Trước bảng.", "", "| STT | Nhiệm vụ | Chủ trì |",
                                "| 1 | Lập quy hoạch | Sở Xây dựng |",
                                "| 2 | Kiểm tra định kỳ | Thanh tra |", "", "Sau bảng."]


def test_source_metadata_travels_with_a_copied_graph(tmp_path):
    from graph import load_batches, to_batch
    from graph.store import open_store
    from graph.transfer import copy_graph
    (tmp_path / "k.txt").write_text(as_text(), encoding="utf-8")
    item = Input(str(tmp_path / "k.txt"), locality="Hưng Yên", date="2024-04-06")
    src, dst = open_store(str(tmp_path / "a.kg")), open_store(str(tmp_path / "b.kg"))
    src.ensure_schema()
    load_batches(src, [to_batch(extract_file(item))])
    copy_graph(src, dst)
    query = "MATCH (s:Source {name: 'k.txt'}) RETURN s.format AS f, s.locality AS l, " \
            "s.published AS p"
    assert dst.query(query) == src.query(query) == [{"f": "text", "l": "Hưng Yên",
                                                      "p": "2024-04-06"}]
    src.close()
    dst.close()


def test_lines_typed_in_a_legacy_font_are_decoded(tmp_path):
    import docx

    from loaders.readers.legacy import encode_tcvn3, encode_vni
    d = docx.Document()
    d.add_paragraph(encode_tcvn3("Kế hoạch số 57/KH-UBND về chuyển đổi số").decode("cp1252"))
    d.add_paragraph(encode_vni("Các sở, ngành triển khai thực hiện").decode("cp1252"))
    d.add_paragraph("Dòng này đã là Unicode.")
    d.save(tmp_path / "vntime.docx")
    _, text = read_source(tmp_path / "vntime.docx")
    assert text.split("\n") == ["Kế hoạch số 57/KH-UBND về chuyển đổi số",
                                "Các sở, ngành triển khai thực hiện", "Dòng này đã là Unicode."]


# A news page written for this test: a short opening paragraph, a long one, a short close.
OPENING = ("Ban Thường vụ Tỉnh ủy Hưng Yên vừa ban hành Kế hoạch số 88-KH/TU thực hiện Nghị "
           "quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.")
# the long paragraph holds over 80% of the page's text, its siblings over a fifth of its own
LONG = "Kế hoạch đặt ra nhiều việc cho các cấp ủy. " * 20
CLOSING = "Các cơ quan báo cáo kết quả trước ngày 15/12 hằng năm."


def _page(body: str) -> bytes:
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tin</title></head><body>"
            "<nav><a href='/'>Trang chủ</a></nav>"
            f"<div class='article'>{body}</div></body></html>").encode()


def test_html_a_long_paragraph_does_not_hide_its_siblings(tmp_path):
    # the paragraph holding most of the text is not the article: its siblings belong to it
    p = tmp_path / "news.html"
    p.write_bytes(_page(f"<p>{OPENING}</p><p>{LONG}</p><p>{CLOSING}</p>"))
    _, text = read_source(p)
    assert OPENING in text and CLOSING in text
    assert ("88-KH/TU@Hưng Yên", "57-NQ/TW") in {(e["from"], e["to"])
                                                for e in _gold(p)["implements"]}


def test_html_one_printed_line_per_paragraph_reads_like_the_text_file(tmp_path):
    # pages converted from print put each printed line in its own <p>: a sentence cut by the
    # printer's wraps must still be one sentence, as in the same text saved as .txt
    printed = ["Ban Thường vụ Tỉnh ủy Hưng Yên vừa ban hành Kế hoạch số 88-KH/TU",
               "thực hiện Nghị quyết số", "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về",
               "phát triển khoa học, công nghệ và chuyển đổi số.", *LONG.split(". ")]
    p = tmp_path / "print.html"
    p.write_bytes(_page("".join(f"<p>{ln}</p>" for ln in printed)))
    t = tmp_path / "print.txt"
    t.write_text("\n".join(printed) + "\n", encoding="utf-8")
    assert _gold(p) == _gold(t)
    assert _gold(t)["implements"], "a fixture that says nothing"


def test_html_blank_lines_only_where_the_page_leaves_space(tmp_path):
    p = tmp_path / "space.html"
    p.write_bytes(_page(f"<p>{OPENING}</p><p>{CLOSING}</p><p>&nbsp;</p><p>{LONG}</p>"
                        f"<br><br><p>{CLOSING}</p>"))
    _, text = read_source(p)
    assert f"{OPENING}\n{CLOSING}\n\n" in text  # adjacent paragraphs: one line each
    assert text.rstrip().endswith(f"\n\n{CLOSING}")  # <br><br>: a blank line
