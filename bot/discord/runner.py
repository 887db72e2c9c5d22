"""`serve_discord`: run the Discord bot until asked to stop, then finish reviews in progress and close."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord
from discord.http import Route

from bot.coach import Coach
from bot.discord.client import PartyCoachBot, build_bot
from bot.errors import ConfigError
from bot.settings import Settings

logger = logging.getLogger(__name__)


def check_token(settings: Settings) -> str:
    """The bot token, or a one-line error saying where to get one."""
    token = settings.discord_token
    if token is None or not token.get_secret_value().strip():
        raise ConfigError(
            "DISCORD_TOKEN is not set: copy the bot token from the Discord Developer Portal (Bot tab)"
        )
    return token.get_secret_value()


async def serve_discord(coach: Coach, stop: asyncio.Event) -> None:
    """Run until `stop` is set; without the message-content intent if Discord refuses it."""
    token = check_token(coach.settings)
    bot = build_bot(coach)
    try:
        await run_client(bot, token, stop)
    except discord.PrivilegedIntentsRequired:
        bot = build_bot(coach, refused=True)
        await run_client(bot, token, stop)


async def run_client(bot: PartyCoachBot, token: str, stop: asyncio.Event) -> None:
    """Start the client in a task; on `stop`, let in-flight reviews finish and be logged, then close."""
    client = asyncio.create_task(bot.start(token), name="discord-client")
    stopping = asyncio.create_task(stop.wait(), name="discord-stop")
    try:
        await asyncio.wait({client, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not client.done():
            logger.info("discord: stopping; waiting for reviews in progress")
            await bot.coach.drain()
            await bot.close()
        await client
    except discord.LoginFailure:
        raise ConfigError(
            "Discord didn't accept DISCORD_TOKEN: copy a fresh bot token from the Developer Portal (Bot tab)"
        ) from None
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        # Once connected, discord.py reconnects by itself; what escapes is the log-in's network failure.
        raise ConfigError(
            f"can't reach Discord at {Route.BASE} ({exc.__class__.__name__}); "
            "check this machine's internet connection, proxy and firewall"
        ) from None
    finally:
        stopping.cancel()
        if not bot.is_closed():
            await bot.close()
        client.cancel()
        await asyncio.gather(client, return_exceptions=True)
