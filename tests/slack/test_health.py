"""GET /health in HTTP mode: the log's and the reviewer's state as JSON, 503 when the log is broken."""

from __future__ import annotations

import sqlite3
from typing import Any

import aiohttp

from tests.fakes.openai_server import FAKE_API_KEY, FakeOpenAI
from tests.fakes.slack_server import BOT_TOKEN, FakeSlack
from tests.slack.conftest import GENERAL, SIGNING_SECRET, SlackSender
from tests.slack.test_llm import llm_slack

PUSHY = "Buy now! Huge discount on our course, sign up today."


async def get_health(slack: SlackSender) -> tuple[int, dict[str, Any], str]:
    async with aiohttp.ClientSession() as session, session.get(f"{slack.url}/health") as response:
        body = await response.text()
        return response.status, await response.json(), body


async def test_health_reports_the_log_and_the_offline_reviewer(slack: SlackSender) -> None:
    status, report, _ = await get_health(slack)
    assert status == 200 and report["ok"] is True
    assert report["log"] == {
        "writable": True,
        "reviews": 0,
        "last_review_at": None,
    }
    assert report["reviewer"] == {
        "name": "offline",
        "model": None,
        "offline_ready": True,
        "llm_configured": False,
        "last_error": None,
    }
    await slack.command(PUSHY)
    await slack.settle()
    [row] = slack.coach.log.recent_reviews()
    status, report, _ = await get_health(slack)
    assert (report["log"]["reviews"], report["log"]["last_review_at"]) == (1, row["created_at"])
    assert slack.coach.log.claims_with_prefix("health") == []  # the write probe leaves nothing behind


async def test_a_broken_log_answers_503_and_says_why(slack: SlackSender) -> None:
    with sqlite3.connect(slack.coach.log.path) as other:  # someone else damages the file under the bot
        other.execute("drop table reviews")
    status, report, _ = await get_health(slack)
    assert status == 503 and report["ok"] is False
    assert report["log"]["writable"] is False and "no such table: reviews" in report["log"]["problem"]


async def test_a_log_another_program_keeps_locked_is_unhealthy_within_the_probe_timeout(
    slack: SlackSender,
) -> None:
    other = sqlite3.connect(slack.coach.log.path, isolation_level=None)
    other.execute("begin immediate")
    try:
        status, report, _ = await get_health(slack)
    finally:
        other.execute("rollback")
        other.close()
    assert status == 503 and "locked" in report["log"]["problem"]
    status, _, _ = await get_health(slack)
    assert status == 200  # and well again once the lock is gone


async def test_health_shows_the_ai_s_last_error_and_no_secret(
    fake_slack: FakeSlack, fake_openai: FakeOpenAI
) -> None:
    fake_openai.mode = "unauthorized"  # the fake echoes the key in its error, as some servers do
    async for slack in llm_slack(fake_slack, fake_openai, openai_max_retries=0):
        status, report, _ = await get_health(slack)
        assert report["reviewer"]["last_error"] is None and report["reviewer"]["llm_configured"] is True
        await slack.command(PUSHY)
        await slack.settle()
        status, report, body = await get_health(slack)
    assert status == 200  # the offline review stood in: degraded, but serving
    assert report["reviewer"]["name"] == "llm" and report["reviewer"]["model"] == "fake-gpt"
    assert "API key" in report["reviewer"]["last_error"]["reason"]
    for secret in (FAKE_API_KEY, BOT_TOKEN, SIGNING_SECRET):
        assert secret not in body
    assert GENERAL not in body and str(slack.coach.log.path) not in body
