"""The ``brink`` command. Subcommands live in their own modules and are imported only when used,
so ``brink code`` does not pay for Faust or FastAPI imports."""

from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click command. Add a line here to add a subcommand.
SUBCOMMANDS: dict[str, str] = {
    "run": "brink.cli.run:run",
    "infra": "brink.cli.infra:infra",
    "api": "services.alert.api:api",
    "dispatch": "services.alert.dispatch.main:dispatch",
    "ingest": "services.ingest.cli:ingest",
    "ingest-api": "services.ingest.server:ingest_api",
    "extract": "services.extract.worker:extract",
    "replay": "brink.cli.replay:replay_command",
    "alert": "services.alert.worker:alert",
    "eval": "brink.cli.eval:eval_command",
    "code": "brink.cli.code:code_command",
    "sink": "services.sink.server:sink",
    "deadletters": "brink.cli.deadletters:deadletters",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brink")
def cli() -> None:
    """Brink: streaming early-warning system for geopolitical escalation."""


def main() -> None:
    cli()
