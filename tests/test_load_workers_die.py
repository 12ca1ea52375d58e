"""Killed loads leave no worker behind (issue 17, case 4): the extraction processes of a real
`kg load --jobs 2` end within seconds of their parent's kill -9 (as the OOM killer does it)
or SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = [SHARED / "real" / "corpus", SHARED / "plans" / "corpus", SHARED / "seeds"]

pytestmark = pytest.mark.skipif(not all(c.is_dir() for c in CORPORA) or
                                not Path("/proc/self/stat").exists(),
                                reason="needs ../shared corpora and /proc")


def children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_load_is_killed(tmp_path, sig):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    load = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(tmp_path / "kg.lbdb"),
                             "load", "--quiet", "--jobs", "2", "--no-bulk", *map(str, CORPORA)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2 and load.poll() is None:
            # the pool's workers, beside multiprocessing's resource tracker
            workers = {c for c in children(load.pid)
                       if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")
                       and "resource_tracker" not in Path(f"/proc/{c}/cmdline").read_text(
                           errors="replace")}
            time.sleep(0.1)
        assert len(workers) >= 2, "the load ended before its workers were seen"
        time.sleep(0.5)
        load.send_signal(sig)
        load.wait(30)
        end = time.monotonic() + 20  # a loaded machine schedules the dying workers late
        while time.monotonic() < end and any(map(alive, workers)):
            time.sleep(0.1)
        left = [w for w in workers if alive(w)]
        assert not left, f"workers {left} outlived their parent"
    finally:
        if load.poll() is None:
            load.kill()
        for w in workers | children(load.pid):  # what the old code left
            if alive(w):
                os.kill(w, signal.SIGKILL)
