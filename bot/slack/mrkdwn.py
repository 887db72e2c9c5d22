"""Slack text in and out: turn a message's markup into plain text, and make safe, size-bounded mrkdwn."""

from __future__ import annotations

import re

ELLIPSIS = "…"
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


def fit(text: str, limit: int) -> str:
    """Cut text to at most `limit` characters, marking the cut, without leaving half an entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + ELLIPSIS


def quote(text: str) -> str:
    """Escaped text as a mrkdwn block quote, line by line."""
    return "\n".join(f">{line}" if line else ">" for line in escape(text).split("\n"))


def split_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit` characters, preferring line breaks, then spaces."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n ") if cut < limit else rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces
