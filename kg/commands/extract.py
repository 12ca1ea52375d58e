"""`kg extract` and `kg eval`: the extractor alone, no store needed."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click
import yaml

from kg.output import JsonListWriter, format_option, to_json
from loaders import SourceError, dump_gold, extract_file, to_gold
from loaders.readers import MAX_FILE_MB, MAX_FILE_MB_ENV, Input, list_inputs
from loaders.scoring import format_table, index_predictions, score


def expand(paths: tuple[str, ...], locality: str | None = None,
           manifest: str | None = None,
           skipped: list[tuple[str, str]] | None = None) -> list[Input]:
    """Files named, readable files in folders named (recursively), URLs and a manifest's rows,
    in a stable order: the same listing as `kg load` (`loaders.readers.list_inputs`)."""
    return list_inputs(paths, (), locality, manifest, skipped)


def echo_skipped(skipped: list[tuple[str, str]], limit: int = 20) -> None:
    """Files found but not read, with why, on stderr (the first `limit`, then a count)."""
    for f, why in skipped[:limit]:
        click.echo(f"skipped: {f}: {why}", err=True)
    if len(skipped) > limit:
        click.echo(f"skipped: … and {len(skipped) - limit} more", err=True)


def max_file_mb_option(command):
    """`--max-file-mb`: files larger are refused, one line each, for this command (its worker
    processes included, through KG_MAX_FILE_MB, which is put back when the command ends)."""

    def cap(ctx: click.Context, _param, value: float | None) -> None:
        if value is None:
            return
        before = os.environ.get(MAX_FILE_MB_ENV)
        os.environ[MAX_FILE_MB_ENV] = repr(value)

        def put_back() -> None:
            if before is None:
                os.environ.pop(MAX_FILE_MB_ENV, None)
            else:
                os.environ[MAX_FILE_MB_ENV] = before

        ctx.call_on_close(put_back)

    return click.option("--max-file-mb", type=click.FloatRange(0, min_open=True),
                        callback=cap, expose_value=False,
                        help=f"Refuse files larger than this many MB (default "
                             f"{MAX_FILE_MB}, or KG_MAX_FILE_MB).")(command)


def _as_json(extraction) -> dict:
    data = dataclasses.asdict(extraction)
    data.pop("text")
    return data


def source_options(verb: str) -> Callable:
    """--manifest and --locality, shared by the verbs that read files (`verb`: read, load)."""
    def decorate(command: Callable) -> Callable:
        command = click.option(
            "--locality", help="The province the files come from, where a text or the "
                               "manifest does not say (the texts' default province).")(command)
        return click.option(
            "--manifest", type=click.Path(exists=True, dir_okay=False),
            help=f"A CSV of sources (columns path or url, locality, date, note) to {verb} "
                 "too.")(command)
    return decorate


@click.command()
@click.argument("paths", nargs=-1, required=True)
@source_options("read")
@format_option("gold", "json")
@max_file_mb_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], manifest: str | None,
            locality: str | None, fmt: str) -> None:
    """Extract documents, links, tasks and targets from PATHS (files, folders read
    recursively, URLs, `.urls` lists; text, PDF, DOCX, DOC, HTML: docs/READERS.md).

    `--format gold` prints one YAML document per file in the shared gold format;
    `--format json` prints every record with its evidence. A file that cannot be read is
    reported on stderr and skipped; the others are still extracted (exit status 1). Files of
    other types inside folders are listed on stderr as skipped, with the reason.

    \b
    Example:
      kg extract ../shared/seeds/*.txt --format gold > pred.yaml
    """
    items: list[dict] = []  # gold: the YAML is written whole; json: item by item
    json_out = JsonListWriter(sys.stdout.write)
    failed = False
    skipped: list[tuple[str, str]] = []
    try:
        inputs = expand(paths, locality, manifest, skipped)
    except SourceError as e:
        raise click.ClickException(str(e)) from e
    echo_skipped(skipped)
    for f in inputs:
        try:
            ex = extract_file(f)
        except SourceError as e:
            click.echo(f"error: {e}", err=True)
            failed = True
            continue
        if fmt == "gold":
            items.append(to_gold(ex))
        else:
            json_out.add(_as_json(ex))
    if items:
        click.echo(dump_gold(items), nl=False)
    json_out.close()
    if failed:
        ctx.exit(1)


class EvalError(click.ClickException):
    """Nothing to score: one line, exit 2 (a score of nothing would read as perfect)."""

    exit_code = 2


@click.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("text_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--errors", "errors", is_flag=True,
              help="Also list every missed, spurious and wrong item per file, with a reason "
                   "class (symbol, locality, own document, date, end, cue, numbering, lead ...).")
@format_option("table", "json")
def eval_(gold_dir: str, text_dir: str, errors: bool, fmt: str) -> None:
    """Score extraction on TEXT_DIR against the hand annotations in GOLD_DIR.

    Each gold file (*.yaml) names its text in `source`; precision, recall and F1 are printed
    per kind (documents, implements edges, tasks, targets) with attribute accuracies. No gold
    file, a gold file without a source, a text missing from TEXT_DIR or gold that annotates
    nothing is an error (exit 2), never a perfect score.

    \b
    Example:
      kg eval ../shared/gold ../shared/seeds
      kg eval ../shared/gold ../shared/seeds --errors
    """
    from loaders.scoring import explain

    golds = sorted(Path(gold_dir).glob("*.yaml"))
    if not golds:
        raise EvalError(f"no gold annotations (*.yaml) in {gold_dir}" + (
            "; it holds texts: GOLD_DIR comes first (kg eval GOLD_DIR TEXT_DIR)"
            if list_inputs([gold_dir]) else ""))
    texts = {Path(i.where).name: i for i in list_inputs([text_dir])}
    preds, missing, annotated = [], [], 0
    for gf in golds:
        try:
            g = yaml.safe_load(gf.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise EvalError(f"{gf}: not a gold annotation ({type(e).__name__})") from e
        source = g.get("source") if isinstance(g, dict) else None
        if not source:
            raise EvalError(f"{gf}: no `source` naming the text it annotates "
                            "(../shared/gold/FORMAT.md)")
        annotated += sum(len(g.get(k) or []) for k in ("documents", "implements", "tasks",
                                                        "targets"))
        text = texts.get(Path(source).name)
        if text is None:
            missing.append(Path(source).name)
            continue
        try:
            preds.append(to_gold(extract_file(text)))
        except SourceError as e:
            raise click.ClickException(str(e)) from e
    if missing:
        raise EvalError(f"{len(missing)} of the {len(golds)} texts the gold annotates are not "
                        f"in {text_dir} (first: {missing[0]}); name the folder holding them")
    if not annotated:
        raise EvalError(f"the gold in {gold_dir} annotates nothing: no score to give")
    predicted = index_predictions(preds)
    out, per_file = score(gold_dir, predicted)
    items = explain(gold_dir, predicted) if errors else None
    if fmt == "json":
        click.echo(to_json({"total": out, "files": per_file} |
                           ({"errors": items} if items is not None else {})))
        return
    click.echo(format_table(out))
    for name, found in (items or {}).items():
        if found:
            click.echo(f"\n{name}: {len(found)} errors")
        for err in found:
            click.echo(f"  {err['kind']:6s} {err['outcome']:8s} [{err['reason']}] {err['item']}"
                       + (f" ({err['detail']})" if err["detail"] else ""))


COMMANDS = [extract, eval_]
