"""`party-coach dashboard`: browse the suggestion log, read-only, in Datasette."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli.common import fail, get_settings
from bot.errors import PartyCoachError
from bot.principles import load_principles
from bot.settings import CHAT_SETTINGS
from bot.usage import Prices

DEFAULT_PORT = 8001


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port on this machine (127.0.0.1); 0 picks a free one.",
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The suggestion log to show (default: PARTY_COACH_DB, or your user data folder).",
)
@click.pass_context
def dashboard(ctx: click.Context, port: int, db_path: Path | None) -> None:
    """Browse the suggestion log read-only in Datasette: charts, saved queries, every review."""
    from bot.dashboard.server import Addresses, serve

    settings = get_settings(ctx, CHAT_SETTINGS)  # a chat bot's setting never stops this
    path = (db_path or settings.db_path).expanduser().absolute()
    prices = Prices(settings.price_input_per_m, settings.price_output_per_m)

    def ready(addresses: Addresses) -> None:
        click.echo(f"Party Coach dashboard for {path} (read-only)")
        click.echo(f"  Charts:         {addresses.charts}")
        click.echo(f"  Saved queries:  {addresses.queries}")
        click.echo("Open one in your browser. Press Ctrl+C to stop.")

    try:
        titles = {p.id: p.title for p in load_principles(settings.principles_path).items}
        serve(path, port, prices, titles, ready)
    except PartyCoachError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:  # Ctrl+C is how it is meant to stop, not a failure
        click.echo("Dashboard stopped.")
