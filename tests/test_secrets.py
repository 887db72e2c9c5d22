"""No configured secret reaches a log line (DEBUG, text or JSON), an error, or the suggestion log's file.

One session runs everything that handles a secret: Slack in HTTP mode with signed requests (and one
badly signed), Discord through the real discord.py client against the loopback fake (which is where
DISCORD_TOKEN is really sent; simcord never sends one), an AI review through the fake OpenAI server,
an AI failure whose error echoes the API key (as some servers do), and configuration errors.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
import yarl
from click.testing import CliRunner
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.cli import cli
from bot.coach import build_coach
from bot.discord.runner import serve_discord
from bot.errors import ConfigError
from bot.settings import load_settings
from bot.slack.runner import running_slack
from tests.conftest import CapturedLog
from tests.discord.fake_discord import DRAFTS_ID, FakeDiscord, message, user
from tests.fakes.openai_server import FakeOpenAI
from tests.fakes.slack_server import FakeSlack
from tests.slack.conftest import DRAFTS, GENERAL, SlackSender

# Distinctive values, each with a core that no other text would contain by chance.
SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-4242-SECRETslackbot7f3a9c",
    "SLACK_SIGNING_SECRET": "SECRETsigning4b8e2d0c",
    "SLACK_APP_TOKEN": "xapp-1-SECRETslackapp1c6f0a",
    "DISCORD_TOKEN": "MTAw.SECRETdiscord9d2e5b.token",
    "OPENAI_API_KEY": "sk-proj-SECRETopenai3e7b1f",
}
PUSHY = "Buy now! Huge discount on our course, sign up today."


def cores(secret: str) -> list[str]:
    """The whole secret and its distinctive middle, so a half-masked copy is found too."""
    return [secret, next(part for part in secret.replace("-", ".").split(".") if "SECRET" in part)]


def leaks(where: str, text: str) -> list[str]:
    return [f"{name} in {where}" for name, value in SECRETS.items() for core in cores(value) if core in text]


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack(token=SECRETS["SLACK_BOT_TOKEN"]).start()
    yield fake
    fake.stop()


@pytest.fixture
def secret_env(monkeypatch: pytest.MonkeyPatch, fake_slack: FakeSlack, fake_openai: FakeOpenAI) -> None:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("SLACK_API_URL", fake_slack.base_url)
    monkeypatch.setenv("SLACK_DRAFTS_CHANNELS", DRAFTS)
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("PARTY_COACH_REVIEWER", "llm")
    monkeypatch.setenv("PARTY_COACH_LLM_RETRIES", "0")


async def slack_session(fake: FakeSlack, fake_openai: FakeOpenAI) -> list[str]:
    """Reviews through Slack's HTTP mode; returns what the bot said in errors along the way."""
    coach = build_coach(load_settings())
    try:
        async with running_slack(coach, http=True, port=0, host="127.0.0.1", post_tips=False) as running:
            slack = SlackSender(running, fake, secret=SECRETS["SLACK_SIGNING_SECRET"])
            fake_openai.mode = "unauthorized"  # its error message repeats the API key
            await slack.command(PUSHY)
            await slack.settle()
            fake_openai.mode = "ok"
            post = fake.add_message(GENERAL, PUSHY + " Again.")
            await slack.reaction(GENERAL, post["ts"])
            draft = fake.add_message(DRAFTS, "Anyone tried shorter onboarding calls? What worked?")
            await slack.event({"type": "message", "channel": DRAFTS, **draft})
            fake.fail_next("chat.update", "invalid_auth")
            await slack.reaction(GENERAL, fake.add_message(GENERAL, PUSHY + " Third.")["ts"])
            await slack.settle()
            assert (await SlackSender(running, fake, secret="wrong").command(PUSHY)).status == 401
            async with aiohttp.ClientSession() as session, session.get(f"{slack.url}/health") as response:
                health = await response.text()
        assert fake_openai.headers[0]["authorization"] == f"Bearer {SECRETS['OPENAI_API_KEY']}"
        assert any(call.token == SECRETS["SLACK_BOT_TOKEN"] for call in fake.calls)
        assert len(coach.log.recent_reviews()) == 4
    finally:
        await coach.aclose()
    rejected = FakeSlack(token="xoxb-someone-else").start()
    try:
        coach = build_coach(load_settings(slack_api_url=rejected.base_url))
        with pytest.raises(ConfigError) as refused:
            async with running_slack(coach, http=True, port=0, host="127.0.0.1"):
                pass
        await coach.aclose()
    finally:
        rejected.stop()
    return [health, str(refused.value), fake.everything_shown()]


async def discord_session(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A review through the real discord.py client, then a rejected token."""
    fake = await FakeDiscord().start()
    monkeypatch.setattr(Route, "BASE", fake.base + "/api/v10")
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
    coach = build_coach(load_settings())
    coach.settings.discord_drafts_channels = [int(DRAFTS_ID)]
    try:
        stop = asyncio.Event()
        serving = asyncio.create_task(serve_discord(coach, stop))
        await fake.connected()
        await fake.dispatch("MESSAGE_CREATE", message("77", DRAFTS_ID, user("42", "alice"), PUSHY))
        [reply] = await fake.wait_for("POST", f"/channels/{DRAFTS_ID}/messages")
        stop.set()
        await asyncio.wait_for(serving, 10)
        fake.token_is_valid = False
        with pytest.raises(ConfigError) as refused:
            await asyncio.wait_for(serve_discord(coach, asyncio.Event()), 10)
    finally:
        await coach.aclose()
        await fake.close()
    return [str(reply.json), str(refused.value)]


def config_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What `party-coach` says about secrets it can't use: a user token as the bot token, a bad app token."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxp-" + SECRETS["SLACK_BOT_TOKEN"].removeprefix("xoxb-"))
    monkeypatch.setenv("SLACK_APP_TOKEN", SECRETS["SLACK_APP_TOKEN"].replace("xapp-", "xoxb-"))
    shown = []
    for args in (["run", "slack"], ["doctor"], ["doctor", "--check"]):
        result = CliRunner().invoke(cli, args, env={"PARTY_COACH_LOG_LEVEL": "DEBUG"})
        assert result.exit_code != 0 or args == ["doctor"], result.output
        shown.append(result.output)
    return shown


async def test_no_secret_reaches_a_log_line_an_error_or_the_log_file(
    secret_env: None,
    fake_slack: FakeSlack,
    fake_openai: FakeOpenAI,
    captured_log: CapturedLog,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    shown = await slack_session(fake_slack, fake_openai)
    shown += await discord_session(monkeypatch)
    shown += await asyncio.to_thread(config_errors, monkeypatch)

    assert captured_log.about("posted"), "the session logged its reviews"
    debug_from = {str(line["logger"]) for line in captured_log.json_lines() if line["level"] == "DEBUG"}
    # The libraries' DEBUG chatter, where a token or a key would show first, is in the capture.
    assert {"openai._base_client", "discord.http", "bot.slack.web", "bot.slack.bolt"} <= debug_from
    found = leaks("the text log", captured_log.text)
    found += leaks("the JSON log", "\n".join(map(str, captured_log.json_lines())))
    found += [leak for n, text in enumerate(shown) for leak in leaks(f"message {n}", text)]
    for db_file in sorted(tmp_path.glob("log.db*")):
        found += leaks(db_file.name, db_file.read_bytes().decode("latin-1"))
    assert found == []
