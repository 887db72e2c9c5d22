"""Who may ask for a review on Slack: the core's allow and deny lists; admins are never refused."""

from __future__ import annotations

import asyncio
import logging

from slack_sdk.web.async_client import AsyncWebClient

from bot.access import refusal_line
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)

# Before acknowledging a command, the admin check must leave room in Slack's 3-second deadline.
BEFORE_ACK_SECONDS = 1.5


async def refusal_for(
    services: SlackServices,
    client: AsyncWebClient,
    *,
    user: str,
    channel: str | None,
    within: float | None = None,
) -> str | None:
    """The polite line for someone outside the lists, or None if they may ask."""
    refusal = services.coach.access.refusal(user=user, places=(channel,))
    if refusal is None:
        return None
    # Only someone the lists refuse costs a users.info call (remembered for a few minutes).
    try:
        async with asyncio.timeout(within):
            admin = await services.admins.is_admin(client, user, services.settings.admins)
    except TimeoutError:
        logger.warning("slack: users.info was too slow to tell whether %s is a workspace admin", user)
        admin = False
    return None if admin else refusal_line(refusal)
