"""Which identity scheme a document's symbol calls for (DESIGN §4); the schemes themselves
are in graph.ids, re-exported here for the extractors.

Symbols of bodies below the province (…/HU, …/QU, …/TX, …/ĐU, and -UBND of a district or
commune) repeat inside a province, so their uid carries the unit (or the source).
"""

from __future__ import annotations

import re

from graph.ids import numbered_uid, organisation_uid, unnumbered_uid

__all__ = ["below_province", "numbered_uid", "organisation_uid", "unnumbered_uid"]

# issuer codes of district committees (Huyện ủy, Quận ủy, Thị ủy and their boards) and of
# Đảng ủy (commune, ward and grassroots committees): vn-conventions §1.4
_BELOW = re.compile(r"/(?:HU|QU|TX|[A-ZĐ]{2,6}HU|ĐU)$")


def below_province(symbol: str, issuer_level: str | None) -> bool:
    """Is `symbol` in the series of a body below the province (a district or commune committee
    or People's Committee), so that the province alone does not tell it apart?

    >>> below_province("95-KH/HU", None), below_province("7/KH-UBND", "district")
    (True, True)
    >>> below_province("12-KH/TU", None), below_province("103/KH-UBND", None)
    (False, False)
    """
    if issuer_level in ("district", "commune"):
        return True
    return bool(_BELOW.search(symbol)) and issuer_level not in ("provincial", "central")
