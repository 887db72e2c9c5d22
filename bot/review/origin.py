"""Where a draft came from: platform, place, person and trigger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Trigger = Literal["cli", "slash", "reaction", "drafts_channel", "shortcut", "context_menu", "modal", "edit"]


@dataclass(frozen=True)
class Origin:
    platform: str = "cli"
    workspace: str | None = None
    channel: str | None = None
    user: str | None = None
    trigger: str = "cli"
    message_id: str | None = None
    # The conversation the draft was asked about in (a Slack thread's ts, a Discord thread's id), so a new
    # draft there counts as a revision of the last one; None outside a thread.
    thread: str | None = None


CLI_ORIGIN = Origin()
