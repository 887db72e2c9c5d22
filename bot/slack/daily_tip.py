"""The daily tip: posted once a day per configured channel at the configured local time.

`run_due_tips(now)` is one step a test can drive with any clock; `run(stop)` only sleeps until
the next due time and calls it. A claim per channel and day makes a restart harmless.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from functools import partial

from slack_sdk.web.async_client import AsyncWebClient

from bot.coach import Coach
from bot.slack.wording import tip_message
from bot.tip_schedule import TipSchedule, post_tip_once
from bot.tips import TipOfTheDay

logger = logging.getLogger(__name__)

RETRY_AFTER_FAILURE = timedelta(minutes=5)
LONGEST_SLEEP = timedelta(hours=6)  # re-check now and then, in case the machine's clock jumped


def utc_now() -> datetime:
    return datetime.now(UTC)


class DailyTipPoster:
    def __init__(
        self,
        coach: Coach,
        client: AsyncWebClient,
        channels: list[str],
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.coach = coach
        self.client = client
        self.channels = channels
        self.now = now
        self.schedule = TipSchedule.from_settings(coach.settings)
        self.failed: list[str] = []  # channels whose tip couldn't be posted in the last step

    async def run_due_tips(self, now: datetime) -> list[str]:
        """Post today's tip in every channel that hasn't had it yet; return the channels posted to."""
        day = self.schedule.due_day(now)
        self.failed = []
        if day is None:
            return []
        posted: list[str] = []
        for channel in self.channels:
            try:
                tip = await post_tip_once(self.coach, "slack", channel, day, partial(self.send_tip, channel))
            except Exception:
                logger.exception("slack: couldn't post the daily tip in %s; will try again", channel)
                self.failed.append(channel)
                continue
            if tip is not None:
                posted.append(channel)
        return posted

    async def send_tip(self, channel: str, tip: TipOfTheDay) -> None:
        message = tip_message(tip, self.coach.principles)
        await self.client.chat_postMessage(channel=channel, **message.as_kwargs())

    async def run(self, stop: asyncio.Event) -> None:
        """Post tips until `stop` is set."""
        while not stop.is_set():
            now = self.now()
            await self.run_due_tips(now)
            wake = self.schedule.next_due(now)
            if self.failed:
                wake = min(wake, now + RETRY_AFTER_FAILURE)
            delay = min((wake - self.now()).total_seconds(), LONGEST_SLEEP.total_seconds())
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=max(delay, 0.0))
