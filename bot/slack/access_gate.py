"""Who may ask for a review on Slack: the core's allow and deny lists; admins are never refused."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from bot.access import refusal_line
from bot.slack.services import SlackServices


async def refusal_for(
    services: SlackServices, client: AsyncWebClient, *, user: str, channel: str | None
) -> str | None:
    """The polite line for someone outside the lists, or None if they may ask."""
    refusal = services.coach.access.refusal(user=user, places=(channel,))
    if refusal is None:
        return None
    # Only someone the lists refuse costs a users.info call (remembered for a few minutes).
    if await services.admins.is_admin(client, user, services.settings.admins):
        return None
    return refusal_line(refusal)
