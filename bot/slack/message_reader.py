"""Read one message by channel and ts, whether it is top-level or a reply in a thread."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.wording import CANT_READ, MESSAGE_GONE

CANT_READ_ERRORS = {"not_in_channel", "channel_not_found", "missing_scope", "access_denied", "is_archived"}


class MessageUnreadable(Exception):
    """The bot can't read the message; `str(err)` is the line to show the person who asked."""


async def read_message(client: AsyncWebClient, channel: str, ts: str) -> dict[str, Any]:
    """The message at `ts` in `channel`; raises MessageUnreadable with a friendly reason."""
    try:
        history = await client.conversations_history(
            channel=channel, latest=ts, oldest=ts, inclusive=True, limit=1
        )
        found = _with_ts(history.get("messages") or [], ts)
        if found is None:
            replies = await client.conversations_replies(
                channel=channel, ts=ts, latest=ts, oldest=ts, inclusive=True, limit=2
            )
            found = _with_ts(replies.get("messages") or [], ts)
    except SlackApiError as exc:
        error = exc.response.get("error", "")
        if error in CANT_READ_ERRORS:
            raise MessageUnreadable(CANT_READ) from None
        if error in ("thread_not_found", "message_not_found"):
            raise MessageUnreadable(MESSAGE_GONE) from None
        raise
    if found is None:
        raise MessageUnreadable(MESSAGE_GONE)
    return found


def _with_ts(messages: list[dict[str, Any]], ts: str) -> dict[str, Any] | None:
    return next((m for m in messages if m.get("ts") == ts), None)


def thread_of(message: dict[str, Any]) -> str:
    """Where a reply to this message belongs: its own thread, or the thread it is already in."""
    return str(message.get("thread_ts") or message["ts"])


def is_from_a_person(message: dict[str, Any]) -> bool:
    return (
        not message.get("bot_id")
        and message.get("subtype") not in ("bot_message",)
        and bool(message.get("user"))
    )
