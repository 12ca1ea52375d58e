"""What text search costs: folding the words at load time, and answering a query, each beside a
baseline in the same run.

Run on demand:  python -m bench.bench_search [--tasks 20000,100000] [--uri bolt://…]

1. Load time, per text: `graph.keys.search_words` (what each Document, Task and Organisation
   now carries) beside `fold` (what a Document's `key` already cost) and beside the first
   form of search_words (fold, then a regex for the words).
2. Query time, on an embedded store of N synthetic tasks (random words of cadre-work
   vocabulary, deterministic per seed): `queries.search.search` (every word a word of the
   folded `search`) beside the accent- and case-sensitive substring scan analysts had
   (`WHERE t.text CONTAINS $w`), and beside search's first form (a list predicate over the
   words). With --uri, the same on that Neo4j, where the full-text
   index narrows the candidates (the database there is WIPED).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph import load_batches, to_batch
from graph.keys import _WORD, fold, search_words
from graph.model import Document, Evidence, Extraction, Source, Task
from queries.search import search

VOCABULARY = ("cán bộ cấp chiến lược đào tạo bồi dưỡng quy hoạch luân chuyển đánh giá tổ chức "
         "thực hiện tham mưu xây dựng đội ngũ năng lực phẩm chất uy tín kiểm tra giám sát "
         "Ban Sở Nội vụ Tỉnh ủy huyện xã nhiệm vụ kế hoạch nghị quyết chính sách trẻ nữ "
         "dân tộc thiểu số chuyên gia nhân tài đề án chương trình năm quý")
WORDS = VOCABULARY.split()
QUERIES = ("can bo chien luoc", "ĐÀO TẠO", "so noi vu", "tổ chức thực hiện")


def texts(n: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 40))) + "."
            for _ in range(n)]


def _regex_words(text: str) -> str | None:
    return " ".join(_WORD.findall(fold(text))) or None


def per_text(sample: list[str], rounds: int = 3) -> None:
    print(f"load time, {len(sample):,} texts of {statistics.mean(map(len, sample)):.0f} chars "
          f"(best of {rounds} interleaved rounds):")
    forms = (("fold (Document.key, before)", fold), ("search_words", search_words),
             ("fold + regex (first form)", _regex_words))
    best = {name: float("inf") for name, _ in forms}
    for _ in range(rounds):
        for name, f in forms:
            start = time.perf_counter()
            for t in sample:
                f(t)
            best[name] = min(best[name], time.perf_counter() - start)
    for name, seconds in best.items():
        print(f"  {name:30} {seconds / len(sample) * 1e6:7.1f} µs/text")


def extraction(all_texts: list[str], part: int) -> Extraction:
    src = Source(f"src:bench{part:08d}", f"b{part}.txt", f"/bench/b{part}.txt", f"{part}", 1,
                 "utf-8")
    ev = Evidence(src.uid, "", 0, 0)
    doc = Document(f"doc:{part}-KH/TU@bench", f"{part}-KH/TU", "Kế hoạch", None, "provincial",
                   None, None, ev)
    tasks = [Task(f"task:{part}#{i}", doc.uid, str(i), t, ev, order=i)
             for i, t in enumerate(all_texts)]
    return Extraction(src, "", documents=[doc], tasks=tasks)


def fill(store, all_texts: list[str], per_doc: int = 100) -> None:
    store.ensure_schema()
    load_batches(store, [to_batch(extraction(all_texts[i:i + per_doc], i // per_doc))
                         for i in range(0, len(all_texts), per_doc)])


def wipe(neo) -> None:
    """Empty a Neo4j in small transactions (the test server's transaction memory is small)."""
    while neo.execute("MATCH (n) WITH n LIMIT 1000 DETACH DELETE n RETURN count(*) AS c")[0]["c"]:
        pass


# The first form of kg search's test on the embedded store, for comparison: a list predicate.
FIRST_FORM = ("MATCH (n:Task) WHERE n.search IS NOT NULL WITH n WHERE "
              "all(w IN $words WHERE (' ' + n.search + ' ') CONTAINS (' ' + w + ' ')) "
              "RETURN n.uid AS uid ORDER BY uid LIMIT 20")


def per_query(store, repeat: int, first_form: bool = False) -> None:
    for q in QUERIES:
        word = q.split()[0]
        forms = ["kg search (folded words)", "text CONTAINS (baseline)"]
        times: dict[str, list[float]] = {f: [] for f in forms}
        if first_form:
            times["all() (first form)"] = []
        for _ in range(repeat):
            start = time.perf_counter()
            hits = len(search(store, q, "task", limit=20))
            times[forms[0]].append(time.perf_counter() - start)
            start = time.perf_counter()
            raw = store.query("MATCH (t:Task) WHERE t.text CONTAINS $w RETURN t.uid AS uid "
                              "ORDER BY uid LIMIT 20", {"w": word})
            times[forms[1]].append(time.perf_counter() - start)
            if first_form:
                start = time.perf_counter()
                store.query(FIRST_FORM, {"words": (search_words(q) or "").split()})
                times["all() (first form)"].append(time.perf_counter() - start)
        cells = "  ".join(f"{k} {statistics.median(v) * 1000:6.1f} ms" for k, v in times.items())
        print(f"  {q!r:22} {cells}  (hits {hits}, baseline {len(raw)})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", default="20000,100000")
    ap.add_argument("--uri", default=None, help="also a Neo4j (its database is wiped)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.tasks.split(",")]
    per_text(texts(20_000, seed=2))
    from graph.ladybug_store import LadybugStore

    for n in sizes:
        all_texts = texts(n)
        with tempfile.TemporaryDirectory() as tmp:
            store = LadybugStore(str(Path(tmp) / "kg.lbdb"))
            fill(store, all_texts)
            print(f"query time, embedded store, {n:,} tasks (median of {args.repeat}):")
            per_query(store, args.repeat, first_form=True)
            store.close()
        if args.uri:
            from graph.neo4j_store import Neo4jStore

            neo = Neo4jStore(args.uri)
            neo.ensure_schema()
            wipe(neo)
            fill(neo, all_texts)
            neo.query("CALL db.awaitIndexes(300)")
            print(f"query time, Neo4j (full-text index), {n:,} tasks (median of {args.repeat}):")
            per_query(neo, args.repeat)
            wipe(neo)
            neo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
