"""The weekly digest and /coach me on simcord (its virtual clock starts on Thursday 2026-01-01, 00:00 UTC)."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

import discord
import pytest
import simcord

from bot.coach import Coach
from bot.discord.client import build_bot
from bot.discord.digest import WeeklyDigest
from tests.discord.conftest import World, assert_deferred_privately_first
from tests.test_digest import add_review

HOUR = 3600.0
DAY = 24 * HOUR
UNTIL_MONDAY_NINE = 4 * DAY + 9 * HOUR  # Monday 2026-01-05, 09:00 UTC
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def digests(env: simcord.Env, channel: simcord.ChannelHandle) -> list[discord.Message]:
    me = env.bot.user
    assert me is not None
    return [m for m in channel.history() if m.author.id == me.id and "Weekly digest" in m.content]


def last_weeks_reviews(coach: Coach, world: World) -> None:
    """Two drafts in the tips channel in the week of Dec 29, by Alice and Bob."""
    channel = str(world.tips.id)
    add_review(coach.log, datetime(2025, 12, 30, 10, tzinfo=UTC), "pushy", ("offer_help",), channel=channel)
    add_review(coach.log, datetime(2025, 12, 31, 10, tzinfo=UTC), "ok", channel=channel, user="UBOB")
    coach.log.db.execute("update reviews set platform = 'discord'")
    coach.log.db.conn.commit()


async def test_the_digest_is_posted_on_monday_with_its_chart_once(world: World, coach: Coach) -> None:
    last_weeks_reviews(coach, world)
    await world.env.advance_time(UNTIL_MONDAY_NINE - 60)
    assert digests(world.env, world.tips) == []

    await world.env.advance_time(120)
    [posted] = digests(world.env, world.tips)
    assert posted.content.splitlines()[0] == "📊 **Weekly digest · Dec 29 – Jan 4, 2026**"
    assert "Drafts reviewed: 2" in posted.content and "Missed most: Offer help (1 draft)" in posted.content
    assert "UBOB" not in posted.content and world.alice.name not in posted.content
    [chart] = posted.attachments
    assert chart.filename == "party-coach-digest.png"
    assert (world.env.backend.cdn.get(chart.url) or b"").startswith(PNG_MAGIC)
    assert digests(world.env, world.general) == []  # tip channels only

    await world.env.restart_bot(build_bot(coach))
    await world.env.advance_time(DAY)  # Tuesday: the catch-up and the daily loop find it already posted
    assert len(digests(world.env, world.tips)) == 1
    assert world.env.errors == []


async def test_a_week_with_no_reviews_posts_nothing(world: World, coach: Coach) -> None:
    await world.env.advance_time(UNTIL_MONDAY_NINE + HOUR)
    assert digests(world.env, world.tips) == []
    assert coach.log.table("digests_posted").count == 0


async def test_without_a_chart_the_text_goes_alone(
    world: World, coach: Coach, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    last_weeks_reviews(coach, world)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # as if the charts extra weren't installed
    with caplog.at_level(logging.WARNING):
        await world.env.advance_time(UNTIL_MONDAY_NINE + 60)
    [posted] = digests(world.env, world.tips)
    assert posted.attachments == [] and "Drafts reviewed: 2" in posted.content
    assert "the weekly digest goes without its chart: the chart needs matplotlib" in caplog.text


async def test_when_the_attachment_is_refused_the_text_goes_alone(
    world: World, coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    last_weeks_reviews(coach, world)
    cog = world.env.bot.get_cog("WeeklyDigest")  # type: ignore[attr-defined]
    assert isinstance(cog, WeeklyDigest)
    world.env.inject_error("POST", f"/channels/{world.tips.id}/messages", status=500)
    with caplog.at_level(logging.WARNING, logger="bot.discord.digest"):
        assert await cog.post_digests(datetime(2026, 1, 5, 9, tzinfo=UTC)) == [world.tips.id]
    [posted] = digests(world.env, world.tips)
    assert posted.attachments == []
    assert "the digest chart couldn't be attached" in caplog.text


async def test_turned_off_it_never_posts(world: World, coach: Coach) -> None:
    last_weeks_reviews(coach, world)
    coach.settings.digest_day = "off"
    await world.env.restart_bot(build_bot(coach))
    await world.env.advance_time(UNTIL_MONDAY_NINE + HOUR)
    assert digests(world.env, world.tips) == []


async def test_coach_me_shows_only_my_own_week_privately(world: World, coach: Coach) -> None:
    await world.alice.slash(world.general, "review", text="Big launch today! Buy now and DM me for the code.")
    bob = world.guild.add_member(world.env.create_user("bob"))
    await bob.slash(world.general, "review", text="What's the one launch checklist item you never skip?")

    asked = await world.alice.slash(world.general, "coach me")

    assert_deferred_privately_first(world.env)
    answer = asked.response
    assert answer is not None and answer.ephemeral
    lines = answer.content.splitlines()
    assert lines[0].startswith("Your week · ")  # the log's own clock: this week, as the reviews were logged
    assert "Drafts reviewed: 1" in lines
    assert "Pushy: 100% (1 of 1); no drafts the week before to compare with." in lines
