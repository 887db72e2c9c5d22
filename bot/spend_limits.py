"""Spend limits on AI reviews asked for in chat: per person and channel each hour and day, tokens each month.

Counts start from the log (its AI review rows) and are kept in memory as reviews are made, so a check
costs microseconds and a restart forgets nothing. Reviews from the command line are never capped, but
their tokens count toward the month.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.review.model import Review
from bot.review.origin import Origin
from bot.settings import Settings
from bot.store import SuggestionLog
from bot.wording import plural

HOUR = 3600.0
DAY = 24 * HOUR
Cap = Literal["user_hourly", "user_daily", "channel_hourly", "channel_daily", "monthly_tokens"]
# An answer from the cache costs nothing: the log stores it with 0 tokens in and out. Rows without
# token counts (servers that don't report usage) are real AI reviews.
SPENT_ROWS = "reviewer = 'llm' and (ifnull(tokens_in, 1) + ifnull(tokens_out, 1)) > 0 and created_at >= ?"


@dataclass(frozen=True)
class Caps:
    """The configured caps; None means no cap."""

    user_hourly: int | None = None
    user_daily: int | None = None
    channel_hourly: int | None = None
    channel_daily: int | None = None
    monthly_tokens: int | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Caps:
        return cls(
            settings.llm_user_hourly,
            settings.llm_user_daily,
            settings.llm_channel_hourly,
            settings.llm_channel_daily,
            settings.monthly_tokens,
        )

    @property
    def per_user(self) -> bool:
        return self.user_hourly is not None or self.user_daily is not None

    @property
    def per_channel(self) -> bool:
        return self.channel_hourly is not None or self.channel_daily is not None

    @property
    def any(self) -> bool:
        return self.per_user or self.per_channel or self.monthly_tokens is not None


@dataclass(frozen=True)
class CapReached:
    """Which cap stopped an AI review, and when AI reviews come back."""

    cap: Cap
    limit: int
    resets_at: float  # seconds since the epoch

    def reason(self, now: float) -> str:
        """One friendly line: which cap, and when AI reviews are back."""
        back = _when(self.resets_at, now, monthly=self.cap == "monthly_tokens")
        reviews = plural(self.limit, "AI review")
        what = {
            "user_hourly": f"The limit of {reviews} an hour per person is reached",
            "user_daily": f"The limit of {reviews} a day per person is reached",
            "channel_hourly": f"This channel's limit of {reviews} an hour is reached",
            "channel_daily": f"This channel's limit of {reviews} a day is reached",
            "monthly_tokens": f"This month's AI budget of {plural(self.limit, 'token')} is used up",
        }[self.cap]
        return f"{what}; AI reviews are back {back}"


def _when(at: float, now: float, *, monthly: bool) -> str:
    moment, today = datetime.fromtimestamp(at, UTC), datetime.fromtimestamp(now, UTC).date()
    if monthly:
        return f"on {moment.day} {moment:%B} (UTC)"
    day = "" if moment.date() == today else "tomorrow "
    return f"{day}at {moment:%H:%M} UTC"


def month_start(now: float) -> datetime:
    at = datetime.fromtimestamp(now, UTC)
    return at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(now: float) -> datetime:
    return (month_start(now) + timedelta(days=32)).replace(day=1)


@dataclass(frozen=True)
class Reservation:
    """One AI review counted before it is made, so concurrent reviews can't all slip under a cap."""

    user: tuple[str, str] | None
    channel: tuple[str, str] | None
    at: float


