"""`party-coach tip`: today's tip for a channel."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import click

from bot.cli.common import get_settings, open_coach, use_memory_log
from bot.tips import TipOfTheDay


@click.command()
@click.option("--channel", default="cli", show_default=True, help="The channel the tip is for.")
@click.option("--platform", type=click.Choice(["slack", "discord", "cli"]), default="cli", show_default=True)
@click.pass_context
def tip(ctx: click.Context, channel: str, platform: str) -> None:
    """Show today's tip: the same all day, and no repeats in a channel until every tip has been shown."""
    if not get_settings(ctx).db_path.is_file():  # only a review makes the log; the pick is then not kept
        use_memory_log(ctx)
    coach = open_coach(ctx)
    today = datetime.now(ZoneInfo(coach.settings.tip_timezone)).date()

    async def todays_tip() -> TipOfTheDay:
        try:
            return await coach.todays_tip(platform, channel, today)
        finally:
            await coach.reviewer.aclose()  # the AI may have written the tip: close its client on this loop

    picked = asyncio.run(todays_tip())
    title = coach.principles.title(picked.tip.principle)
    click.echo(f"{click.style('Tip of the day', bold=True)} · {title}\n{picked.tip.text}")
