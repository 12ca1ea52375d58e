"""`kg trace 26-NQ/TW` at national scale (issue 7). On demand, never in the unit suite.

    python -m bench.bench_trace --sizes 10000,100000,1000000 [--seed 1] [--runs 5]
                                [--work /tmp/kgtrace]

For each size N it builds (once; reused while the generator, this file, seed and N are
unchanged) an embedded store of N documents shaped like a national corpus: the campaigns of
synth/ — each central document carried down through the Politburo plan, the Government
resolution, ministry plans, the 63 (or 34) provinces' KH/TU and KH-UBND plans, districts and
communes — so the tree under 26-NQ/TW stays one campaign of ~10^4 documents however big N
is. The store is written through the real write path (`Store.write` of `graph.batch.Batch`
objects, in chunks of `kg load`'s size), but with a lean batch per document instead of text
extraction: the document, its issuer (Organisation, ISSUED_BY), its province (Locality,
RELEVANT_FOR) and its IMPLEMENTS links, each with an evidence sentence. No tasks or targets.

Then, each step in its own process (so each peak RSS is its own), kg's and the baseline's
runs alternating (a change of the machine's load falls on both), after byte-compiling kg's
packages once (a cold run should not compile sources, whatever PYTHONDONTWRITEBYTECODE says):

  cli      `kg --store S trace 26-NQ/TW` cold, tree and --format json, then the naive
           process, then `kg coverage` and `kg gaps` (JSON), --runs times: medians
  trace    queries.trace in process, the documents only (links=False, evidence=False: what
           the CLI does without --html) and with every link and its evidence, first and
           second call; --runs times, each in a new process (medians)
  naive    the networkx baseline: every Document and IMPLEMENTS link loaded, then a BFS;
           in process (--runs processes, alternating with trace's), and its process's CPU
           and wall time as the baseline's cold figure (interpreter start, imports, store
           open, load, BFS: no output, so the cold CLI, which prints the tree, does more)

and prints one table per size, wall and CPU time side by side, with kg / naive ratios of
CPU time. The 1-min load average is printed with each table: on a shared machine it says how
far to trust the wall times (CPU times hold better: a cold process's user + system time, a
call's process time). The bench stores hold no tasks, so coverage and gaps there measure
their reads over the trace's documents (no task links), without a baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ROOT_SYMBOL = "26-NQ/TW"
DOCS_PER_WRITE = 20_000  # ~12 records per lean document: about kg load's CHUNK_RECORDS
WRITE_CAMPAIGNS = 3  # campaigns written through Store.write; later ones by bulk COPY
BULK_DOCS = 100_000  # documents per bulk COPY


# --------------------------------------------------------------------------- the corpus
def _uid(d: Any) -> str:
    """Document identity as extraction gives it: the symbol, qualified by where it is local."""
    from graph.keys import slug

    if d.level == "central":
        return f"doc:{d.symbol}"
    where = "/".join(slug(p.name) for p in (d.province, d.district, d.commune) if p is not None)
    symbol = d.symbol or f"news-{d.campaign}-{d.date.isoformat()}"
    return f"doc:{symbol}@{where}"


def _document(b: Any, c: Any, d: Any, uid: str, ev: Any) -> None:
    from graph.keys import fold, symbol_key

    b.node("Document", uid, ev, symbol=d.symbol, type=d.type, issuer=d.issuer, level=d.level,
           locality=d.locality, issued=d.date, title=c.title, name=d.symbol or "Tin bài",
           symbol_key=symbol_key(d.symbol) or None,
           key=fold(" ".join(filter(None, [symbol_key(d.symbol), d.type, c.title, d.issuer,
                                            d.locality]))))


def _renamed(d: Any, k: int, central: dict[str, Any]) -> Any:
    """A template campaign's document carried over to campaign `k`."""
    if d.level == "central":
        return central[d.symbol]
    symbol = d.symbol
    if symbol:
        num, sep, rest = symbol.partition("-") if "-" in symbol.split("/")[0] else \
            symbol.partition("/")
        symbol = f"{int(num.rstrip('a')) + 1000 * k}{sep}{rest}"
    return replace(d, symbol=symbol, campaign=k, date=d.date + dt.timedelta(days=30 * k))


