"""`party-coach run`: the chat bots, in one process and one event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import click

from bot.cli.common import fail, open_coach
from bot.cli.health import HEARTBEAT_OPTION
from bot.coach import Coach
from bot.errors import PartyCoachError
from bot.heartbeat import keep_beating
from bot.retention import purge_daily
from bot.settings import Settings

logger = logging.getLogger(__name__)

Server = Callable[[Coach, asyncio.Event], Coroutine[Any, Any, None]]


async def serve_until_stopped(
    coach: Coach, servers: list[Server], stop: asyncio.Event | None = None, heartbeat: Path | None = None
) -> None:
    """Run every server until SIGTERM/SIGINT (or `stop`), then let in-flight reviews finish and be logged."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread, or no signals
            loop.add_signal_handler(sig, stop.set)
    tasks = [asyncio.create_task(server(coach, stop)) for server in servers]
    beating = asyncio.create_task(keep_beating(heartbeat, stop)) if heartbeat is not None else None
    days = coach.settings.retention_days
    purging = asyncio.create_task(purge_daily(coach, days, stop)) if days is not None else None
    stopper = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([*tasks, stopper], return_when=asyncio.FIRST_COMPLETED)
    asked_to_stop = stop.is_set()
    stop.set()
    if asked_to_stop:
        # Only a real shutdown is news; after a failed start the error itself is the one line to show.
        logger.info("shutting down: waiting for reviews in progress")
    await coach.drain()
    await asyncio.gather(*tasks, return_exceptions=True)
    stopper.cancel()
    if beating is not None:
        await beating
    if purging is not None:
        await purging
    for task in done:
        if task is not stopper and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]


def slack_server(http: bool, port: int) -> Server:
    async def serve(coach: Coach, stop: asyncio.Event) -> None:
        from bot.slack.runner import serve_slack

        await serve_slack(coach, stop, http=http, port=port)

    return serve


async def discord_server(coach: Coach, stop: asyncio.Event) -> None:
    from bot.discord.runner import serve_discord

    await serve_discord(coach, stop)


def check_before_start(settings: Settings, slack: bool, discord: bool, http: bool) -> None:
    """Every missing setting is reported before anything connects, so nothing starts only to stop."""
    if slack:
        from bot.slack.runner import check_settings

        check_settings(settings, http)
    if discord:
        from bot.discord.runner import check_token

        check_token(settings)


@click.command()
@click.argument("platform", type=click.Choice(["slack", "discord", "all"]))
@click.option("--http", "http", is_flag=True, help="Slack: serve events over HTTP instead of Socket Mode.")
@click.option("--port", default=3000, show_default=True, help="Slack HTTP mode: port to listen on.")
@HEARTBEAT_OPTION
@click.pass_context
def run(ctx: click.Context, platform: str, http: bool, port: int, heartbeat_file: Path) -> None:
    """Run the Slack bot, the Discord bot, or both in one process (`all` runs whichever is configured)."""

    coach = open_coach(ctx)
    settings = coach.settings
    slack = platform == "slack" or (platform == "all" and bool(settings.slack_bot_token))
    discord = platform == "discord" or (platform == "all" and bool(settings.discord_token))
    if not (slack or discord):
        raise fail(
            "Neither Slack nor Discord is set up: set SLACK_BOT_TOKEN or DISCORD_TOKEN "
            "(run `party-coach doctor` to see what is missing)."
        )
    try:
        check_before_start(settings, slack, discord, http)
    except PartyCoachError as exc:
        raise fail(str(exc)) from None
    servers: list[Server] = [slack_server(http, port)] if slack else []
    if discord:
        servers.append(discord_server)
    if platform == "all":
        logger.info(
            "running %s",
            " and ".join(
                name
                for name, token in (("Slack", settings.slack_bot_token), ("Discord", settings.discord_token))
                if token
            ),
        )
    try:
        asyncio.run(serve_until_stopped(coach, servers, heartbeat=heartbeat_file))
    except PartyCoachError as exc:
        raise fail(str(exc)) from None
    except Exception:
        logger.exception("the bot stopped")
        raise fail("The bot stopped because of an unexpected error (details are in the log above).") from None
