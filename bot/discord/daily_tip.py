"""The daily tip: in every tip channel at that channel's local time, weekdays only if asked, once a day."""

from __future__ import annotations

import logging
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.discord.embeds import tip_embed
from bot.errors import LogError
from bot.tip_schedule import TipSchedule, post_tip_once
from bot.tips import TipOfTheDay

if TYPE_CHECKING:
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)

# Each channel has its own tip time, and an admin can add a tip channel or move its time at any moment
# (from chat or the command line), so the loop looks every minute rather than sleeping until one time.
CHECK_EVERY_MINUTES = 1.0


class DailyTip(commands.Cog):
    def __init__(self, bot: PartyCoachBot) -> None:
        self.bot = bot
        self.coach = bot.coach
        self.daily = tasks.loop(minutes=CHECK_EVERY_MINUTES)(self.on_tick)
        self.daily.before_loop(self.bot.wait_until_ready)
        self._done: set[tuple[int, date]] = set()  # posted (by this run or an earlier one): no claim to check

    async def cog_load(self) -> None:
        self.daily.start()

    async def cog_unload(self) -> None:
        self.daily.cancel()

    async def on_tick(self) -> None:
        # The first tick comes straight after start-up: a start past a channel's tip time catches up.
        await self.post_tips(discord.utils.utcnow())

    async def post_tips(self, now: datetime) -> list[int]:
        """Post today's tip where its time has come and it hasn't gone out; return those channels."""
        posted: list[int] = []
        for config in await self.coach.tip_channels("discord"):
            channel_id = int(config.channel)
            day = TipSchedule.for_channel(config).due_day(now)
            if day is None or (channel_id, day) in self._done:
                continue
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
        self._done.add((channel_id, day))
        if tip is None:
            return False
        logger.info("discord: posted tip %s in channel %s for %s", tip.tip.id, channel_id, day)
        return True

    async def send_tip(self, channel_id: int, tip: TipOfTheDay) -> None:
        channel = self.bot.get_partial_messageable(channel_id)
        await channel.send(embed=tip_embed(tip, self.coach.principles.title))