def specs(n_docs: int, seed: int, first: int = 0,
          last: int | None = None) -> Iterator[tuple[Any, Any, list[Any]]]:
    """(campaign, document, what it implements) for every document of an `n_docs` corpus.

    The first three campaigns are synth's (26-NQ/TW, then one after and one before the
    2025 reform); later ones carry the full campaign of the same era over to their own
    central documents, with local symbols renumbered (synth takes ~0.4 ms a document,
    too slow for 10^6).
    """
    from synth.plan import campaign_documents, campaigns, full_size, parents

    templates: dict[bool, tuple[Any, list[tuple[Any, list[Any]]]]] = {}
    for c in campaigns(n_docs, seed):
        if last is not None and c.index >= last:
            return
        if c.index < 3 or c.after_reform not in templates:
            docs = [(d, parents(seed, c, d)) for d in campaign_documents(seed, c)]
            if c.budget == full_size(c.after_reform):
                templates.setdefault(c.after_reform, (c, docs))
        else:
            t, tdocs = templates[c.after_reform]
            central = {a.symbol: b for a, b in zip(
                (t.central, t.politburo, t.government, *t.ministries),
                (c.central, c.politburo, c.government, *c.ministries), strict=False)}
            docs = [(_renamed(d, c.index, central), [_renamed(p, c.index, central) for p in ps])
                    for d, ps in tdocs[:c.budget]]
        if c.index >= first:
            for d, ps in docs:
                yield c, d, ps


def lean_batches(n_docs: int, seed: int, last: int | None = None) -> Iterator[Any]:
    """One Batch per document of the synthetic corpus (campaigns before `last`), parents
    before children."""
    from graph.batch import Batch, locality_uid, organisation_uid
    from graph.keys import fold
    from graph.model import Evidence, Source

    for i, (c, d, ps) in enumerate(specs(n_docs, seed, last=last)):
        uid = _uid(d)
        key = f"{seed}/{i}/{uid}"
        src = Source("src:" + hashlib.sha256(key.encode()).hexdigest()[:16], f"{i:07d}.txt",
                     f"synthetic/{i:07d}.txt", hashlib.sha256(key.encode()).hexdigest(), 0,
                     "utf-8")
        name = d.symbol or "Tin bài"
        head = Evidence(src.uid, f"{d.type or 'Tin'} {name} ngày {d.date:%d/%m/%Y}", 0, 40)
        b = Batch(src)
        _document(b, c, d, uid, head)
        if d.locality:
            loc = locality_uid(d.locality)
            b.node("Locality", loc, head, name=d.locality, key=fold(d.locality))
            b.edge("RELEVANT_FOR", ("Document", uid), ("Locality", loc), head)
        if d.issuer:
            local = d.locality if d.level != "central" else None
            org = organisation_uid(d.issuer, local)
            b.node("Organisation", org, head, name=d.issuer, level=d.level, locality=local,
                   key=fold(d.issuer))
            b.edge("ISSUED_BY", ("Document", uid), ("Organisation", org), head)
        for k, p in enumerate(ps):
            _document(b, c, p, _uid(p), head)  # a cited document, as extraction records it
            sentence = f"Thực hiện {p.type} số {p.symbol} của {p.issuer}, {d.issuer} ban hành."
            b.edge("IMPLEMENTS", ("Document", uid), ("Document", _uid(p)),
                   Evidence(src.uid, sentence, 100 + 80 * k, 100 + 80 * k + len(sentence)),
                   basis="explicit")
        yield b


