"""Self-contained HTML: our templates, vis-network inlined, the data as escaped JSON.

The page makes no request of any kind: vis-network comes from the copy pyvis ships (read from
the installed package, never a CDN), our script and style are inline, and a Content-Security-
Policy allows only those exact scripts (by hash) and no connection, image or frame source
beyond the page itself. The data travels gzipped and base64-encoded (`packed_data`): the
browser's own DecompressionStream inflates it, and a page of 12 MB of JSON becomes 2 MB, most
of its first-render time (reading and tokenising the HTML) with it.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import importlib.util
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).with_name("templates")
VIS_VERSION = "vis-9.1.2"
_MARKER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}


@cache
def vis_network_js() -> str:
    """vis-network (standalone build) from pyvis' bundled copy, without its source-map link."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; it ships the vis-network the explorer inlines")
    path = (Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / VIS_VERSION
            / "vis-network.min.js")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    if "</script" in text.lower():
        raise RuntimeError(f"{path} contains '</script' and cannot be inlined")
    return text


def template(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON for a <script type="application/json"> block: no "<", ">" or "&" survives, so
    no value can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def packed_data(data: Any) -> str:
    """The page's data block: JSON, gzipped, base64 (an alphabet that cannot close a script
    element or open a comment, so no title escapes its data whatever it holds)."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


_DATA_BLOCK = re.compile(r'<script id="kg-data" type="application/gzip">([A-Za-z0-9+/=]*)</script>')


def page_data(page: str) -> Any:
    """The data an explorer page carries (the inverse of `packed_data`), for tests and tools."""
    m = _DATA_BLOCK.search(page)
    if m is None:
        raise ValueError("no explorer data block in this page")
    return json.loads(gzip.decompress(base64.b64decode(m.group(1))))


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def csp(scripts: list[str]) -> str:
    """A policy that runs exactly these inline scripts and loads nothing."""
    hashes = " ".join(_sha256(s) for s in scripts)
    return ("default-src 'none'; "
            f"script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "connect-src 'none'; font-src 'none'; frame-src 'none'; object-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def _attr(value: str) -> str:
    """Text for a double-quoted attribute (single quotes kept readable: CSP is full of them)."""
    return html.escape(value, quote=False).replace('"', "&quot;")


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each {{NAME}} of a template in one pass (values are never re-scanned)."""
    return _MARKER.sub(lambda m: values[m.group(1)], text)


def render_explorer(data: dict[str, Any]) -> str:
    """The explorer page for `ExplorerGraph.as_json()` data."""
    vis, app = vis_network_js(), template("explorer.js")
    return fill(template("explorer.html"), {
        "CSP": _attr(csp([vis, app])), "TITLE": html.escape(data["title"]),
        "STYLE": template("explorer.css"), "DATA": packed_data(data),
        "VIS": vis, "APP": app,
    })


def render_table(title: str, columns: list[tuple[str, str]], rows: list[dict[str, Any]]) -> str:
    """A page with one table; every cell escaped. `columns` are (key, heading) pairs."""
    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, list | tuple):
            return "; ".join(cell(v) for v in value)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value)

    head = "".join(f"<th>{html.escape(h)}</th>" for _, h in columns)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(cell(r.get(k)))}</td>"
                                      for k, _ in columns) + "</tr>" for r in rows)
    app = template("table.js")
    return fill(template("table.html"), {
        "CSP": _attr(csp([app])), "TITLE": html.escape(title), "HEAD": head,
        "BODY": body, "COUNT": str(len(rows)), "APP": app, "STYLE": template("table.css"),
    })
