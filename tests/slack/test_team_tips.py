"""The daily tip in Slack with the AI: written from the channel's drafts, else the curated one."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.coach import Coach, build_coach
from bot.slack.client import make_web_client
from bot.slack.daily_tip import DailyTipPoster
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import TIPS, slack_llm_settings_for, texts_of
from tests.test_team_tips import GOOD_TIP, TEAM_DRAFTS, seed

MONDAY_MORNING = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
async def ai_coach(fake_slack: FakeSlack, fake_openai: FakeOpenAI) -> AsyncIterator[Coach]:
    settings = slack_llm_settings_for(
        fake_slack,
        fake_openai,
        openai_max_retries=0,
        llm_budget_seconds=2.0,
        tip_time="09:00",
        tip_timezone="UTC",
    )
    coach = build_coach(settings)
    seed(coach.log, coach, TEAM_DRAFTS, channel=TIPS)
    yield coach
    await coach.aclose()


async def post_todays_tip(coach: Coach, fake: FakeSlack) -> str:
    tips = DailyTipPoster(coach, make_web_client(coach.settings), [TIPS])
    assert await tips.run_due_tips(MONDAY_MORNING) == [TIPS]
    [posted] = fake.calls_to("chat.postMessage")
    return texts_of(posted)


async def test_the_ai_tip_is_posted_and_logged_as_generated(
    ai_coach: Coach, fake_slack: FakeSlack, fake_openai: FakeOpenAI
) -> None:
    fake_openai.answer = GOOD_TIP
    shown = await post_todays_tip(ai_coach, fake_slack)
    assert "Tip of the day" in shown and GOOD_TIP in shown
    [row] = ai_coach.log.tips_history("slack", TIPS)
    assert (row["source"], row["text"]) == ("generated", GOOD_TIP)


@pytest.mark.parametrize("mode", ["server_error", "slow"])
async def test_a_failing_or_slow_ai_posts_the_curated_tip(
    ai_coach: Coach, fake_slack: FakeSlack, fake_openai: FakeOpenAI, mode: str
) -> None:
    fake_openai.mode, fake_openai.answer, fake_openai.delay = mode, GOOD_TIP, 4.0
    shown = await post_todays_tip(ai_coach, fake_slack)
    [row] = ai_coach.log.tips_history("slack", TIPS)
    assert row["source"] == "curated" and row["text"] in shown
    assert GOOD_TIP not in shown
