"""Which central task(s) each local task takes up: proposed links, each with its basis.

A task of plan P may take up a task of any document P implements, directly or through other
documents (10-KH/TW, a provincial plan ...): links are only proposed along IMPLEMENTS chains.
For each local task and each candidate, three signals:

- explicit: the local text cites the central document and the task by its number
  ("nhiệm vụ 3 của Nghị quyết 26-NQ/TW"), score 1;
- wording: the two texts share a run of WORDING_RUN words or more (a plan copying its parent);
- lexical + theme: TF-IDF cosine of accent-folded words and word pairs (stopwords dropped,
  queries/data/stopwords.txt), mixed with the overlap of the two tasks' themes (HAS_THEME).

A local task is linked to its best candidate when that scores at least MIN_SCORE, and to the
other candidates within RATIO of the best (at most MAX_LINKS): a task may take up two central
tasks. The matched words and themes travel with the link, so `kg show` can explain it.

Pure functions over plain records (`TaskRecord`, implements pairs); `alignment_inputs` reads
them from a store and `alignment_batch` turns links into the derived source that `kg load`
writes after every load (replacing the previous one: idempotent by content hash).

>>> central = TaskRecord("c1", "doc:C", "1", "Luân chuyển cán bộ lãnh đạo", themes=("rotation",))
>>> local = TaskRecord("l1", "doc:P", "(1)", "Xây dựng quy chế luân chuyển cán bộ",
...                    themes=("rotation",))
>>> [(a.local, a.central, a.basis) for a in propose([central, local], [("doc:P", "doc:C")])]
[('l1', 'c1', 'lexical+theme')]
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import networkx as nx
import numpy as np

from graph.batch import Batch
from graph.keys import fold, modern_tones, symbol_key
from graph.model import Evidence, Source
from graph.store import Store
from queries.loader import cypher

STOPWORDS_FILE = Path(__file__).with_name("data") / "stopwords.txt"
MIN_SCORE = 0.12  # weakest link proposed (tuned on tests/fixtures/alignment_gold.yaml)
RATIO = 0.9  # further links must score this share of the best one
MAX_LINKS = 3
LEXICAL_WEIGHT = 0.75  # the rest is the theme overlap
WORDING_RUN = 8  # shared words in a row that count as copied wording
MAX_WORDS = 8  # matched words kept on a link
DERIVED_NAME = "derived-alignment"
DERIVED_PATH = "derived:alignment"  # + ":" + the plan's uid: one derived source per plan
ALIGN_PLANS = 10_000  # plans aligned per read of the store (bounds memory)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CITE = re.compile(r"(?:nhiem vu|giai phap|muc|diem)\s+(?:(?:thu|so)\s+)?([0-9]+|[ivx]+)\b")


@dataclass(frozen=True)
class TaskRecord:
    """A task as alignment sees it."""

    uid: str
    document: str
    label: str
    text: str
    lead: str | None = None
    themes: tuple[str, ...] = ()
    order: int = 0


@dataclass(frozen=True)
class Alignment:
    """`local` takes up `central` (task uids), with why and how sure."""

    local: str
    central: str
    basis: str  # explicit | wording | lexical+theme | lexical | theme (and +wording)
    score: float
    words: tuple[str, ...]  # matched words as written in the local task; themes as "theme:<id>"


@cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def words(text: str) -> list[str]:
    """Lower-case words (syllables) with accents, tone marks placed the modern way."""
    norm = modern_tones(unicodedata.normalize("NFC", text)).lower()
    return _WORD.findall(norm)


_fold_word = lru_cache(maxsize=1 << 16)(fold)  # words repeat: fold each once


def features(text: str) -> dict[str, str]:
    """Folded content words and adjacent word pairs -> their first written form.

    >>> sorted(features("Đào tạo cán bộ và quy hoạch"))
    ['bo', 'can', 'can bo', 'dao', 'dao tao', 'hoach', 'quy', 'quy hoach', 'tao', 'tao can']
    """
    ws = words(text)
    stop = stopwords()
    out: dict[str, str] = {}
    for i, w in enumerate(ws):
        if w in stop or w.isdigit():
            continue
        out.setdefault(_fold_word(w), w)
        if i + 1 < len(ws) and ws[i + 1] not in stop and not ws[i + 1].isdigit():
            out.setdefault(_fold_word(w) + " " + _fold_word(ws[i + 1]), w + " " + ws[i + 1])
    return out


def frequencies(texts: Iterable[Iterable[str]]) -> tuple[Counter[str], int]:
    """How many of the feature sets hold each feature, and how many sets there are."""
    df: Counter[str] = Counter()
    n = 0
    for fs in texts:
        n += 1
        df.update(set(fs))
    return df, n


class _Sum:
    """Two counts read as their sum, without building it (a plan's words + its chain's)."""

    def __init__(self, a: Mapping[str, int], b: Mapping[str, int]) -> None:
        self.a, self.b = a, b

    def get(self, f: str, default: int = 0) -> int:
        return self.a.get(f, 0) + self.b.get(f, 0) or default


class Idf(dict):
    """Inverse document frequency of features, each computed when first asked: a feature no
    set holds weighs 1 (so `get` needs no default)."""

    def __init__(self, df: Mapping[str, int] | _Sum, n: int) -> None:
        super().__init__()
        self.df, self.n = df, n

    def __missing__(self, f: str) -> float:
        c = self.df.get(f, 0)
        w = self[f] = math.log((1 + self.n) / (1 + c)) + 1 if c else 1.0
        return w

    def get(self, f: str, default: object = None) -> float:  # type: ignore[override]
        return self[f]


def idf(texts: Iterable[Iterable[str]], base: tuple[Counter[str], int] | None = None) -> Idf:
    """Inverse document frequency of each feature over a collection of feature sets (and over
    those `base` counted already)."""
    df, n = frequencies(texts)
    if base is not None:
        df, n = _Sum(df, base[0]), n + base[1]
    return Idf(df, n)


@dataclass(frozen=True)
class _Prepared:
    """A task with everything scoring needs computed once (pairs are many, tasks few)."""

    task: TaskRecord
    feats: frozenset[str]
    folded: tuple[str, ...]
    grams: frozenset[tuple[str, ...]]  # runs of WORDING_RUN folded words
    text: str  # the folded text
    compact: str  # the folded text without spaces (symbols are matched in it)
    themes: frozenset[str]


def _prepare(t: TaskRecord) -> _Prepared:
    folded = tuple(map(_fold_word, words(t.text)))
    grams = frozenset(folded[i:i + WORDING_RUN] for i in range(len(folded) - WORDING_RUN + 1))
    text = fold(t.text)
    return _Prepared(t, frozenset(features(t.text)), folded, grams, text, text.replace(" ", ""),
                     frozenset(t.themes))


_symbol_key = cache(symbol_key)  # a few symbols, asked once per pair


def _cites(local: _Prepared, central_label: str, central_symbol: str | None) -> bool:
    """The local text names the central document and the task's number."""
    if not central_symbol or _symbol_key(central_symbol) not in local.compact:
        return False
    label = fold(central_label)
    return any(m.group(1) == label for m in _CITE.finditer(local.text))


