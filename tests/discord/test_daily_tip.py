"""The daily tip on simcord's virtual clock (which starts on Thursday 2026-01-01 at 00:00 UTC)."""

from __future__ import annotations

from datetime import UTC, datetime

import simcord

from bot.coach import Coach
from bot.discord.client import build_bot
from bot.discord.daily_tip import DailyTip
from tests.discord.conftest import World

HOUR = 3600.0
DAY = 24 * HOUR


def posted_tips(env: simcord.Env, channel: simcord.ChannelHandle) -> list[str]:
    me = env.bot.user
    assert me is not None
    return [
        m.embeds[0].footer.text or ""
        for m in channel.history()
        if m.author.id == me.id and m.embeds and (m.embeds[0].title or "").startswith("💡 Tip of the day · ")
    ]


def daily_tip(env: simcord.Env) -> DailyTip:
    cog = env.bot.get_cog("DailyTip")  # type: ignore[attr-defined]
    assert isinstance(cog, DailyTip)
    return cog


async def test_one_tip_at_the_configured_time_on_weekdays_only(world: World, coach: Coach) -> None:
    await world.env.advance_time(9.5 * HOUR - 60)
    assert posted_tips(world.env, world.tips) == []

    await world.env.advance_time(120)
    assert [day[-10:] for day in posted_tips(world.env, world.tips)] == ["2026-01-01"]

    await world.env.advance_time(4 * DAY)  # Friday, then the weekend, then Monday morning before the tip
    await world.env.advance_time(HOUR)
    days = [day[-10:] for day in posted_tips(world.env, world.tips)]
    assert days == ["2026-01-01", "2026-01-02", "2026-01-05"]
    shown = [row["tip_id"] for row in coach.log.tips_history("discord", str(world.tips.id))]
    assert len(shown) == len(set(shown)) == 3


async def test_no_second_tip_on_the_same_day_after_a_restart(world: World, coach: Coach) -> None:
    await world.env.advance_time(10 * HOUR)
    assert len(posted_tips(world.env, world.tips)) == 1

    await world.env.restart_bot(build_bot(coach))
    await world.env.advance_time(HOUR)

    assert len(posted_tips(world.env, world.tips)) == 1


async def test_a_start_after_tip_time_catches_up_once(world: World, coach: Coach) -> None:
    coach.settings.discord_tip_channels = []
    await world.env.advance_time(14 * HOUR)
    coach.settings.discord_tip_channels = [world.tips.id]

    await world.env.restart_bot(build_bot(coach))
    await world.env.restart_bot(build_bot(coach))

    assert [day[-10:] for day in posted_tips(world.env, world.tips)] == ["2026-01-01"]


async def test_the_day_is_the_local_day_across_the_date_line(world: World, coach: Coach) -> None:
    coach.settings.tip_timezone = "Pacific/Auckland"  # UTC+13 in January
    step = daily_tip(world.env).post_tips

    friday_night = datetime(2026, 1, 2, 10, 59, tzinfo=UTC)
    saturday_morning = datetime(2026, 1, 2, 11, 1, tzinfo=UTC)
    assert await step(friday_night) == [world.tips.id]
    assert await step(friday_night) == []
    assert await step(saturday_morning) == []

    coach.settings.tip_weekdays_only = False
    assert await step(saturday_morning) == []  # Saturday there, but before its tip time
    saturday_tip_time = datetime(2026, 1, 2, 20, 30, tzinfo=UTC)  # 09:30 in Auckland
    assert await step(saturday_tip_time) == [world.tips.id]
    assert [day[-10:] for day in posted_tips(world.env, world.tips)] == ["2026-01-02", "2026-01-03"]


async def test_a_failed_post_is_retried_on_the_next_step(world: World, coach: Coach) -> None:
    step = daily_tip(world.env).post_tips
    thursday = datetime(2026, 1, 1, 9, 30, tzinfo=UTC)
    world.env.inject_error("POST", f"/channels/{world.tips.id}/messages", status=500)

    assert await step(thursday) == []
    assert await step(thursday) == [world.tips.id]
    assert len(posted_tips(world.env, world.tips)) == 1
    assert world.env.errors == []
