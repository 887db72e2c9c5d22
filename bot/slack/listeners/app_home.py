"""App Home: a person's recent reviews and pushy rate by week; for admins, the workspace's usage too."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.insights.digest import person_week
from bot.insights.wording import digest_lines
from bot.slack.home_view import home_view
from bot.slack.services import SlackServices
from bot.usage import recent_usage
from bot.wording import usage_summary

RECENT_REVIEWS = 10


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.event("app_home_opened")
    async def app_home_opened(
        event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        if event.get("tab", "home") != "home":
            return
        job = publish_home(services, client, str(event["user"]), context.team_id)
        services.work.start(job, what="app home")


async def publish_home(
    services: SlackServices, client: AsyncWebClient, user: str, team: str | None = None
) -> None:
    coach = services.coach
    usage = None
    if await services.admins.is_admin(client, user, services.settings.admins):
        found = await coach.in_log_thread(
            recent_usage, coach.log, services.settings, platform="slack", workspace=team
        )
        usage = usage_summary(found)
    reviews = await coach.in_log_thread(
        coach.log.recent_reviews, user=user, platform="slack", limit=RECENT_REVIEWS
    )
    weeks = await coach.in_log_thread(coach.log.weekly_pushy_rate, "slack", user)
    zone = coach.settings.tip_timezone
    mine = await coach.in_log_thread(person_week, coach.log, "slack", user, zone, datetime.now(UTC))
    your_week = digest_lines(mine, coach.principles)
    view = home_view(reviews, weeks, services.coach.principles, services.review_emoji, your_week, usage)
    await client.views_publish(user_id=user, view=view)
