"""The analysts' cookbook: questions as .cypher files in queries/cookbook/, run on either store.

Each file opens with comment lines that say what it answers and how to call it::

    // vi: Tỉnh, thành phố nào có kế hoạch thực hiện văn bản $symbol …?
    // en: Which provinces have a plan implementing $symbol …?
    // param symbol = "26-NQ/TW" — the symbol of the implemented document
    // note: free text: definitions, caveats

`param` gives a JSON example value. Where the two engines' dialects differ, NAME.neo4j.cypher
sits beside NAME.cypher (the form both engines otherwise share) with the same header.

>>> recipe("04_agencies_leading_most_tasks").params
{'limit': 10}
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graph.store import Store

COOKBOOK_DIR = Path(__file__).with_name("cookbook")
_HEADER = re.compile(r"^//\s*(vi|en|param|note):?\s+(.*)$")
_PARAM = re.compile(r"^(\w+)\s*=\s*(.+?)\s+[—-]+\s+(.*)$")


class CookbookError(ValueError):
    """A cookbook file without the header its readers rely on."""


@dataclass(frozen=True)
class Recipe:
    name: str  # the file name without .cypher
    path: Path
    question_vi: str
    question_en: str
    params: dict[str, Any]  # name -> example value
    param_help: dict[str, str] = field(default_factory=dict)
    notes: str = ""

    def variant(self, dialect: str) -> Path:
        """The file to run on a store of this dialect."""
        return for_dialect(self.path, dialect)

    def cypher(self, dialect: str = "ladybug") -> str:
        return _body(self.variant(dialect).read_text(encoding="utf-8"))


def for_dialect(path: Path, dialect: str) -> Path:
    """NAME.DIALECT.cypher beside NAME.cypher if there is one, else NAME.cypher itself."""
    variant = path.with_name(f"{path.name.removesuffix('.cypher')}.{dialect}.cypher")
    return variant if variant.exists() else path


def _body(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//")).strip()


def parse(path: Path) -> Recipe:
    """The header of one cookbook file."""
    fields: dict[str, list[str]] = {"vi": [], "en": [], "param": [], "note": []}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            break
        fields[m.group(1)].append(m.group(2).strip())
    if not fields["vi"] or not fields["en"]:
        raise CookbookError(f"{path.name}: the header must give the question as '// vi:' and "
                            "'// en:' lines")
    params, helps = {}, {}
    for p in fields["param"]:
        m = _PARAM.match(p)
        if not m:
            raise CookbookError(f"{path.name}: '// param: {p}' is not NAME = JSON — meaning")
        try:
            params[m.group(1)] = json.loads(m.group(2))
        except ValueError as e:
            raise CookbookError(f"{path.name}: the example of {m.group(1)} is not JSON") from e
        helps[m.group(1)] = m.group(3)
    return Recipe(path.name.removesuffix(".cypher"), path, " ".join(fields["vi"]),
                  " ".join(fields["en"]), params, helps, " ".join(fields["note"]))


@cache
def recipes(folder: Path = COOKBOOK_DIR) -> tuple[Recipe, ...]:
    """Every question of the cookbook, in file name order (dialect variants are not listed)."""
    return tuple(parse(p) for p in sorted(folder.glob("*.cypher")) if p.name.count(".") == 1)


def recipe(name: str) -> Recipe:
    for r in recipes():
        if r.name == name:
            return r
    raise KeyError(f"no cookbook question {name!r}; see queries/cookbook/")


def run(store: Store, r: Recipe, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Answer a question on a store, with the example parameters unless others are given."""
    return store.query(r.cypher(store.dialect), {**r.params, **(params or {})})


def _cell(value: Any, width: int = 60, words: int = 5) -> str:
    """A value as a table cell: the start of a long text only (never a whole sentence of a
    source document), at most `words` words and `width` characters."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(map(str, value))
    parts = str(value).split()
    text = " ".join(parts[:words]).replace("|", "\\|")
    if len(parts) > words or len(text) > width:
        return text[:width - 1] + "…"
    return text


def markdown(answers: list[tuple[Recipe, list[dict[str, Any]]]], max_rows: int = 8) -> str:
    """The cookbook as Markdown: per question, how to run it and its answer (first rows)."""
    out = []
    for r, rows in answers:
        out.append(f"### {r.name}\n")
        out.append(f"{r.question_en}  \n*{r.question_vi}*\n")
        params = " ".join("--param " + shlex.quote(
            f"{k}={v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}")
            for k, v in r.params.items())
        out.append(f"    kg cypher --file queries/cookbook/{r.path.name}"
                   + (f" {params}" if params else "") + "\n")
        if r.notes:
            out.append(f"{r.notes}\n")
        if not rows:
            out.append("(no rows on the seeds)\n")
            continue
        cols = list(rows[0])
        out.append("| " + " | ".join(cols) + " |")
        out.append("|" + "---|" * len(cols))
        out.extend("| " + " | ".join(_cell(row[c]) for c in cols) + " |" for row in rows[:max_rows])
        more = len(rows) - max_rows
        out.append(f"\n… and {more} more rows\n" if more > 0 else "")
    return "\n".join(out).rstrip() + "\n"
