"""Which central task(s) each local task takes up: pure scoring of (local, central) pairs.

A task of plan P may take up a task of any document P implements, directly or through other
documents (10-KH/TW, a provincial plan ...): pairs are only formed along IMPLEMENTS chains.
Each pair is judged on its own merit:

- explicit: the local text cites the central document and the task by its number
  ("nhiệm vụ 3 của Nghị quyết 26-NQ/TW"): probability 1;
- otherwise a logistic model over a few features (FEATURES) gives the probability that the
  link is right: TF-IDF cosines over words (alignment/words.py, not syllables) and word pairs
  against the whole central task and against its best clause (a long central task lists many
  stages of cadre work; a local task usually takes up one), how much of that clause the local
  task covers and how much of the local task the central task holds, the overlap of the two
  tasks' themes (HAS_THEME), how far the pair stands above or below the local task's best
  other candidate on clause and on theme match (a clear first is told from a tie, and a second
  link must stand close to the first on its own evidence), and how much of the local task
  organises the plan itself (drafting, reporting: such a task takes up nothing). The weights
  (alignment/data/weights.yaml) are fit on the hand alignment and checked by leaving one plan
  out (alignment/calibration.py);
- wording: a shared run of WORDING_RUN words (a plan copying its parent) lifts the probability
  halfway to 1.

A link is proposed when its probability reaches PROPOSE (at most MAX_LINKS per local task, the
likeliest first); coverage counts it as covering from COVERED. The matched words and themes,
and the central clause they matched, travel with the link so `kg show` can explain it.

>>> central = TaskRecord("c1", "doc:C", "1", "Luân chuyển cán bộ lãnh đạo", themes=("rotation",))
>>> local = TaskRecord("l1", "doc:P", "(1)", "Xây dựng quy chế luân chuyển cán bộ lãnh đạo",
...                    themes=("rotation",))
>>> [(a.local, a.central, a.basis) for a in propose([central, local], [("doc:P", "doc:C")])]
[('l1', 'c1', 'lexical+theme')]
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import networkx as nx
import numpy as np

from alignment.thesaurus import GROUPS, concepts
from alignment.weights import FEATURES, Model, model
from alignment.words import normalise, parts, procedural_share, word_runs
from graph.keys import fold, symbol_key

MAX_LINKS = 3
WORDING_RUN = 8  # shared words in a row that count as copied wording
MAX_WORDS = 8  # matched words kept on a link
NEAR = 1e-3  # pairs this far below the threshold are scored in full (rounding to 4 places)

_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)
_CITE = re.compile(r"(?:nhiem vu|giai phap|muc|diem)\s+(?:(?:thu|so)\s+)?([0-9]+|[ivx]+)\b")
_CLAUSE_END = re.compile(r"[;:.]\s|[;:.]$|\n")
_CLAUSE_MARK = re.compile(r"[;:.()\n]")
CONCEPT = "≈"  # marks a thesaurus concept among a text's features ("≈recruitment")
_PAIR = "\t"  # joins the two words of a pair feature (words themselves hold spaces)


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
    """`local` takes up `central` (task uids), with why and how sure (a probability)."""

    local: str
    central: str
    basis: str  # explicit | wording | lexical+theme | lexical | theme (and +wording)
    score: float
    words: tuple[str, ...]  # matched words as written in the local task; themes as "theme:<id>",
    # thesaurus concepts as "concept:<id>"
    clause: str = ""  # the central task's clause the local task matched best


# ---------------------------------------------------------------------- text -> features

def features(text: str) -> dict[str, str]:
    """Content words, the longer words a domain term is made of, and adjacent word pairs ->
    their written form (lower case, tone marks kept).

    >>> sorted(features("Đào tạo cán bộ và quy hoạch"))
    ['cán bộ', 'quy hoạch', 'đào tạo', 'đào tạo\\tcán bộ']
    """
    out: dict[str, str] = {CONCEPT + c: CONCEPT + c for c in sorted(concepts(text))}
    for run in word_runs(text):
        for i, w in enumerate(run):
            out.setdefault(w, w)
            for p in parts(w):
                out.setdefault(p, p)
            if i + 1 < len(run):
                out.setdefault(w + _PAIR + run[i + 1], w + " " + run[i + 1])
    return out


def clauses(text: str) -> list[str]:
    """The clauses of a task text: pieces between ';', ':' and '.' outside brackets, so a
    long central task listing many stages is matched stage by stage.

    >>> clauses("Đổi mới công tác cán bộ: đánh giá; quy hoạch (tỉnh; huyện).")
    ['Đổi mới công tác cán bộ', 'đánh giá', 'quy hoạch (tỉnh; huyện)']
    """
    out, depth, start = [], 0, 0
    for m in _CLAUSE_MARK.finditer(text):
        ch = m.group()
        if ch in "()":
            depth += 1 if ch == "(" else -1
        elif depth <= 0 and _CLAUSE_END.match(text, m.start()):
            out.append(text[start:m.start()])
            start = m.start() + 1
    out.append(text[start:])
    return [c.strip() for c in out if c.strip()]


@lru_cache(maxsize=1 << 14)
def _clause_features(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The clauses of a text with their features (central tasks recur in every plan's
    chain: computed once)."""
    return tuple((c, f) for c in clauses(text) if (f := frozenset(features(c))))


