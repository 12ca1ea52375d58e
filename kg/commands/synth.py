"""`kg synth`: write a synthetic national corpus (texts and, on request, their gold) with the
generator package `synth`, installed with kg."""

from __future__ import annotations

import sys

import click

from kg.output import to_json


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--docs", "n_docs", type=click.IntRange(1), default=1000, show_default=True,
              help="Number of documents to write.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="The same seed and size always give the same corpus.")
@click.option("--gold", is_flag=True, help="Also write the gold annotation of every text in the "
                                           "shared gold format (the generator knows the truth).")
@click.option("--gold-dir", type=click.Path(file_okay=False), default=None,
              help="Where the gold goes (default: OUT_DIR-gold, beside OUT_DIR, so that "
                   "`kg load OUT_DIR` loads only the texts).")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def synth(out_dir: str, n_docs: int, seed: int, gold: bool, gold_dir: str | None,
          quiet: bool) -> None:
    """Write a synthetic corpus of Vietnamese directives and plans to OUT_DIR.

    Campaign 0 is Nghị quyết 26-NQ/TW carried down through 10-KH/TW, 132/NQ-CP, ministry
    plans, provincial party (KH/TU) and People's Committee (KH-UBND) plans, district and
    commune plans and news reports; larger corpora add synthetic central documents, one in
    three after the 1 July 2025 reform (34 provinces, no districts). Every file says on its
    first line that it is synthetic. Files are written one at a time, so any size fits.

    \b
    Example:
      kg synth /tmp/corpus --docs 10000 --seed 7 --gold    # gold in /tmp/corpus-gold
      kg load /tmp/corpus && kg trace 26-NQ/TW
    """
    from synth import default_gold_dir, generate

    written = generate(out_dir, n_docs, seed, gold=gold, gold_dir=gold_dir)
    chars = 0
    with click.progressbar(written, length=n_docs, label="writing",
                           file=sys.stderr, hidden=quiet) as bar:
        for w in bar:
            chars += w.chars
    gold_path = str(gold_dir or default_gold_dir(out_dir)) if gold else None
    click.echo(to_json({"out_dir": out_dir, "documents": n_docs, "seed": seed, "gold": gold_path,
                        "characters": chars}))


COMMANDS = [synth]
