"""`party-coach doctor` tells the truth about Message Content Intent: the review reaction needs it too."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import cli


@pytest.mark.parametrize("drafts_channels", ["", "123456789012345678"], ids=["no drafts channels", "drafts"])
def test_doctor_says_the_reaction_needs_the_portal_switch(
    monkeypatch: pytest.MonkeyPatch, drafts_channels: str
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "fake.discord.token")
    monkeypatch.setenv("DISCORD_DRAFTS_CHANNELS", drafts_channels)
    monkeypatch.setenv("DISCORD_REVIEW_EMOJI", "👀")
    output = CliRunner().invoke(cli, ["doctor"]).output
    [hint] = [line for line in output.splitlines() if "Developer Portal" in line]
    assert "the 👀 reaction" in hint
