"""The post a threaded reply answers, so the coach can judge the reply in context."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.mrkdwn import plain_text

logger = logging.getLogger(__name__)


async def parent_text(client: AsyncWebClient, channel: str, message: dict[str, Any]) -> str | None:
    """The thread's first message when `message` is a reply in a thread; None otherwise or if unreadable."""
    thread_ts = message.get("thread_ts")
    if not thread_ts or thread_ts == message.get("ts"):
        return None
    try:
        replies = await client.conversations_replies(channel=channel, ts=thread_ts, limit=1)
    except SlackApiError as exc:
        logger.info("slack: can't read the thread parent in %s (%s)", channel, exc.response.get("error"))
        return None
    for parent in replies.get("messages") or []:
        if parent.get("ts") == thread_ts:
            return plain_text(parent.get("text") or "") or None
    return None
