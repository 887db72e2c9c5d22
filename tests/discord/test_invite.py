"""The invite link: logged when the bot is in no server yet, and the README's template asks for the same."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import simcord

from bot.coach import Coach
from bot.discord.client import build_bot
from bot.discord.invite import invite_url

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


async def test_a_bot_in_no_server_logs_the_link_that_invites_it(
    coach: Coach, caplog: pytest.LogCaptureFixture
) -> None:
    bot = build_bot(coach)
    with caplog.at_level(logging.INFO, logger="bot.discord"):
        async with simcord.run(bot):
            assert bot.application_id is not None
            link = invite_url(bot.application_id)
    assert f"discord: not in any server yet; invite it with {link}" in caplog.messages


def test_the_readme_invite_template_asks_for_what_the_bot_needs() -> None:
    """The permissions integer is Discord's sum of the six permissions the README names."""
    assert invite_url("YOUR_APPLICATION_ID") in README
    assert "permissions=274878024704" in invite_url(1)
    for permission in ("View Channels", "Send Messages", "Send Messages in Threads", "Embed Links",
                       "Read Message History", "Attach Files"):  # fmt: skip
        assert f"**{permission}**" in README