def explain(a: Alignment, local: _Prepared, central: _Prepared,
            weight: Mapping[str, float]) -> Alignment:
    """The alignment with the words that matched: shared phrases, then shared themes."""
    shown = _phrases(local.task.text, set(local.feats & central.feats), weight)[:MAX_WORDS]
    shown += [f"theme:{t}" for t in sorted(set(local.task.themes) & set(central.task.themes))]
    return dataclasses.replace(a, words=tuple(shown))


def _phrases(text: str, shared: set[str], weight: Mapping[str, float]) -> list[str]:
    """The shared words as phrases of the local text: maximal runs of shared word pairs, then
    shared single words outside them, heaviest first."""
    ws = words(text)
    folded = list(map(_fold_word, ws))
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(ws) - 1:
        j = i
        while j < len(ws) - 1 and f"{folded[j]} {folded[j + 1]}" in shared:
            j += 1
        if j > i:
            runs.append((i, j + 1))
            i = j
        i += 1
    covered = {k for a, b in runs for k in range(a, b)}
    items = [(sum(weight.get(f, 1.0) for f in folded[a:b]), " ".join(ws[a:b]))
             for a, b in runs]
    items += [(weight.get(folded[k], 1.0), ws[k]) for k in range(len(ws))
              if k not in covered and folded[k] in shared]
    out: list[str] = []
    for _, phrase in sorted(items, key=lambda x: (-x[0], x[1])):
        if not any(f" {phrase} " in f" {o} " for o in out):
            out.append(phrase)
    return out


def candidates(implements: Iterable[tuple[str, str]]) -> nx.DiGraph:
    """The implements graph, child -> parent."""
    g = nx.DiGraph()
    g.add_edges_from((c, p) for c, p in implements if c != p)
    return g


