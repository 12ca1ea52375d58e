"""URLs: fetched with a timeout, a size cap and a polite delay between requests to a host.

The bytes go to the reader the response's Content-Type (or the URL's suffix) names; the URL
stays the source's path and address.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from loaders.errors import SourceError

TIMEOUT = 30.0  # seconds per request
MAX_BYTES = 50 * 2**20
DELAY = 1.0  # seconds between two requests to the same host
USER_AGENT = "kg/0.1 (policy-directive reader; +https://example.invalid/kg)"
_last: dict[str, float] = {}


def is_url(name: str) -> bool:
    return urlsplit(str(name)).scheme in ("http", "https")


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          delay: float = DELAY) -> tuple[bytes, str, str]:
    """(bytes, MIME type, final URL) of `url`; SourceError naming the URL on any failure."""
    host = urlsplit(url).hostname or ""
    wait = _last.get(host, 0.0) + delay - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise SourceError(url, f"is larger than the {max_bytes // 2**20} MB cap")
            data = response.read(max_bytes + 1)
            mime = response.headers.get_content_type()
            final = response.geturl()
    except urllib.error.HTTPError as e:
        raise SourceError(url, f"cannot be fetched (HTTP {e.code} {e.reason})") from e
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise SourceError(url, f"cannot be fetched ({reason})") from e
    finally:
        _last[host] = time.monotonic()
    if len(data) > max_bytes:
        raise SourceError(url, f"is larger than the {max_bytes // 2**20} MB cap")
    return data, mime, final
