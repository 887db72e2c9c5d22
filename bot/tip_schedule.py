"""When the daily tip is due, and posting it at most once per channel and day.

The adapters keep the timer and the platform call that posts; the rest is here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.channel_settings import ChannelConfig
from bot.coach import Coach
from bot.settings import Settings
from bot.tips import TipOfTheDay

SATURDAY = 5


@dataclass(frozen=True)
class TipSchedule:
    """A time of day in a timezone, every day or on weekdays only."""

    zone: ZoneInfo
    tip_time: time
    weekdays_only: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> TipSchedule:
        return cls(ZoneInfo(settings.tip_timezone), settings.tip_time, settings.tip_weekdays_only)

    @classmethod
    def for_channel(cls, config: ChannelConfig) -> TipSchedule:
        """A channel's own schedule: its stored tip time, zone and weekdays flag, else the environment's."""
        return cls(ZoneInfo(config.tip_timezone), config.tip_time, config.tip_weekdays_only)

    def today(self, now: datetime) -> date:
        """The date at `now` in the tip timezone."""
        return now.astimezone(self.zone).date()

    def is_tip_day(self, day: date) -> bool:
        return not self.weekdays_only or day.weekday() < SATURDAY

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


async def post_tip_once(
    coach: Coach,
    platform: str,
    channel: str,
    day: date,
    post: Callable[[TipOfTheDay], Awaitable[object]],
) -> TipOfTheDay | None:
    """Claim the channel's tip for `day`, pick it and `post` it; None if another step already has.

    If picking or posting fails, the claim is released so a later step can try again, and the error
    is raised for the adapter to report.
    """
    key = f"{platform}:tip:{channel}:{day.isoformat()}"
    if not await coach.claim(key):
        return None
    try:
        tip = await coach.todays_tip(platform, channel, day)
        await post(tip)
    except Exception:
        await coach.release(key)
        raise
    return tip
