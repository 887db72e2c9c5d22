"""The daily tip in Discord with the AI: written from the channel's drafts, else the curated one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.coach import Coach, build_coach
from bot.settings import Settings
from tests.discord.conftest import World
from tests.discord.test_daily_tip import daily_tip
from tests.fakes.openai_server import FakeOpenAI, settings_for
from tests.test_team_tips import GOOD_TIP, TEAM_DRAFTS, seed

THURSDAY_MORNING = datetime(2026, 1, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def settings(fake_openai: FakeOpenAI) -> Settings:
    return settings_for(fake_openai, openai_max_retries=0, llm_budget_seconds=2.0)


@pytest.fixture
async def coach(settings: Settings) -> AsyncIterator[Coach]:
    built = build_coach(settings)
    yield built
    await built.aclose()


async def posted_tip(world: World, coach: Coach) -> str:
    seed(coach.log, coach, TEAM_DRAFTS, channel=str(world.tips.id), platform="discord")
    assert await daily_tip(world.env).post_tips(THURSDAY_MORNING) == [world.tips.id]
    [message] = world.tips.history()
    return message.embeds[0].description or ""


async def test_the_ai_tip_is_posted_and_logged_as_generated(
    world: World, coach: Coach, fake_openai: FakeOpenAI
) -> None:
    fake_openai.answer = GOOD_TIP
    assert await posted_tip(world, coach) == GOOD_TIP
    [row] = coach.log.tips_history("discord", str(world.tips.id))
    assert (row["source"], row["text"]) == ("generated", GOOD_TIP)
    [request] = fake_openai.requests
    assert '"DM me"' in request["messages"][1]["content"]


async def test_a_tip_that_pitches_is_replaced_by_the_curated_one(
    world: World, coach: Coach, fake_openai: FakeOpenAI
) -> None:
    fake_openai.answer = "Book a demo of our course today and use code PARTY20 for 20% off."
    shown = await posted_tip(world, coach)
    [row] = coach.log.tips_history("discord", str(world.tips.id))
    assert row["source"] == "curated" and shown == row["text"]
