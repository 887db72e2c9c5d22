"""Spend limits on Discord, with the fake OpenAI server: past a cap the offline review comes, saying why."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import simcord

from bot.coach import FALLBACK_NOTE, Coach, build_coach
from bot.discord.client import PartyCoachBot, build_bot
from bot.review.model import Review
from bot.review.origin import Origin
from tests.fakes.openai_server import FakeOpenAI, settings_for

DRAFT = "Big launch today! Buy our course now and save 20% with my code."


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
    # Alice had her one AI review this hour before the bot restarted: the log says so, and the bot
    # counts from the log when it starts.
    earlier = Review(verdict="ok", score=90, findings=[], reviewer="llm", tokens_in=400, tokens_out=120)
    where = Origin(platform="discord", workspace=str(guild.id), channel=str(channel.id), user=str(alice.id))
    capped_coach.log.record_review(earlier, "An earlier draft.", None, where)
    capped_coach.spend.load(capped_coach.log)

    result = await alice.slash(channel, "review", text=DRAFT)

    assert result.response is not None
    shown = result.response.embeds[0].description or ""
    assert "The limit of 1 AI review an hour per person is reached; AI reviews are back at " in shown
    assert FALLBACK_NOTE in shown
    assert "reviewed by the offline reviewer" in (result.response.embeds[0].footer.text or "")
    assert fake_openai.requests == []  # nothing was sent to the AI
    rows = capped_coach.log.recent_reviews(platform="discord")
    assert [r["reviewer"] for r in reversed(rows)] == ["llm", "offline"]
