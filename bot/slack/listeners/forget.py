"""/review forget me: after a Confirm / Cancel question, delete everything logged about the person."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.delivery import send_private
from bot.slack.message import SlackMessage, notice, section
from bot.slack.mrkdwn import escape, plain_text
from bot.slack.services import SlackServices
from bot.slack.wording import COMMAND
from bot.store import Forgotten
from bot.wording import (
    FORGET_CANCEL,
    FORGET_CANCELLED,
    FORGET_CONFIRM,
    NOTHING_TO_FORGET,
    SOMETHING_WENT_WRONG,
    forget_question,
    forgotten,
)

FORGET_WORDS = {"forget me", "forget"}
CONFIRM_ACTION = "forget_confirm"
CANCEL_ACTION = "forget_cancel"


async def asks_to_forget(command: dict[str, Any]) -> bool:
    return " ".join(plain_text(command.get("text") or "").lower().split()) in FORGET_WORDS


def question_message(found: Forgotten) -> SlackMessage:
    """The private question, with the two buttons."""
    line = forget_question(found)
    buttons = [
        {
            "type": "button",
            "action_id": CONFIRM_ACTION,
            "style": "danger",
            "text": {"type": "plain_text", "text": FORGET_CONFIRM},
            "value": "forget",
        },
        {
            "type": "button",
            "action_id": CANCEL_ACTION,
            "text": {"type": "plain_text", "text": FORGET_CANCEL},
            "value": "keep",
        },
    ]
    return SlackMessage(
        text=escape(line), blocks=[section(escape(line)), {"type": "actions", "elements": buttons}]
    )


def register(app: AsyncApp, services: SlackServices) -> None:
    coach = services.coach

    def private(
        client: AsyncWebClient, user: str, channel: str | None, response_url: str | None
    ) -> Callable[..., Awaitable[None]]:
        async def tell(message: SlackMessage, replace: bool = False) -> None:
            await send_private(
                client, message, user=user, channel=channel, response_url=response_url, replace=replace
            )

        return tell

    # Registered before the /review listener, so this one answers "forget me" and the other never sees it.
    @app.command(COMMAND, matchers=[asks_to_forget])
    async def forget_command(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user = str(command["user_id"])
        tell = private(client, user, command.get("channel_id"), command.get("response_url"))

        async def ask() -> None:
            found = await coach.in_log_thread(coach.log.user_rows, user)
            await tell(notice(NOTHING_TO_FORGET) if found.rows == 0 else question_message(found))

        services.work.start(ask(), what="forget", on_failure=lambda: tell(notice(SOMETHING_WENT_WRONG)))

    async def answered(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        # Whoever clicks is whose rows go: the question was private to them, and the button carries no id.
        user = str(body["user"]["id"])
        channel = (body.get("channel") or {}).get("id")
        tell = private(client, user, channel, body.get("response_url"))

        async def delete() -> None:
            if action.get("action_id") == CONFIRM_ACTION:
                removed = await coach.in_log_thread(coach.log.forget_user, user)
                await tell(notice(forgotten(removed)), replace=True)
            else:
                await tell(notice(FORGET_CANCELLED), replace=True)

        services.work.start(delete(), what="forget", on_failure=lambda: tell(notice(SOMETHING_WENT_WRONG)))

    app.action(CONFIRM_ACTION)(answered)
    app.action(CANCEL_ACTION)(answered)
