"""Read-only verbs: trace, show, stats, cypher, schema."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kg.context import get_store
from kg.output import emit, format_option, json_bytes, to_csv, to_json
from kg.render import render_tree
from queries import AmbiguousDocument, DocumentNotFound, resolve_document
from queries import show as show_node
from queries import stats as store_stats
from queries import trace as trace_query
from queries.loader import MAX_DEPTH


def resolve(ctx: click.Context, text: str) -> dict:
    """The document the user named, or a one-line error listing the candidates."""
    try:
        return resolve_document(get_store(ctx, read_only=True), text)
    except (AmbiguousDocument, DocumentNotFound) as e:
        raise click.ClickException(str(e)) from e


@click.command()
@click.argument("symbol")
@click.option("--up", is_flag=True, help="What SYMBOL implements, instead of what implements it.")
@click.option("--depth", type=click.IntRange(1, MAX_DEPTH), default=None, help="Levels to follow.")
@format_option("tree", "json", "csv")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the trace as an explorer page.")
@click.pass_context
def trace(ctx: click.Context, symbol: str, up: bool, depth: int | None, fmt: str,
          html_out: str | None) -> None:
    """Everything that implements SYMBOL, level by level, with days since it was issued.

    SYMBOL is matched without regard to accents or case; a local symbol found in several
    provinces must be named as SYMBOL@LOCALITY (the error lists the candidates).

    \b
    Example:
      kg trace 26-NQ/TW
      kg trace '123-KH/TU@Hải Phòng' --up --format json
    """
    store = get_store(ctx, read_only=True)
    doc = resolve(ctx, symbol)
    t = trace_query(store, doc["uid"], up=up, depth=depth, evidence=bool(html_out),
                    links=bool(html_out))
    if fmt == "json":  # t.as_json()'s text, without copying 10^4 documents (no floats)
        click.echo(json_bytes({"root": t.root, "documents": t.documents}))
    elif fmt == "csv":
        click.echo(to_csv([{**d, "parents": " ".join(d["parents"])} for d in t.documents]),
                   nl=False)
    else:
        click.echo(render_tree(t))
    if html_out:
        from viz import write_trace_html

        write_trace_html(t, Path(html_out))
        click.echo(f"wrote {html_out}", err=True)


@click.command()
@click.argument("id_or_symbol")
@click.option("--limit", type=click.IntRange(1), default=25, show_default=True,
              help="Text: at most this many evidence sentences, and relationships of each "
                   "type and direction (the rest are counted).")
@click.option("--all", "show_all", is_flag=True, help="Text: list everything.")
@format_option("text", "json")
@click.pass_context
def show(ctx: click.Context, id_or_symbol: str, limit: int, show_all: bool, fmt: str) -> None:
    """Properties of a node and the sentences, with their source, that support each fact.

    The text lists at most --limit of each kind (a plan of thousands of tasks would print
    tens of thousands of lines) and says how many more there are; --format json has all.

    \b
    Example:
      kg show 123-KH/TU
    """
    store = get_store(ctx, read_only=True)
    info = show_node(store, id_or_symbol)
    if info is None:
        info = show_node(store, resolve(ctx, id_or_symbol)["uid"])
    if info is None:  # resolved, then gone: another process changed the store meanwhile
        raise click.ClickException(f"{id_or_symbol} is no longer in {store.uri}")
    if info["label"] == "Task":  # analysts' verdicts on its links (kg align)
        from dataclasses import asdict

        from alignment.reviewed import reviews_of

        info["reviews"] = [asdict(r) for r in reviews_of(store, info["properties"]["uid"])]
    if fmt == "json":
        click.echo(to_json(info))
        return
    props = info["properties"]
    click.echo(f"{info['label']} {props['uid']}")
    for k, v in props.items():
        if v not in (None, [], "") and k not in ("uid", "key"):
            click.echo(f"  {k}: {v}")
    cap = None if show_all else limit
    click.echo("evidence:")
    for e in info["evidence"][:cap]:
        click.echo(f"  [{e['source_name']} {e['span_start']}-{e['span_end']} {e['method']}"
                   f" {e['confidence']:.2f}] {e['sentence']}")
    if cap is not None and len(info["evidence"]) > cap:
        click.echo(f"  … {len(info['evidence']) - cap} more (--all lists them)")
    click.echo("relationships:")
    shown: dict[tuple[str, str], int] = {}
    for r in info["relationships"]:
        arrow = "->" if r["direction"] == "out" else "<-"
        group = (arrow, r["type"])
        shown[group] = shown.get(group, 0) + 1
        if cap is not None and shown[group] > cap:
            continue
        extra = f" ({r['basis']})" if r.get("basis") else ""
        if r.get("score") is not None:  # ALIGNS_WITH: how sure, and the words shared
            extra = f" ({r['basis']}, score {r['score']:.2f}: {', '.join(r.get('words') or [])})"
        click.echo(f"  {arrow} {r['type']} {r['other']}{extra}")
        click.echo(f"      [{r['source_name']} {r['method']} {r['confidence']:.2f}] "
                   f"{r['sentence']}")
    for (arrow, type_), n in shown.items():
        if cap is not None and n > cap:
            click.echo(f"  … {n - cap} more {arrow} {type_} (--all lists them)")
    if info.get("reviews"):
        click.echo("reviews (kg align):")
        for r in info["reviews"]:
            click.echo(f"  {r['verdict']} {r['local']} -> {r['central']} by {r['by']} "
                       f"{r['at']}" + (f": {r['note']}" if r["note"] else ""))


@click.command("ls")
@click.argument("words", nargs=-1)
@format_option("table", "json", "csv")
@click.pass_context
def ls(ctx: click.Context, words: tuple[str, ...], fmt: str) -> None:
    """Documents in the store whose symbol, type, issuer or locality contain WORDS (all
    documents without WORDS), to find what to trace or show.

    \b
    Example:
      kg ls KH/TU
      kg ls Hải Phòng
    """
    from queries.resolve import list_documents

    rows = list_documents(get_store(ctx, read_only=True), " ".join(words))
    emit([{k: r[k] for k in ("symbol", "type", "locality", "level", "date", "uid")}
          for r in rows], fmt)


@click.command()
@format_option("table", "json")
@click.pass_context
def stats(ctx: click.Context, fmt: str) -> None:
    """Counts of nodes per label and relationships per type."""
    s = store_stats(get_store(ctx, read_only=True))
    if fmt == "json":
        click.echo(to_json(s))
        return
    rows = [{"kind": "node", "name": k, "count": v} for k, v in s["nodes"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in s["relationships"].items()]
    emit(rows, "table")


def _param(value: str) -> tuple[str, object]:
    key, sep, raw = value.partition("=")
    if not sep or not key:
        raise click.BadParameter(f"{value!r} is not KEY=VALUE")
    try:
        import json

        return key, json.loads(raw)
    except ValueError:
        return key, raw


@click.command()
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the query from a .cypher file (e.g. queries/cookbook/*.cypher).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter; VALUE is JSON if it parses, else a string.")
@click.option("--write", is_flag=True,
              help="Allow the query to change the store (read-only without it). kg then "
                   "prints what changed, and the next `kg load` reloads the files it is given "
                   "in full, restoring what they state.")
@format_option("table", "json", "csv")
@click.pass_context
def cypher(ctx: click.Context, query: str | None, query_file: str | None,
           params: tuple[str, ...], write: bool, fmt: str) -> None:
    """Run a Cypher QUERY with parameters against the store, read-only unless --write.

    Without --write the store is opened so that the database itself refuses any change
    (embedded: a read-only connection; Neo4j: a READ transaction). With --write, the
    changes are counted per label and type, and the store keeps a note that it was changed
    by hand: `kg load` then reloads the files it names in full (--repair), which restores
    what they state (`kg check` lists what differs). With --file, a
    cookbook file's header supplies its example parameters unless --param overrides them,
    and a NAME.neo4j.cypher form beside the file is used on Neo4j.

    \b
    Example:
      kg cypher 'MATCH (d:Document {symbol: $s}) RETURN d.uid' --param s=26-NQ/TW
      kg cypher --file queries/cookbook/04_agencies_leading_most_tasks.cypher --param limit=5
    """
    if bool(query) == bool(query_file):
        raise click.UsageError("give a QUERY or --file, not both")
    from graph.store import ReadOnlyError, StoreError
    from queries.cookbook import CookbookError, for_dialect, parse

    store = get_store(ctx, read_only=not write)
    defaults: dict = {}
    if query_file:
        text = for_dialect(Path(query_file), store.dialect).read_text("utf-8")
        try:
            defaults = parse(Path(query_file)).params
        except CookbookError:
            defaults = {}
    else:
        text = query or ""
    values = {**defaults, **dict(map(_param, params))}
    missing = sorted(set(_PARAM.findall(_strip_comments(text))) - set(values))
    if missing:
        raise click.UsageError("the query uses " + ", ".join("$" + m for m in missing)
                               + ": give " + " ".join(f"--param {m}=VALUE" for m in missing))
    if not write:
        try:
            rows = store.query(text, values)
        except ReadOnlyError as e:
            raise click.ClickException(
                f"kg cypher is read-only and this query writes ({store.uri}); to change the "
                "store deliberately, add --write (`kg load --repair FILES` then restores what "
                "the files state)") from e
        emit(rows, fmt)
        return
    from kg.context import WRITE_MARK

    # The note goes first: a write stopped midway is noted too.
    store.execute("MERGE (s:Source {uid: $uid}) SET s.name = $name, s.path = $path, "
                  "s.complete = true", {"uid": WRITE_MARK, "name": "changed by kg cypher --write",
                                        "path": "note:" + WRITE_MARK})
    before = store_stats(store)
    rows = store.execute(text, values)
    emit(rows, fmt)
    try:
        after = store_stats(store)
    except StoreError as e:  # a table dropped
        click.echo(f"changed the schema ({e}); the next `kg load FILES` recreates kg's "
                   "tables and reloads those files in full (--repair)", err=True)
        return
    click.echo(_changes(before, after), err=True)


_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def _strip_comments(text: str) -> str:
    """Cypher without its // comments and string literals (which may hold a `$`)."""
    text = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)
    return re.sub(r"//[^\n]*", "", text)


