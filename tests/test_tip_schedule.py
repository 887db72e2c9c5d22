"""When the daily tip is due, and posting it once per channel and day with a real log."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.coach import Coach
from bot.errors import LogError
from bot.settings import Settings
from bot.tip_schedule import TipSchedule, post_tip_once
from bot.tips import TipOfTheDay

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = TipSchedule(BERLIN, time(9, 30), weekdays_only=True)
EVERY_DAY = TipSchedule(BERLIN, time(9, 30), weekdays_only=False)


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in May 2024 (May 3 is a Friday), Berlin time, as UTC."""
    return datetime(2024, 5, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def test_from_settings(settings: Settings) -> None:
    settings.tip_timezone, settings.tip_time, settings.tip_weekdays_only = "Asia/Tokyo", time(8, 0), False
    assert TipSchedule.from_settings(settings) == TipSchedule(ZoneInfo("Asia/Tokyo"), time(8, 0), False)


@pytest.mark.parametrize(
    ("now", "zone", "today"),
    [
        (datetime(2024, 5, 4, 1, 30, tzinfo=UTC), "America/Los_Angeles", date(2024, 5, 3)),
        (datetime(2024, 5, 4, 1, 30, tzinfo=UTC), "UTC", date(2024, 5, 4)),
        (datetime(2026, 1, 2, 11, 1, tzinfo=UTC), "Pacific/Auckland", date(2026, 1, 3)),
    ],
)
def test_today_is_the_date_in_the_tip_timezone(now: datetime, zone: str, today: date) -> None:
    assert TipSchedule(ZoneInfo(zone), time(9, 30), True).today(now) == today


@pytest.mark.parametrize(
    ("schedule", "day", "is_tip_day"),
    [
        (WEEKDAYS, date(2024, 5, 3), True),  # Friday
        (WEEKDAYS, date(2024, 5, 4), False),  # Saturday
        (WEEKDAYS, date(2024, 5, 5), False),  # Sunday
        (WEEKDAYS, date(2024, 5, 6), True),  # Monday
        (EVERY_DAY, date(2024, 5, 4), True),
        (EVERY_DAY, date(2024, 5, 5), True),
    ],
)
def test_is_tip_day(schedule: TipSchedule, day: date, is_tip_day: bool) -> None:
    assert schedule.is_tip_day(day) is is_tip_day


@pytest.mark.parametrize(
    ("schedule", "now", "due"),
    [
        (WEEKDAYS, berlin(3, 9, 29), None),
        (WEEKDAYS, berlin(3, 9, 30), date(2024, 5, 3)),
        (WEEKDAYS, berlin(3, 23, 59), date(2024, 5, 3)),
        (WEEKDAYS, berlin(4, 12, 0), None),
        (EVERY_DAY, berlin(4, 12, 0), date(2024, 5, 4)),
        (WEEKDAYS, berlin(6, 0, 1), None),
    ],
)
def test_due_day(schedule: TipSchedule, now: datetime, due: date | None) -> None:
    assert schedule.due_day(now) == due


@pytest.mark.parametrize(
    ("schedule", "now", "next_due"),
    [
        (WEEKDAYS, berlin(3, 9, 0), berlin(3, 9, 30)),
        (WEEKDAYS, berlin(3, 9, 30), berlin(6, 9, 30)),  # Friday after the tip: Monday
        (WEEKDAYS, berlin(4, 12, 0), berlin(6, 9, 30)),
        (EVERY_DAY, berlin(3, 9, 30), berlin(4, 9, 30)),
    ],
)
def test_next_due(schedule: TipSchedule, now: datetime, next_due: datetime) -> None:
    assert schedule.next_due(now) == next_due


class Poster:
    """Records what would be posted; fails while `failures` is above zero."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.posted: list[TipOfTheDay] = []

    async def __call__(self, tip: TipOfTheDay) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("the platform said no")
        self.posted.append(tip)


async def test_a_tip_is_posted_once_per_channel_and_day(coach: Coach) -> None:
    post = Poster()
    friday, monday = date(2024, 5, 3), date(2024, 5, 6)

    first = await post_tip_once(coach, "slack", "C1", friday, post)
    assert first is not None and post.posted == [first]
    assert await post_tip_once(coach, "slack", "C1", friday, post) is None
    assert await post_tip_once(coach, "slack", "C2", friday, post) is not None
    assert await post_tip_once(coach, "discord", "C1", friday, post) is not None
    assert await post_tip_once(coach, "slack", "C1", monday, post) is not None
    assert len(post.posted) == 4
    assert coach.log.claims_with_prefix("slack:tip:C1:") == [
        "slack:tip:C1:2024-05-03",
        "slack:tip:C1:2024-05-06",
    ]


async def test_a_failed_post_releases_the_claim_so_the_next_step_tries_again(coach: Coach) -> None:
    post = Poster(failures=1)
    friday = date(2024, 5, 3)

    with pytest.raises(ConnectionError):
        await post_tip_once(coach, "slack", "C1", friday, post)
    assert coach.log.claims_with_prefix("slack:tip:") == []

    tip = await post_tip_once(coach, "slack", "C1", friday, post)
    assert tip is not None and post.posted == [tip]
    assert tip.tip == (await coach.todays_tip("slack", "C1", friday)).tip  # the same tip all day


async def test_a_log_that_fails_while_claiming_posts_nothing(coach: Coach) -> None:
    post = Poster()
    coach.log.close()
    with pytest.raises(LogError):
        await post_tip_once(coach, "slack", "C1", date(2024, 5, 3), post)
    assert post.posted == []
