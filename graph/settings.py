"""kg's environment settings ($KG_*), each declared once with its parser.

A value that does not parse is a `SettingError` naming the variable and what it takes, one
line, raised where the value is read and checked by the CLI before any verb runs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class SettingError(ValueError):
    """An environment setting whose value kg cannot use."""


def _positive(kind: Callable[[str], float]) -> Callable[[str], Any]:
    def parse(raw: str) -> Any:
        value = kind(raw)
        if not value > 0:
            raise ValueError(raw)
        return value
    return parse


@dataclass(frozen=True)
class Setting:
    name: str
    parse: Callable[[str], Any]
    takes: str  # what a valid value is, for the error
    example: str


STORE = Setting("KG_STORE", str, "a store file path or a Neo4j URI", "kg.lbdb")
BUFFER_POOL_MB = Setting("KG_BUFFER_POOL_MB", _positive(int),
                         "a positive whole number of megabytes (the page cache)", "4096")
MAX_FILE_MB = Setting("KG_MAX_FILE_MB", _positive(float),
                      "a positive number of megabytes (the largest input file read)", "50")
SETTINGS = (STORE, BUFFER_POOL_MB, MAX_FILE_MB)


def setting(s: Setting, default: Any = None) -> Any:
    """The parsed value of `s` from the environment, `default` when it is unset or empty."""
    raw = os.environ.get(s.name, "").strip()
    if not raw:
        return default
    try:
        return s.parse(raw)
    except ValueError:
        raise SettingError(f"${s.name} is {raw!r}: it takes {s.takes} "
                           f"(e.g. {s.name}={s.example})") from None


def check_settings() -> None:
    """Parse every setting that is set: the first bad one raises its `SettingError`."""
    for s in SETTINGS:
        setting(s)
