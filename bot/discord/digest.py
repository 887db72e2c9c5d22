"""The weekly digest in each tip channel, with its chart as an attachment; once per channel and week."""

from __future__ import annotations

import io
import logging
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.coach import Coach
from bot.discord.embeds import one_line
from bot.errors import LogError
from bot.insights.digest import Digest
from bot.insights.schedule import DigestSchedule, post_digest_once
from bot.insights.wording import digest_lines

if TYPE_CHECKING:
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)

CHART_NAME = "party-coach-digest.png"


def digest_text(digest: Digest, coach: Coach) -> str:
    """The digest as Discord markdown: the title in bold, one figure a line."""
    title, *lines = digest_lines(digest, coach.principles)
    return one_line("\n".join([f"📊 **{discord.utils.escape_markdown(title)}**", *lines]))


class WeeklyDigest(commands.Cog):
    def __init__(self, bot: PartyCoachBot) -> None:
        self.bot = bot
        self.coach = bot.coach
        self.schedule = DigestSchedule.from_settings(self.coach.settings)
        # Every day at the digest time: the schedule decides which day of the week posts.
        at = self.schedule.at.replace(tzinfo=self.schedule.zone)
        self.daily = tasks.loop(time=at)(self.on_digest_time)
        self.daily.before_loop(self.catch_up)

    async def cog_load(self) -> None:
        if self.schedule.enabled:
            self.daily.start()

    async def cog_unload(self) -> None:
        self.daily.cancel()

    async def catch_up(self) -> None:
        """After a start past this week's digest time, post last week's digest if it hasn't gone out."""
        await self.bot.wait_until_ready()
        await self.post_digests(discord.utils.utcnow())

    async def on_digest_time(self) -> None:
        await self.post_digests(discord.utils.utcnow())

    async def post_digests(self, now: datetime) -> list[int]:
        """Post the digest due at `now` in every tip channel that hasn't had it; return those posted to."""
        week = self.schedule.due_week(now)
        if week is None:
            return []
        posted: list[int] = []
        # The tip channels (the environment's and those set from chat), read where the daily tip reads them.
        for channel_id in [int(c.channel) for c in await self.coach.tip_channels("discord")]:
            send = partial(self.send_digest, channel_id)
            try:
                digest = await post_digest_once(self.coach, "discord", str(channel_id), week, send)
            except LogError as exc:
                logger.error("discord: no digest for channel %s this week: %s", channel_id, exc)
                continue
            except discord.HTTPException as exc:
                logger.warning(
                    "discord: couldn't post the weekly digest in channel %s (%s %s); can the bot post there?",
                    channel_id,
                    exc.status,
                    exc.text,
                )
                continue
            except Exception:  # the daily loop must live on to try again tomorrow
                logger.exception("discord: couldn't post the weekly digest in channel %s", channel_id)
                continue
            if digest is not None:
                logger.info("discord: posted the digest for the week of %s in %s", week.monday, channel_id)
                posted.append(channel_id)
        return posted

    async def send_digest(self, channel_id: int, digest: Digest, chart: bytes | None) -> None:
        """The text with the chart attached; the text alone when there is no chart or it is refused."""
        channel = self.bot.get_partial_messageable(channel_id)
        text = digest_text(digest, self.coach)
        if chart is not None:
            try:
                await channel.send(text, file=discord.File(io.BytesIO(chart), filename=CHART_NAME))
                return
            except discord.HTTPException as exc:
                logger.warning(
                    "discord: the digest chart couldn't be attached in channel %s (%s %s); "
                    "posting the text alone",
                    channel_id,
                    exc.status,
                    exc.text,
                )
        await channel.send(text)
