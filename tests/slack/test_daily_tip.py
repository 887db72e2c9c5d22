"""The daily tip, driven by a simulated clock: once a day per channel, weekdays, across restarts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.coach import Coach, build_coach
from bot.slack.client import make_web_client
from bot.slack.daily_tip import DailyTipPoster
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import TIPS, slack_settings_for, texts_of

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0, month: int = 5) -> datetime:
    """A moment in May 2024 (May 3 is a Friday), Berlin time, as UTC."""
    return datetime(2024, month, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture
def tip_coach(fake_slack: FakeSlack) -> Iterator[Coach]:
    settings = slack_settings_for(
        fake_slack, tip_time="09:30", tip_timezone="Europe/Berlin", slack_tip_channels=[TIPS, "CTIPS0002"]
    )
    coach = build_coach(settings)
    yield coach
    coach.log.close()


def poster(coach: Coach) -> DailyTipPoster:
    return DailyTipPoster(coach, make_web_client(coach.settings))


async def test_one_tip_per_channel_per_day_across_a_day_boundary(
    tip_coach: Coach, fake_slack: FakeSlack
) -> None:
    tips = poster(tip_coach)
    assert await tips.run_due_tips(berlin(3, 9, 29)) == []
    assert await tips.run_due_tips(berlin(3, 9, 30)) == [TIPS, "CTIPS0002"]
    assert await tips.run_due_tips(berlin(3, 15, 0)) == []
    assert await tips.run_due_tips(berlin(3, 23, 59)) == []
    assert await tips.run_due_tips(berlin(6, 0, 1)) == []  # Monday, before the tip time
    assert await tips.run_due_tips(berlin(6, 9, 31)) == [TIPS, "CTIPS0002"]
    posts = [p for p in fake_slack.calls_to("chat.postMessage") if p["channel"] == TIPS]
    assert len(posts) == 2
    assert "Tip of the day" in texts_of(posts[0])
    assert texts_of(posts[0]) != texts_of(posts[1])  # the no-repeat picker chose a new tip


async def test_weekends_are_skipped_unless_configured(fake_slack: FakeSlack, tip_coach: Coach) -> None:
    tips = poster(tip_coach)
    assert await tips.run_due_tips(berlin(4, 10, 0)) == []  # Saturday
    assert await tips.run_due_tips(berlin(5, 10, 0)) == []  # Sunday
    every_day = build_coach(
        slack_settings_for(fake_slack, tip_weekdays_only=False, tip_timezone="Europe/Berlin")
    )
    try:
        assert await poster(every_day).run_due_tips(berlin(4, 10, 0)) == [TIPS]
    finally:
        every_day.log.close()


async def test_a_restart_never_posts_twice_on_the_same_day(tip_coach: Coach, fake_slack: FakeSlack) -> None:
    assert await poster(tip_coach).run_due_tips(berlin(3, 9, 30)) == [TIPS, "CTIPS0002"]
    tip_coach.log.close()
    reopened = build_coach(tip_coach.settings)
    try:
        assert await poster(reopened).run_due_tips(berlin(3, 11, 0)) == []
    finally:
        reopened.log.close()
    assert len(fake_slack.calls_to("chat.postMessage")) == 2


async def test_the_local_day_is_what_counts(fake_slack: FakeSlack) -> None:
    coach = build_coach(slack_settings_for(fake_slack, tip_time="18:00", tip_timezone="America/Los_Angeles"))
    try:
        tips = poster(coach)
        friday_evening_la = datetime(2024, 5, 4, 1, 30, tzinfo=UTC)  # Saturday in UTC, Friday 18:30 in LA
        assert await tips.run_due_tips(friday_evening_la) == [TIPS]
        assert tips.schedule.due_day(friday_evening_la) == datetime(2024, 5, 3).date()
    finally:
        coach.log.close()


async def test_a_failed_post_is_tried_again(tip_coach: Coach, fake_slack: FakeSlack) -> None:
    tips = poster(tip_coach)
    fake_slack.fail_next("chat.postMessage", "channel_not_found")
    assert await tips.run_due_tips(berlin(3, 9, 30)) == ["CTIPS0002"]
    assert tips.failed == [TIPS]
    assert await tips.run_due_tips(berlin(3, 9, 35)) == [TIPS]
    assert tips.failed == []


def test_next_due_skips_to_the_next_tip_day(tip_coach: Coach) -> None:
    tips = poster(tip_coach)
    assert tips.schedule.next_due(berlin(3, 9, 0)) == berlin(3, 9, 30)
    assert tips.schedule.next_due(berlin(3, 9, 30)) == berlin(6, 9, 30)  # Friday after the tip: Monday
    assert tips.schedule.next_due(berlin(4, 12, 0)) == berlin(6, 9, 30)


async def test_the_loop_sleeps_until_the_tip_time_then_posts(tip_coach: Coach, fake_slack: FakeSlack) -> None:
    # A clock that moves only when the test says so: however slow the machine, 9:30 comes when the test
    # sets it, and the loop (which re-reads the clock each time it wakes) must not post before.
    now = [berlin(3, 9, 30) - timedelta(seconds=0.2)]
    tip_coach.settings.slack_tip_channels = [TIPS]
    tips = DailyTipPoster(tip_coach, make_web_client(tip_coach.settings), now=lambda: now[0])
    stop = asyncio.Event()
    loop = asyncio.create_task(tips.run(stop))
    await asyncio.sleep(0.5)  # the loop wakes at least once more in this time, still before 9:30
    assert fake_slack.calls_to("chat.postMessage") == []
    now[0] = berlin(3, 9, 30)
    await fake_slack.wait_for("chat.postMessage", timeout=5)
    stop.set()
    await asyncio.wait_for(loop, timeout=5)
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