def _changes(before: dict, after: dict) -> str:
    """What a --write query changed, as counts per label and relationship type."""
    diffs = [f"{k} {before[kind][k]} -> {after[kind][k]}"
             for kind in ("nodes", "relationships") for k in after[kind]
             if before[kind].get(k) != after[kind][k]]
    return ("changed: " + ", ".join(diffs) if diffs else
            "no count changed (properties may have)") + \
        "; the next `kg load FILES` reloads those files in full (--repair)"


@click.command()
@format_option("table", "json", "ddl", "neo4j-ddl", "grass")
def schema(fmt: str) -> None:
    """The store schema, as derived from the ontology (ontology/kg.ttl): node labels,
    relationship types with their meaning and an example query, and the properties
    relationships carry (the evidence of each fact) with their meaning.

    `ddl` prints the embedded store's CREATE TABLE statements, `neo4j-ddl` the constraints
    and indexes kg creates on Neo4j, `grass` a Neo4j Browser style sheet in the explorer's
    colours.

    \b
    Example:
      kg schema
      kg schema --format grass > kg.grass
    """
    from ontology import load_schema
    from ontology.describe import describe

    s = load_schema()
    if fmt in ("ddl", "neo4j-ddl"):
        from graph.store import store_class

        Target = store_class("ladybug" if fmt == "ddl" else "neo4j")
        click.echo(";\n".join(Target.ddl_for(s)) + ";")
        return
    if fmt == "grass":
        from viz.grass import grass

        click.echo(grass(s), nl=False)
        return
    d = describe(s)
    if fmt == "json":
        click.echo(to_json(d))
        return
    click.echo(schema_text(d))


def schema_text(d: dict) -> str:
    """`describe`'s answer as text: one block per label, relationship and property."""
    import textwrap

    def block(head: str, *lines: str) -> str:
        return "\n".join([head, *(textwrap.fill(ln, 100, initial_indent="    ",
                                                 subsequent_indent="      ")
                                   for ln in lines if ln)])

    out = ["NODE LABELS", ""]
    out += [block(f"{n['label']} ({n['vi']})", ", ".join(n["properties"])) for n in d["nodes"]]
    out += ["", "RELATIONSHIP TYPES (evidence properties aside)", ""]
    for r in d["relationships"]:
        out += [block(f"{r['type']} ({r['vi']}): " + ", ".join(r["pairs"]), r["meaning"],
                      "own properties: " + ", ".join(r["properties"]) if r["properties"] else "",
                      "try: " + (r["example"] or "")), ""]
    out += ["RELATIONSHIP PROPERTIES", ""]
    out += [block(f"{p['property']} ({p['type']}) on {p['on']}", p["meaning"])
            for p in d["relationship_properties"]]
    return "\n".join(out)


COMMANDS = [trace, show, ls, stats, cypher, schema]
