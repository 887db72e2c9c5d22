"""Running the bot: HTTP mode and Socket Mode, friendly start-up errors, and a clean, draining shutdown."""

from __future__ import annotations

import asyncio
import gc
import socket
import time
from typing import Any

import aiohttp
import pytest

from bot.coach import Coach, build_coach
from bot.errors import ConfigError
from bot.slack.runner import running_slack, serve_slack
from tests.fakes.slack_server import APP_TOKEN, TEAM_ID, FakeSlack
from tests.slack.conftest import AUTHOR, GENERAL, SlackSender, slack_settings_for, texts_of

PUSHY = "Buy now! Huge discount on our course, sign up today."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def wait_until_healthy(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(f"http://127.0.0.1:{port}/health") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.05)
    raise AssertionError("the Slack HTTP server never became healthy")


async def test_serve_slack_in_http_mode_stops_cleanly_and_finishes_replies(
    slack_coach: Coach, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_review = slack_coach.review

    async def slow_review(*args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(0.5)
        return await real_review(*args, **kwargs)

    monkeypatch.setattr(slack_coach, "review", slow_review)
    port = free_port()
    stop = asyncio.Event()
    server = asyncio.create_task(serve_slack(slack_coach, stop, http=True, port=port))
    await wait_until_healthy(port)
    post = fake_slack.add_message(GENERAL, PUSHY)
    await SlackSender(port, fake_slack).reaction(GENERAL, post["ts"])
    await fake_slack.wait_for("chat.postMessage")  # the placeholder: the review is in progress
    stop.set()
    await asyncio.wait_for(server, timeout=10)
    [reply] = fake_slack.thread(GENERAL, post["ts"])
    assert "A bit pushy" in texts_of(reply)  # finished before serve_slack returned
    with pytest.raises(AssertionError, match="never became healthy"):
        await wait_until_healthy(port, timeout=0.3)  # no longer listening


@pytest.mark.parametrize(
    ("overrides", "http", "words"),
    [
        ({"slack_bot_token": None}, True, "SLACK_BOT_TOKEN is not set"),
        ({"slack_signing_secret": None}, True, "SLACK_SIGNING_SECRET is not set"),
        ({"slack_app_token": None}, False, "SLACK_APP_TOKEN is not set"),
        ({"slack_bot_token": "xoxb-revoked"}, True, "didn't accept SLACK_BOT_TOKEN (invalid_auth)"),
        ({"slack_api_url": "http://127.0.0.1:9/api/"}, True, "can't reach the Slack API"),
        ({"slack_app_token": "xapp-revoked"}, False, "didn't accept SLACK_APP_TOKEN (invalid_auth)"),
    ],
    ids=["no bot token", "no signing secret", "no app token", "bad token", "unreachable", "bad app token"],
)
async def test_start_up_problems_are_one_friendly_line(
    fake_slack: FakeSlack, overrides: dict[str, Any], http: bool, words: str
) -> None:
    coach = build_coach(slack_settings_for(fake_slack, **overrides))
    try:
        with pytest.raises(ConfigError) as caught:
            async with running_slack(coach, http=http, port=0, host="127.0.0.1"):
                pass
        assert words in str(caught.value)
    finally:
        coach.log.close()


async def test_a_port_in_use_is_one_friendly_line(slack_coach: Coach) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        with pytest.raises(ConfigError, match=f"can't listen on 127.0.0.1:{port}"):
            async with running_slack(slack_coach, http=True, port=port, host="127.0.0.1"):
                pass


async def test_socket_mode_receives_events_and_commands(fake_slack: FakeSlack) -> None:
    coach = build_coach(slack_settings_for(fake_slack, slack_app_token=APP_TOKEN))
    try:
        async with running_slack(coach, http=False, post_tips=False) as running:
            await fake_slack.wait_for_socket()
            post = fake_slack.add_message(GENERAL, PUSHY)
            reaction = {
                "type": "reaction_added",
                "user": "UREACTOR1",
                "reaction": "mag",
                "item": {"type": "message", "channel": GENERAL, "ts": post["ts"]},
            }
            envelope = fake_slack.send_over_socket(
                "events_api",
                {"type": "event_callback", "team_id": TEAM_ID, "event_id": "EvSOCK1", "event": reaction},
            )
            await fake_slack.wait_for_socket_ack(envelope)
            command = {
                "command": "/review",
                "text": PUSHY,
                "user_id": AUTHOR,
                "channel_id": GENERAL,
                "team_id": TEAM_ID,
                "response_url": fake_slack.response_url(),
                "trigger_id": "1.2.3",
            }
            envelope = fake_slack.send_over_socket("slash_commands", command, accepts_response=True)
            ack = await fake_slack.wait_for_socket_ack(envelope)
            assert "Reviewing your draft" in ack["payload"]["text"]
            await fake_slack.wait_for_hooks(1)
            await fake_slack.wait_for("chat.update")
            assert running.port is None
    finally:
        coach.log.close()
    [reply] = fake_slack.thread(GENERAL, post["ts"])
    assert "A bit pushy" in texts_of(reply)


async def test_start_up_objects_are_frozen_before_events_arrive(
    slack_coach: Coach, unfrozen_heap: None
) -> None:
    assert gc.get_freeze_count() == 0
    async with running_slack(slack_coach, http=True, port=0, host="127.0.0.1", post_tips=False):
        assert gc.get_freeze_count() > 0, "full collections would otherwise pause a burst of events"
