"""Which bot reply in a thread holds the review of a drafts-channel message, kept as claim keys.

The key `slack:reply:{channel}:{message_ts}:{reply_ts}` lives in the log's claims table, so the
mapping survives restarts without a table of its own, and `purge` ages it out with the rest.
"""

from __future__ import annotations

from bot.coach import Coach

PREFIX = "slack:reply:"


async def remember_reply(coach: Coach, channel: str, message_ts: str, reply_ts: str) -> None:
    await coach.claim(f"{PREFIX}{channel}:{message_ts}:{reply_ts}")


async def find_reply(coach: Coach, channel: str, message_ts: str) -> str | None:
    """The latest review reply remembered for this message, if any."""
    keys = await coach.claims_with_prefix(f"{PREFIX}{channel}:{message_ts}:")
    return keys[-1].rsplit(":", 1)[1] if keys else None
