"""`kg check`: does the graph still hold what its sources state? (issue 17)

A store changed behind kg's back (`kg cypher --write`, a tool of one's own on Neo4j) no
longer holds what its files state, and `kg load` of unchanged files would not notice. Every
relationship carries the source that states it (evidence), so re-deriving each loaded
source's rows and counting them per relationship type against the store finds what was
removed or added; `kg load --repair FILES` restores it.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import click

from kg.context import LOAD_MARK, WRITE_MARK, get_store
from kg.output import format_option, to_json


def stored_counts(store, schema) -> dict[str, Counter]:
    """Relationships in the store per stating source and type (one scan per type)."""
    out: dict[str, Counter] = {}
    for rel in schema.stated:  # IMPLEMENTS, one per pair, is kept from IMPLEMENTS_EVIDENCE
        for r in store.query(f"MATCH ()-[r:{rel.type}]->() RETURN r.source AS s, "
                             "count(r) AS n"):
            out.setdefault(r["s"], Counter())[schema.summary_of(rel.type)] += r["n"]
    return out


def stated_counts(batch, schema) -> Counter:
    """Relationships a source's batch states, per type, as the stores write them."""
    from graph.rows import to_rows

    c: Counter = Counter()
    for (type_, _a, _b), table in to_rows([batch], schema).rels.items():
        c[schema.summary_of(type_)] += len(table)
    return c


def sourceless(store, schema) -> dict[str, int]:
    """Nodes no source mentions (kg deletes those on retraction: someone else made them)."""
    out = {}
    for n in schema.swept:  # not reference data, nor Evidence (which its source owns)
        c = store.query(f"MATCH (n:{n.label}) WHERE NOT EXISTS "
                        "{ MATCH (n)-[:MENTIONED_IN]->(:Source) } RETURN count(n) AS c")
        if c[0]["c"]:
            out[n.label] = c[0]["c"]
    return out


@click.command()
@click.option("--jobs", "-j", type=click.IntRange(1), default=os.cpu_count() or 1,
              show_default="the number of CPUs", help="Processes re-extracting files.")
@format_option("text", "json", json_flag=True)
@click.pass_context
def check(ctx: click.Context, jobs: int, fmt: str) -> None:
    """Verify the graph against what its sources state (read-only).

    Each loaded file still on disk with the same content is extracted again, and the
    relationships it states (links, tasks, leads, evidence of its nodes ...) are counted per
    type against those the store holds from it; nodes no source mentions and relationships
    of no loaded source are counted too. Exit 1 if anything differs: `kg load --repair
    FILES` restores what the files state. A changed or missing file is listed, not checked.

    \b
    Example:
      kg check
    """
    from alignment.deriving import DERIVED_PATH
    from alignment.reviewed import REVIEW_PATH
    from graph import to_batch
    from kg.ingest import extract_all, file_uid, workers
    from loaders.reference import reference_extractions
    from ontology import load_schema

    schema = load_schema()
    store = get_store(ctx, read_only=True)
    sources = store.sources()
    stored = stored_counts(store, schema)
    reference = {x.source.uid: x for x in reference_extractions()}
    notes = {WRITE_MARK, LOAD_MARK}
    findings: dict[str, list] = {"differ": [], "incomplete": [], "changed": [], "missing": []}
    checked, derived, reviews, files = 0, 0, 0, []
    for s in sources:
        if s.uid in notes:
            continue
        if s.path.startswith(DERIVED_PATH):
            derived += 1  # alignment: recomputed from the documents by kg load
        elif s.path.startswith(REVIEW_PATH):
            reviews += 1  # an analyst's verdict (kg align), no file behind it
        elif not s.complete:
            findings["incomplete"].append(s.path)
        elif s.uid in reference:
            _compare(findings, s, stated_counts(to_batch(reference[s.uid]), schema),
                     stored.get(s.uid, Counter()))
            checked += 1
        elif not Path(s.path).is_file():
            findings["missing"].append(s.path)
        elif file_uid(Path(s.path)) != s.uid:
            findings["changed"].append(s.path)
        else:
            files.append(s)
    with workers(jobs if len(files) > 1 else 1) as pool:
        outcomes = extract_all([Path(s.path) for s in files], pool, jobs)
        for s, (batch, error) in zip(files, outcomes, strict=True):
            if batch is None:
                findings["missing"].append(f"{s.path} ({error})")
                continue
            _compare(findings, s, stated_counts(batch, schema), stored.get(s.uid, Counter()))
            checked += 1
    known = {s.uid for s in sources}
    strays = {k or "(none)": sum(v.values()) for k, v in stored.items() if k not in known}
    nodes = sourceless(store, schema)
    bad = bool(findings["differ"] or strays or nodes)
    if fmt == "json":
        click.echo(to_json(findings | {"checked": checked, "derived": derived,
                                       "reviews": reviews,
                                       "relationships_of_no_source": strays,
                                       "nodes_of_no_source": nodes, "ok": not bad}))
    else:
        for path, diffs in findings["differ"]:
            click.echo(f"differs: {path}: " + ", ".join(
                f"{t} {a} stated, {b} stored" for t, a, b in diffs))
        for key, what in (("incomplete", "incomplete (the next kg load repairs it)"),
                          ("changed", "changed since it was loaded (kg load it)"),
                          ("missing", "not found, not checked")):
            for path in findings[key]:
                click.echo(f"{what}: {path}")
        if strays:
            click.echo("relationships of no loaded source: " + ", ".join(
                f"{k} {v}" for k, v in sorted(strays.items())))
        if nodes:
            click.echo("nodes no source mentions: " + ", ".join(
                f"{k} {v}" for k, v in sorted(nodes.items())))
        click.echo(f"{checked} sources checked, {len(findings['differ'])} differ from what "
                   f"they state; {derived} derived (alignment)"
                   + (f" and {reviews} reviews (kg align)" if reviews else "")
                   + f" not checked -> {store.uri}")
        if bad:
            click.echo("`kg load --repair FILES` reloads files in full and restores what they "
                       "state", err=True)
    if bad:
        ctx.exit(1)


def _compare(findings: dict[str, list], s, stated: Counter, stored: Counter) -> None:
    diffs = [(t, stated[t], stored[t]) for t in sorted(set(stated) | set(stored))
             if stated[t] != stored[t]]
    if diffs:
        findings["differ"].append((s.path, diffs))


COMMANDS = [check]
