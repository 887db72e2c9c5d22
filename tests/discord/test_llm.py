"""With the LLM reviewer: a slow or failing AI never breaks Discord's 3-second rule or the reply."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator

import pytest
import simcord

from bot.coach import FALLBACK_NOTE, Coach, build_coach
from bot.discord.client import PartyCoachBot, build_bot
from bot.review.draft import Draft
from bot.review.llm import LLMReviewer
from bot.review.model import Review
from tests.discord.conftest import assert_deferred_privately_first
from tests.fakes.openai_server import FakeOpenAI, settings_for

PUSHY = "Big launch today! Buy now and DM me for the discount code."


class AwaitedOverTheNetwork:
    """The LLM reviewer, with its wait for the AI declared to simcord as external input.

    simcord then treats the wait as parked, and runs the reviewer's timeouts on its virtual
    clock: `env.advance_time` stands in for the seconds a slow AI would cost.
    """

    def __init__(self, reviewer: LLMReviewer, env: simcord.Env) -> None:
        self.reviewer, self.env = reviewer, env
        self.name, self.model, self.prompt_version = reviewer.name, reviewer.model, reviewer.prompt_version

    async def review(self, draft: Draft) -> Review:
        review: Review = await self.env.external_wait(self.reviewer.review(draft), reason="the AI answers")
        return review

    async def aclose(self) -> None:
        await self.reviewer.aclose()


PRODUCTION_TIMING = {"openai_timeout": 20.0, "llm_budget_seconds": 30.0, "openai_max_retries": 2}


@pytest.fixture
def llm_timing() -> dict[str, float]:
    return {"openai_max_retries": 0}


@pytest.fixture
async def llm_coach(fake_openai: FakeOpenAI, llm_timing: dict[str, float]) -> AsyncIterator[Coach]:
    coach = build_coach(settings_for(fake_openai, **llm_timing))
    yield coach
    await coach.aclose()  # the LLM client's pooled connections belong to this test's event loop


@pytest.fixture
def simcord_bot(llm_coach: Coach) -> PartyCoachBot:
    return build_bot(llm_coach)


async def review_in_a_guild(env: simcord.Env) -> simcord.InteractionResult:
    guild = env.create_guild()
    channel = guild.create_text_channel("general")
    alice = guild.add_member(env.create_user("alice"))
    return await alice.slash(channel, "review", text=PUSHY)


async def test_the_ai_reviewer_answers_through_discord(
    simcord_env: simcord.Env, fake_openai: FakeOpenAI
) -> None:
    result = await review_in_a_guild(simcord_env)

    assert_deferred_privately_first(simcord_env)
    assert result.response is not None and result.response.embeds
    assert "reviewed by llm (fake-gpt)" in (result.response.embeds[0].footer.text or "")
    assert len(fake_openai.requests) == 1


@pytest.mark.parametrize("llm_timing", [PRODUCTION_TIMING])
async def test_a_10_second_ai_is_acknowledged_at_once_and_answered_within_the_budget(
    simcord_env: simcord.Env, llm_coach: Coach, fake_openai: FakeOpenAI
) -> None:
    fake_openai.mode, fake_openai.delay = "slow", 10.0
    assert isinstance(llm_coach.reviewer, LLMReviewer)
    llm_coach.reviewer = AwaitedOverTheNetwork(llm_coach.reviewer, simcord_env)
    started = time.monotonic()

    result = await review_in_a_guild(simcord_env)

    # Acknowledged while the AI is still thinking: simcord refuses a first answer after 3 (virtual) seconds.
    assert_deferred_privately_first(simcord_env)
    assert result.response is not None and result.response.embeds == []
    # Virtual seconds: each 20-second request timeout (and then the 30-second budget) runs out
    # long before the 10-second AI answers in real time.
    await simcord_env.advance_time(30)
    elapsed = time.monotonic() - started
    assert elapsed < fake_openai.delay, "virtual time, not the AI's 10 real seconds, paces this test"

    assert result.response is not None and result.response.ephemeral
    assert FALLBACK_NOTE in (result.response.embeds[0].description or "")
    [row] = llm_coach.log.recent_reviews(platform="discord")
    assert row["reviewer"] == "offline" and row["error"]
    assert fake_openai.requests


async def test_a_failing_ai_gives_the_offline_review_with_a_note_and_logs_the_failure(
    simcord_env: simcord.Env, llm_coach: Coach, fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture
) -> None:
    fake_openai.mode = "server_error"

    with caplog.at_level(logging.WARNING):
        result = await review_in_a_guild(simcord_env)

    assert result.response is not None
    assert FALLBACK_NOTE in (result.response.embeds[0].description or "")
    [row] = llm_coach.log.recent_reviews(platform="discord")
    assert row["reviewer"] == "offline" and row["error"]
    assert "reviewer llm unavailable" in caplog.text
