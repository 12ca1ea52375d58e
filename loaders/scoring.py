"""Score extraction against hand annotations in the shared gold format (`kg eval`).

Implements exactly the matching rules of ../shared/gold/FORMAT.md as the independent scorer
(../shared/tools/score.py) applies them, so both print the same numbers:
documents match on (normalised symbol, locality) or, unnumbered, on (type, locality), one to
one; an edge matches when both ends match; tasks on (document, label tokens) with a leading
roman numeral optional when unambiguous; targets on (kind, subject, value).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

KINDS = ("doc", "edge", "task", "target")
ATTRS = ("lead", "support", "deadline")
_LOC_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?|t\.p\.?)\s+")
_ROMAN = re.compile(r"^[ivxlcm]+$")
_EMPTY: dict[str, list[Any]] = {"documents": [], "implements": [], "tasks": [], "targets": []}


def fold(s: Any) -> str | None:
    """Accent-, case- and space-insensitive form (None stays None)."""
    if s is None:
        return None
    s = unicodedata.normalize("NFD", str(s))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "D")
    return re.sub(r"\s+", " ", s).strip().lower()


def _folded_set(names: Any) -> list[str]:
    """A list of names folded and sorted, to compare as sets with repeats."""
    return sorted(f for f in map(fold, names or []) if f is not None)


def norm_loc(s: Any) -> str | None:
    s = fold(s)
    if not s or s in ("?", "unknown", "none", "null"):
        return None
    return _LOC_PREFIX.sub("", s)


def norm_sym(s: Any) -> str | None:
    if not s:
        return None
    s = (fold(s) or "").replace(" ", "").replace("–", "-").replace("—", "-")
    return re.sub(r"^(so|s\u1ed1)\.?", "", s)


def label_tokens(label: Any) -> tuple[str, ...]:
    """"III.2.2 (1)" -> ('iii', '2', '2', '1'); bullets stay signed: "-2"."""
    return tuple(t.lower() for t in re.findall(r"-\d+|\d+|[A-Za-zĐđ]+", str(label or "")))


def doc_key(d: dict) -> tuple:
    sym = norm_sym(d.get("symbol"))
    loc = norm_loc(d.get("locality"))
    return ("n", sym, loc) if sym else ("u", fold(d.get("type")), loc)


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if ngold == 0 else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def index_predictions(items: Iterable[Any]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for d in items:
        for x in d if isinstance(d, list) else [d] if d else []:
            out[Path(x["source"]).name] = x
    return out


def match_documents(gold_docs: list[dict], pred_docs: list[dict]) -> dict[str, str]:
    """Gold key -> predicted key, one to one on normalised identity."""
    pool: dict[tuple, list[dict]] = {}
    for p in pred_docs:
        pool.setdefault(doc_key(p), []).append(p)
    mapping = {}
    for g in gold_docs:
        k = doc_key(g)
        cands = pool.get(k)
        if not cands and k[0] == "n" and k[2] is None:
            cands = pool.get(("n", k[1], None))
        if cands:
            mapping[g["key"]] = cands.pop(0)["key"]
    return mapping


def score_file(g: dict, p: dict) -> Counter:
    """Counts for one annotated source."""
    c: Counter = Counter()
    gdocs, pdocs = g.get("documents") or [], p.get("documents") or []
    m = match_documents(gdocs, [dict(x) for x in pdocs])
    c["doc_gold"] += len(gdocs)
    c["doc_pred"] += len(pdocs)
    c["doc_tp"] += len(m)
    for gd in gdocs:
        if gd["key"] in m and gd.get("date"):
            pd = next(x for x in pdocs if x["key"] == m[gd["key"]])
            c["date_gold"] += 1
            c["date_ok"] += str(pd.get("date")) == str(gd.get("date"))
    inv = {v: k for k, v in m.items()}
    _score_edges(c, g, p, inv)
    _score_tasks(c, g, p, inv)
    _score_targets(c, g, p)
    return c


def _score_edges(c: Counter, g: dict, p: dict, inv: dict) -> None:
    gedges = {(e["from"], e["to"]): e.get("basis", "explicit") for e in g.get("implements") or []}
    pedges = {(inv.get(e["from"]) or ("?", e["from"]), inv.get(e["to"]) or ("?", e["to"]))
              for e in p.get("implements") or []}
    hits = pedges & set(gedges)
    c["edge_gold"] += len(gedges)
    c["edge_gold_explicit"] += sum(1 for v in gedges.values() if v == "explicit")
    c["edge_pred"] += len(pedges)
    c["edge_tp"] += len(hits)
    c["edge_tp_explicit"] += sum(1 for e in hits if gedges[e] == "explicit")


def _match_tasks(g: dict, p: dict, inv: dict) -> tuple[dict, dict, dict[tuple, dict]]:
    """(gold tasks by key, predicted tasks by key, gold key -> the predicted task matched)."""
    gt = {(t.get("in"), label_tokens(t.get("label"))): t for t in g.get("tasks") or []}
    pt = {(inv.get(t.get("in"), ("?", t.get("in"))), label_tokens(t.get("label"))): t
          for t in p.get("tasks") or []}
    short = Counter((k[0], k[1][1:]) for k in gt if k[1] and _ROMAN.match(k[1][0]))
    matched: dict[tuple, dict] = {}
    for k, t in pt.items():
        if k in gt:
            matched[k] = t
            continue
        cands = [gk for gk in gt if gk[0] == k[0] and gk[1][1:] == k[1] and gk[1]
                 and _ROMAN.match(gk[1][0]) and short[(k[0], k[1])] == 1]
        if len(cands) == 1 and cands[0] not in matched:
            matched[cands[0]] = t
    return gt, pt, matched


def _score_tasks(c: Counter, g: dict, p: dict, inv: dict) -> None:
    gt, pt, matched = _match_tasks(g, p, inv)
    c["task_gold"] += len(gt)
    c["task_pred"] += len(pt)
    c["task_tp"] += len(matched)
    for k, t in matched.items():
        gtask = gt[k]
        for a in ATTRS:
            c[a + "_n"] += 1
        c["lead_ok"] += fold(gtask.get("lead")) == fold(t.get("lead"))
        c["support_ok"] += _folded_set(gtask.get("support")) == _folded_set(t.get("support"))
        c["deadline_ok"] += fold(gtask.get("deadline")) == fold(t.get("deadline"))


def _target_key(t: dict) -> tuple:
    try:
        v = round(float(t.get("value")), 2)  # type: ignore[arg-type]  # None: TypeError below
    except (TypeError, ValueError):
        v = None
    return (fold(t.get("kind")), norm_loc(t.get("subject")), v)


def _score_targets(c: Counter, g: dict, p: dict) -> None:
    gtr = Counter(_target_key(t) for t in g.get("targets") or [])
    ptr = Counter(_target_key(t) for t in p.get("targets") or [])
    c["target_gold"] += sum(gtr.values())
    c["target_pred"] += sum(ptr.values())
    c["target_tp"] += sum((gtr & ptr).values())


def score(gold_dir: str | Path, preds: dict[str, dict]) -> tuple[dict, dict[str, dict]]:
    """(totals, counts per file) over every gold file of `gold_dir`."""
    tot: Counter = Counter()
    per_file: dict[str, dict] = {}
    for gf in sorted(Path(gold_dir).glob("*.yaml")):
        g = yaml.safe_load(gf.read_text(encoding="utf-8"))
        src = Path(g["source"]).name
        c = score_file(g, preds.get(src) or _EMPTY)
        per_file[src] = dict(c)
        tot.update(c)
    return summarise(tot), per_file


def summarise(tot: Counter) -> dict:
    out: dict[str, Any] = {}
    for k in KINDS:
        out[k] = dict(zip(("p", "r", "f1"), prf(tot[k + "_tp"], tot[k + "_pred"],
                                                tot[k + "_gold"]), strict=True))
        out[k]["gold"] = tot[k + "_gold"]
    out["edge"]["r_explicit"] = (tot["edge_tp_explicit"] / tot["edge_gold_explicit"]
                                 if tot["edge_gold_explicit"] else 1.0)
    for a in ATTRS:
        out[a + "_acc"] = tot[a + "_ok"] / tot[a + "_n"] if tot[a + "_n"] else 0.0
    out["date_acc"] = tot["date_ok"] / tot["date_gold"] if tot["date_gold"] else 0.0
    return out


def format_table(out: dict) -> str:
    """The scores as score.py prints them."""
    lines = []
    for k in KINDS:
        v = out[k]
        extra = f" r_explicit={v['r_explicit']:.2f}" if k == "edge" else ""
        lines.append(f"{k:7s} P={v['p']:.2f} R={v['r']:.2f} F1={v['f1']:.2f} "
                     f"(gold {v['gold']}){extra}")
    lines.append(f"attrs   date={out['date_acc']:.2f} lead={out['lead_acc']:.2f} "
                 f"support={out['support_acc']:.2f} deadline={out['deadline_acc']:.2f}")
    return "\n".join(lines)


# ------------------------------------------------------------------ errors (`kg eval --errors`)


def _own(f: dict) -> set[str]:
    """Keys of the text's own documents: those holding its tasks, else the one most of its
    implements links start from."""
    own = {t.get("in") for t in f.get("tasks") or []} - {None}
    if not own:
        starts = Counter(e["from"] for e in f.get("implements") or [])
        own = {starts.most_common(1)[0][0]} if starts else set()
    return own


def _name(d: dict) -> str:
    return " ".join(str(x) for x in (d.get("symbol") or d.get("type"), d.get("locality") and
                                     f"@{d['locality']}") if x)


def _doc_reason(d: dict, others: list[dict], own: set[str]) -> str:
    """Why `d` has no counterpart among `others` (the other side's documents)."""
    sym, loc = norm_sym(d.get("symbol")), norm_loc(d.get("locality"))
    if sym and any(norm_sym(o.get("symbol")) == sym for o in others):
        return "locality"
    if d.get("key") in own:
        return "own document"
    if not sym:
        same_place = [o for o in others if not o.get("symbol") and norm_loc(o.get("locality"))
                      == loc]
        return "type" if same_place else "unnumbered"
    digits = re.match(r"\d+[a-z]?", sym)
    if digits and any((norm_sym(o.get("symbol")) or "").startswith(digits[0])
                      and norm_loc(o.get("locality")) == loc for o in others):
        return "symbol"
    return "not found"


def explain_file(g: dict, p: dict) -> list[dict[str, str]]:
    """Every missed (in gold, not predicted), spurious (predicted, not in gold) and wrong
    (matched, an attribute differs) item of one file, each with a reason class: symbol,
    locality, type, unnumbered, own document, not found / not in gold, date, end (an edge's
    document unmatched), cue (both ends match, the link does not), document, numbering,
    lead, support, deadline, kind, subject, value."""
    out: list[dict[str, str]] = []

    def add(kind: str, outcome: str, item: str, reason: str, detail: str = "") -> None:
        out.append({"kind": kind, "outcome": outcome, "item": item, "reason": reason,
                    "detail": detail})

    gdocs, pdocs = g.get("documents") or [], [dict(x) for x in p.get("documents") or []]
    m = match_documents(gdocs, [dict(x) for x in pdocs])
    inv = {v: k for k, v in m.items()}
    gown, pown = _own(g), _own(p)
    for d in gdocs:
        if d["key"] not in m:
            add("doc", "missed", _name(d), _doc_reason(d, pdocs, gown))
        elif d.get("date"):
            pd = next(x for x in pdocs if x["key"] == m[d["key"]])
            if str(pd.get("date")) != str(d.get("date")):
                add("doc", "wrong", _name(d), "date", f"gold {d['date']}, got {pd.get('date')}")
    for d in pdocs:
        if d["key"] not in inv:
            reason = _doc_reason(d, gdocs, pown)
            add("doc", "spurious", _name(d), "not in gold" if reason == "not found" else reason)
    gnames = {d["key"]: _name(d) for d in gdocs}
    pnames = {d["key"]: _name(d) for d in pdocs}
    gedges = {(e["from"], e["to"]) for e in g.get("implements") or []}
    pedges = {(inv.get(e["from"]) or ("?", e["from"]), inv.get(e["to"]) or ("?", e["to"]))
              for e in p.get("implements") or []}
    for a, b in sorted(gedges - pedges, key=str):
        ends = [k for k in (a, b) if k not in m]
        add("edge", "missed", f"{gnames.get(a, a)} -> {gnames.get(b, b)}",
            "end" if ends else "cue", ", ".join(f"{gnames.get(k, k)} not matched" for k in ends))
    for a, b in sorted(pedges - gedges, key=str):
        ends = [k[1] for k in (a, b) if isinstance(k, tuple)]
        name = [pnames.get(k[1], k[1]) if isinstance(k, tuple) else gnames.get(k, k)
                for k in (a, b)]
        add("edge", "spurious", f"{name[0]} -> {name[1]}", "end" if ends else "cue",
            ", ".join(f"{pnames.get(k, k)} not in gold" for k in ends))
    gt, pt, matched = _match_tasks(g, p, inv)
    taken = {id(t) for t in matched.values()}
    for k, t in gt.items():
        where = gnames.get(t.get("in"), t.get("in"))
        if k not in matched:
            add("task", "missed", f"{where} {t.get('label')}",
                "document" if t.get("in") not in m else "numbering")
            continue
        pt_ = matched[k]
        for a in ATTRS:
            gv, pv = t.get(a), pt_.get(a)
            same = (_folded_set(gv) == _folded_set(pv) if a == "support"
                    else fold(gv) == fold(pv))
            if not same:
                add("task", "wrong", f"{where} {t.get('label')}", a, f"gold {gv!r}, got {pv!r}")
    for k, t in pt.items():
        if id(t) not in taken:
            add("task", "spurious", f"{pnames.get(t.get('in'), t.get('in'))} {t.get('label')}",
                "document" if isinstance(k[0], tuple) else "numbering")
    gtr = Counter(_target_key(t) for t in g.get("targets") or [])
    ptr = Counter(_target_key(t) for t in p.get("targets") or [])
    for outcome, mine, theirs in (("missed", gtr - ptr, ptr - gtr), ("spurious", ptr - gtr,
                                                                     gtr - ptr)):
        for key in sorted(mine.elements(), key=str):
            kind, subject, value = key
            reason = ("subject" if any(o[0] == kind and o[2] == value for o in theirs) else
                      "value" if any(o[0] == kind and o[1] == subject for o in theirs) else
                      "kind" if any(o[1:] == key[1:] for o in theirs) else
                      "not found" if outcome == "missed" else "not in gold")
            add("target", outcome, f"{kind} {subject} {value}", reason)
    return out


def explain(gold_dir: str | Path, preds: dict[str, dict]) -> dict[str, list[dict[str, str]]]:
    """`explain_file` for every gold file of `gold_dir`, by source name."""
    out = {}
    for gf in sorted(Path(gold_dir).glob("*.yaml")):
        g = yaml.safe_load(gf.read_text(encoding="utf-8"))
        src = Path(g["source"]).name
        out[src] = explain_file(g, preds.get(src) or _EMPTY)
    return out
