"""Spend limits on Discord, with the fake OpenAI server: past a cap the offline review comes, saying why."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import simcord

from bot.coach import FALLBACK_NOTE, Coach, build_coach
from bot.discord.client import PartyCoachBot, build_bot
from tests.fakes.openai_server import FakeOpenAI, settings_for

DRAFTS_TEXT = [f"Big launch today! Buy our course now and save {n}% with my code." for n in (10, 20)]


@pytest.fixture
async def capped_coach(fake_openai: FakeOpenAI) -> AsyncIterator[Coach]:
    coach = build_coach(settings_for(fake_openai, openai_max_retries=0, llm_user_hourly=1))
    yield coach
    await coach.aclose()


@pytest.fixture
def simcord_bot(capped_coach: Coach) -> PartyCoachBot:
    return build_bot(capped_coach)


async def test_past_the_personal_cap_review_gives_the_offline_review_saying_why(
    simcord_env: simcord.Env, capped_coach: Coach, fake_openai: FakeOpenAI
) -> None:
    guild = simcord_env.create_guild()
    channel = guild.create_text_channel("general")
    alice = guild.add_member(simcord_env.create_user("alice"))

    first, second = [await alice.slash(channel, "review", text=text) for text in DRAFTS_TEXT]

    assert first.response is not None and second.response is not None
    assert "reviewed by llm" in (first.response.embeds[0].footer.text or "")
    shown = second.response.embeds[0].description or ""
    assert "The limit of 1 AI review an hour per person is reached; AI reviews are back at " in shown
    assert FALLBACK_NOTE in shown
    assert len(fake_openai.requests) == 1
    rows = capped_coach.log.recent_reviews(platform="discord")
    assert [r["reviewer"] for r in reversed(rows)] == ["llm", "offline"]
