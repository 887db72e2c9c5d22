"""The weekly digest in each tip channel: the text, with its chart uploaded through files_upload_v2.

`run_due_digests(now)` is one step a test can drive with any clock; `run(stop)` only sleeps until the
next posting time and calls it. The digests_posted table makes a restart harmless.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from functools import partial

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.coach import Coach
from bot.insights.digest import Digest
from bot.insights.schedule import DigestSchedule, post_digest_once
from bot.insights.wording import digest_lines
from bot.slack.daily_tip import LONGEST_SLEEP, RETRY_AFTER_FAILURE, utc_now
from bot.slack.mrkdwn import escape

logger = logging.getLogger(__name__)

CHART_NAME = "party-coach-digest.png"


def digest_text(digest: Digest, coach: Coach) -> str:
    """The digest as Slack mrkdwn: the title in bold, one figure a line."""
    title, *lines = (escape(line) for line in digest_lines(digest, coach.principles))
    return "\n".join([f":bar_chart: *{title}*", *lines])


class DigestPoster:
    def __init__(
        self,
        coach: Coach,
        client: AsyncWebClient,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.coach = coach
        self.client = client
        self.now = now
        self.schedule = DigestSchedule.from_settings(coach.settings)
        self.failed: list[str] = []  # channels whose digest couldn't be posted in the last step

    async def run_due_digests(self, now: datetime) -> list[str]:
        """Post last week's digest in every tip channel that hasn't had it; return the channels posted to."""
        week = self.schedule.due_week(now)
        self.failed = []
        if week is None:
            return []
        posted: list[str] = []
        # The tip channels (the environment's and those set from chat), read where the daily tip reads them.
        for channel in [c.channel for c in await self.coach.tip_channels("slack")]:
            try:
                digest = await post_digest_once(
                    self.coach, "slack", channel, week, partial(self.send_digest, channel)
                )
            except Exception:
                logger.exception("slack: couldn't post the weekly digest in %s; will try again", channel)
                self.failed.append(channel)
                continue
            if digest is not None:
                posted.append(channel)
        return posted

    async def send_digest(self, channel: str, digest: Digest, chart: bytes | None) -> None:
        """The text with the chart attached; the text alone when there is no chart or its upload fails."""
        text = digest_text(digest, self.coach)
        if chart is not None:
            try:
                await self.client.files_upload_v2(
                    channel=channel,
                    file=chart,
                    filename=CHART_NAME,
                    title="Pushy rate by week, and misses by principle",
                    alt_txt="A bar chart of the pushy rate per week, and the misses by principle",
                    initial_comment=text,
                )
                return
            except (SlackClientError, aiohttp.ClientError) as exc:
                reason = exc.response.get("error") if isinstance(exc, SlackApiError) else exc
                logger.warning(
                    "slack: the digest chart couldn't be uploaded in %s (%s); posting the text alone",
                    channel,
                    reason,
                )
        await self.client.chat_postMessage(channel=channel, text=text, unfurl_links=False)

    async def run(self, stop: asyncio.Event) -> None:
        """Post digests until `stop` is set; returns at once when the digest is turned off."""
        while not stop.is_set():
            now = self.now()
            await self.run_due_digests(now)
            wake = self.schedule.next_due(now)
            if wake is None:
                return
            if self.failed:
                wake = min(wake, now + RETRY_AFTER_FAILURE)
            delay = min((wake - self.now()).total_seconds(), LONGEST_SLEEP.total_seconds())
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=max(delay, 0.0))
