"""The province a source comes from: the user's word (--locality, manifest) first, else the
province its web address names (a provincial portal, paper or broadcaster; rules as data in
loaders/data/portal_hosts.yaml). Extraction takes it as the text's default province when the
text itself names none."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from graph.keys import fold
from graph.model import Source
from loaders.localities import province, provinces, reform_date

DATA = Path(__file__).resolve().parent.parent / "data" / "portal_hosts.yaml"
MIN_AFFIXED = 5  # a name found inside a longer label must be at least this long ("hue" is not)


@cache
def _rules() -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...], frozenset[str]]:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    before = reform_date() - dt.timedelta(days=1)
    for p in [*provinces(before), *provinces(reform_date())]:
        for n in (p.name, *p.variants):
            names.setdefault(re.sub(r"[^a-z0-9]", "", fold(n)), p.name)
    names.update({k: v for k, v in (d.get("aliases") or {}).items()})
    return (names, tuple(d.get("prefixes") or ()), tuple(d.get("suffixes") or ()),
            frozenset(d.get("ignore") or ()))


def province_of_host(url: str | None) -> str | None:
    """The province a web address names, if one of its labels is a province."""
    host = urlsplit(url or "").hostname if url and "://" in url else None
    if not host:
        return None
    names, prefixes, suffixes, ignore = _rules()
    for label in host.lower().split(".")[:-1]:
        if label in ignore:
            continue
        if label in names:
            return names[label]
        for pre in prefixes:
            rest = label[len(pre):]
            if label.startswith(pre) and len(rest) >= MIN_AFFIXED and rest in names:
                return names[rest]
        for suf in suffixes:
            rest = label[:-len(suf)]
            if label.endswith(suf) and len(rest) >= MIN_AFFIXED and rest in names:
                return names[rest]
    return None


def source_province(source: Source) -> str | None:
    """The province a source comes from, as its user or its address says (else None)."""
    said = province(source.locality)
    return said.name if said else province_of_host(source.url)
