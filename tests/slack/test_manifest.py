"""manifest.yml asks Slack for everything the app listens to and every scope its calls need."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.slack.listeners.shortcut import SHORTCUT_ID
from bot.slack.wording import COMMAND

MANIFEST = (Path(__file__).resolve().parents[2] / "manifest.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "needed",
    [
        f"command: {COMMAND}",
        f"callback_id: {SHORTCUT_ID}",
        "type: message",
        "- reaction_added",
        "- message.channels",
        "- message.groups",
        "- app_home_opened",
        "home_tab_enabled: true",
        "is_enabled: true",
        "socket_mode_enabled: true",
        "- commands",
        "- chat:write",
        "- chat:write.public",
        "- channels:history",
        "- groups:history",
        "- reactions:read",
        "- files:write",
        "- users:read",
        "/slack/events",
    ],
)
def test_manifest_has(needed: str) -> None:
    assert needed in MANIFEST