class SpendLimits:
    """Counts AI reviews per person and channel over the last day, and tokens this month.

    Used from one event loop only (the coach's), so it needs no lock.
    """

    def __init__(self, caps: Caps, clock: Callable[[], float] = time.time) -> None:
        self.caps = caps
        self.clock = clock
        # Times of AI reviews in the last day, oldest first, per (platform, user) and (platform, channel).
        self._users: dict[tuple[str, str], list[float]] = {}
        self._channels: dict[tuple[str, str], list[float]] = {}
        self._month = month_start(clock())
        self.tokens = 0

    def load(self, log: SuggestionLog) -> None:
        """Start from the AI reviews in the log: the last day's per person and channel, the month's tokens."""
        now = self.clock()
        self._month = month_start(now)
        day_ago = datetime.fromtimestamp(now - DAY, UTC).isoformat(timespec="milliseconds")
        month = self._month.isoformat(timespec="milliseconds")
        with log.lock:
            self.tokens = log.db.execute(
                f"select ifnull(sum(ifnull(tokens_in, 0) + ifnull(tokens_out, 0)), 0) from reviews "
                f"where {SPENT_ROWS}",
                [month],
            ).fetchone()[0]
            rows = log.db.execute(
                f"select created_at, platform, [user], channel from reviews where {SPENT_ROWS} "
                "order by created_at",
                [day_ago],
            ).fetchall()
        self._users.clear()
        self._channels.clear()
        for created, platform, user, channel in rows:
            at = datetime.fromisoformat(created).timestamp()
            if self.caps.per_user and user:
                self._users.setdefault((platform, user), []).append(at)
            if self.caps.per_channel and channel:
                self._channels.setdefault((platform, channel), []).append(at)

    def reserve(self, origin: Origin) -> Reservation | CapReached | None:
        """Count one AI review for this person and channel, or say which cap stops it; None if uncapped."""
        if origin.platform == "cli" or not self.caps.any:
            return None
        now = self.clock()
        if month_start(now) != self._month:
            self._month, self.tokens = month_start(now), 0
        user = (origin.platform, origin.user) if origin.user else None
        channel = (origin.platform, origin.channel) if origin.channel else None
        reached = [
            r
            for r in (
                self._monthly(now),
                self._window(self._users, user, "user_hourly", self.caps.user_hourly, HOUR, now),
                self._window(self._users, user, "user_daily", self.caps.user_daily, DAY, now),
                self._window(self._channels, channel, "channel_hourly", self.caps.channel_hourly, HOUR, now),
                self._window(self._channels, channel, "channel_daily", self.caps.channel_daily, DAY, now),
            )
            if r is not None
        ]
        if reached:
            return max(reached, key=lambda r: r.resets_at)  # AI reviews are back when the last cap lifts
        counted_user = user if self.caps.per_user else None
        counted_channel = channel if self.caps.per_channel else None
        for times, key in ((self._users, counted_user), (self._channels, counted_channel)):
            if key is not None:
                times.setdefault(key, []).append(now)
        return Reservation(counted_user, counted_channel, now)

    def release(self, reservation: Reservation | None) -> None:
        """The reserved AI review wasn't made (the AI failed): it no longer counts."""
        if reservation is None:
            return
        for times, key in ((self._users, reservation.user), (self._channels, reservation.channel)):
            if key is not None and reservation.at in times.get(key, ()):
                times[key].remove(reservation.at)

    def spent(self, review: Review) -> None:
        """Add an AI review's tokens to the month."""
        self.tokens += (review.tokens_in or 0) + (review.tokens_out or 0)

    def _monthly(self, now: float) -> CapReached | None:
        limit = self.caps.monthly_tokens
        if limit is None or self.tokens < limit:
            return None
        return CapReached("monthly_tokens", limit, next_month_start(now).timestamp())

    @staticmethod
    def _window(
        counts: dict[tuple[str, str], list[float]],
        key: tuple[str, str] | None,
        cap: Cap,
        limit: int | None,
        seconds: float,
        now: float,
    ) -> CapReached | None:
        if limit is None or key is None or (times := counts.get(key)) is None:
            return None
        stale = bisect_right(times, now - DAY)
        if stale:
            del times[:stale]  # older than any window: never needed again
        first = bisect_right(times, now - seconds)
        if len(times) - first < limit:
            return None
        # Below the cap again once enough of the oldest reviews in the window have aged out of it.
        return CapReached(cap, limit, times[len(times) - limit] + seconds)