@dataclass(frozen=True)
class _Prepared:
    """A task with everything scoring needs computed once (pairs are many, tasks few)."""

    task: TaskRecord
    feats: frozenset[str]
    grams: frozenset[str]  # runs of WORDING_RUN syllables, joined by spaces
    text: str  # the folded text (citations are matched in it)
    compact: str  # the folded text without spaces (symbols are matched in it)
    themes: frozenset[str]
    runs: tuple[tuple[str, ...], ...] = ()  # its runs of content words (`word_runs`)
    procedural: float = 0.0  # `procedural_share` of its text

    @cached_property
    def clauses(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """(clause text, its features) of the task's clauses (kept: the cache of texts turns
        over when a load aligns ~10^4 plans)."""
        return _clause_features(self.task.text)


def _prepare(t: TaskRecord) -> _Prepared:
    syl = tuple(_SYLLABLE.findall(normalise(t.text)))
    grams = frozenset(" ".join(syl[i:i + WORDING_RUN])
                      for i in range(len(syl) - WORDING_RUN + 1))
    text = fold(t.text)
    return _Prepared(t, frozenset(features(t.text)), grams, text, text.replace(" ", ""),
                     frozenset(t.themes), word_runs(t.text), procedural_share(t.text))


_symbol_key = cache(symbol_key)


def _cites(local: _Prepared, central_label: str, central_symbol: str | None) -> bool:
    """The local text names the central document and the task's number."""
    if not central_symbol or _symbol_key(central_symbol) not in local.compact:
        return False
    label = fold(central_label)
    return any(m.group(1) == label for m in _CITE.finditer(local.text))


# ---------------------------------------------------------------------- pairs -> features

class _Vocabulary:
    """Ids of the features met while aligning (one per `chains` call), and each feature set's
    ids, computed once per set: a chain's arrays are then built from ids, not strings."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._sets: dict[frozenset[str], np.ndarray] = {}

    def of(self, s: Collection[str]) -> np.ndarray:
        key = s if isinstance(s, frozenset) else frozenset(s)
        got = self._sets.get(key)
        if got is None:
            ids = self.ids
            got = self._sets[key] = np.fromiter(
                (ids.setdefault(f, len(ids)) for f in key), dtype=np.int64, count=len(key))
        return got


class _Weights:
    """Squared IDF of features over a plan's tasks and its candidates: `vector` for the
    candidates' features (in the chain's column order), `get` for any feature."""

    def __init__(self, chain_df: np.ndarray, space: _Space, local: np.ndarray,
                 own: Counter[str], n: int) -> None:
        self.vector = (np.log((1 + n) / (1 + chain_df + local.sum(axis=0))) + 1) ** 2
        self.space, self.own, self.n = space, own, n

    def get(self, f: str, default: float = 0.0) -> float:
        i = self.space.column(f)
        if i is not None:
            return float(self.vector[i])
        return (math.log((1 + self.n) / (1 + self.own.get(f, 0))) + 1) ** 2


class _Space:
    """One kind of feature (words or themes) of a chain's candidates, as arrays: each
    candidate's set, its clauses' sets (contiguous per candidate) and how many candidates hold
    each feature. Built once per chain; a plan's pairs are then a few matrix products. Its
    columns are the features the candidates hold, in the order of their vocabulary ids."""

    def __init__(self, vocabulary: _Vocabulary, sets: Sequence[Collection[str]],
                 parts: Sequence[Sequence[Collection[str]]] = ()) -> None:
        self.vocabulary = vocabulary
        self.spans: list[tuple[int, int]] = []
        flat: list[Collection[str]] = []
        for p in parts:
            self.spans.append((len(flat), len(flat) + len(p)))
            flat.extend(p)
        whole, pieces = [vocabulary.of(x) for x in sets], [vocabulary.of(x) for x in flat]
        self.columns = np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *whole, *pieces]))
        self._at = {int(g): k for k, g in enumerate(self.columns)}
        self.whole = self._matrix(whole)
        self.df = self.whole.sum(axis=0)
        self.n = len(sets)
        self.parts = self._matrix(pieces)

    def column(self, f: str) -> int | None:
        """The column of feature `f`, None when no candidate holds it."""
        g = self.vocabulary.ids.get(f)
        return None if g is None else self._at.get(g)

    def _matrix(self, ids: Sequence[np.ndarray]) -> np.ndarray:
        m = np.zeros((len(ids), len(self.columns)))
        if ids:
            flat = np.concatenate([np.zeros(0, dtype=np.int64), *ids])
            rows = np.repeat(np.arange(len(ids)), [len(x) for x in ids])
            at = np.searchsorted(self.columns, flat)
            held = at < len(self.columns)
            held[held] = self.columns[at[held]] == flat[held]
            m[rows[held], at[held]] = 1.0
        return m

    def matrix(self, sets: Sequence[Collection[str]]) -> np.ndarray:
        """Feature sets as rows over the candidates' columns (features outside them left)."""
        return self._matrix([self.vocabulary.of(x) for x in sets])

    def weigh(self, sets: Sequence[Collection[str]]) -> tuple[np.ndarray, np.ndarray, _Weights]:
        """A plan's sets as a matrix, their norms and the weights (IDF over the plan's sets
        and the candidates)."""
        local = self.matrix(sets)
        outside = [[f for f in x if self.column(f) is None] for x in sets]
        own: Counter[str] = Counter(f for x in outside for f in x)
        w = _Weights(self.df, self, local, own, self.n + len(sets))
        extra = np.array([sum(w.get(f) for f in x) for x in outside])
        norm = np.sqrt(local @ w.vector + extra) if len(sets) else np.zeros(0)
        return local, norm, w


