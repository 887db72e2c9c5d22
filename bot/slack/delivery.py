"""Getting a review to people: in a thread (placeholder, then the review), or privately to one person."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.errors import DraftError
from bot.review.origin import Origin
from bot.slack.message import SlackMessage, notice
from bot.slack.review_blocks import render_review
from bot.slack.services import SlackServices
from bot.slack.wording import REVIEWING
from bot.wording import SOMETHING_WENT_WRONG, bad_draft

logger = logging.getLogger(__name__)


async def review_to_message(
    services: SlackServices, text: str, context: str | None, origin: Origin
) -> SlackMessage:
    """Run the coach and render the result; a draft it can't take becomes a friendly line."""
    try:
        outcome = await services.coach.review(text, context, origin)
    except DraftError as exc:
        return notice(bad_draft(exc))
    return render_review(outcome, services.coach.principles, rewrite_kept=not services.coach.log.hash_drafts)


async def post_placeholder(
    client: AsyncWebClient, channel: str, thread_ts: str, line: str = REVIEWING
) -> str:
    """Show that a review is on its way, in the thread; return the reply's ts to update later."""
    posted = await client.chat_postMessage(channel=channel, thread_ts=thread_ts, **notice(line).as_kwargs())
    return str(posted["ts"])


async def finished_first(
    services: SlackServices, claim: str, review: Awaitable[SlackMessage]
) -> SlackMessage:
    """The review, once its claim is marked finished: marked before it is shown, so a restarted bot
    never shows it a second time (a crash in between leaves it unshown rather than shown twice)."""
    message = await review
    await services.coach.finish(claim)
    return message


def start_review(
    services: SlackServices, text: str, context: str | None, origin: Origin
) -> asyncio.Task[SlackMessage]:
    """Start reviewing now, so the reviewer works while the placeholder is being posted."""
    return asyncio.create_task(review_to_message(services, text, context, origin))


async def fill_reply(
    client: AsyncWebClient, *, channel: str, reply_ts: str, review: Awaitable[SlackMessage]
) -> None:
    """Replace the placeholder with the review, or with a friendly line if anything goes wrong."""
    try:
        message = await review
    except Exception as exc:
        fields = {"platform": "slack", "channel": channel, "error": type(exc).__name__}
        logger.exception("slack review failed (reply %s in %s)", reply_ts, channel, extra=fields)
        message = notice(SOMETHING_WENT_WRONG)
    await client.chat_update(channel=channel, ts=reply_ts, **message.as_kwargs())
    log_posted(message)


def log_posted(message: SlackMessage) -> None:
    """One line per review a person was shown, with the review's log fields."""
    if message.about:
        logger.info("slack: review %s posted", message.about.get("review_id"), extra=dict(message.about))


async def send_private(
    client: AsyncWebClient,
    message: SlackMessage,
    *,
    user: str,
    channel: str | None = None,
    response_url: str | None = None,
    replace: bool = False,
) -> None:
    """Only `user` sees it: through response_url, else an ephemeral message, else a direct message.

    `replace` swaps it in for the private message the command answered with ("Reviewing your draft…"),
    so the person sees one message rather than a placeholder followed by the review.
    """
    if response_url:
        hook = AsyncWebhookClient(
            response_url, retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)]
        )
        try:
            sent = await hook.send(**message.as_kwargs(), response_type="ephemeral", replace_original=replace)
            if sent.status_code == 200:
                log_posted(message)
                return
            logger.warning("slack response_url answered %s; trying an ephemeral message", sent.status_code)
        except (aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("slack response_url failed (%s); trying an ephemeral message", exc)
    if channel:
        try:
            await client.chat_postEphemeral(channel=channel, user=user, **message.as_kwargs())
            log_posted(message)
            return
        except SlackApiError as exc:
            logger.warning(
                "slack chat.postEphemeral in %s failed (%s); sending a DM", channel, exc.response["error"]
            )
    await client.chat_postMessage(channel=user, **message.as_kwargs())
    log_posted(message)


def answer_clicker(
    client: AsyncWebClient, body: dict[str, Any]
) -> tuple[str, Callable[[SlackMessage], Awaitable[None]]]:
    """Who clicked a button, and a way to answer only them."""
    user = str(body["user"]["id"])
    channel = (body.get("channel") or {}).get("id")
    response_url = body.get("response_url")

    async def tell(message: SlackMessage) -> None:
        await send_private(client, message, user=user, channel=channel, response_url=response_url)

    return user, tell
