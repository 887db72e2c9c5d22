"""Message shortcut "Review with Party Coach": a private review of any message."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.access_gate import refusal_for
from bot.slack.delivery import review_to_message, send_private
from bot.slack.message import notice
from bot.slack.message_reader import thread_of
from bot.slack.mrkdwn import plain_text
from bot.slack.services import SlackServices, slack_origin
from bot.slack.thread_context import parent_text
from bot.slack.wording import REVIEWING_MESSAGE
from bot.wording import NO_TEXT, SOMETHING_WENT_WRONG

SHORTCUT_ID = "review_message"


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.shortcut(SHORTCUT_ID)
    async def review_message_shortcut(
        ack: AsyncAck, shortcut: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        user = str(shortcut["user"]["id"])
        channel = (shortcut.get("channel") or {}).get("id")
        response_url = shortcut.get("response_url")
        message = shortcut.get("message") or {}
        team = (shortcut.get("team") or {}).get("id")

        async def tell(line: str) -> None:
            await send_private(client, notice(line), user=user, channel=channel, response_url=response_url)

        async def review_and_reply() -> None:
            refused = await refusal_for(services, client, user=user, channel=channel)
            if refused is not None:
                await tell(refused)
                return
            text = plain_text(message.get("text") or "")
            if not text.strip():
                await tell(NO_TEXT)
                return
            await tell(REVIEWING_MESSAGE)
            author = message.get("user") or user
            ts = message.get("ts")
            thread = thread_of(message) if ts else None
            origin = slack_origin("shortcut", team=team, channel=channel, user=author, ts=ts, thread=thread)
            replying_to = await parent_text(client, channel, message) if channel else None
            result = await review_to_message(services, text, replying_to, origin)
            await send_private(client, result, user=user, channel=channel, response_url=response_url)

        services.work.start(
            review_and_reply(), what="shortcut", on_failure=lambda: tell(SOMETHING_WENT_WRONG)
        )
