"""The /review form, submitted: check the fields (errors show in the form), then review privately."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.errors import DraftError
from bot.review.draft import check_draft_text
from bot.slack.access_gate import refusal_for
from bot.slack.delivery import review_to_message, send_private
from bot.slack.message import notice
from bot.slack.modal_view import CONTEXT_BLOCK, DRAFT_BLOCK, MODAL_ID, read_submission
from bot.slack.mrkdwn import fit
from bot.slack.services import SlackServices, slack_origin
from bot.wording import SOMETHING_WENT_WRONG

MAX_FORM_ERROR_CHARS = 150


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.view(MODAL_ID)
    async def review_form_submitted(
        ack: AsyncAck, view: dict[str, Any], body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        draft, context, metadata = read_submission(view)
        errors = form_errors(draft, context)
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        await ack()
        user = str(body["user"]["id"])
        channel = metadata.get("channel")
        response_url = metadata.get("response_url")
        origin = slack_origin("modal", team=(body.get("team") or {}).get("id"), channel=channel, user=user)

        async def review_and_reply() -> None:
            refused = await refusal_for(services, client, user=user, channel=channel)
            if refused is not None:
                await send_private(
                    client, notice(refused), user=user, channel=channel, response_url=response_url
                )
                return
            message = await review_to_message(services, draft, context, origin)
            await send_private(client, message, user=user, channel=channel, response_url=response_url)

        async def sorry() -> None:
            await send_private(
                client, notice(SOMETHING_WENT_WRONG), user=user, channel=channel, response_url=response_url
            )

        services.work.start(review_and_reply(), what="review form", on_failure=sorry)


def form_errors(draft: str, context: str | None) -> dict[str, str]:
    """What's wrong with each field, in the words the coach would use."""
    errors: dict[str, str] = {}
    for block, text, what in ((DRAFT_BLOCK, draft, "draft"), (CONTEXT_BLOCK, context, "context")):
        if text is None or (block == CONTEXT_BLOCK and not text.strip()):
            continue
        try:
            check_draft_text(text, what=what)
        except DraftError as exc:
            reason = str(exc)
            errors[block] = fit(reason[:1].upper() + reason[1:], MAX_FORM_ERROR_CHARS)
    return errors
