"""HTTP mode: one signed endpoint for everything, a health check, and nothing done for unsigned requests."""

from __future__ import annotations

import json
import time

import aiohttp

from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import GENERAL, SlackSender


async def test_health_answers_ok(slack: SlackSender) -> None:
    async with aiohttp.ClientSession() as session, session.get(f"{slack.url}/health") as response:
        assert response.status == 200
        assert (await response.json())["ok"] is True


async def test_url_verification_challenge_is_echoed(slack: SlackSender) -> None:
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"})
    sent = await slack.post(body, "application/json")
    assert sent.status == 200
    assert "c-123" in sent.body


async def test_bad_signature_is_rejected_and_nothing_is_reviewed(
    slack: SlackSender, fake_slack: FakeSlack
) -> None:
    fake_slack.add_message(GENERAL, "Buy now, huge discount!", ts="1700000500.000100")
    body = json.dumps({"type": "event_callback", "event_id": "EvBAD", "event": {"type": "reaction_added"}})
    sent = await slack.post(body, "application/json", signature="v0=" + "0" * 64)
    assert sent.status == 401
    sent = await SlackSender(slack.running, fake_slack, secret="the-wrong-secret").command("Buy now!")
    assert sent.status == 401
    await slack.settle()
    assert fake_slack.methods() == ["auth.test"]  # the start-up token check only
    assert slack.coach.log.recent_reviews() == []


async def test_stale_timestamp_is_rejected(slack: SlackSender, fake_slack: FakeSlack) -> None:
    six_minutes_ago = int(time.time()) - 6 * 60
    sent = await slack.post(
        "token=t&command=%2Freview&text=hello", "application/x-www-form-urlencoded", timestamp=six_minutes_ago
    )
    assert sent.status == 401
    await slack.settle()
    assert fake_slack.methods() == ["auth.test"]  # the start-up token check only
    assert slack.coach.log.recent_reviews() == []


async def test_unknown_path_is_not_found(slack: SlackSender) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{slack.url}/elsewhere", data=b"{}") as response,
    ):
        assert response.status == 404
