"""The `party-coach` command line."""

from __future__ import annotations

import click

from bot import __version__
from bot.cli.channel_settings import settings_command
from bot.cli.common import honour_no_color
from bot.cli.dashboard import dashboard
from bot.cli.digest import digest
from bot.cli.doctor import doctor
from bot.cli.eval import eval_command
from bot.cli.health import health
from bot.cli.log import log
from bot.cli.review import review
from bot.cli.run import run
from bot.cli.tip import tip
from bot.cli.train import train


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="party-coach")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Party Coach: post like a good guest. Converse first, offer help, pitch only when pulled."""
    honour_no_color(ctx)


COMMANDS = (review, log, tip, digest, eval_command, doctor, run, health, train, dashboard, settings_command)
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    cli(prog_name="party-coach")
