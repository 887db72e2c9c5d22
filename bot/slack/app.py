"""Wire the Slack app: one Web API client, Bolt's AsyncApp, every listener, the tip and digest posters."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.web.async_client import AsyncWebClient

from bot.coach import Coach
from bot.errors import ConfigError
from bot.slack.client import make_web_client
from bot.slack.daily_tip import DailyTipPoster, utc_now
from bot.slack.digest import DigestPoster
from bot.slack.listeners import register_all
from bot.slack.services import SlackServices

BOLT_LOGGER = logging.getLogger("bot.slack.bolt")


class SkipTokenUnusedWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment by itself and then warns that it goes unused,
    on every start; the token does reach Slack, through `authorize`, so the warning only misleads."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


BOLT_LOGGER.addFilter(SkipTokenUnusedWarning())


@dataclass
class SlackBot:
    app: AsyncApp
    client: AsyncWebClient
    services: SlackServices
    tips: DailyTipPoster
    authorize: Callable[[], Awaitable[AuthorizeResult]]
    digests: DigestPoster


def cached_authorization(client: AsyncWebClient) -> Callable[[], Awaitable[AuthorizeResult]]:
    """auth.test once, then the same answer for every request, so a burst of events costs one call."""
    found: list[AuthorizeResult] = []
    lock = asyncio.Lock()

    async def authorize() -> AuthorizeResult:
        async with lock:
            if not found:
                answer = await client.auth_test()
                found.append(
                    AuthorizeResult.from_auth_test_response(bot_token=client.token, auth_test_response=answer)
                )
        return found[0]

    return authorize


def build_slack_bot(
    coach: Coach, *, client: AsyncWebClient | None = None, now: Callable[[], datetime] = utc_now
) -> SlackBot:
    """The whole Slack bot over `coach`; the client (and so SLACK_API_URL) decides where Web API calls go."""
    settings = coach.settings
    client = client or make_web_client(settings)
    if not client.token:
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your Slack app"
        )
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
    authorize = cached_authorization(client)
    # Bolt copies this client (base URL, session, retries) for each request and adds the token from
    # `authorize`, so every call, auth.test included, goes to SLACK_API_URL.
    bolt_client = AsyncWebClient(
        base_url=client.base_url,
        session=client.session,
        logger=client.logger,
        retry_handlers=client.retry_handlers,
    )
    app = AsyncApp(
        client=bolt_client,
        authorize=authorize,
        signing_secret=secret,
        name="party-coach",
        logger=BOLT_LOGGER,
    )
    services = SlackServices(coach)
    register_all(app, services)
    tips = DailyTipPoster(coach, client, now=now)
    digests = DigestPoster(coach, client, now=now)  # to the same tip channels, read from the coach each week
    return SlackBot(
        app=app, client=client, services=services, tips=tips, authorize=authorize, digests=digests
    )
