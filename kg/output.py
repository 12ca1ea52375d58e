"""One way to print data: the shared --format option and the writers behind it."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

import click


def format_option(*choices: str, default: str | None = None,
                  json_flag: bool = False) -> Callable:
    """The `--format` option every data command shares; the first choice is the default.

    `json_flag`: also accept `--json`, hidden, as the older spelling of `--format json` (the
    commands that had that flag keep working in existing scripts)."""
    option = click.option("--format", "fmt", type=click.Choice(choices),
                          default=default or choices[0], show_default=True,
                          help="Output format.")
    if not json_flag:
        return option

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def run(*args: Any, json_flag: bool, **kwargs: Any) -> Any:
            if json_flag:
                kwargs["fmt"] = "json"
            return command(*args, **kwargs)

        alias = click.option("--json", "json_flag", is_flag=True, hidden=True,
                             help="Deprecated: --format json.")
        return option(alias(run))

    return decorate


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if hasattr(value, "iso_format"):  # neo4j temporal values
        return value.iso_format()
    return str(value)


def to_json(data: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)` byte for byte, about twice as fast.

    The standard encoder drops to pure Python as soon as it indents; this writes the same
    text with one call per value (strings through json's own C escaping).
    """
    out: list[str] = []
    _encode(data, "\n", out)
    return "".join(out)


def json_bytes(data: Any) -> bytes:
    """`to_json(data)` in UTF-8, for data without floats (strings, integers, booleans, None,
    dates, lists and dicts with string keys: a trace's documents), written by orjson about
    three times faster (6 MB for 10^4 documents). orjson writes some floats otherwise than
    json (1e-07, nan), so data with floats goes to `to_json`; what orjson refuses (integers
    past 64 bits, lone surrogates, other keys or types) goes there too."""
    try:
        import orjson
    except ImportError:  # kg's dependencies have it; a bare checkout may not
        return to_json(data).encode()
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except TypeError:
        return to_json(data).encode()


class JsonListWriter:
    """Writes a JSON list item by item, as `to_json(items)` would print the whole list, so a
    command's output never sits in memory twice (a 50 MB text's extraction is ~1 GB as one
    string)."""

    def __init__(self, write: Callable[[str], Any], every: int = 4096) -> None:
        self._write, self._every = write, every
        self._buf: list[str] = []
        self.count = 0

    def append(self, piece: str) -> None:  # what _encode calls
        self._buf.append(piece)
        if len(self._buf) >= self._every:
            self.flush()

    def flush(self) -> None:
        self._write("".join(self._buf))
        self._buf.clear()

    def add(self, item: Any) -> None:
        """One more item of the list."""
        self.append("[\n  " if self.count == 0 else ",\n  ")
        _encode(item, "\n  ", self)  # type: ignore[arg-type]
        self.count += 1

    def close(self) -> None:
        """End the list (nothing is written for an empty one) with a final line break."""
        if self.count:
            self.append("\n]\n")
        self.flush()


_string = json.encoder.encode_basestring  # json's escaping when ensure_ascii=False
_SCALARS = {type(None): lambda _: "null", bool: lambda v: "true" if v else "false",
            int: int.__repr__, str: _string,
            dt.date: lambda v: f'"{v.isoformat()}"'}  # as `_default` writes it


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` as indented JSON; `newline` is a line break and the current indent."""
    inner = newline + "  "
    if type(value) is dict and value and all(type(k) is str for k in value):
        sep = "{" + inner
        for k, v in value.items():
            scalar = _SCALARS.get(type(v))
            if scalar is not None:
                out.append(f"{sep}{_string(k)}: {scalar(v)}")
            else:
                out.append(f"{sep}{_string(k)}: ")
                _encode(v, inner, out)
            sep = "," + inner
        out.append(newline + "}")
    elif type(value) in (list, tuple) and value:
        sep = "[" + inner
        for v in value:
            scalar = _SCALARS.get(type(v))
            if scalar is not None:
                out.append(f"{sep}{scalar(v)}")
            else:
                out.append(sep)
                _encode(v, inner, out)
            sep = "," + inner
        out.append(newline + "]")
    else:
        out.append(_other(value, newline))


def _other(value: Any, newline: str) -> str:
    """Values off the fast path (subclasses, floats, empty or unusual containers) as json
    writes them, re-indented to where they sit."""
    if isinstance(value, dict | list | tuple | str | int | float) or value is None:
        text = json.dumps(value, ensure_ascii=False, indent=2, default=_default)
        return text.replace("\n", newline)
    return _other(_default(value), newline)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(map(_cell, value))
    if isinstance(value, dict):
        return to_json(value)
    return _default(value) if not isinstance(value, str | int | float) else str(value)


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV, columns from the first row; lists joined with "; ", None empty."""
    buf = io.StringIO()
    if rows:
        cols = list(rows[0])
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        # the csv module writes str, int, float and None itself, as _cell would
        w.writerows([v if type(v) in _AS_IS else _cell(v) for v in map(r.get, cols)]
                    for r in rows)
    return buf.getvalue()


_AS_IS = frozenset({str, int, float, type(None)})


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` characters, a cut one ending in "…"."""
    return text if len(text) <= width else text[:width - 1] + "…"


def to_table(rows: Sequence[dict[str, Any]], max_width: int = 60) -> str:
    if not rows:
        return "(no rows)"
    cols = list(rows[0])
    cells = [[_cut(_cell(r.get(c)).replace("\n", " "), max_width) for c in cols] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(cols)]
    line = "  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join([line, sep, *body])


def emit(rows: Sequence[dict[str, Any]], fmt: str) -> None:
    """Print rows as table, json or csv."""
    if fmt == "json":
        click.echo(to_json(list(rows)))
    elif fmt == "csv":
        click.echo(to_csv(rows), nl=False)
    else:
        click.echo(to_table(rows))