class _Space:
    """One kind of feature (words or themes) of a chain's candidate tasks, as arrays, so a
    plan's cosines against every candidate are a few vector operations (the weights depend on
    the plan, the candidates' counts only on the chain)."""

    def __init__(self, sets: Sequence[Collection[str]]) -> None:
        self.index: dict[str, int] = {}
        for s in sets:
            for f in s:
                self.index.setdefault(f, len(self.index))
        self.held = np.zeros((len(sets), len(self.index)))  # held[c, f] = 1: c has f
        for row, s in enumerate(sets):
            self.held[row, [self.index[f] for f in s]] = 1.0
        self.df = self.held.sum(axis=0)
        self.n = len(sets)

    def cosines(self, sets: Sequence[Collection[str]]) -> np.ndarray:
        """Weighted cosine of each of `sets` (a plan's tasks) with each candidate, the IDF
        counted over `sets` and the candidates together (as `idf` counts)."""
        n = self.n + len(sets)
        local = np.zeros((len(sets), len(self.index)))
        own: Counter[str] = Counter()  # features no candidate has
        for row, s in enumerate(sets):
            for f in s:
                i = self.index.get(f)
                if i is None:
                    own[f] += 1
                else:
                    local[row, i] = 1.0
        w2 = (np.log((1 + n) / (1 + self.df + local.sum(axis=0))) + 1) ** 2
        cand_norm = np.sqrt(self.held @ w2)
        own_w2 = {f: (math.log((1 + n) / (1 + c)) + 1) ** 2 for f, c in own.items()}
        extra = np.array([sum(own_w2[f] for f in s if f not in self.index) for s in sets])
        local_norm = np.sqrt(local @ w2 + extra)
        dot = (local * w2) @ self.held.T
        with np.errstate(divide="ignore", invalid="ignore"):
            out = dot / np.outer(local_norm, cand_norm)
        return np.where(dot > 0, out, 0.0)


def _scores(locals_: Sequence[_Prepared], cands: Sequence[tuple[str | None, _Prepared]],
            spaces: tuple[_Space, _Space], min_score: float) -> Iterator[list[Alignment]]:
    """Per local task, its pairs with the candidates that may reach `min_score` (the others
    cannot be linked), scored: LEXICAL_WEIGHT × word cosine + the rest × theme cosine; a shared
    run of WORDING_RUN words lifts the score halfway to 1; a citation of the task makes it 1."""
    lexical = spaces[0].cosines([p.feats for p in locals_])
    theme = spaces[1].cosines([p.themes for p in locals_])
    mixed = LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * theme
    for i, loc in enumerate(locals_):
        row = mixed[i]
        worded = [j for j, (_, c) in enumerate(cands)
                  if loc.grams and not loc.grams.isdisjoint(c.grams)]
        cited = [j for j, (sym, c) in enumerate(cands) if _cites(loc, c.task.label, sym)]
        keep = set(np.flatnonzero(row >= min_score - 1e-4).tolist()) | set(worded) | set(cited)
        out = []
        for j in sorted(keep):
            parts = [p for p, on in (("lexical", lexical[i, j] > 0), ("theme", theme[i, j] > 0))
                     if on]
            score = float(row[j])
            if j in worded:
                parts.append("wording")
                score = max(score, 0.5 + score / 2)
            if j in cited:
                parts, score = ["explicit"], 1.0
            out.append(Alignment(loc.task.uid, cands[j][1].task.uid, "+".join(parts) or "none",
                                 round(score, 4), ()))
        yield out


