"""Helpful / Not helpful buttons on a review: recorded against that review, with a thank-you."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.delivery import answer_clicker
from bot.slack.message import notice
from bot.slack.review_blocks import HELPFUL_ACTION, NOT_HELPFUL_ACTION
from bot.slack.services import SlackServices
from bot.slack.wording import thanks_for_feedback
from bot.wording import SOMETHING_WENT_WRONG


def register(app: AsyncApp, services: SlackServices) -> None:
    async def feedback_clicked(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        user, tell = answer_clicker(client, body)
        helpful = action.get("action_id") == HELPFUL_ACTION

        async def record() -> None:
            await services.coach.record_feedback(int(action["value"]), user, helpful)
            await tell(notice(thanks_for_feedback(helpful)))

        services.work.start(record(), what="feedback", on_failure=lambda: tell(notice(SOMETHING_WENT_WRONG)))

    app.action(HELPFUL_ACTION)(feedback_clicked)
    app.action(NOT_HELPFUL_ACTION)(feedback_clicked)