def _cos(local: np.ndarray, norm: np.ndarray, w: np.ndarray, other: np.ndarray
         ) -> tuple[np.ndarray, np.ndarray]:
    """Weighted cosine of each local row with each other row, and the weighted share of each
    other row found in the local one."""
    dot = (local * w) @ other.T
    other2 = other @ w
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = dot / np.outer(norm, np.sqrt(other2))
        share = dot / other2
    return np.nan_to_num(cos), np.nan_to_num(share)


def _best(values: np.ndarray, spans: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the largest of each span of columns, and where in the span it is."""
    best = np.zeros((values.shape[0], len(spans)))
    which = np.zeros((values.shape[0], len(spans)), dtype=int)
    full = [j for j, (a, b) in enumerate(spans) if b > a]  # spans are contiguous
    if not full or not values.shape[0]:
        return best, which
    starts = np.array([spans[j][0] for j in full])
    top = np.maximum.reduceat(values, starts, axis=1)
    width = np.array([spans[j][1] - spans[j][0] for j in full])
    at = np.where(values == np.repeat(top, width, axis=1), np.arange(values.shape[1]),
                  values.shape[1])  # the first column holding the span's largest value
    best[:, full] = top
    which[:, full] = np.minimum.reduceat(at, starts, axis=1) - starts
    return best, which


class _Chain:
    """The candidate tasks of a plan (the tasks of every document above it), prepared once
    for every plan with the same documents above."""

    def __init__(self, cands: Sequence[tuple[str | None, _Prepared]],
                 grams: Mapping[str, set[str]], vocabulary: _Vocabulary) -> None:
        """`grams` maps runs of WORDING_RUN syllables to the documents holding them."""
        self.cands = list(cands)
        self.words = _Space(vocabulary, [c.feats for _, c in cands],
                            [[f for _, f in c.clauses] for _, c in cands])
        self.themes = _Space(vocabulary, [c.themes for _, c in cands])
        docs = np.array([c.task.document for _, c in cands])
        self.same_document = (docs[:, None] == docs[None, :]) & ~np.eye(len(cands), dtype=bool)
        self.grams = grams
        self.of_document: dict[str, list[int]] = {}
        for j, (_, c) in enumerate(self.cands):
            self.of_document.setdefault(c.task.document, []).append(j)
        self.documents = set(self.of_document)
        self.by_symbol: dict[str, list[int]] = {}
        for j, (sym, _) in enumerate(self.cands):
            if sym:
                self.by_symbol.setdefault(sym, []).append(j)

    def worded(self, local: _Prepared) -> np.ndarray:
        """Per candidate, whether it shares a run of WORDING_RUN syllables with `local`."""
        out = np.zeros(len(self.cands), dtype=bool)
        hit: set[str] = set()
        for g in local.grams:
            if (docs := self.grams.get(g)) is not None:
                hit |= self.documents & docs  # iterates the smaller set
        for d in hit:
            for j in self.of_document[d]:
                out[j] = not local.grams.isdisjoint(self.cands[j][1].grams)
        return out

    def cited(self, local: _Prepared) -> np.ndarray:
        """Per candidate, whether `local` cites it (its document's symbol, then its number)."""
        out = np.zeros(len(self.cands), dtype=bool)
        for sym, js in self.by_symbol.items():
            if _symbol_key(sym) in local.compact:
                for j in js:
                    out[j] = _cites(local, self.cands[j][1].task.label, sym)
        return out


@dataclass(frozen=True)
class Pair:
    """A (local, central) pair with its features (in FEATURES order) and the best clause."""

    local: str
    central: str
    x: tuple[float, ...]
    clause: int  # index of the central task's best clause
    worded: bool
    cited: bool
    lexical: bool = False  # the two texts share a word
    themed: bool = False  # the two tasks share a theme


def _margin(m: np.ndarray) -> np.ndarray:
    return m - m.max(axis=1, initial=0.0)[:, None]


def _lead(m: np.ndarray) -> np.ndarray:
    """Per pair, how far it stands above the local task's best other candidate (negative
    below it): a clear first differs from a tie, which a margin to the best (0 for both)
    cannot tell."""
    if m.shape[1] < 2:
        return m.copy()
    top2 = np.sort(m, axis=1)[:, -2:]
    other = np.where(m >= top2[:, 1:2], top2[:, :1], top2[:, 1:2])
    return m - other


def _grid(locals_: Sequence[_Prepared], chain: _Chain, names: Sequence[str]
          ) -> tuple[dict[str, np.ndarray], np.ndarray, _Weights]:
    """The features `names` (and whole, theme) of every (local, candidate) pair, as
    matrices; the index of each pair's best central clause; the word weights. Weights (IDF)
    are counted over the plan's tasks and its candidates only."""
    local, norm, w = chain.words.weigh([p.feats for p in locals_])
    tlocal, tnorm, tw = chain.themes.weigh([p.themes for p in locals_])
    f: dict[str, np.ndarray] = {}
    f["whole"], _ = _cos(local, norm, w.vector, chain.words.whole)
    f["theme"], _ = _cos(tlocal, tnorm, tw.vector, chain.themes.whole)
    cl_cos, cl_share = _cos(local, norm, w.vector, chain.words.parts)
    f["clause"], which = _best(cl_cos, chain.words.spans)
    f["cover"], _ = _best(cl_share, chain.words.spans)
    if "theme_in" in names:  # share of the local task's themes the candidate holds
        held = (tlocal * tw.vector) @ chain.themes.whole.T
        with np.errstate(divide="ignore", invalid="ignore"):
            f["theme_in"] = np.nan_to_num(held / (tnorm ** 2)[:, None])
    if {"part", "part_margin", "part_lead"} & set(names):  # best local clause, best clause
        f["part"] = np.zeros_like(f["whole"])
        for i, p in enumerate(locals_):
            sets = [lf for _, lf in p.clauses]
            if sets:
                m = chain.words.matrix(sets)
                n = np.sqrt(m @ w.vector + np.array(
                    [sum(w.get(x) for x in s if chain.words.column(x) is None) for s in sets]))
                scaled = _cos(m, n, w.vector, chain.words.parts)[0]
                f["part"][i] = _best(scaled, chain.words.spans)[0].max(axis=0)
    if "group" in names:  # a task for one group of cadres, a central task naming groups
        named = np.array([CONCEPT + GROUPS in p.feats for p in locals_], dtype=float)
        held = np.array([CONCEPT + GROUPS in c.feats for _, c in chain.cands], dtype=float)
        f["group"] = named[:, None] * (2 * held[None, :] - 1)
    if "restated" in names:
        f["restated"] = _restated(local, w.vector, chain)
    if "themeless" in names:  # the local task was tagged with no theme: theme 0 means nothing
        none = np.array([not p.themes for p in locals_], dtype=float)
        f["themeless"] = np.repeat(none[:, None], len(chain.cands), axis=1)
    if "procedural" in names:  # a task organising the plan itself takes up nothing
        share = np.array([p.procedural for p in locals_])
        f["procedural"] = np.repeat(share[:, None], len(chain.cands), axis=1)
    if "explained" in names or "explained_lead" in names:  # share of the local task found
        held = (local * w.vector) @ chain.words.whole.T
        with np.errstate(divide="ignore", invalid="ignore"):
            f["explained"] = np.nan_to_num(held / (norm ** 2)[:, None])
    for name in [x[:-len("_margin")] for x in names if x.endswith("_margin")]:
        f[name + "_margin"] = _margin(f[name])
    for name in [x[:-len("_lead")] for x in names if x.endswith("_lead")]:
        f[name + "_lead"] = _lead(f[name])
    return f, which, w


def _restated(local: np.ndarray, w: np.ndarray, chain: _Chain) -> np.ndarray:
    """Per pair, the largest weighted share of what the two tasks share that one other task of
    the same central document also holds: a task restating others (a focal point summing up
    tasks) matches a local task only through words another task gives it, and a second link
    so evidenced is no evidence of its own."""
    same = chain.same_document
    out = np.zeros((local.shape[0], chain.words.whole.shape[0]))
    for i in range(local.shape[0]):
        cols = np.flatnonzero(local[i])  # only the task's own words can be shared
        if not len(cols):
            continue
        cand = chain.words.whole[:, cols]
        m = cand * (local[i, cols] * w[cols])  # the weighted words each candidate shares
        total = m.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.nan_to_num((m @ cand.T) / total[:, None])
        out[i] = np.where(same, share, 0.0).max(axis=1, initial=0.0)
    return out


def _pairs(locals_: Sequence[_Prepared], chain: _Chain, names: Sequence[str] = ()
           ) -> tuple[list[Pair], _Weights]:
    """Every pair of a plan's tasks with its candidates, with its features (`names`, by
    default FEATURES), and the plan's word weights."""
    names = tuple(names or FEATURES)
    f, which, w = _grid(locals_, chain, names)
    x = np.stack([f[n] for n in names], axis=-1)
    out = []
    for i, loc in enumerate(locals_):
        worded, cited = chain.worded(loc), chain.cited(loc)
        for j, (_, c) in enumerate(chain.cands):
            out.append(Pair(loc.task.uid, c.task.uid, tuple(x[i, j].tolist()), int(which[i, j]),
                            bool(worded[j]), bool(cited[j]), bool(f["whole"][i, j] > 0),
                            bool(f["theme"][i, j] > 0)))
    return out, w


def candidates(implements: Iterable[tuple[str, str]]) -> nx.DiGraph:
    """The implements graph, child -> parent."""
    g = nx.DiGraph()
    g.add_edges_from((c, p) for c, p in implements if c != p)
    return g


def chains(tasks: Sequence[TaskRecord], implements: Iterable[tuple[str, str]],
           symbols: Mapping[str, str | None] | None = None,
           documents: Collection[str] | None = None
           ) -> Iterator[tuple[list[_Prepared], _Chain]]:
    """Per plan to align: its tasks and the candidate tasks of the documents above it (with
    their documents' symbols; one `_Chain` per set of documents above). `documents`, when
    given, are the only plans aligned."""
    g = candidates(implements)
    symbols = symbols or {}
    wanted = None
    if documents is not None:
        wanted = set()
        for d in documents:
            if d in g:
                wanted |= {d, *nx.descendants(g, d)}
    kept = [t for t in tasks if wanted is None or t.document in wanted]
    prepared = [_prepare(t) for t in kept]
    grams: dict[str, set[str]] = {}  # copied wording: the documents holding each run
    for p in prepared:
        for gram in p.grams:
            grams.setdefault(gram, set()).add(p.task.document)
    by_doc: dict[str, list[_Prepared]] = {}
    for p in prepared:
        by_doc.setdefault(p.task.document, []).append(p)
    todo = []
    for doc, locals_ in sorted(by_doc.items()):
        if doc not in g or (documents is not None and doc not in documents):
            continue
        ups = tuple(d for d in sorted(nx.descendants(g, doc)) if d in by_doc)
        if ups:
            todo.append((locals_, ups))
    left = Counter(ups for _, ups in todo)  # plans still to align per chain
    built: dict[tuple[str, ...], _Chain] = {}
    vocabulary = _Vocabulary()
    for locals_, ups in todo:
        if ups not in built:
            built[ups] = _Chain([(symbols.get(d), c) for d in ups for c in by_doc[d]],
                                grams, vocabulary)
        yield sorted(locals_, key=lambda p: (p.task.order, p.task.uid)), built[ups]
        left[ups] -= 1
        if not left[ups]:  # its arrays are large: dropped after the chain's last plan
            del built[ups]


def pairs(tasks: Sequence[TaskRecord], implements: Iterable[tuple[str, str]],
          symbols: Mapping[str, str | None] | None = None,
          documents: Collection[str] | None = None, names: Sequence[str] = ()) -> list[Pair]:
    """Every (local, candidate) pair with its features (`names`, by default FEATURES), for
    calibration and inspection."""
    return [p for locals_, chain in chains(tasks, implements, symbols, documents)
            for p in _pairs(locals_, chain, names)[0]]


# ---------------------------------------------------------------------- features -> links

def probability(p: Pair, m: Model) -> float:
    """How likely the link is right: 1 when cited, lifted halfway to 1 by copied wording."""
    return _adjusted(p, float(m.probability(np.asarray(p.x))))


def _adjusted(p: Pair, prob: float) -> float:
    if p.cited:
        return 1.0
    return 0.5 + prob / 2 if p.worded else prob


def _basis(p: Pair) -> str:
    if p.cited:
        return "explicit"
    on = [name for name, v in (("lexical", p.lexical), ("theme", p.themed)) if v]
    return "+".join([*on, *(["wording"] if p.worded else [])]) or "none"


def select(scored: Sequence[Alignment], threshold: float,
           max_links: int = MAX_LINKS) -> list[Alignment]:
    """The links kept for one local task: each whose probability reaches `threshold`, the
    likeliest first, at most `max_links`."""
    ranked = sorted(scored, key=lambda a: (-a.score, a.central))
    return [a for a in ranked[:max_links] if a.score >= threshold]


def propose(tasks: Sequence[TaskRecord], implements: Iterable[tuple[str, str]],
            symbols: Mapping[str, str | None] | None = None,
            documents: Collection[str] | None = None, m: Model | None = None,
            threshold: float | None = None, max_links: int = MAX_LINKS,
            reviews: Mapping[tuple[str, str], str] | None = None) -> list[Alignment]:
    """Links from each task to the tasks it takes up in the documents its plan implements.

    `implements` are (child document, parent document) pairs; `symbols` maps document uids to
    their symbols (for explicit citations); `documents`, when given, are the only plans
    aligned (the others' tasks are candidates only); `reviews` maps (local, central) pairs an
    analyst judged to "accept" or "reject": a rejected pair is never proposed (the next
    candidate may take its place), an accepted one is kept whatever its score. A plan's links
    depend on its chain and its reviews only: re-aligning only what a load changed gives the
    same links as re-aligning everything.
    """
    reviews = reviews or {}
    m = m or model()
    threshold = m.propose if threshold is None else threshold
    out: list[Alignment] = []
    for locals_, chain in chains(tasks, implements, symbols, documents):
        by_uid = {c.task.uid: c for _, c in chain.cands}
        for loc, p, score, w2 in _likely(locals_, chain, m, threshold, reviews):
            found = [(a, q) for a, q in _scored(p, score)
                     if reviews.get((a.local, a.central)) != "reject"]
            pair_of = {a.central: q for a, q in found}
            kept = select([a for a, _ in found], threshold, max_links)
            kept += [a for a, _ in found
                     if reviews.get((a.local, a.central)) == "accept" and a not in kept]
            for a in kept:
                out.append(explain(a, loc, by_uid[a.central], pair_of[a.central], w2))
    return out


def _scored(found: Sequence[Pair], probs: Sequence[float]) -> list[tuple[Alignment, Pair]]:
    """The pairs as links with their adjusted probabilities, rounded."""
    return [(Alignment(p.local, p.central, _basis(p), round(_adjusted(p, prob), 4), ()), p)
            for p, prob in zip(found, probs, strict=True)]


def _likely(locals_: Sequence[_Prepared], chain: _Chain, m: Model, threshold: float,
            reviews: Mapping[tuple[str, str], str]
            ) -> Iterator[tuple[_Prepared, list[Pair], list[float], _Weights]]:
    """Per local task, the pairs that can be kept (with their model probabilities): those
    whose adjusted probability comes within NEAR of `threshold` (the others, rounded, stay
    below it) and those an analyst accepted, in candidate order. Probabilities are computed
    for every pair at once, as `_pairs` + `Model.probability` do, so they are the same."""
    f, which, w = _grid(locals_, chain, m.features)
    x = np.stack([f[n] for n in m.features], axis=-1)
    n, k = x.shape[0], x.shape[1]
    probs = m.probability(x.reshape(n * k, -1)).reshape(n, k) if n * k else np.zeros((n, k))
    accepted: dict[str, set[str]] = {}
    for (lo, c), verdict in reviews.items():
        if verdict == "accept":
            accepted.setdefault(lo, set()).add(c)
    for i, loc in enumerate(locals_):
        worded, cited = chain.worded(loc), chain.cited(loc)
        adjusted = np.where(cited, 1.0, np.where(worded, 0.5 + probs[i] / 2, probs[i]))
        near = adjusted >= threshold - NEAR
        if loc.task.uid in accepted:
            near |= np.array([c.task.uid in accepted[loc.task.uid] for _, c in chain.cands])
        js = np.flatnonzero(near).tolist()
        found = [Pair(loc.task.uid, chain.cands[j][1].task.uid, tuple(x[i, j].tolist()),
                      int(which[i, j]), bool(worded[j]), bool(cited[j]),
                      bool(f["whole"][i, j] > 0), bool(f["theme"][i, j] > 0)) for j in js]
        yield loc, found, [float(probs[i, j]) for j in js], w


# ---------------------------------------------------------------------- explanations

def explain(a: Alignment, local: _Prepared, central: _Prepared, p: Pair,
            w2: _Weights) -> Alignment:
    """The link with what matched: the shared words (as phrases of the local text, heaviest
    first), the shared themes ("theme:<id>") and thesaurus concepts ("concept:<id>"), and the
    central clause matched best
    ("clause:<text>", when the central task has several), so an analyst reads the local task
    beside the part of the central task it takes up."""
    shared = local.feats & central.feats
    shown = _phrases(local.runs, shared, w2)[:MAX_WORDS]
    shown += [f"theme:{t}" for t in sorted(local.themes & central.themes)]
    shown += [f"concept:{c[len(CONCEPT):]}" for c in sorted(shared) if c.startswith(CONCEPT)]
    clause = central.clauses[p.clause][0] if central.clauses and a.basis != "explicit" else ""
    if clause and len(central.clauses) > 1:
        shown.append(f"clause:{clause}")
    return dataclasses.replace(a, words=tuple(shown), clause=clause)


def _phrases(runs: Iterable[Sequence[str]], shared: Collection[str], w2: _Weights
             ) -> list[str]:
    """The shared words as phrases of a text (its `runs`): maximal runs joined by shared
    pairs, then shared words outside them, heaviest first."""
    items: list[tuple[float, str]] = []
    for run in runs:
        i = 0
        while i < len(run):
            j = i
            while j + 1 < len(run) and run[j] + _PAIR + run[j + 1] in shared:
                j += 1
            if j > i or run[i] in shared:
                items.append((sum(w2.get(w, 1.0) for w in run[i:j + 1]), " ".join(run[i:j + 1])))
            i = j + 1
    out: list[str] = []
    for _, phrase in sorted(items, key=lambda x: (-x[0], x[1])):
        if phrase not in out:
            out.append(phrase)
    return out
