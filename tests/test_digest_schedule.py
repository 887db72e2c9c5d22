"""When the weekly digest is due, its settings, and posting it once per channel and week with a real log."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.coach import Coach
from bot.errors import LogError
from bot.insights.digest import Digest
from bot.insights.schedule import DigestSchedule, post_digest_once
from bot.insights.weeks import LocalWeek
from bot.settings import Settings, read_settings
from tests.test_digest import add_review

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_NINE = DigestSchedule(BERLIN, 0, time(9, 0))


def berlin(day: int, hour: int, minute: int = 0, month: int = 1) -> datetime:
    """A moment in January 2026 (Jan 5 is a Monday), Berlin time, as UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


def test_from_settings(settings: Settings) -> None:
    settings.tip_timezone, settings.digest_day, settings.digest_time = "Asia/Tokyo", "friday", time(16, 0)
    assert DigestSchedule.from_settings(settings) == DigestSchedule(ZoneInfo("Asia/Tokyo"), 4, time(16, 0))
    settings.digest_day = "off"
    assert not DigestSchedule.from_settings(settings).enabled


def test_the_settings_read_a_day_in_any_case_and_explain_a_bad_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_DIGEST_DAY", "Tuesday")
    monkeypatch.setenv("PARTY_COACH_DIGEST_TIME", "07:45")
    settings, problems = read_settings()
    assert (settings.digest_day, settings.digest_time, problems) == ("tuesday", time(7, 45), [])
    monkeypatch.setenv("PARTY_COACH_DIGEST_DAY", "someday")
    _, problems = read_settings()
    assert [str(p) for p in problems] == [
        "PARTY_COACH_DIGEST_DAY: 'someday' is not one of the choices: use monday, tuesday, wednesday, "
        "thursday, friday, saturday, sunday or off"
    ]


@pytest.mark.parametrize(
    ("now", "week"),
    [
        (berlin(5, 8, 59), None),  # Monday, before 09:00
        (berlin(5, 9, 0), date(2025, 12, 29)),  # Monday 09:00: last week's digest
        (berlin(9, 18, 0), date(2025, 12, 29)),  # still due later that week (a bot that was down)
        (berlin(11, 23, 59), date(2025, 12, 29)),  # Sunday night
        (berlin(12, 8, 0), None),  # the next Monday, before 09:00
        (berlin(12, 9, 30), date(2026, 1, 5)),
        (datetime(2026, 1, 5, 8, 30, tzinfo=UTC), date(2025, 12, 29)),  # 09:30 in Berlin
    ],
)
def test_the_due_week_is_the_finished_week_before(now: datetime, week: date | None) -> None:
    due = MONDAY_NINE.due_week(now)
    assert (due.monday if due else None) == week


def test_next_due_across_a_daylight_saving_change() -> None:
    assert MONDAY_NINE.next_due(berlin(5, 8, 0)) == berlin(5, 9, 0)
    assert MONDAY_NINE.next_due(berlin(5, 9, 0)) == berlin(12, 9, 0)
    # Clocks go forward on Sunday 2026-03-29: Monday 09:00 is then 07:00 UTC, not 08:00.
    assert MONDAY_NINE.next_due(berlin(27, 12, 0, month=3)) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    off = DigestSchedule(BERLIN, None, time(9, 0))
    assert off.next_due(berlin(5, 9, 0)) is None and off.due_week(berlin(5, 9, 0)) is None


async def test_once_per_channel_and_week_and_nothing_for_an_empty_week(coach: Coach) -> None:
    week = LocalWeek(date(2025, 12, 29), ZoneInfo("UTC"))
    posted: list[tuple[Digest, bytes | None]] = []

    async def post(digest: Digest, chart: bytes | None) -> None:
        posted.append((digest, chart))

    assert await post_digest_once(coach, "slack", "C1", week, post) is None  # no reviews: nothing
    assert coach.log.table("digests_posted").count == 0
    add_review(coach.log, datetime(2025, 12, 30, 12, tzinfo=UTC), "pushy")
    digest = await post_digest_once(coach, "slack", "C1", week, post)
    assert digest is not None and digest.week.reviews == 1
    assert await post_digest_once(coach, "slack", "C1", week, post) is None
    assert len(posted) == 1 and (posted[0][1] or b"").startswith(b"\x89PNG")
    assert [row["week"] for row in coach.log.table("digests_posted").rows] == ["2025-12-29"]


async def test_a_failed_post_is_released_for_another_try(coach: Coach) -> None:
    week = LocalWeek(date(2025, 12, 29), ZoneInfo("UTC"))
    add_review(coach.log, datetime(2025, 12, 30, 12, tzinfo=UTC))

    async def refuse(digest: Digest, chart: bytes | None) -> None:
        raise RuntimeError("the platform said no")

    with pytest.raises(RuntimeError):
        await post_digest_once(coach, "slack", "C1", week, refuse)
    assert coach.log.table("digests_posted").count == 0

    async def accept(digest: Digest, chart: bytes | None) -> None:
        return None

    assert await post_digest_once(coach, "slack", "C1", week, accept) is not None


async def test_a_log_that_cant_be_written_is_a_log_error(coach: Coach) -> None:
    week = LocalWeek(date(2025, 12, 29), ZoneInfo("UTC"))
    add_review(coach.log, datetime(2025, 12, 30, 12, tzinfo=UTC))
    coach.log.db.execute("drop table digests_posted")

    async def post(digest: Digest, chart: bytes | None) -> None:
        raise AssertionError("nothing is posted without a claim")

    with pytest.raises(LogError, match=r"can't write to the suggestion log at .*no such table"):
        await post_digest_once(coach, "slack", "C1", week, post)
