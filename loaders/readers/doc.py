"""DOC (Word 97-2003), through Debian's `antiword` (GPL, run as a separate program).

antiword prints the text in UTF-8 with one paragraph per line (`-w 0`) and tables as rows of
"|"-separated cells; those rows are read back as markdown rows, or as layout lines when they
are the document's header or signature block. Without antiword the file is refused with one
line that says what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from loaders.readers.base import Reading, Refused, clean, table_or_layout

FORMAT = "doc"
SUFFIXES = (".doc",)
MIME = ("application/msword",)
MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2 compound file
TIMEOUT = 60
MISSING = "needs antiword to read Word 97-2003 files: apt-get install antiword (or save as .docx)"


def _rows(block: list[str]) -> list[list[str]]:
    return [[c.strip() for c in line.strip()[1:-1].split("|")] for line in block]


def _text(out: str) -> tuple[str, int]:
    lines: list[str] = []
    block: list[str] = []
    tables = 0

    def flush() -> None:
        nonlocal tables
        if block:
            rows = _rows(block)
            table, data = table_or_layout(rows)
            lines.extend(table)
            tables += data
            block.clear()

    for line in out.split("\n"):
        if line.startswith("|") and line.rstrip().endswith("|") and len(line.strip()) > 1:
            block.append(line)
        else:
            flush()
            lines.append(line.strip())
    flush()
    return "\n".join(lines), tables


def read(raw: bytes, name: str) -> Reading:
    """A Word 97-2003 file's text, through antiword."""
    exe = shutil.which("antiword")
    if exe is None:
        raise Refused(name, MISSING)
    fd, tmp = tempfile.mkstemp(suffix=".doc")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        run = subprocess.run([exe, "-w", "0", "-m", "UTF-8.txt", tmp], capture_output=True,
                             timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired as e:
        raise Refused(name, f"antiword took more than {TIMEOUT} s") from e
    finally:
        os.unlink(tmp)
    if run.returncode != 0 or not run.stdout.strip():
        why = run.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Refused(name, "is not a readable Word 97-2003 file"
                            + (f" (antiword: {why[-1][:100]})" if why else ""))
    text, tables = _text(run.stdout.decode("utf-8", "replace"))
    return Reading(clean(text), FORMAT, "utf-8", tables=tables)
