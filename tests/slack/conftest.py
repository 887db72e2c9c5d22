"""Slack fixtures: a fake Slack Web API, the real app in HTTP mode on a free port, and a signed sender."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from bot.coach import Coach, build_coach
from bot.settings import Settings, load_settings
from bot.slack.runner import RunningSlack, running_slack
from tests.fakes.openai_server import (
    FAKE_API_KEY,
    FAKE_MODEL,
    FakeOpenAI,
    fake_openai,  # noqa: F401  (the fixture, for the LLM tests)
)
from tests.fakes.slack_server import BOT_TOKEN, TEAM_ID, FakeSlack

SIGNING_SECRET = "fake-signing-secret-0123456789abcdef"
DRAFTS = "CDRAFTS01"
TIPS = "CTIPS0001"
GENERAL = "CGENERAL1"
AUTHOR = "UAUTHOR1"
REACTOR = "UREACTOR1"
EMOJI = "mag"
# Slack's own deadline for acknowledging a request. The app acks in milliseconds; the bound is Slack's
# rule itself, so a busy test machine can't fail a test that Slack would pass.
SLACK_ACK_SECONDS = 3.0


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def slack_settings_for(fake: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "reviewer": "offline",
        "slack_bot_token": BOT_TOKEN,
        "slack_signing_secret": SIGNING_SECRET,
        "slack_api_url": fake.base_url,
        "slack_drafts_channels": [DRAFTS],
        "slack_tip_channels": [TIPS],
    }
    values.update(overrides)
    return load_settings(**values)


def slack_llm_settings_for(fake: FakeSlack, ai: FakeOpenAI, **overrides: Any) -> Settings:
    """Slack settings with the LLM reviewer pointed at the fake OpenAI server."""
    return slack_settings_for(
        fake,
        reviewer="llm",
        openai_base_url=ai.base_url,
        openai_api_key=FAKE_API_KEY,
        openai_model=FAKE_MODEL,
        **overrides,
    )


@pytest.fixture
def slack_settings(fake_slack: FakeSlack) -> Settings:
    return slack_settings_for(fake_slack)


@pytest.fixture
def slack_coach(slack_settings: Settings) -> Iterator[Coach]:
    coach = build_coach(slack_settings)
    yield coach
    coach.log.close()


@dataclass
class Sent:
    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


class SlackSender:
    """Sends requests to the app the way Slack does: signed with the signing secret."""

    def __init__(self, running: RunningSlack | int, fake: FakeSlack, secret: str = SIGNING_SECRET) -> None:
        """`running` is the app under test, or just the port of one started some other way."""
        self._running = running
        self.fake = fake
        self.secret = secret
        port = running if isinstance(running, int) else running.port
        self.url = f"http://127.0.0.1:{port}"
        self._ids = iter(range(1, 1_000_000))

    @property
    def running(self) -> RunningSlack:
        assert not isinstance(self._running, int), "this sender only knows the port"
        return self._running

    @property
    def coach(self) -> Coach:
        return self.running.bot.services.coach

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        timestamp: int | None = None,
        signature: str | None = None,
    ) -> Sent:
        from slack_sdk.signature import SignatureVerifier

        stamp = str(timestamp if timestamp is not None else int(time.time()))
        signed = (
            signature or SignatureVerifier(self.secret).generate_signature(timestamp=stamp, body=body) or ""
        )
        all_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signed,
            **(headers or {}),
        }
        started = time.perf_counter()
        async with (
            aiohttp.ClientSession() as session,
            session.post(f"{self.url}/slack/events", data=body.encode(), headers=all_headers) as response,
        ):
            text = await response.text()
        return Sent(response.status, text, time.perf_counter() - started)

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> Sent:
        body = {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "api_app_id": "AFAKEAPP",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._ids):08d}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": TEAM_ID, "user_id": "UBOT0001", "is_bot": True}],
        }
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(json.dumps(body), "application/json", headers=headers)

    async def reaction(
        self, channel: str, ts: str, *, user: str = REACTOR, emoji: str = EMOJI, **kw: Any
    ) -> Sent:
        event = {
            "type": "reaction_added",
            "user": user,
            "reaction": emoji,
            "item_user": AUTHOR,
            "item": {"type": "message", "channel": channel, "ts": ts},
            "event_ts": f"{time.time():.6f}",
        }
        return await self.event(event, **kw)

    async def command(self, text: str, *, user: str = AUTHOR, channel: str = GENERAL, **extra: str) -> Sent:
        form = {
            "token": "legacy-verification-token",
            "team_id": TEAM_ID,
            "channel_id": channel,
            "user_id": user,
            "command": "/review",
            "text": text,
            "response_url": self.fake.response_url("command"),
            "trigger_id": "1337.42.abcdef",
            **extra,
        }
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def interaction(self, payload: dict[str, Any]) -> Sent:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def settle(self, timeout: float = 30.0) -> None:
        """Wait until the app has no work left (listeners start just after the ack, so look twice)."""
        work = self.running.bot.services.work
        deadline = time.monotonic() + timeout
        quiet = 0
        while quiet < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            if work.pending:
                quiet = 0
                await work.drain(timeout=max(deadline - time.monotonic(), 0.1))
            else:
                quiet += 1


@pytest.fixture
async def slack(fake_slack: FakeSlack, slack_coach: Coach) -> AsyncIterator[SlackSender]:
    async with running_slack(slack_coach, http=True, port=0, host="127.0.0.1", post_tips=False) as running:
        yield SlackSender(running, fake_slack)


def texts_of(message: dict[str, Any]) -> str:
    """All the words a person would see in a posted message: every text in its blocks, else its text."""
    blocks = message.get("blocks") or []
    if not blocks:
        return str(message.get("text", ""))
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(blocks)
    return "\n".join(found)
