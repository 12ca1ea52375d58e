"""HTML pages (saved from a browser or a legal database): the main content, and the page's
metadata as source metadata.

lxml (BSD) parses; the main content is the smallest element that holds most of the page's
non-link text, widened to its parent while the parent adds text that is not links (the
document's header table beside the body) and stopped where it adds menus and breadcrumbs.
Scripts, styles, form controls and elements named as furniture (nav, menu, footer …) are dropped
first. The page's URL (canonical link, og:url, or the "saved from" comment), title, site
name and published date go into source metadata; a document number the page states only in
its metadata or breadcrumbs is printed as a first line "Số hiệu: …" for the header finder.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from loaders.readers.base import Reading, Refused, cell_text, clean, table_or_layout
from loaders.readers.text import decode

FORMAT = "html"
SUFFIXES = (".html", ".htm", ".xhtml", ".aspx")
MIME = ("text/html", "application/xhtml+xml")
MIN_MAIN_CHARS = 200  # less non-link text than this is no main content

_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "nav", "footer",
         "aside", "button", "select", "input", "textarea", "object", "embed", "canvas")
_FURNITURE = {"nav", "navbar", "navigation", "menu", "mainmenu", "topmenu", "footer",
              "sidebar", "breadcrumb", "breadcrumbs", "banner", "share", "social", "comment",
              "comments", "cookie", "cookies", "advertisement", "ads", "toolbar", "pagination",
              "related", "popup", "modal"}
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
          "article", "main", "blockquote", "dd", "dt", "dl", "pre", "ul", "ol", "header",
          "center", "address", "figure", "figcaption", "hr", "body", "td", "th"}
# a paragraph or a run of text is never the main content by itself, however long: its
# sibling paragraphs belong with it (a news page's long second paragraph is not the article)
_INLINE = {"p", "span", "b", "strong", "i", "em", "u", "a", "font", "small", "sup", "sub",
           "h1", "h2", "h3", "h4", "h5", "h6", "li", "label", "pre", "code"}
_SYMBOL = re.compile(r"\b\d{1,5}[a-z]?/(?:\d{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:[-/][A-ZĐ0-9]+)*\b")
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)
# a blank line the page asks for (private-use character), kept while block breaks collapse
_BREAK = "\ue000"
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/(\d{4})")


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    m = _CHARSET.search(raw[:4096])
    if m:
        enc = m.group(1).decode("ascii").lower()
        try:
            return raw.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw, name)


def _tokens(el) -> set[str]:
    names = f"{el.get('id') or ''} {el.get('class') or ''} {el.get('role') or ''}".lower()
    return set(re.split(r"[\s_-]+", names)) - {""}


def _furniture(el) -> bool:
    tokens = _tokens(el)
    return bool(tokens & _FURNITURE) and not tokens & {"content", "main", "article"}


def _lengths(root) -> dict:
    """Per element: (characters of text, characters of text inside links)."""
    out: dict = {}

    def walk(el, in_link: bool) -> tuple[int, int]:
        link = in_link or el.tag == "a"
        own = len((el.text or "").strip())
        total, linked = own, own if link else 0
        for child in el:
            t, lk = walk(child, link)
            tail = len((child.tail or "").strip())
            total += t + tail
            linked += lk + (tail if link else 0)
        out[el] = (total, linked)
        return total, linked

    walk(root, False)
    return out


def main_element(body):
    """The element holding the page's main content (see the module docstring)."""
    lengths = _lengths(body)
    plain = {el: t - lk for el, (t, lk) in lengths.items()}
    total = plain.get(body, 0)
    if total < MIN_MAIN_CHARS:
        return None
    best = body
    for el in body.iter():
        if isinstance(el.tag, str) and el.tag not in _INLINE and plain[el] >= 0.8 * total and \
                len(list(el.iterancestors())) > len(list(best.iterancestors())):
            best = el
    while best is not body:
        parent = best.getparent()
        extra_total = lengths[parent][0] - lengths[best][0]
        extra_link = lengths[parent][1] - lengths[best][1]
        if extra_total and extra_link > 0.3 * extra_total:
            break
        if extra_total - extra_link > 0.2 * plain[best]:
            break
        best = parent
    return best


