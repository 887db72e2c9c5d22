"""`party-coach digest`: preview a channel's weekly digest, the text and its chart, from the log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.cli.common import fail, get_settings
from bot.cli.log import PLATFORMS, open_log
from bot.errors import PartyCoachError
from bot.insights.chart import ChartUnavailable, render_chart
from bot.insights.digest import build_digest
from bot.insights.weeks import LocalWeek, monday_of
from bot.insights.wording import digest_lines
from bot.principles import load_principles
from bot.settings import CHAT_SETTINGS


def parse_week(value: str | None, zone: ZoneInfo) -> LocalWeek:
    """The week holding the date given, or else last week (the one the next digest reports on)."""
    if value is None:
        return LocalWeek.containing(datetime.now(UTC), zone).shifted(-1)
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"--week {value!r}: use a date like 2026-11-02 (any day of the week you want)") from None
    return LocalWeek(monday_of(day), zone)


@click.command()
@click.option("--platform", type=click.Choice(PLATFORMS), required=True, help="Where the channel is.")
@click.option("--channel", required=True, help="The channel ID, as the log stores it (e.g. C0123ABCD).")
@click.option("--week", help="Any day of the week to show (YYYY-MM-DD). Default: last week.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the chart here, as a PNG image.",
)
@click.pass_context
def digest(ctx: click.Context, platform: str, channel: str, week: str | None, out: Path | None) -> None:
    """Show a channel's weekly digest as the bots would post it: the text here, the chart in --out.

    It only reads the log: it never makes one. Weeks run Monday to Sunday in PARTY_COACH_TIP_TIMEZONE.
    """
    settings = get_settings(ctx, CHAT_SETTINGS)  # a chat bot's setting never stops this
    if out is not None and out.suffix.lower() != ".png":
        raise fail(f"--out {out}: the chart is a PNG image, so give a file name ending in .png")
    chosen = parse_week(week, ZoneInfo(settings.tip_timezone))
    try:
        principles = load_principles(settings.principles_path)
    except PartyCoachError as exc:
        raise fail(str(exc)) from None
    log = open_log(ctx)
    figures = build_digest(log, platform, channel, chosen)
    text = "\n".join(digest_lines(figures, principles))
    if out is not None:
        try:
            png = render_chart(figures, principles)
        except ChartUnavailable as exc:
            click.echo(text)
            click.echo(f"No chart: {exc}.", err=True)
            return
        try:
            out.write_bytes(png)
        except OSError as exc:
            raise fail(f"can't write the chart to {out}: {exc.strerror or exc}") from None
    click.echo(text)
    if figures.empty:
        click.echo("A week with no reviews posts nothing in the channel.", err=True)
    if out is not None:
        click.echo(f"Chart: {out}")
