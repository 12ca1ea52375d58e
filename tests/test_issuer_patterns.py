"""The organisation patterns (data) start with a capital, which find_organisations relies on to
skip most offsets quickly."""

from __future__ import annotations

import re

from loaders.issuers import _data, find_organisations


def _first_letters(pattern: str) -> set[str]:
    """First letters of each alternative at the start of a pattern (groups opened, look-behinds
    and optional prefixes followed into their alternatives)."""
    s = re.sub(r"^\(\?<!.*?\)", "", pattern)
    if not s.startswith("("):
        return {s[0]}
    depth, parts, cur = 0, [], ""
    body = s[s.index(":") + 1:] if s.startswith("(?:") else s[s.index(">") + 1:]
    for ch in body:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return set().union(*(_first_letters(p) for p in parts if p))


def test_every_organisation_pattern_starts_with_a_capital():
    for entry in _data()["organisations"]:
        letters = _first_letters(entry["pattern"])
        assert letters and all(c.isupper() for c in letters), entry["pattern"]


def test_bodies_are_still_found_after_any_character():
    text = "(UBND tỉnh Lào Cai), Bộ Chính trị; Huyện ủy Bát Xát và Đảng ủy xã Y Tý."
    assert [o.name for o in find_organisations(text)][:2] == [
        "Ủy ban nhân dân tỉnh Lào Cai", "Bộ Chính trị"]
