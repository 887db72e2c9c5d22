"""`party-coach health`: is the bot started by `party-coach run` alive? For container health checks."""

from __future__ import annotations

import time
from pathlib import Path

import click

from bot.heartbeat import BEAT_SECONDS, STALE_SECONDS, default_heartbeat_file, last_beat

HEARTBEAT_OPTION = click.option(
    "--heartbeat-file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="PARTY_COACH_HEARTBEAT_FILE",
    default=default_heartbeat_file,
    show_default="a file in the system's temporary folder",
    help="Where `run` writes its heartbeat and `health` reads it (env: PARTY_COACH_HEARTBEAT_FILE).",
)


def ago(seconds: float) -> str:
    return f"{seconds:.0f} s ago" if seconds < 120 else f"{seconds / 60:.0f} min ago"


@click.command()
@HEARTBEAT_OPTION
@click.pass_context
def health(ctx: click.Context, heartbeat_file: Path) -> None:
    """Exit 0 if the running bot is alive (its heartbeat is recent), 1 if it isn't."""
    beat = last_beat(heartbeat_file)
    if beat is None:
        click.echo(
            f"Party Coach isn't running: there is no heartbeat at {heartbeat_file}. "
            "Start it with `party-coach run`.",
            err=True,
        )
        ctx.exit(1)
    age = max(time.time() - beat, 0.0)
    if age > STALE_SECONDS:
        click.echo(
            f"Party Coach isn't responding: its last heartbeat was {ago(age)} "
            f"(it beats every {BEAT_SECONDS:.0f} s). Restart it, and look at its log for the cause.",
            err=True,
        )
        ctx.exit(1)
    click.echo(f"Party Coach is running (last heartbeat {ago(age)}).")