def _render(el, out: list[str], tables: list[int]) -> None:
    """Text of `el` with a line break around every block and tables as tables."""
    if el.tag == "table":
        rows = []
        for tr in el.iter("tr"):
            if next(tr.iterancestors("table")) is not el:
                continue
            cells = []
            for td in tr:
                if td.tag in ("td", "th"):
                    parts: list[str] = []
                    _render_children(td, parts, tables)
                    cells.append("\n".join(x for x in "".join(parts).split("\n") if x.strip()))
            rows.append(cells)
        lines, data = table_or_layout(rows)
        tables[0] += data
        out.append("".join(f"\n{ln or _BREAK}" for ln in ["", *lines, ""]) + "\n")
        return
    block = el.tag in _BLOCK
    if block and el.tag in ("p", "div") and not len(el) and not (el.text or "").strip():
        out.append(f"\n{_BREAK}\n")  # an empty paragraph: the page's own spacing
        return
    if block:
        out.append("\n")
    if el.tag == "br":
        out.append(f"\n{_BREAK}\n" if _line_start(out) else "\n")  # <br> on an empty line
    if el.tag == "li" and el.getparent() is not None and el.getparent().tag == "ol":
        out.append(f"{list(el.getparent().iterchildren('li')).index(el) + 1}. ")
    _render_children(el, out, tables)
    if block:
        out.append("\n")


def _line_start(out: list[str]) -> bool:
    """Does the text rendered so far end with a line break (spaces aside)?"""
    for chunk in reversed(out):
        if chunk.strip(" "):
            return chunk.endswith("\n")
    return True


def _render_children(el, out: list[str], tables: list[int]) -> None:
    out.append(_space(el.text))
    for child in el:
        if isinstance(child.tag, str):
            _render(child, out, tables)
        out.append(_space(child.tail))


def _space(s: str | None) -> str:
    return re.sub(r"\s+", " ", s) if s else ""


def _meta(doc, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            found = doc.xpath(f"//meta[@{attr}=$k]/@content", k=key)
            if found and found[0].strip():
                return found[0].strip()
    return None


def _iso(value: str | None) -> str | None:
    m = _DATE.search(value or "")
    if not m:
        return None
    if m.group(1):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return f"{m.group(6)}-{int(m.group(5)):02d}-{int(m.group(4)):02d}"


def _crumbs(doc) -> list[str]:
    """Texts of breadcrumb trails: named so, or short runs of "»"/"›"-separated links."""
    out = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        text = " ".join(el.text_content().split())
        if ("breadcrumb" in " ".join(_tokens(el)) or text.count("»") + text.count("›") >= 2) \
                and len(text) < 300:
            out.append(text)
    return out


def read(raw: bytes, name: str) -> Reading:
    """A page's main content as text, and its metadata."""
    import lxml.html

    text, encoding = _decode(raw, name)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        doc = lxml.html.document_fromstring(text)
    except Exception as e:
        raise Refused(name, f"is not a readable HTML page ({type(e).__name__})") from e
    saved = _SAVED_FROM.search(raw[:2048])
    url = (next(iter(doc.xpath("//link[@rel='canonical']/@href")), None)
           or _meta(doc, "og:url") or (saved.group(1).decode("ascii", "replace") if saved
                                       else None))
    title = _meta(doc, "og:title", "dc.title", "DC.title") or \
        " ".join((doc.findtext(".//title") or "").split()) or None
    site = _meta(doc, "og:site_name", "application-name") or \
        (urlsplit(url).hostname if url else None)
    published = _iso(_meta(doc, "article:published_time", "date", "dc.date", "DC.date",
                           "pubdate", "datePublished", "dcterms.issued"))
    described = " ".join(filter(None, [title, _meta(doc, "description", "og:description",
                                                    "keywords"), *_crumbs(doc)]))
    for bad in doc.iter(*_DROP):
        bad.drop_tree()
    for el in list(doc.iter()):
        if isinstance(el.tag, str) and el.getparent() is not None and _furniture(el):
            el.drop_tree()
    body = doc.find("body")
    main = main_element(body) if body is not None else None
    if main is None:
        raise Refused(name, "has no main content (only menus, links or scripts)")
    parts: list[str] = []
    tables = [0]
    _render(main, parts, tables)
    # one line per block, as a text file has one per paragraph or per printed line: whether
    # lines continue a sentence is the normaliser's call, as for plain text (a page that puts
    # each printed line in its own <p> would otherwise cut every sentence at its wraps); blank
    # lines only where the page leaves space (an empty paragraph, <br><br>) and around tables
    lines = [ln.strip() for ln in "".join(parts).split("\n")]
    lines = [("" if ln == _BREAK else ln) for ln in lines if ln]
    body_text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    header = [f"Số hiệu: {cell_text(s)}" for s in dict.fromkeys(_SYMBOL.findall(described))
              if s not in body_text][:1]
    out = clean("\n".join([*header, body_text]))
    return Reading(out, FORMAT, encoding, title=title, url=url, site=site, published=published,
                   tables=tables[0])
