"""`party-coach settings set` asks Slack or Discord whether Party Coach can see the channel before saving."""

from __future__ import annotations

import asyncio
import os
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.store import SuggestionLog
from tests.discord.fake_discord import FakeDiscord
from tests.fakes.slack_server import BOT_TOKEN, FakeSlack
from tests.test_run import closed_port, party_coach

SEEN, GONE, OUTSIDE = "C0SEEN001", "C0GONE001", "C0OUTSIDE"
DISCORD_SEEN, DISCORD_HIDDEN, DISCORD_GONE = "123456789012345678", "223456789012345678", "323456789012345678"
PICKED_UP = "A running bot picks it up within 30 seconds."


def set_role(platform: str, channel: str) -> Result:
    result = CliRunner().invoke(
        cli, ["settings", "set", "--platform", platform, "--channel", channel, "role", "drafts"]
    )
    assert "Traceback" not in result.output
    return result


async def set_discord_role(channel: str, api: str) -> subprocess.CompletedProcess[str]:
    """The command in its own process, so stderr holds everything a person would see, log lines too."""
    args = ("settings", "set", "--platform", "discord", "--channel", channel, "role", "drafts")
    # The fake answers on this loop, so the child is waited for in a thread.
    return await asyncio.to_thread(party_coach, *args, env=dict(os.environ), discord_api=api)


def stored() -> list[tuple[str, str, str, str]]:
    path = Path(os.environ["PARTY_COACH_DB"])
    if not path.exists():
        return []
    log = SuggestionLog(path)
    try:
        return [(r["platform"], r["channel"], r["key"], r["value"]) for r in log.channel_settings()]
    finally:
        log.close()


@pytest.fixture
def fake_slack(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_API_URL", fake.base_url)
    yield fake
    fake.stop()


@pytest.mark.parametrize("channel", [SEEN, OUTSIDE])
def test_slack_a_channel_party_coach_can_see_is_saved(fake_slack: FakeSlack, channel: str) -> None:
    fake_slack.channels.add(SEEN)
    fake_slack.not_in_channel.add(OUTSIDE)  # public, not joined: still visible
    result = set_role("slack", channel)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"Saved for slack channel {channel}: role = drafts. {PICKED_UP}\n"
    assert fake_slack.calls_to("conversations.info") == [{"channel": channel}]
    assert stored() == [("slack", channel, "role", "drafts")]


def test_slack_a_channel_party_coach_can_t_see_is_refused_and_nothing_saved(fake_slack: FakeSlack) -> None:
    fake_slack.add_message(SEEN, "hello")
    result = set_role("slack", GONE)
    assert result.exit_code == 2
    assert result.output == (
        f"Error: channel: Party Coach can't see channel {GONE}: invite it with /invite @Party Coach, "
        "or check the ID\n"
    )
    assert not Path(os.environ["PARTY_COACH_DB"]).exists()  # not even an empty log was made


def test_slack_unreachable_or_refusing_warns_in_one_line_and_saves(
    fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = f"http://127.0.0.1:{closed_port()}/api/"
    monkeypatch.setenv("SLACK_API_URL", api)
    offline = set_role("slack", GONE)
    assert offline.exit_code == 0
    assert offline.stderr == (
        f"Warning: couldn't check that Party Coach can see slack channel {GONE}: "
        f"can't reach the Slack API at {api} (ClientConnectorError). Saving the setting anyway.\n"
    )
    assert offline.stdout.startswith(f"Saved for slack channel {GONE}: role = drafts.")

    monkeypatch.setenv("SLACK_API_URL", fake_slack.base_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked-token")
    refused = set_role("slack", SEEN)
    assert refused.exit_code == 0
    assert refused.stderr == (
        f"Warning: couldn't check that Party Coach can see slack channel {SEEN}: Slack didn't accept "
        "SLACK_BOT_TOKEN (invalid_auth). Saving the setting anyway.\n"
    )
    assert "xoxb-revoked-token" not in refused.output

    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    fake_slack.fail_next("conversations.info", "missing_scope")  # installed before the scopes were asked for
    unscoped = set_role("slack", OUTSIDE)
    assert unscoped.exit_code == 0
    assert unscoped.stderr == (
        f"Warning: couldn't check that Party Coach can see slack channel {OUTSIDE}: the Slack app needs the "
        "channels:read and groups:read scopes (add them, then reinstall the app). "
        "Saving the setting anyway.\n"
    )
    assert stored() == [
        ("slack", GONE, "role", "drafts"),
        ("slack", OUTSIDE, "role", "drafts"),
        ("slack", SEEN, "role", "drafts"),
    ]


def test_slack_without_a_token_only_the_id_s_shape_is_checked(
    fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    result = set_role("slack", GONE)
    assert (result.exit_code, result.stderr) == (0, "")
    assert fake_slack.calls == []
    assert stored() == [("slack", GONE, "role", "drafts")]


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    fake = await FakeDiscord().start()
    monkeypatch.setenv("DISCORD_TOKEN", "fake.discord.token")
    fake.channels[DISCORD_SEEN] = "launches"
    fake.hidden_channels.add(DISCORD_HIDDEN)
    yield fake
    await fake.close()


async def test_discord_a_channel_party_coach_can_see_is_saved(fake_discord: FakeDiscord) -> None:
    result = await set_discord_role(DISCORD_SEEN, fake_discord.base + "/api/v10")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"Saved for discord channel {DISCORD_SEEN}: role = drafts. {PICKED_UP}\n"
    assert [r.path for r in fake_discord.requests if r.path.startswith("/channels/")] == [
        f"/channels/{DISCORD_SEEN}"
    ]
    assert stored() == [("discord", DISCORD_SEEN, "role", "drafts")]


@pytest.mark.parametrize(
    ("channel", "next_step"),
    [
        (
            DISCORD_HIDDEN,
            "add Party Coach to that server, or let it view the channel (channel settings → Permissions), "
            "or check the ID",
        ),
        (DISCORD_GONE, "check the ID (Discord knows no such channel)"),
    ],
)
async def test_discord_a_channel_party_coach_can_t_see_is_refused_and_nothing_saved(
    fake_discord: FakeDiscord, channel: str, next_step: str
) -> None:
    result = await set_discord_role(channel, fake_discord.base + "/api/v10")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"Error: channel: Party Coach can't see channel {channel}: {next_step}\n"
    assert not Path(os.environ["PARTY_COACH_DB"]).exists()


async def test_discord_unreachable_warns_in_one_line_and_saves(fake_discord: FakeDiscord) -> None:
    api = f"http://127.0.0.1:{closed_port()}/api/v10"
    result = await set_discord_role(DISCORD_GONE, api)
    assert result.returncode == 0
    assert result.stderr == (
        f"Warning: couldn't check that Party Coach can see discord channel {DISCORD_GONE}: "
        f"can't reach Discord at {api} (ClientConnectorError). Saving the setting anyway.\n"
    )
    assert stored() == [("discord", DISCORD_GONE, "role", "drafts")]


async def test_discord_a_refused_token_warns_in_one_line_and_saves(fake_discord: FakeDiscord) -> None:
    fake_discord.token_is_valid = False
    result = await set_discord_role(DISCORD_HIDDEN, fake_discord.base + "/api/v10")
    assert result.returncode == 0
    assert result.stderr == (
        f"Warning: couldn't check that Party Coach can see discord channel {DISCORD_HIDDEN}: "
        "Discord didn't accept DISCORD_TOKEN. Saving the setting anyway.\n"
    )
    assert "fake.discord.token" not in result.stdout + result.stderr
    assert stored() == [("discord", DISCORD_HIDDEN, "role", "drafts")]
