"""The daily tip: at the configured local time, weekdays only if asked, at most once a day per channel."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import discord
from discord.ext import commands, tasks

from bot.discord.embeds import tip_embed
from bot.errors import LogError
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)

SATURDAY = 5


def local_day(settings: Settings, now: datetime) -> date:
    return now.astimezone(ZoneInfo(settings.tip_timezone)).date()


def tip_time(settings: Settings) -> time:
    """The configured time of day, in the configured timezone."""
    return settings.tip_time.replace(tzinfo=ZoneInfo(settings.tip_timezone))


def is_tip_day(settings: Settings, day: date) -> bool:
    return not (settings.tip_weekdays_only and day.weekday() >= SATURDAY)


class DailyTip(commands.Cog):
    def __init__(self, bot: PartyCoachBot) -> None:
        self.bot = bot
        self.coach = bot.coach
        self.daily = tasks.loop(time=tip_time(self.coach.settings))(self.on_tip_time)
        self.daily.before_loop(self.catch_up)

    async def cog_load(self) -> None:
        self.daily.start()

    async def cog_unload(self) -> None:
        self.daily.cancel()

    async def catch_up(self) -> None:
        """After a start past today's tip time, post the tip if it hasn't gone out yet today."""
        await self.bot.wait_until_ready()
        now = discord.utils.utcnow()
        settings = self.coach.settings
        if now.astimezone(ZoneInfo(settings.tip_timezone)).time() >= settings.tip_time:
            await self.post_tips(now)

    async def on_tip_time(self) -> None:
        await self.post_tips(discord.utils.utcnow())

    async def post_tips(self, now: datetime) -> list[int]:
        """Post today's tip (as of `now`) in every tip channel that hasn't had it; return those posted to."""
        settings = self.coach.settings
        day = local_day(settings, now)
        if not is_tip_day(settings, day):
            return []
        posted: list[int] = []
        for channel_id in settings.discord_tip_channels:
            if await self.post_tip(channel_id, day):
                posted.append(channel_id)
        return posted

    async def post_tip(self, channel_id: int, day: date) -> bool:
        key = f"discord:tip:{channel_id}:{day.isoformat()}"
        try:
            if not await self.coach.claim(key):
                return False
            tip = await self.coach.todays_tip("discord", str(channel_id), day)
        except LogError as exc:
            logger.error("discord: no tip for channel %s today: %s", channel_id, exc)
            return False
        try:
            channel = self.bot.get_partial_messageable(channel_id)
            await channel.send(embed=tip_embed(tip, self.coach.principles.title))
        except discord.HTTPException as exc:
            await self.coach.release(key)
            logger.warning(
                "discord: couldn't post the daily tip in channel %s (%s %s); can the bot post there?",
                channel_id,
                exc.status,
                exc.text,
            )
            return False
        logger.info("discord: posted tip %s in channel %s for %s", tip.tip.id, channel_id, day)
        return True
