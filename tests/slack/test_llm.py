"""With the LLM reviewer: Slack is acknowledged at once however slow it is; a failing LLM is survivable."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.coach import FALLBACK_NOTE, build_coach
from bot.slack.runner import running_slack
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import GENERAL, SLACK_ACK_SECONDS, SlackSender, slack_llm_settings_for, texts_of

PUSHY = "Buy now! Huge discount on our course, sign up today."


async def llm_slack(
    fake_slack: FakeSlack, fake_openai: FakeOpenAI, **overrides: Any
) -> AsyncIterator[SlackSender]:
    coach = build_coach(slack_llm_settings_for(fake_slack, fake_openai, **overrides))
    try:
        async with running_slack(coach, http=True, port=0, host="127.0.0.1", post_tips=False) as running:
            yield SlackSender(running, fake_slack)
    finally:
        await coach.aclose()


@pytest.fixture
async def slow_llm_slack(fake_slack: FakeSlack, fake_openai: FakeOpenAI) -> AsyncIterator[SlackSender]:
    fake_openai.mode = "slow"
    fake_openai.delay = 10.0
    async for sender in llm_slack(fake_slack, fake_openai, openai_timeout=20.0, llm_budget_seconds=30.0):
        yield sender


@pytest.fixture
async def failing_llm_slack(fake_slack: FakeSlack, fake_openai: FakeOpenAI) -> AsyncIterator[SlackSender]:
    fake_openai.mode = "server_error"
    async for sender in llm_slack(
        fake_slack, fake_openai, openai_timeout=2.0, openai_max_retries=1, llm_budget_seconds=3.0
    ):
        yield sender


async def test_a_10_second_llm_never_delays_the_ack(
    slow_llm_slack: SlackSender, fake_slack: FakeSlack
) -> None:
    slack = slow_llm_slack
    posts = [fake_slack.add_message(GENERAL, f"{PUSHY} #{n}") for n in range(3)]
    reactions = await asyncio.gather(*(slack.reaction(GENERAL, p["ts"]) for p in posts))
    command = await slack.command(PUSHY)
    for sent in [*reactions, command]:
        assert sent.status == 200
        assert sent.seconds < SLACK_ACK_SECONDS
    assert slack.coach.log.recent_reviews() == [], "every ack came back while the AI was still thinking"
    placeholders = await fake_slack.wait_for("chat.postMessage", count=3, timeout=2)
    assert all("Reviewing your draft" in p["text"] for p in placeholders)
    assert "Reviewing your draft" in command.body
    await slack.settle(timeout=40)
    for post in posts:
        [reply] = fake_slack.thread(GENERAL, post["ts"])
        assert "A bit pushy" in texts_of(reply)
    [private] = await fake_slack.wait_for_hooks(1)
    assert "A bit pushy" in texts_of(private)
    rows = slack.coach.log.recent_reviews()
    assert [r["reviewer"] for r in rows] == ["llm"] * 4
    assert all(r["latency_ms"] >= 9_000 for r in rows)  # they ran side by side: the test takes ~10 s


async def test_a_failing_llm_leaves_a_friendly_line_and_is_logged(
    failing_llm_slack: SlackSender, fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    slack = failing_llm_slack
    post = fake_slack.add_message(GENERAL, PUSHY)
    with caplog.at_level(logging.WARNING):
        sent = await slack.reaction(GENERAL, post["ts"])
        assert sent.status == 200 and sent.seconds < SLACK_ACK_SECONDS
        await slack.settle(timeout=20)
    [reply] = fake_slack.thread(GENERAL, post["ts"])
    shown = texts_of(reply)
    assert FALLBACK_NOTE in shown  # the friendly line
    assert "A bit pushy" in shown  # and still a review: the offline one
    assert "500" not in shown and "Traceback" not in fake_slack.everything_shown()
    [row] = slack.coach.log.recent_reviews()
    assert row["reviewer"] == "offline"
    assert row["error"]  # the failure is in the log
    assert "unavailable" in caplog.text
