"""The same text gives the same extraction whatever carries it: every development text of
../shared/real and ../shared/plans (read from there at test time, never copied) written out as
an HTML page that puts each printed line in a <p> between page furniture, and as a Word file
with a paragraph per line, extracts exactly as the .txt does. Pages and files of that kind are
what analysts hold; a reader that cuts sentences at the printer's wraps, or takes a news page's
longest paragraph for the article, loses links without failing."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from loaders.gold import to_gold
from loaders.pipeline import extract_file

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXTS = sorted([*SHARED.glob("real/corpus/*.txt"), *SHARED.glob("plans/corpus/*.txt")])
pytestmark = pytest.mark.skipif(not TEXTS, reason="../shared/real and ../shared/plans absent")


def _gold(path: Path) -> dict:
    g = to_gold(extract_file(path))
    g.pop("source", None)
    return g


def as_html(text: str, path: Path) -> Path:
    lines = text.split("\n")
    url = lines[0].removeprefix("# source:").strip() if lines[0].startswith("# source:") else ""
    body = "".join(f"<p>{html.escape(ln)}</p>\n" if ln.strip() else "<br>\n"
                   for ln in lines if not ln.startswith("# source:"))
    menu = "".join(f"<li><a href='/m{i}'>Mục {i}</a></li>" for i in range(8))
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Văn bản</title>"
        f"<link rel='canonical' href='{html.escape(url)}'><script>var p = '<p>x</p>';</script>"
        f"</head><body><nav><ul>{menu}</ul></nav><div class='content'>{body}</div>"
        "<footer>Cổng thông tin điện tử</footer></body></html>", encoding="utf-8")
    return path


def as_docx(text: str, path: Path) -> Path:
    import docx
    d = docx.Document()
    for ln in text.split("\n"):
        d.add_paragraph(ln)
    d.save(path)
    return path


@pytest.mark.parametrize("carry", [as_html, as_docx], ids=["html", "docx"])
def test_every_dev_text_extracts_alike_in_every_carrier(tmp_path, carry):
    differ = []
    for txt in TEXTS:
        suffix = ".html" if carry is as_html else ".docx"
        other = carry(txt.read_text(encoding="utf-8"), tmp_path / (txt.stem + suffix))
        if _gold(other) != _gold(txt):
            differ.append(txt.name)
    assert differ == []
