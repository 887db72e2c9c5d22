"""The last safety net: an exception a listener lets escape is logged; the person gets a friendly line."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse

from bot.slack.message import notice
from bot.slack.services import SlackServices
from bot.wording import SOMETHING_WENT_WRONG

logger = logging.getLogger(__name__)


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.error
    async def on_listener_error(
        error: Exception, body: dict[str, Any], respond: AsyncRespond | None, response: BoltResponse | None
    ) -> BoltResponse | None:
        logger.error("slack listener failed on a %s request", body.get("type", "command"), exc_info=error)
        if respond is not None:
            try:
                await respond(
                    **notice(SOMETHING_WENT_WRONG).as_kwargs(),
                    response_type="ephemeral",
                    replace_original=False,
                )
            except Exception:
                logger.exception("slack: couldn't tell the person a listener failed")
        # Answer 200 so Slack shows no raw error and doesn't retry a request that will fail again.
        return BoltResponse(status=200, body="") if response is not None else None
