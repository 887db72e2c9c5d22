"""The daily tip: posted once a day per configured channel at the configured local time.

`run_due_tips(now)` is one step a test can drive with any clock; `run(stop)` only sleeps until
the next due time and calls it. A claim per channel and day makes a restart harmless.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from slack_sdk.web.async_client import AsyncWebClient

from bot.coach import Coach
from bot.slack.wording import tip_message

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
        settings = coach.settings
        self.coach = coach
        self.client = client
        self.channels = channels
        self.now = now
        self.zone = ZoneInfo(settings.tip_timezone)
        self.tip_time = settings.tip_time
        self.weekdays_only = settings.tip_weekdays_only
        self.failed: list[str] = []  # channels whose tip couldn't be posted in the last step

    def is_tip_day(self, day: date) -> bool:
        return not self.weekdays_only or day.weekday() < 5

    def due_day(self, now: datetime) -> date | None:
        """The local day whose tip is due at `now` (on a tip day, at or after the tip time), else None."""
        local = now.astimezone(self.zone)
        if self.is_tip_day(local.date()) and local.time().replace(tzinfo=None) >= self.tip_time:
            return local.date()
        return None

    def next_due(self, now: datetime) -> datetime:
        """The first tip time strictly after `now`, as an aware datetime."""
        local = now.astimezone(self.zone)
        for offset in range(8):
            day = local.date() + timedelta(days=offset)
            due = datetime.combine(day, self.tip_time, tzinfo=self.zone)
            if due > local and self.is_tip_day(day):
                return due
        raise AssertionError("a tip day always falls within a week")

    async def run_due_tips(self, now: datetime) -> list[str]:
        """Post today's tip in every channel that hasn't had it yet; return the channels posted to."""
        day = self.due_day(now)
        self.failed = []
        if day is None:
            return []
        posted: list[str] = []
        for channel in self.channels:
            key = f"slack:tip:{channel}:{day.isoformat()}"
            if not await self.coach.claim(key):
                continue
            try:
                tip = await self.coach.todays_tip("slack", channel, day)
                message = tip_message(tip, self.coach.principles)
                await self.client.chat_postMessage(channel=channel, **message.as_kwargs())
            except Exception:
                logger.exception("slack: couldn't post the daily tip in %s; will try again", channel)
                await self.coach.release(key)
                self.failed.append(channel)
                continue
            posted.append(channel)
        return posted

    async def run(self, stop: asyncio.Event) -> None:
        """Post tips until `stop` is set."""
        while not stop.is_set():
            now = self.now()
            await self.run_due_tips(now)
            wake = self.next_due(now)
            if self.failed:
                wake = min(wake, now + RETRY_AFTER_FAILURE)
            delay = min((wake - self.now()).total_seconds(), LONGEST_SLEEP.total_seconds())
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=max(delay, 0.0))
