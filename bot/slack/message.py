"""A Slack message as Party Coach sends it: Block Kit blocks plus the plain-text fallback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.slack.mrkdwn import escape, fit

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_FALLBACK_CHARS = 3000


@dataclass(frozen=True)
class SlackMessage:
    """`text` is the notification and screen-reader fallback; `blocks` is what people see."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    # For a review: the log fields of the review it shows (platform, channel, review id…), logged once posted.
    about: Mapping[str, object] = field(default_factory=dict)

    def as_kwargs(self) -> dict[str, Any]:
        """Arguments for chat.postMessage / chat.update / chat.postEphemeral / respond()."""
        return {"text": self.text, "blocks": self.blocks}


def section(markdown: str) -> dict[str, Any]:
    """A mrkdwn section, cut to Slack's 3,000-character limit (the caller has escaped the text)."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": fit(markdown, MAX_SECTION_CHARS)}}


def context(markdown: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": fit(markdown, MAX_SECTION_CHARS)}]}


def notice(line: str) -> SlackMessage:
    """One friendly line, as text and as a block (so chat.update also replaces earlier blocks)."""
    return SlackMessage(text=fit(escape(line), MAX_FALLBACK_CHARS), blocks=[section(escape(line))])
