"""Weeks as people see them: Monday to Sunday in the tip timezone, turned into UTC bounds for the log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEK = timedelta(days=7)


def monday_of(day: date) -> date:
    """The Monday that starts `day`'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class LocalWeek:
    """One Monday-to-Sunday week in a timezone."""

    monday: date
    zone: ZoneInfo

    @classmethod
    def containing(cls, moment: datetime, zone: ZoneInfo) -> LocalWeek:
        return cls(monday_of(moment.astimezone(zone).date()), zone)

    def bounds(self) -> tuple[str, str]:
        """Start (inclusive) and end (exclusive) as the log's UTC timestamps.

        Midnight to midnight in local time, so a week with a daylight-saving change is 167 or 169 hours.
        """
        return _stamp(self.monday, self.zone), _stamp(self.monday + WEEK, self.zone)

    def shifted(self, weeks: int) -> LocalWeek:
        return LocalWeek(self.monday + weeks * WEEK, self.zone)

    def back(self, count: int) -> list[LocalWeek]:
        """The `count` weeks ending with this one, oldest first."""
        return [self.shifted(-offset) for offset in reversed(range(count))]


def _stamp(day: date, zone: ZoneInfo) -> str:
    """Local midnight of `day` in the log's timestamp format (UTC, milliseconds), which sorts as text."""
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    return start.isoformat(timespec="milliseconds")
