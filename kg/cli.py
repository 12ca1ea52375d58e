"""The `kg` command: a thin composition root. Each verb calls one function of a package.

Command modules are imported only when one of their verbs runs (or `kg --help` lists them),
so `kg trace` does not pay for the loaders, RDF or plotting libraries other verbs need.
"""

from __future__ import annotations

import importlib

import click

# Each verb and the command module that defines it (the module's COMMANDS list).
COMMANDS = {
    "load": "kg.commands.load",
    "check": "kg.commands.check",
    "trace": "kg.commands.inspect",
    "show": "kg.commands.inspect",
    "stats": "kg.commands.inspect",
    "ls": "kg.commands.inspect",
    "cypher": "kg.commands.inspect",
    "schema": "kg.commands.inspect",
    "search": "kg.commands.search",
    "synth": "kg.commands.synth",
    "extract": "kg.commands.extract",
    "eval": "kg.commands.extract",
    "export": "kg.commands.export",
    "shapes": "kg.commands.export",
    "transfer": "kg.commands.transfer",
    "coverage": "kg.commands.analysis",
    "gaps": "kg.commands.analysis",
    "lag": "kg.commands.analysis",
    "targets": "kg.commands.analysis",
    "explore": "kg.commands.explore",
    "align": "kg.commands.align",
}


class LazyGroup(click.Group):
    """A group whose verbs are imported from their module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        found = {c.name: c for c in importlib.import_module(module).COMMANDS}
        return found[cmd_name]

    def invoke(self, ctx: click.Context) -> object:
        """Run the verb; a store's error or a bad setting reaches the user as one line, never
        a traceback."""
        from graph.settings import SettingError
        from graph.store import StoreError

        try:
            return super().invoke(ctx)
        except (StoreError, SettingError) as e:
            raise click.ClickException(str(e)) from e
        except click.NoSuchOption as e:
            if e.option_name in ("--store", "--database"):  # kg's own options go first
                verb = e.ctx.info_name if e.ctx else "COMMAND"
                raise click.NoSuchOption(e.option_name, ctx=e.ctx, message=(
                    f"{e.option_name} goes before the command: "
                    f"kg {e.option_name} VALUE {verb} ...")) from e
            raise


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    from graph.settings import SettingError, check_settings
    from graph.store import default_store_uri

    try:
        check_settings()
    except SettingError as e:
        raise click.ClickException(str(e)) from e
    ctx.obj = {"store_uri": store_uri or default_store_uri(), "database": database}


def main() -> None:
    cli(prog_name="kg")