def propose(tasks: Sequence[TaskRecord], implements: Iterable[tuple[str, str]],
            symbols: Mapping[str, str | None] | None = None, min_score: float = MIN_SCORE,
            ratio: float = RATIO, max_links: int = MAX_LINKS,
            documents: Collection[str] | None = None) -> list[Alignment]:
    """Links from each task to the tasks it takes up in the documents its plan implements.

    `implements` are (child document, parent document) pairs; `symbols` maps document uids to
    their symbols (for explicit citations); `documents`, when given, are the only plans
    aligned (the others' tasks are candidates only).

    Word and theme weights (IDF) are computed over the plan's tasks and its candidates only,
    so a plan's links depend on its chain and nothing else: re-aligning only what a load
    changed gives the same links as re-aligning everything.
    """
    g = candidates(implements)
    symbols = symbols or {}
    wanted = None  # the documents whose tasks are aligned or candidates; None: all
    if documents is not None:
        wanted = set()
        for d in documents:
            if d in g:
                wanted |= {d, *nx.descendants(g, d)}
    prepared = {t.uid: _prepare(t) for t in tasks if wanted is None or t.document in wanted}
    by_doc: dict[str, list[_Prepared]] = {}
    for p in prepared.values():
        by_doc.setdefault(p.task.document, []).append(p)
    chains: dict[tuple[str, ...], tuple[tuple[_Space, _Space], tuple[Counter[str], int]]] = {}
    out: list[Alignment] = []
    for doc, locals_ in sorted(by_doc.items()):
        if doc not in g or (documents is not None and doc not in documents):
            continue
        ups = tuple(d for d in sorted(nx.descendants(g, doc)) if d in by_doc)
        if not ups:
            continue
        cands = [(symbols.get(d), c) for d in ups for c in by_doc[d]]
        if ups not in chains:  # the candidates' share of the weights, once per chain
            chains[ups] = ((_Space([c.feats for _, c in cands]),
                            _Space([c.themes for _, c in cands])),
                           frequencies(c.feats for _, c in cands))
        spaces, feats = chains[ups]
        weight = idf((p.feats for p in locals_), feats)  # for the words shown, on demand
        ordered = sorted(locals_, key=lambda p: (p.task.order, p.task.uid))
        for loc, scored in zip(ordered, _scores(ordered, cands, spaces, min_score),
                               strict=True):
            out.extend(explain(a, loc, prepared[a.central], weight)
                       for a in select(scored, min_score, ratio, max_links))
    return out


def select(scored: Sequence[Alignment], min_score: float = MIN_SCORE, ratio: float = RATIO,
           max_links: int = MAX_LINKS) -> list[Alignment]:
    """The links kept for one local task: the best, and those close to it."""
    ranked = sorted(scored, key=lambda a: (-a.score, a.central))
    if not ranked or ranked[0].score < min_score:
        return []
    best = ranked[0].score
    return [a for a in ranked[:max_links] if a.score >= max(min_score, ratio * best)]


# ---------------------------------------------------------------------- the store

def _rows(store: Store, name: str, docs: Collection[str]) -> list[dict]:
    return store.query(cypher(name), {"docs": sorted(docs)})


def _closure(store: Store, docs: Collection[str], query: str, end: str) -> set[str]:
    """`docs` and every document reached from them by the implements pairs `query` reads."""
    seen, frontier = set(docs), set(docs)
    while frontier:
        frontier = {r[end] for r in _rows(store, query, frontier)} - seen
        seen |= frontier
    return seen


def plans(store: Store) -> set[str]:
    """Every document that implements another: the plans whose tasks may be aligned."""
    return {r["uid"] for r in store.query(cypher("alignment_plans"))}


def below(store: Store, docs: Collection[str]) -> set[str]:
    """`docs` and every document implementing one of them, directly or transitively."""
    return _closure(store, docs, "alignment_children", "child")


def documents_of_sources(store: Store, sources: Collection[str]) -> set[str]:
    """The documents whose tasks or implements links these sources assert (in the store)."""
    return {r["uid"] for r in store.query(cypher("alignment_touched"),
                                          {"sources": sorted(sources)})} if sources else set()


def documents_of_batch(b: Batch) -> set[str]:
    """The documents whose tasks (text, themes) or implements links a batch asserts."""
    return {e.src for e in b.edges if e.type in ("HAS_TASK", "IMPLEMENTS")}


def alignment_inputs(store: Store, docs: Collection[str]) -> tuple[
        list[TaskRecord], list[tuple[str, str]], dict[str, str | None]]:
    """What aligning the plans `docs` needs: the implements pairs above them, the tasks (with
    themes) of the plans and of every document above, those documents' symbols."""
    links: set[tuple[str, str]] = set()
    frontier, seen = set(docs), set(docs)
    while frontier:
        rows = _rows(store, "alignment_parents", frontier)
        links.update((r["child"], r["parent"]) for r in rows)
        frontier = {r["parent"] for r in rows} - seen
        seen |= frontier
    themes: dict[str, list[str]] = {}
    for r in _rows(store, "alignment_themes", seen):
        themes.setdefault(r["task"], []).append(r["theme"])
    tasks = [TaskRecord(r["uid"], r["document"], r["label"] or "", r["text"] or "", r["lead"],
                        tuple(sorted(themes.get(r["uid"], ()))), r["ord"] or 0)
             for r in _rows(store, "alignment_tasks", seen)]
    symbols = {r["uid"]: r["symbol"] for r in _rows(store, "alignment_documents", seen)}
    return tasks, sorted(links), symbols


