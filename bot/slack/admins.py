"""Who is an admin on Slack: named in PARTY_COACH_ADMINS, or a workspace admin or owner (from users.info)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

logger = logging.getLogger(__name__)

# A role change in Slack reaches the bot within this long, without a users.info call per click.
ADMIN_ANSWER_SECONDS = 300.0


@dataclass
class SlackAdmins:
    """Answers "may this person change settings or see usage?", remembering users.info for a few minutes."""

    clock: Callable[[], float] = time.monotonic
    _answers: dict[str, tuple[float, bool]] = field(default_factory=dict)

    async def is_admin(self, client: AsyncWebClient, user: str, configured: list[str]) -> bool:
        if user in configured:
            return True
        now = self.clock()
        if (known := self._answers.get(user)) is not None and now - known[0] < ADMIN_ANSWER_SECONDS:
            return known[1]
        try:
            answer = await client.users_info(user=user)
        except SlackApiError as exc:
            # Without users:read (or for an unknown user) nobody is a workspace admin;
            # the configured list still works.
            reason = exc.response.get("error")
            logger.warning("slack: users.info failed (%s); only PARTY_COACH_ADMINS count as admins", reason)
            return False
        profile = answer.get("user") or {}
        admin = bool(profile.get("is_admin") or profile.get("is_owner") or profile.get("is_primary_owner"))
        self._answers[user] = (now, admin)
        return admin
