"""The `kg` command: a thin composition root. Each verb calls one function of a package."""

from __future__ import annotations

import importlib

import click

from graph.store import default_store_uri

# Command modules, each exposing COMMANDS: a list of click commands.
COMMAND_MODULES = (
    "kg.commands.load",
    "kg.commands.inspect",
    "kg.commands.synth",
    "kg.commands.extract",
    "kg.commands.export",
    "kg.commands.transfer",
    "kg.commands.analysis",
    "kg.commands.explore",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_uri", envvar="KG_STORE", default=None, metavar="PATH|URI",
              help="Embedded store file (default ./kg.lbdb or $KG_STORE), or a Neo4j URI "
                   "such as bolt://neo4j:PASSWORD@localhost:7687.")
@click.option("--database", envvar="NEO4J_DATABASE", default=None,
              help="Neo4j database name (Neo4j stores only).")
@click.pass_context
def cli(ctx: click.Context, store_uri: str | None, database: str | None) -> None:
    """Knowledge graph of Vietnamese directives and the documents that implement them.

    \b
    Example:
      kg load samples/corpus
      kg trace 26-NQ/TW
      kg explore --out explorer.html
    """
    ctx.obj = {"store_uri": store_uri or default_store_uri(), "database": database}


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli(prog_name="kg")