def derived_path(doc: str) -> str:
    """The path of the derived source holding the links of plan `doc`'s tasks."""
    return DERIVED_PATH + ":" + doc


def alignment_batch(doc: str | None, alignments: Sequence[Alignment],
                    text: Mapping[str, str]) -> Batch:
    """The derived source holding the ALIGNS_WITH links of plan `doc` (None: of all plans);
    its uid is its content. `text` maps the local tasks' uids to their text (the sentence)."""
    payload = json.dumps({"plan": doc,
                          "links": sorted([a.local, a.central, a.basis, a.score, list(a.words),
                                           text.get(a.local, "")] for a in alignments)},
                         ensure_ascii=False)
    sha = hashlib.sha256(payload.encode()).hexdigest()
    path = DERIVED_PATH if doc is None else derived_path(doc)
    source = Source("src:" + sha[:16], DERIVED_NAME, path, sha, len(payload), "utf-8")
    b = Batch(source)
    for uid in sorted({u for a in alignments for u in (a.local, a.central)}):
        b.node("Task", uid, None)  # the ends, asserted elsewhere: no properties, no evidence
    for a in alignments:
        sentence = text.get(a.local, "")
        ev = Evidence(source.uid, sentence, 0, len(sentence), "inferred", a.score)
        b.edge("ALIGNS_WITH", ("Task", a.local), ("Task", a.central), ev, basis=a.basis,
               score=a.score, words=list(a.words))
    return b


_Part = tuple[list[TaskRecord], list[tuple[str, str]], dict[str, str | None], frozenset[str]]
Map = Callable[[Callable[[_Part], list[Alignment]], Iterable[_Part]], Iterable[list[Alignment]]]


def _propose_part(part: _Part) -> list[Alignment]:
    tasks, links, symbols, docs = part
    return propose(tasks, links, symbols, documents=docs)


def derived_batches(store: Store, docs: Collection[str], map_: Map = map,
                    parts: int = 1) -> list[Batch]:
    """The derived sources of the plans `docs` (those with links), computed from the store;
    the plans split in `parts` aligned through `map_` (e.g. a process pool's map)."""
    tasks, links, symbols = alignment_inputs(store, docs)
    ordered = sorted(docs)
    size = max(1, -(-len(ordered) // parts))
    split = [(tasks, links, symbols, frozenset(ordered[i:i + size]))
             for i in range(0, len(ordered), size)]
    by_plan: dict[str, list[Alignment]] = {}
    owner = {t.uid: t.document for t in tasks}
    for a in (a for found in map_(_propose_part, split) for a in found):
        by_plan.setdefault(owner[a.local], []).append(a)
    text = {t.uid: t.text for t in tasks}
    return [alignment_batch(d, by_plan[d], text) for d in sorted(by_plan)]


def realign(store: Store, changed: Collection[str] | None = None, map_: Map = map,
            parts: int = 1) -> int:
    """Recompute the ALIGNS_WITH links `changed` documents can affect, or all (None).

    A plan's links depend on its tasks and on the tasks, implements links and symbols of the
    documents above it, so the plans re-aligned are the changed documents and every document
    below them. Each plan's links are one derived source, retracted and rewritten together.
    `map_` and `parts` spread the scoring (see `derived_batches`). Returns the number of plans
    given links.
    """
    derived = [s for s in store.sources() if s.path.startswith(DERIVED_PATH)]
    if changed is None or any(s.path == DERIVED_PATH for s in derived):  # one source: old form
        scope, stale = plans(store), [s.uid for s in derived]
    else:
        scope = below(store, changed) if changed else set()
        paths = {derived_path(d) for d in scope}
        stale = [s.uid for s in derived if s.path in paths]
    store.retract(stale)
    todo, written = sorted(scope), 0
    for i in range(0, len(todo), ALIGN_PLANS):
        batches = derived_batches(store, todo[i:i + ALIGN_PLANS], map_, parts)
        store.write(batches)
        written += len(batches)
    return written


def derived_alignment_batch(store: Store) -> Batch:
    """Every alignment the store's tasks give, as one derived source (stores written with
    `load_batches` directly; `kg load` keeps one derived source per plan, see `realign`)."""
    docs = plans(store)
    tasks, links, symbols = alignment_inputs(store, docs)
    return alignment_batch(None, propose(tasks, links, symbols, documents=docs),
                           {t.uid: t.text for t in tasks})
