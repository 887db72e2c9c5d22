"""Smoke tests: the real discord.py client, over real HTTP and a real websocket, against a loopback fake.

simcord replaces discord.py's transport; these keep one honest path through it, so a simcord change
can't hide a real break in how Party Coach starts, connects, replies and shuts down.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator

import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route
from pydantic import SecretStr

from bot.coach import Coach
from bot.discord.runner import serve_discord
from bot.errors import ConfigError
from bot.review.draft import Draft
from bot.review.model import Review
from bot.review.reviewer import Reviewer
from tests.discord.fake_discord import (
    DRAFTS_ID,
    GENERAL_ID,
    GUILD_ID,
    MESSAGE_CONTENT_INTENT,
    FakeDiscord,
    message,
    user,
)

PUSHY = "Big launch today! Buy now and DM me for the discount code."
ALICE = user("42", "alice")


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch, coach: Coach) -> AsyncIterator[FakeDiscord]:
    fake = await FakeDiscord().start()
    monkeypatch.setattr(Route, "BASE", fake.base + "/api/v10")
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    coach.settings.discord_token = SecretStr("fake-token")
    coach.settings.discord_drafts_channels = [int(DRAFTS_ID)]
    yield fake
    await fake.close()


async def until_logged(
    caplog: pytest.LogCaptureFixture, text: str, serving: asyncio.Task[None], timeout: float = 10.0
) -> None:
    """Wait for a log line, failing at once (with its error) if the bot stopped instead."""
    async with asyncio.timeout(timeout):
        while text not in caplog.text:
            if serving.done():
                serving.result()
                pytest.fail(f"serve_discord returned before logging {text!r}")
            await asyncio.sleep(0.02)


async def test_connects_becomes_ready_and_replies_to_a_draft(
    fake_discord: FakeDiscord, coach: Coach, caplog: pytest.LogCaptureFixture, unfrozen_heap: None
) -> None:
    stop = asyncio.Event()
    with caplog.at_level(logging.INFO, logger="bot.discord"):
        serving = asyncio.create_task(serve_discord(coach, stop))
        await until_logged(caplog, "discord: ready as Party Coach in 1 server", serving)
        assert gc.get_freeze_count() > 0, "start-up objects are frozen once ready, out of the collector's way"

        await fake_discord.dispatch("MESSAGE_CREATE", message("77", DRAFTS_ID, ALICE, PUSHY))
        [reply] = await fake_discord.wait_for("POST", f"/channels/{DRAFTS_ID}/messages")
        stop.set()
        await asyncio.wait_for(serving, 10)

    assert fake_discord.identified == [fake_discord.identified[0]]
    assert fake_discord.identified[0] & MESSAGE_CONTENT_INTENT
    [synced] = await fake_discord.wait_for("PUT", "/applications/")
    assert {c["name"] for c in synced.json} == {"review", "tip", "coach", "Review draft"}
    [review] = [c for c in synced.json if c["name"] == "review"]
    # Discord's own limit on a slash-command text option, declared so Discord enforces it as people type.
    assert {o["name"]: o.get("max_length") for o in review["options"]} == {"text": 6000, "context": 6000}
    assert str(reply.json["message_reference"]["message_id"]) == "77"
    assert reply.json["embeds"][0]["title"] and reply.json["components"]
    assert reply.json["allowed_mentions"]["parse"] == []
    [row] = coach.log.recent_reviews(platform="discord")
    assert (row["trigger"], row["workspace"], row["user"]) == ("drafts_channel", GUILD_ID, "42")


async def test_a_refused_intent_means_one_clear_line_and_a_bot_that_still_works(
    fake_discord: FakeDiscord, coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    fake_discord.refuse_message_content = True
    fake_discord.messages["78"] = message("78", GENERAL_ID, ALICE, PUSHY)
    stop = asyncio.Event()
    with caplog.at_level(logging.INFO, logger="bot.discord"):
        serving = asyncio.create_task(serve_discord(coach, stop))
        await fake_discord.connected()
        reaction = {"user_id": "42", "channel_id": GENERAL_ID, "message_id": "78", "guild_id": GUILD_ID,
                    "emoji": {"id": None, "name": "🔍"}, "type": 0, "burst": False}  # fmt: skip
        await fake_discord.dispatch("MESSAGE_REACTION_ADD", reaction)
        [reply] = await fake_discord.wait_for("POST", f"/channels/{GENERAL_ID}/messages")
        stop.set()
        await asyncio.wait_for(serving, 10)

    assert [bool(i & MESSAGE_CONTENT_INTENT) for i in fake_discord.identified] == [True, False]
    loops = [t for t in asyncio.all_tasks() if getattr(t.get_coro(), "__qualname__", "") == "Loop._loop"]
    assert loops == [], "neither client leaves its daily-tip loop behind"
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "Discord refused it" in warnings[0]
    assert "the 🔍 reaction can't read messages either" in warnings[0]
    assert str(reply.json["message_reference"]["message_id"]) == "78"


class HeldReviewer:
    """Reviews like the real one, but only once the test lets it finish."""

    def __init__(self, inner: Reviewer) -> None:
        self.inner, self.name = inner, inner.name
        self.model, self.prompt_version = inner.model, inner.prompt_version
        self.started, self.release = asyncio.Event(), asyncio.Event()

    async def review(self, draft: Draft) -> Review:
        self.started.set()
        await self.release.wait()
        return await self.inner.review(draft)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_stopping_lets_a_review_in_progress_finish_and_be_logged(
    fake_discord: FakeDiscord, coach: Coach
) -> None:
    held = HeldReviewer(coach.reviewer)
    coach.reviewer = held
    stop = asyncio.Event()
    serving = asyncio.create_task(serve_discord(coach, stop))
    await fake_discord.connected()

    await fake_discord.dispatch("MESSAGE_CREATE", message("79", DRAFTS_ID, ALICE, PUSHY))
    await asyncio.wait_for(held.started.wait(), 10)
    stop.set()
    await asyncio.sleep(0.2)
    assert not serving.done(), "serve_discord waits for the review in progress"
    held.release.set()
    await asyncio.wait_for(serving, 10)

    [reply] = await fake_discord.wait_for("POST", f"/channels/{DRAFTS_ID}/messages")
    assert str(reply.json["message_reference"]["message_id"]) == "79"
    assert len(coach.log.recent_reviews(platform="discord")) == 1


async def test_a_missing_or_rejected_token_is_one_friendly_error(
    fake_discord: FakeDiscord, coach: Coach
) -> None:
    coach.settings.discord_token = None
    with pytest.raises(ConfigError, match=r"^DISCORD_TOKEN is not set: copy the bot token"):
        await serve_discord(coach, asyncio.Event())

    coach.settings.discord_token = SecretStr("revoked")
    fake_discord.token_is_valid = False
    with pytest.raises(ConfigError, match=r"^Discord didn't accept DISCORD_TOKEN"):
        await asyncio.wait_for(serve_discord(coach, asyncio.Event()), 10)
