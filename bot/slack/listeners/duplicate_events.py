"""Drop an event Slack delivers twice (a retry, or a duplicate delivery) before any listener sees it.

This is the fast, in-memory first line. The lasting guard is each trigger's claim on the message
version in the log (`coach.claim`), which also holds across restarts.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.response import BoltResponse

from bot.slack.services import SlackServices

REMEMBERED_EVENTS = 10_000


class RecentEventIds:
    def __init__(self, size: int = REMEMBERED_EVENTS) -> None:
        self.size = size
        self._seen: OrderedDict[str, None] = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        if event_id in self._seen:
            return False
        self._seen[event_id] = None
        if len(self._seen) > self.size:
            self._seen.popitem(last=False)
        return True


def register(app: AsyncApp, services: SlackServices) -> None:
    recent = RecentEventIds()

    @app.middleware
    async def drop_repeated_events(
        body: dict[str, Any], next: Callable[[], Awaitable[BoltResponse | None]]
    ) -> BoltResponse | None:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if isinstance(event_id, str) and not recent.first_time(event_id):
            return BoltResponse(status=200, body="")
        return await next()
