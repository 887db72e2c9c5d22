"""Slack text in and out: turn a message's markup into plain text, and make safe, size-bounded mrkdwn."""

from __future__ import annotations

import re

from bot.text_fit import shorten

_LINK = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")


def plain_text(slack_text: str) -> str:
    """What a reader sees: `<@U1>` becomes @someone, `<url|label>` its label, entities decoded."""

    def readable(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            return f"@{label}" if label else "@someone"
        if target.startswith("#"):
            return f"#{label}" if label else "#channel"
        if target.startswith("!"):
            special = target[1:].split("^")[0]
            return f"@{label or special}"
        return label or target

    text = _LINK.sub(readable, slack_text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def escape(text: str) -> str:
    """Escape text for mrkdwn so a draft can never ping @channel or forge a link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def whole_entities(cut: str) -> str:
    """Drop an entity cut in half at the end (`&am`), so escaped text never shows a broken one."""
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        return cut[:amp]
    return cut


def fit(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters, marking the cut, without leaving half an entity."""
    return shorten(text, limit, tidy=whole_entities)


def quote(text: str) -> str:
    """Escaped text as a mrkdwn block quote, line by line."""
    return "\n".join(f">{line}" if line else ">" for line in escape(text).split("\n"))
