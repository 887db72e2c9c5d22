"""When the weekly digest is due, and posting it at most once per channel and week.

The adapters keep the timer and the platform call that posts; the rest is here.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.coach import Coach
from bot.errors import LogError
from bot.insights.chart import ChartUnavailable, render_chart
from bot.insights.digest import Digest, build_digest
from bot.insights.weeks import WEEK, LocalWeek, monday_of
from bot.settings import Settings
from bot.store import SuggestionLog, now_utc

logger = logging.getLogger(__name__)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DigestSchedule:
    """A weekday and time in a timezone (the tip timezone), or None when the digest is turned off."""

    zone: ZoneInfo
    weekday: int | None
    at: time

    @classmethod
    def from_settings(cls, settings: Settings) -> DigestSchedule:
        day = settings.digest_day
        weekday = WEEKDAYS.index(day) if day in WEEKDAYS else None
        return cls(ZoneInfo(settings.tip_timezone), weekday, settings.digest_time)

    @property
    def enabled(self) -> bool:
        return self.weekday is not None

    def _posting_time(self, now: datetime) -> datetime | None:
        """This local week's posting moment, as an aware datetime; None when turned off."""
        if self.weekday is None:
            return None
        monday = monday_of(now.astimezone(self.zone).date())
        return datetime.combine(monday + timedelta(days=self.weekday), self.at, tzinfo=self.zone)

    def due_week(self, now: datetime) -> LocalWeek | None:
        """The finished week whose digest is due at `now` (the one before this week), else None."""
        posting = self._posting_time(now)
        if posting is None or now < posting:
            return None
        return LocalWeek.containing(now, self.zone).shifted(-1)

    def next_due(self, now: datetime) -> datetime | None:
        """The first posting moment strictly after `now`; None when turned off."""
        posting = self._posting_time(now)
        if posting is None:
            return None
        if posting > now:
            return posting
        return datetime.combine(posting.date() + WEEK, self.at, tzinfo=self.zone)


def claim_week(log: SuggestionLog, platform: str, channel: str, week: LocalWeek) -> bool:
    """True the first time a channel's digest for `week` is claimed; held across restarts."""
    sql = "insert or ignore into digests_posted (created_at, platform, channel, week) values (?, ?, ?, ?)"
    return _write(log, sql, [now_utc(), platform, channel, week.monday.isoformat()]) == 1


def release_week(log: SuggestionLog, platform: str, channel: str, week: LocalWeek) -> None:
    """Forget a claim, so a digest that failed to post is tried again."""
    sql = "delete from digests_posted where platform = ? and channel = ? and week = ?"
    _write(log, sql, [platform, channel, week.monday.isoformat()])


def _write(log: SuggestionLog, sql: str, params: list[str]) -> int:
    """Run one write in its own transaction; rows changed. A failure is a LogError, as for every log write."""
    try:
        with log.lock, log.db.conn:
            return int(log.db.execute(sql, params).rowcount)
    except sqlite3.Error as exc:
        raise LogError(f"can't write to the suggestion log at {log.path}: {exc}") from None


async def chart_or_none(digest: Digest, coach: Coach) -> bytes | None:
    """The chart's PNG, or None with the reason logged: a chart never stops the text digest."""
    try:
        return await asyncio.to_thread(render_chart, digest, coach.principles)
    except ChartUnavailable as exc:
        logger.warning("the weekly digest goes without its chart: %s", exc)
        return None


async def post_digest_once(
    coach: Coach,
    platform: str,
    channel: str,
    week: LocalWeek,
    post: Callable[[Digest, bytes | None], Awaitable[object]],
) -> Digest | None:
    """Build the channel's digest for `week`, claim it and `post` it (text and chart, or text alone).

    None when the week had no reviews or the digest already went out. If posting fails, the claim is
    released so a later step tries again, and the error is raised for the adapter to report.
    """
    digest = await coach.in_log_thread(build_digest, coach.log, platform, channel, week)
    if digest.empty or not await coach.in_log_thread(claim_week, coach.log, platform, channel, week):
        return None
    try:
        await post(digest, await chart_or_none(digest, coach))
    except Exception:
        await coach.in_log_thread(release_week, coach.log, platform, channel, week)
        raise
    return digest
