"""The daily tip: posted once a day in every tip channel, at that channel's local time.

`run_due_tips(now)` is one step a test can drive with any clock; `run(stop)` only sleeps until
the next due time (or a settings change) and calls it. A claim per channel and day makes a restart harmless.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from functools import partial

from slack_sdk.web.async_client import AsyncWebClient

from bot.coach import Coach
from bot.slack.wording import tip_message
from bot.tip_schedule import TipSchedule, post_tip_once
from bot.tips import TipOfTheDay

logger = logging.getLogger(__name__)

RETRY_AFTER_FAILURE = timedelta(minutes=5)
# Re-check now and then: the machine's clock may jump, and the command line may change a channel's settings.
LONGEST_SLEEP = timedelta(minutes=1)


def utc_now() -> datetime:
    return datetime.now(UTC)


class DailyTipPoster:
    def __init__(self, coach: Coach, client: AsyncWebClient, now: Callable[[], datetime] = utc_now) -> None:
        self.coach = coach
        self.client = client
        self.now = now
        self.schedule = TipSchedule.from_settings(
            coach.settings
        )  # the environment's, for channels without their own
        self.failed: list[str] = []  # channels whose tip couldn't be posted in the last step
        self._done: set[tuple[str, date]] = set()  # posted (by this run or an earlier one): no claim to check
        self._changed = asyncio.Event()
        coach.on_settings_change(self._changed.set)

    async def schedules(self) -> dict[str, TipSchedule]:
        """Every tip channel (the environment's and those set from chat) with its own schedule."""
        return {c.channel: TipSchedule.for_channel(c) for c in await self.coach.tip_channels("slack")}

    async def run_due_tips(self, now: datetime) -> list[str]:
        """Post today's tip in every channel that hasn't had it yet; return the channels posted to."""
        self.failed = []
        posted: list[str] = []
        for channel, schedule in (await self.schedules()).items():
            day = schedule.due_day(now)
            if day is None or (channel, day) in self._done:
                continue
            try:
                tip = await post_tip_once(self.coach, "slack", channel, day, partial(self.send_tip, channel))
            except Exception:
                logger.exception("slack: couldn't post the daily tip in %s; will try again", channel)
                self.failed.append(channel)
                continue
            self._done.add((channel, day))
            if tip is not None:
                posted.append(channel)
        return posted

    async def send_tip(self, channel: str, tip: TipOfTheDay) -> None:
        message = tip_message(tip, self.coach.principles)
        await self.client.chat_postMessage(channel=channel, **message.as_kwargs())

    async def run(self, stop: asyncio.Event) -> None:
        """Post tips until `stop` is set."""
        while not stop.is_set():
            self._changed.clear()
            now = self.now()
            await self.run_due_tips(now)
            wakes = [schedule.next_due(now) for schedule in (await self.schedules()).values()]
            wake = min([*wakes, now + LONGEST_SLEEP])
            if self.failed:
                wake = min(wake, now + RETRY_AFTER_FAILURE)
            delay = (wake - self.now()).total_seconds()
            stopped = asyncio.ensure_future(stop.wait())
            changed = asyncio.ensure_future(self._changed.wait())
            with suppress(TimeoutError):
                await asyncio.wait({stopped, changed}, timeout=max(delay, 0.0), return_when="FIRST_COMPLETED")
            stopped.cancel()
            changed.cancel()
