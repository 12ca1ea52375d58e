"""Fixture files built at test time from one short plan written for these tests, in each
format the readers take (.txt, .docx, .pdf, .html), so each test can check that the same
content gives the same extraction whatever carries it."""

from __future__ import annotations

from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN", "Số: 57/KH-UBND"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Hưng Yên, ngày 3 tháng 4 năm 2024"]
TITLE = ["KẾ HOẠCH", "Triển khai Nghị quyết số 57-NQ/TW về khoa học và chuyển đổi số"]
BODY = [
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ủy ban nhân dân tỉnh "
    "ban hành Kế hoạch này.",
    "I. NHIỆM VỤ",
    "1. Sở Khoa học và Công nghệ chủ trì xây dựng kho dữ liệu số của tỉnh.",
    "2. Sở Nội vụ rà soát hồ sơ công chức, xong trong năm 2025.",
]
TABLE = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn hoàn thành"],
         ["1", "Lập bản đồ số các xã", "Sở Xây dựng", "UBND các xã", "Quý III/2025"],
         ["2", "Mở lớp bồi dưỡng kỹ năng số", "Sở Nội vụ", "Sở Tài chính", "Năm 2026"]]


def lines() -> list[str]:
    return [*HEADER_LEFT, *HEADER_RIGHT, "", *TITLE, "", *BODY]


def as_text() -> str:
    rows = ["| " + " | ".join(r) + " |" for r in TABLE]
    return "\n".join([*lines(), "", *rows, ""]) + "\n"


def write_txt(path: Path) -> Path:
    path.write_text(as_text(), encoding="utf-8")
    return path


def write_docx(path: Path) -> Path:
    import docx
    d = docx.Document()
    head = d.add_table(rows=3, cols=2)  # the borderless header block
    for i, (a, b) in enumerate(zip(HEADER_LEFT, HEADER_RIGHT, strict=True)):
        head.cell(i, 0).text, head.cell(i, 1).text = a, b
    for s in ["", *TITLE, "", *BODY]:
        d.add_paragraph(s)
    t = d.add_table(rows=len(TABLE), cols=len(TABLE[0]))
    t.style = "Table Grid"
    for i, row in enumerate(TABLE):
        for j, c in enumerate(row):
            t.cell(i, j).text = c
    d.save(path)
    return path


def write_html(path: Path) -> Path:
    nav = "".join(f"<li><a href='/m{i}'>Mục {i}</a></li>" for i in range(12))
    head = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>"
                   for a, b in zip(HEADER_LEFT, HEADER_RIGHT, strict=True))
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in TABLE)
    body = "".join(f"<p>{s}</p>" for s in [*TITLE, *BODY])
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kế hoạch 57</title>"
        "<link rel='canonical' href='https://hungyen.example.vn/van-ban/57'>"
        "<meta property='og:site_name' content='Cổng thông tin tỉnh'>"
        "<meta property='article:published_time' content='2024-04-05T08:00:00'>"
        f"</head><body><nav><ul>{nav}</ul></nav><div id='content'><table>{head}</table>"
        f"{body}<table border='1'>{rows}</table></div>"
        "<footer>Bản quyền thuộc về cổng thông tin</footer></body></html>", encoding="utf-8")
    return path


def write_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("v", fontName="DejaVu", fontSize=10, leading=14)
    head = Table([[a, b] for a, b in zip(HEADER_LEFT, HEADER_RIGHT, strict=True)],
                 colWidths=[200, 270])
    head.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "DejaVu", 10)]))
    table = Table([[Paragraph(c, style) for c in r] for r in TABLE],
                  colWidths=[35, 140, 90, 90, 90])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    centred = ParagraphStyle("c", parent=style, alignment=1)
    story = [head, Spacer(1, 12), *[Paragraph(s, centred) for s in TITLE],
             *[Paragraph(s, style) for s in BODY],
             Spacer(1, 12), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


WRITERS = {".txt": write_txt, ".docx": write_docx, ".html": write_html, ".pdf": write_pdf}
