"""The daily tip: at the configured local time, weekdays only if asked, at most once a day per channel."""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from functools import partial
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.discord.embeds import tip_embed
from bot.errors import LogError
from bot.settings import Settings
from bot.tip_schedule import TipSchedule, post_tip_once
from bot.tips import TipOfTheDay

if TYPE_CHECKING:
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)


def tip_time(settings: Settings) -> time:
    """The configured time of day, in the configured timezone, as tasks.loop wants it."""
    schedule = TipSchedule.from_settings(settings)
    return schedule.tip_time.replace(tzinfo=schedule.zone)


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
        if TipSchedule.from_settings(self.coach.settings).due_day(now) is not None:
            await self.post_tips(now)

    async def on_tip_time(self) -> None:
        await self.post_tips(discord.utils.utcnow())

    async def post_tips(self, now: datetime) -> list[int]:
        """Post today's tip (as of `now`) in every tip channel that hasn't had it; return those posted to."""
        schedule = TipSchedule.from_settings(self.coach.settings)
        day = schedule.today(now)
        if not schedule.is_tip_day(day):
            return []
        posted: list[int] = []
        for channel_id in self.coach.settings.discord_tip_channels:
            if await self.post_tip(channel_id, day):
                posted.append(channel_id)
        return posted

    async def post_tip(self, channel_id: int, day: date) -> bool:
        send = partial(self.send_tip, channel_id)
        try:
            tip = await post_tip_once(self.coach, "discord", str(channel_id), day, send)
        except LogError as exc:
            logger.error("discord: no tip for channel %s today: %s", channel_id, exc)
            return False
        except discord.HTTPException as exc:
            logger.warning(
                "discord: couldn't post the daily tip in channel %s (%s %s); can the bot post there?",
                channel_id,
                exc.status,
                exc.text,
            )
            return False
        if tip is None:
            return False
        logger.info("discord: posted tip %s in channel %s for %s", tip.tip.id, channel_id, day)
        return True

    async def send_tip(self, channel_id: int, tip: TipOfTheDay) -> None:
        channel = self.bot.get_partial_messageable(channel_id)
        await channel.send(embed=tip_embed(tip, self.coach.principles.title))
