"""Run the Slack bot in Socket Mode (default) or HTTP mode until asked to stop, then shut down cleanly."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_sdk.errors import SlackApiError

from bot.coach import Coach
from bot.errors import ConfigError
from bot.heap import freeze_startup_objects
from bot.settings import Settings
from bot.slack.app import SlackBot, build_slack_bot
from bot.slack.client import make_web_client
from bot.slack.daily_tip import utc_now
from bot.slack.http_server import EVENTS_PATH, start_http_server
from bot.status import bot_status

logger = logging.getLogger(__name__)

DRAIN_SECONDS = 30.0


@dataclass
class RunningSlack:
    bot: SlackBot
    port: int | None  # HTTP mode only


def check_settings(settings: Settings, http: bool) -> None:
    """Fail early, in words a person can act on, if a needed Slack setting is missing."""
    if settings.slack_bot_token is None:
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your Slack app"
        )
    if http and settings.slack_signing_secret is None:
        raise ConfigError(
            "SLACK_SIGNING_SECRET is not set: HTTP mode needs it to check that requests come from Slack"
        )
    if not http and settings.slack_app_token is None:
        raise ConfigError(
            "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) "
            "with connections:write, or run with --http"
        )


async def verify_token(bot: SlackBot, api_url: str) -> None:
    try:
        await bot.authorize()
    except SlackApiError as exc:
        reason = exc.response.get("error", "rejected")
        raise ConfigError(
            f"Slack didn't accept SLACK_BOT_TOKEN ({reason}); check the token and reinstall the app"
        ) from None
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise ConfigError(
            f"can't reach the Slack API at {api_url} ({exc.__class__.__name__}); "
            "check this machine's internet connection, proxy and firewall"
        ) from None


async def listen(bot: SlackBot, host: str, port: int) -> tuple[web.AppRunner, int]:
    coach = bot.services.coach

    async def status() -> tuple[bool, dict[str, Any]]:
        return await coach.in_log_thread(bot_status, coach)

    try:
        runner, bound = await start_http_server(bot.app, host, port, status)
    except OSError as exc:
        raise ConfigError(
            f"can't listen on {host}:{port} ({exc.strerror or exc}); try another --port"
        ) from None
    logger.info("Slack HTTP mode: listening on %s:%s%s", host, bound, EVENTS_PATH)
    return runner, bound


async def connect(bot: SlackBot, app_token: str) -> AsyncSocketModeHandler:
    # Ask for the WebSocket URL ourselves: the SDK's connect() retries a rejected token forever.
    try:
        opened = await bot.client.apps_connections_open(app_token=app_token)
    except SlackApiError as exc:
        reason = exc.response.get("error", "rejected")
        raise ConfigError(
            f"Slack didn't accept SLACK_APP_TOKEN ({reason}); it needs the connections:write scope"
        ) from None
    socket = AsyncSocketModeHandler(bot.app, app_token)
    socket.client.wss_uri = opened["url"]
    await socket.connect_async()
    logger.info("Slack Socket Mode: connected")
    return socket


@asynccontextmanager
async def running_slack(
    coach: Coach,
    *,
    http: bool,
    port: int = 3000,
    host: str = "0.0.0.0",
    post_tips: bool = True,
    now: Callable[[], datetime] = utc_now,
) -> AsyncIterator[RunningSlack]:
    """The bot, receiving events, for as long as the block runs; on exit, finish the work in progress."""
    settings = coach.settings
    check_settings(settings, http)
    stop_tips = asyncio.Event()
    async with aiohttp.ClientSession() as session:
        bot = build_slack_bot(coach, client=make_web_client(settings, session), now=now)
        await verify_token(bot, settings.slack_api_url)
        http_runner = None
        bound: int | None = None
        socket: AsyncSocketModeHandler | None = None
        if http:
            http_runner, bound = await listen(bot, host, port)
        else:
            assert settings.slack_app_token is not None
            socket = await connect(bot, settings.slack_app_token.get_secret_value())
        # Always on: a channel can become a tip channel from chat while the bot runs.
        tips = asyncio.create_task(bot.tips.run(stop_tips)) if post_tips else None
        digests = asyncio.create_task(bot.digests.run(stop_tips)) if post_tips else None
        freeze_startup_objects()
        try:
            yield RunningSlack(bot=bot, port=bound)
        finally:
            stop_tips.set()
            if socket is not None:
                await socket.close_async()
            if http_runner is not None:
                await http_runner.cleanup()
            await bot.services.work.drain(DRAIN_SECONDS)
            for poster in (tips, digests):
                if poster is not None:
                    with suppress(asyncio.CancelledError):
                        await poster


async def serve_slack(coach: Coach, stop: asyncio.Event, *, http: bool = False, port: int = 3000) -> None:
    """Serve Slack until `stop` is set (SIGTERM), then stop receiving, finish replies and return."""
    async with running_slack(coach, http=http, port=port):
        await stop.wait()
        logger.info("Slack: stopping; finishing the replies in progress")