def stamp(n_docs: int, seed: int) -> str:
    """What the store depends on: the generator's sources, the builder's code, seed and size."""
    import inspect

    h = hashlib.sha256(f"{n_docs}/{seed}/{WRITE_CAMPAIGNS}/{BULK_DOCS}".encode())
    for p in sorted((ROOT / "bench" / "synth").rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.read_bytes())
    for f in (_uid, _document, _renamed, specs, lean_batches, bulk_rows, _arrow, copy_rows,
              step_build):
        h.update(inspect.getsource(f).encode())
    return h.hexdigest()


# --------------------------------------------------------------------------- steps
def bulk_rows(n_docs: int, seed: int, first: int) -> Iterator[dict[str, list[dict]]]:
    """Rows per table for the campaigns from `first` on, ~BULK_DOCS documents at a time: what
    the lean batches would write, minus their Source nodes and MENTIONED_IN links."""
    from graph.batch import locality_uid, organisation_uid
    from graph.keys import fold, symbol_key

    def empty() -> dict[str, list[dict]]:
        return {"Document": [], "Organisation": [], "IMPLEMENTS": [], "ISSUED_BY": [],
                "RELEVANT_FOR": []}

    rows, orgs = empty(), set()
    for i, (c, d, ps) in enumerate(specs(n_docs, seed, first=first)):
        uid, src = _uid(d), f"src:bulk-{c.index}-{i}"
        ev = {"source": src, "span_start": 0, "span_end": 40, "method": "explicit",
              "confidence": 1.0}
        rows["Document"].append({
            "uid": uid, "symbol": d.symbol, "type": d.type, "issuer": d.issuer,
            "level": d.level, "locality": d.locality, "issued": d.date, "title": c.title,
            "name": d.symbol or "Tin bài", "symbol_key": symbol_key(d.symbol) or None,
            "key": fold(" ".join(filter(None, [symbol_key(d.symbol), d.type, c.title,
                                                d.issuer, d.locality])))})
        head = {**ev, "sentence": f"{d.type or 'Tin'} {d.symbol} ngày {d.date:%d/%m/%Y}"}
        if d.locality:
            rows["RELEVANT_FOR"].append({"from": uid, "to": locality_uid(d.locality), **head})
        if d.issuer:
            local = d.locality if d.level != "central" else None
            org = organisation_uid(d.issuer, local)
            if org not in orgs:
                orgs.add(org)
                rows["Organisation"].append({"uid": org, "name": d.issuer, "level": d.level,
                                             "locality": local, "key": fold(d.issuer)})
            rows["ISSUED_BY"].append({"from": uid, "to": org, **head})
        for k, p in enumerate(ps):
            sentence = f"Thực hiện {p.type} số {p.symbol} của {p.issuer}, {d.issuer} ban hành."
            rows["IMPLEMENTS"].append({"from": uid, "to": _uid(p), "basis": "explicit", **ev,
                                       "sentence": sentence, "span_start": 100 + 80 * k,
                                       "span_end": 100 + 80 * k + len(sentence)})
        if len(rows["Document"]) == BULK_DOCS:
            yield rows
            rows = empty()
    yield rows


