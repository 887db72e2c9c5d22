"""The weekly digest through the fake Slack Web API, upload calls included, on a simulated clock."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.coach import Coach, build_coach
from bot.slack.app import build_slack_bot
from bot.slack.client import make_web_client
from bot.slack.digest import DigestPoster
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import TIPS, slack_settings_for
from tests.test_digest import add_review

BERLIN = ZoneInfo("Europe/Berlin")
OTHER_TIPS = "CTIPS0002"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in January 2026 (Jan 5 is a Monday), Berlin time, as UTC."""
    return datetime(2026, 1, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


@pytest.fixture
def digest_coach(fake_slack: FakeSlack) -> Iterator[Coach]:
    settings = slack_settings_for(
        fake_slack,
        tip_timezone="Europe/Berlin",
        digest_day="monday",
        digest_time="09:00",
        slack_tip_channels=[TIPS, OTHER_TIPS],
    )
    coach = build_coach(settings)
    # Last week (Dec 29 – Jan 4): two drafts in the tips channel, by two people; none in the other one.
    add_review(coach.log, berlin(2, 10), "pushy", ("pitch_only_when_pulled",), channel=TIPS, user="UALICE")
    add_review(coach.log, berlin(3, 10), "ok", channel=TIPS, user="UBOB")
    yield coach
    coach.log.close()


def poster(coach: Coach) -> DigestPoster:
    return DigestPoster(coach, make_web_client(coach.settings))


async def test_the_digest_goes_up_with_its_chart_once_per_week(
    digest_coach: Coach, fake_slack: FakeSlack
) -> None:
    digests = poster(digest_coach)
    assert await digests.run_due_digests(berlin(5, 8, 59)) == []
    assert await digests.run_due_digests(berlin(5, 9, 0)) == [TIPS]  # the other channel had no reviews
    assert await digests.run_due_digests(berlin(5, 15, 0)) == []
    assert await digests.run_due_digests(berlin(8, 9, 0)) == []

    [asked] = fake_slack.calls_to("files.getUploadURLExternal")
    assert asked["filename"] == "party-coach-digest.png"
    [uploaded] = fake_slack.uploads.values()
    assert uploaded.startswith(PNG_MAGIC) and int(asked["length"]) == len(uploaded)
    [completed] = fake_slack.calls_to("files.completeUploadExternal")
    assert completed["channel_id"] == TIPS
    comment = str(completed["initial_comment"])
    assert comment.splitlines()[0] == ":bar_chart: *Weekly digest · Dec 29 – Jan 4, 2026*"
    assert "Drafts reviewed: 2" in comment and "Pushy: 50% (1 of 2)" in comment
    assert "Missed most: Pitch only when pulled (1 draft)" in comment
    [message] = fake_slack.messages[TIPS]
    assert message["files"][0]["title"].startswith("Pushy rate by week")
    assert fake_slack.calls_to("chat.postMessage") == []
    shown = fake_slack.everything_shown()
    assert "UALICE" not in shown and "UBOB" not in shown  # nobody is named in a channel


async def test_a_restart_never_posts_the_same_week_twice(digest_coach: Coach, fake_slack: FakeSlack) -> None:
    assert await poster(digest_coach).run_due_digests(berlin(5, 9, 0)) == [TIPS]
    digest_coach.log.close()
    reopened = build_coach(digest_coach.settings)
    try:
        assert await poster(reopened).run_due_digests(berlin(5, 10, 0)) == []
    finally:
        reopened.log.close()
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1


async def test_when_the_upload_fails_the_text_goes_alone_and_the_reason_is_logged(
    digest_coach: Coach, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.fail_uploads = True
    with caplog.at_level(logging.WARNING, logger="bot.slack.digest"):
        assert await poster(digest_coach).run_due_digests(berlin(5, 9, 0)) == [TIPS]
    assert fake_slack.calls_to("files.completeUploadExternal") == []
    [posted] = fake_slack.calls_to("chat.postMessage")
    assert posted["channel"] == TIPS and "Drafts reviewed: 2" in posted["text"]
    assert "the digest chart couldn't be uploaded in CTIPS0001" in caplog.text
    assert "status: 500" in caplog.text


async def test_when_slack_refuses_the_upload_url_the_text_goes_alone(
    digest_coach: Coach, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    fake_slack.fail_next("files.getUploadURLExternal", "not_allowed_token_type")
    with caplog.at_level(logging.WARNING, logger="bot.slack.digest"):
        assert await poster(digest_coach).run_due_digests(berlin(5, 9, 0)) == [TIPS]
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert "(not_allowed_token_type); posting the text alone" in caplog.text


async def test_without_a_chart_the_text_goes_alone_and_the_reason_is_logged(
    digest_coach: Coach,
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # as if the charts extra weren't installed
    with caplog.at_level(logging.WARNING):
        assert await poster(digest_coach).run_due_digests(berlin(5, 9, 0)) == [TIPS]
    assert fake_slack.calls_to("files.getUploadURLExternal") == []
    assert "Drafts reviewed: 2" in fake_slack.calls_to("chat.postMessage")[0]["text"]
    assert "the weekly digest goes without its chart: the chart needs matplotlib" in caplog.text


async def test_a_failed_post_is_tried_again(digest_coach: Coach, fake_slack: FakeSlack) -> None:
    fake_slack.fail_uploads = True
    fake_slack.fail_next("chat.postMessage", "channel_not_found")
    digests = poster(digest_coach)
    assert await digests.run_due_digests(berlin(5, 9, 0)) == []
    assert digests.failed == [TIPS]
    assert await digests.run_due_digests(berlin(5, 9, 5)) == [TIPS]
    assert digests.failed == []


async def test_turned_off_it_posts_nothing(fake_slack: FakeSlack) -> None:
    coach = build_coach(slack_settings_for(fake_slack, digest_day="off"))
    try:
        add_review(coach.log, berlin(2, 10), "pushy", channel=TIPS)
        digests = poster(coach)
        assert await digests.run_due_digests(berlin(5, 9, 0)) == []
        await asyncio.wait_for(digests.run(asyncio.Event()), timeout=5)  # returns at once
    finally:
        coach.log.close()
    assert fake_slack.calls_to("files.completeUploadExternal") == []


async def test_the_loop_sleeps_until_the_digest_time_then_posts(
    digest_coach: Coach, fake_slack: FakeSlack
) -> None:
    # A clock that moves only when the test says so: Monday 09:00 comes when the test sets it.
    now = [berlin(5, 9, 0) - timedelta(seconds=0.2)]
    bot = build_slack_bot(digest_coach, client=make_web_client(digest_coach.settings), now=lambda: now[0])
    stop = asyncio.Event()
    loop = asyncio.create_task(bot.digests.run(stop))
    await asyncio.sleep(0.5)
    assert fake_slack.calls_to("files.completeUploadExternal") == []
    now[0] = berlin(5, 9, 0)
    await fake_slack.wait_for("files.completeUploadExternal", timeout=10)
    stop.set()
    await asyncio.wait_for(loop, timeout=5)
    assert len(fake_slack.calls_to("files.completeUploadExternal")) == 1
    # Only the tips channel had reviews last week; the other tip channel gets nothing.
    assert [c["channel_id"] for c in fake_slack.calls_to("files.completeUploadExternal")] == [TIPS]
