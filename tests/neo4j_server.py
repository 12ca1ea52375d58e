"""Start and stop the local Neo4j test server (tests/neo4j/server.sh) from Python.

``start_server()`` returns ``bolt://neo4j:PASSWORD@127.0.0.1:PORT``; ``split_uri`` turns it into
the address and credentials that ``neo4j.GraphDatabase.driver`` takes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

SERVER_DIR = Path(__file__).resolve().parent / "neo4j"
SERVER_SH = SERVER_DIR / "server.sh"


def _run(command: str, fresh: bool = False) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_NEO4J_FRESH="1") if fresh else None
    return subprocess.run(
        ["bash", str(SERVER_SH), command], capture_output=True, text=True, env=env, check=False
    )


def neo4j_available() -> tuple[bool, str]:
    """Whether this machine can build and run the server: (ok, reason when not)."""
    java = shutil.which("java", path=_java_path())
    if java is None:
        return False, "java not found (Java 17+ runs the Neo4j test server)"
    version = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    match = re.search(r'version "(\d+)', version.stderr)
    if match is None or int(match.group(1)) < 17:
        return False, f"Java 17+ is needed, found: {version.stderr.splitlines()[:1]}"
    if shutil.which("mvn") is None and not (SERVER_DIR / "target" / ".built").exists():
        return False, "mvn not found (Maven builds the Neo4j test server from Maven Central)"
    return True, ""


def _java_path() -> str | None:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin")
    return None


def start_server(fresh: bool = False) -> str:
    """Build if needed, start (or reuse) the server; return ``bolt://neo4j:PASSWORD@127.0.0.1:PORT``.

    ``fresh`` starts on an empty database (only when no server is running yet).
    """
    result = _run("start", fresh=fresh)
    if result.returncode != 0:
        raise RuntimeError(f"Neo4j test server did not start:\n{result.stderr}")
    return result.stdout.strip()


def stop_server() -> None:
    """Stop the server if it runs, and wait until it has exited."""
    result = _run("stop")
    if result.returncode != 0:
        raise RuntimeError(f"Neo4j test server did not stop:\n{result.stderr}")


def is_running() -> bool:
    return _run("status").returncode == 0


def split_uri(uri: str) -> tuple[str, str, str]:
    """Split ``bolt://user:pw@host:port`` into (``bolt://host:port``, user, pw) for the driver."""
    parts = urlsplit(uri)
    if parts.username is None or parts.password is None:
        raise ValueError(f"expected scheme://user:password@host:port, got {uri!r}")
    address = parts.netloc.rpartition("@")[2]
    return f"{parts.scheme}://{address}", unquote(parts.username), unquote(parts.password)