def _arrow(props: Any, rows: list[dict], lead: tuple[str, ...] = ()) -> Any:
    """Rows as an Arrow table with the store's column types (`lead`: from/to uid columns)."""
    import pyarrow as pa

    types = {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(),
             "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "STRING[]": pa.list_(pa.string())}
    cols = {k: pa.array([r[k] for r in rows], type=pa.string()) for k in lead}
    for prop in props:
        empty = [] if prop.type == "STRING[]" else None
        cols[prop.name] = pa.array([r.get(prop.name, empty) for r in rows],
                                   type=types[prop.type])
    return pa.table(cols)


def copy_rows(store: Any, rows: dict[str, list[dict]]) -> None:
    """COPY new rows straight into the embedded store's tables (organisations it already
    holds are left out)."""
    from graph.ids import evidence_uid

    schema = store.schema
    held = {r["uid"] for r in store.query("MATCH (o:Organisation) RETURN o.uid AS uid")}
    said: dict[str, dict[str, str]] = {}  # each sentence once, as an Evidence node
    for stated in ("IMPLEMENTS", "ISSUED_BY", "RELEVANT_FOR"):
        for r in rows[stated]:
            uid = r["evidence"] = evidence_uid(r["source"], r["sentence"])
            said.setdefault(uid, {"uid": uid, "source": r["source"], "sentence": r["sentence"]})
    new = {"Document": rows["Document"],
           "Organisation": [r for r in rows["Organisation"] if r["uid"] not in held],
           "Evidence": list(said.values())}
    for label, table in new.items():
        if table:
            data = _arrow(schema.node(label).props, table)  # COPY reads `data` by name
            store._conn.execute(f"COPY {label} FROM data")
    for stated, ends in (("IMPLEMENTS", ""), ("ISSUED_BY", ""),
                         ("RELEVANT_FOR", " (from='Document', to='Locality')")):
        type_ = schema.stated_as(stated)  # IMPLEMENTS is stated as IMPLEMENTS_EVIDENCE ...
        if rows[stated]:
            data = _arrow(schema.rel(type_).props, rows[stated], lead=("from", "to"))  # noqa: F841
            store._conn.execute(f"COPY {type_} FROM data{ends}")
    store._unsynced = True  # ... and the store makes one IMPLEMENTS per pair at its next read


def step_build(store_path: Path, n_docs: int, seed: int) -> dict[str, Any]:
    """The first campaigns through `Store.write` (lean batches); the rest by bulk COPY."""
    from graph.store import open_store

    for old in [store_path, *store_path.parent.glob(store_path.name + ".*")]:  # and its WAL
        old.unlink(missing_ok=True)
    store = open_store(str(store_path))
    store.ensure_schema()
    start, batches, written = time.perf_counter(), [], 0

    def progress(what: str) -> None:
        print(f"  {written} documents ({what}), {time.perf_counter() - start:.0f} s",
              file=sys.stderr, flush=True)

    for b in lean_batches(n_docs, seed, last=WRITE_CAMPAIGNS):
        batches.append(b)
        if len(batches) == DOCS_PER_WRITE:
            store.write(batches)
            written += len(batches)
            batches = []
            progress("Store.write")
    store.write(batches)
    written += len(batches)
    through_write = written
    for rows in bulk_rows(n_docs, seed, first=WRITE_CAMPAIGNS):
        copy_rows(store, rows)
        written += len(rows["Document"])
        progress("bulk COPY")
    docs = store.query("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
    links = store.query("MATCH ()-[r:IMPLEMENTS]->() RETURN count(r) AS n")[0]["n"]
    store.close()
    return {"seconds": time.perf_counter() - start, "documents": docs, "links": links,
            "written": through_write, "mb": store_path.stat().st_size / 2**20}


def step_trace(store_path: Path) -> dict[str, Any]:
    from graph.store import open_store
    from queries import resolve_document, trace

    store = open_store(str(store_path), read_only=True)
    uid = resolve_document(store, ROOT_SYMBOL)["uid"]
    out: dict[str, Any] = {}
    for label, evidence in (("lean", False), ("evidence", True)):
        for call in ("first", "second"):
            start, cpu = time.perf_counter(), time.process_time()
            t = trace(store, uid, evidence=evidence, links=evidence)  # lean: what the CLI does
            out[f"{label}_{call}"] = time.perf_counter() - start
            out[f"{label}_{call}_cpu"] = time.process_time() - cpu
    out["documents"], out["links"] = len(t.documents), len(t.edges)  # the full trace's
    store.close()
    return out


def step_naive(store_path: Path) -> dict[str, Any]:
    from bench.naive import trace_networkx
    from graph.store import open_store

    store = open_store(str(store_path), read_only=True)
    start, cpu = time.perf_counter(), time.process_time()
    found = trace_networkx(store.query, f"doc:{ROOT_SYMBOL}")
    out = {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
           "documents": len(found)}
    store.close()
    return out


STEPS = {"build": step_build, "trace": step_trace, "naive": step_naive}


def run_step(name: str, *args: str) -> tuple[dict[str, Any], float, float, float]:
    """(result, wall seconds, peak RSS in MB, CPU seconds) of one step in a fresh process."""
    cmd = [sys.executable, "-m", "bench.bench_trace", "--step", name, *args]
    return _measure(cmd, capture=True)


def _measure(cmd: list[str], capture: bool = False) -> tuple[Any, float, float, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode})")
    return ((json.loads(out) if capture else len(out)), seconds, usage.ru_maxrss / 1024,
            usage.ru_utime + usage.ru_stime)


def cli(store_path: Path, verb: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "kg", "--store", str(store_path), verb, ROOT_SYMBOL, *options]


def cold_runs(store_path: Path, runs: int) -> dict[str, list[tuple[Any, float, float, float]]]:
    """Each cold process --runs times, kg's and the naive baseline's alternating (so that a
    change of the machine's load falls on both): `kg trace` (tree, JSON), the naive process,
    `kg coverage` and `kg gaps` (JSON)."""
    cmds = {"tree": cli(store_path, "trace"),
            "json": cli(store_path, "trace", "--format", "json"),
            "naive": [sys.executable, "-m", "bench.bench_trace", "--step", "naive",
                      str(store_path)],
            "coverage": cli(store_path, "coverage", "--format", "json"),
            "gaps": cli(store_path, "gaps", "--format", "json")}
    out: dict[str, list[tuple[Any, float, float, float]]] = {k: [] for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            out[name].append(_measure(cmd, capture=name == "naive"))
    return out


def in_process_runs(store_path: Path, runs: int
                    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float, float]:
    """`trace()` and the naive trace in process, each in its own new process, alternating;
    (trace results, naive results, their peak RSS in MB)."""
    traces, naive = [], []
    for _ in range(runs):
        traces.append(run_step("trace", str(store_path)))
        naive.append(run_step("naive", str(store_path)))
    return ([r for r, *_ in traces], [r for r, *_ in naive], max(m for _, _, m, _ in traces),
            max(m for _, _, m, _ in naive))


def compile_sources() -> None:
    """Byte-compile kg's packages once, so that no cold process compiles them (a user's
    install has them compiled; PYTHONDONTWRITEBYTECODE would make every run pay for it)."""
    import compileall

    for package in ("bench", "graph", "kg", "ontology", "queries", "alignment", "loaders",
                    "viz", "synth"):
        compileall.compile_dir(ROOT / package, quiet=1)


# --------------------------------------------------------------------------- driver
def ensure_store(work: Path, n_docs: int, seed: int) -> tuple[Path, dict[str, Any] | None]:
    """The store of this size, built unless an unchanged one is there."""
    folder = work / str(n_docs)
    path, stamp_file = folder / "trace.lbdb", folder / "trace.stamp"
    want = stamp(n_docs, seed)
    if path.exists() and stamp_file.exists() and stamp_file.read_text() == want:
        return path, None
    folder.mkdir(parents=True, exist_ok=True)
    stamp_file.unlink(missing_ok=True)
    result, seconds, mb, _ = run_step("build", str(path), str(n_docs), str(seed))
    stamp_file.write_text(want)
    return path, {**result, "wall": seconds, "peak_mb": mb}


def table(n_docs: int, built: dict[str, Any] | None, path: Path, runs: int) -> str:
    """Wall time (what a user waits) and CPU time (what the machine's load does not change:
    on a shared machine, compare those) of each step, kg beside the naive baseline."""
    rows: list[tuple[str, str, str, str]] = []
    if built:
        rows.append((f"build ({built['written']:,} documents by Store.write of lean batches, "
                     f"the rest by bulk COPY; {built['documents']:,} documents, "
                     f"{built['links']:,} IMPLEMENTS, {built['mb']:.0f} MB)",
                     f"{built['wall']:.0f} s", "", f"{built['peak_mb']:.0f}"))
    else:
        rows.append((f"build: reused {path}", "-", "", "-"))
    cold = cold_runs(path, runs)

    def walls(name: str) -> str:
        w = [s for _, s, _, _ in cold[name]]
        return f"{statistics.median(w):.2f} s ({min(w):.2f}-{max(w):.2f})"

    def cpu(name: str) -> float:
        return statistics.median(c for *_, c in cold[name])

    def mb(name: str) -> str:
        return f"{max(m for _, _, m, _ in cold[name]):.0f}"

    for fmt in ("tree", "json"):
        rows.append((f"kg trace {ROOT_SYMBOL} --format {fmt}, cold CLI, median of {runs} "
                     f"({cold[fmt][0][0] / 2**20:.1f} MB out)", walls(fmt),
                     f"{cpu(fmt):.2f} s", mb(fmt)))
    n = cold["naive"][0][0]
    rows.append((f"naive, cold: its process (start, imports, store open, load every Document "
                 f"+ IMPLEMENTS, BFS; {n['documents']:,} documents; no output), median",
                 walls("naive"), f"{cpu('naive'):.2f} s", mb("naive")))
    rows.append(("  kg / naive, cold CPU: tree, json",
                 "", f"{cpu('tree') / cpu('naive'):.2f}, {cpu('json') / cpu('naive'):.2f}", ""))
    traces, naive, trace_mb, naive_mb = in_process_runs(path, runs)
    t = traces[0]

    def med(key: str, results: list[dict[str, Any]] = traces) -> float:
        return statistics.median(r[key] for r in results)

    rows.append((f"trace() in process, documents only, as the CLI ({t['documents']:,} "
                 f"documents, {t['links']:,} links): first / second, median of {runs}",
                 f"{med('lean_first'):.3f} / {med('lean_second'):.3f} s",
                 f"{med('lean_first_cpu'):.3f} / {med('lean_second_cpu'):.3f} s",
                 f"{trace_mb:.0f}"))
    rows.append(("trace() in process, with links and evidence: first / second",
                 f"{med('evidence_first'):.3f} / {med('evidence_second'):.3f} s",
                 f"{med('evidence_first_cpu'):.3f} / {med('evidence_second_cpu'):.3f} s", ""))
    rows.append((f"naive: networkx, load every Document + IMPLEMENTS, BFS "
                 f"({naive[0]['documents']:,} documents), in process, median of {runs}",
                 f"{med('seconds', naive):.3f} s", f"{med('cpu', naive):.3f} s",
                 f"{naive_mb:.0f}"))
    rows.append(("  kg / naive, in process CPU: first call, second call, with links (first)",
                 "", f"{med('lean_first_cpu') / med('cpu', naive):.2f}, "
                     f"{med('lean_second_cpu') / med('cpu', naive):.2f}, "
                     f"{med('evidence_first_cpu') / med('cpu', naive):.2f}", ""))
    for name in ("coverage", "gaps"):
        rows.append((f"kg {name} {ROOT_SYMBOL} --format json, cold CLI, median of {runs} "
                     "(no baseline; the bench stores hold no tasks)", walls(name),
                     f"{cpu(name):.2f} s", mb(name)))
    width = max(len(r[0]) for r in rows)
    lines = [f"N = {n_docs:,} documents  (load average {os.getloadavg()[0]:.1f}, "
             f"{dt.datetime.now():%Y-%m-%d %H:%M})",
             f"{'step'.ljust(width)}  {'wall time':>24}  {'CPU time':>13}  {'peak RSS MB':>11}"]
    lines += [f"{a.ljust(width)}  {b:>24}  {c:>13}  {d:>11}" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default="/tmp/kgtrace")
    ap.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.step:
        path, *rest = a.args
        print(json.dumps(STEPS[a.step](Path(path), *map(int, rest))))
        return
    compile_sources()
    for n in map(int, a.sizes.split(",")):
        path, built = ensure_store(Path(a.work), n, a.seed)
        print(table(n, built, path, a.runs), "\n", flush=True)


if __name__ == "__main__":
    main()
