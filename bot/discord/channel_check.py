"""Ask Discord whether Party Coach can see a channel, before a setting is stored for it."""

from __future__ import annotations

import asyncio

import aiohttp
import discord
from discord.http import Route

from bot.channel_settings import ChannelNotChecked, cant_see

CHECK_SECONDS = 15


async def check_discord_channel(token: str, channel: str) -> None:
    """SettingRejected when Discord says the bot can't see `channel`; ChannelNotChecked when it can't say."""
    # REST only: log in with the token and fetch the channel, without opening the live connection.
    # No voice here either, so no warnings about voice libraries; the guilds intent keeps discord.py quiet.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    client = discord.Client(intents=discord.Intents(guilds=True))
    try:
        async with asyncio.timeout(CHECK_SECONDS), client:
            await client.login(token)
            await client.fetch_channel(int(channel))
    except discord.NotFound:
        raise cant_see(channel, "check the ID (Discord knows no such channel)") from None
    except discord.Forbidden:
        raise cant_see(
            channel,
            "add Party Coach to that server, or let it view the channel "
            "(channel settings → Permissions), or check the ID",
        ) from None
    except discord.LoginFailure:
        raise ChannelNotChecked("Discord didn't accept DISCORD_TOKEN") from None
    except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise ChannelNotChecked(f"can't reach Discord at {Route.BASE} ({exc.__class__.__name__})") from None
