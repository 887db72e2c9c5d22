"""React with the review emoji to any message: the review appears in its thread, once per message version."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.review.draft import message_version
from bot.slack.access_gate import refusal_for
from bot.slack.delivery import fill_reply, post_placeholder, send_private, start_review
from bot.slack.message import notice
from bot.slack.message_reader import MessageUnreadable, read_message, thread_of
from bot.slack.mrkdwn import plain_text
from bot.slack.services import SlackServices, slack_origin
from bot.slack.thread_context import parent_text
from bot.wording import NO_TEXT, SOMETHING_WENT_WRONG


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.event("reaction_added")
    async def review_emoji_added(
        event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        item = event.get("item") or {}
        if item.get("type") != "message":
            return
        reactor, channel = str(event["user"]), str(item["channel"])
        if event.get("reaction") != (await services.coach.channel_config("slack", channel)).review_emoji:
            return

        async def sorry() -> None:
            await send_private(client, notice(SOMETHING_WENT_WRONG), user=reactor, channel=channel)

        job = review_reacted_message(services, client, context, reactor, channel, str(item["ts"]))
        services.work.start(job, what="reaction", on_failure=sorry)


async def review_reacted_message(
    services: SlackServices,
    client: AsyncWebClient,
    context: AsyncBoltContext,
    reactor: str,
    channel: str,
    ts: str,
) -> None:
    refused = await refusal_for(services, client, user=reactor, channel=channel)
    if refused is not None:
        await send_private(client, notice(refused), user=reactor, channel=channel)  # only they see it
        return
    try:
        message = await read_message(client, channel, ts)
    except MessageUnreadable as exc:
        await send_private(client, notice(str(exc)), user=reactor, channel=channel)
        return
    if message.get("user") == context.bot_user_id:
        return  # a reaction on one of our own reviews
    text = plain_text(message.get("text") or "")
    if not text.strip():
        await send_private(client, notice(NO_TEXT), user=reactor, channel=channel)
        return
    claim = f"slack:reaction:{channel}:{ts}:{message_version(text)}"
    if not await services.coach.claim(claim):
        return  # this version of the message has been reviewed already
    author = message.get("user") or reactor
    thread = thread_of(message)
    origin = slack_origin(
        "reaction", team=context.team_id, channel=channel, user=author, ts=ts, thread=thread
    )
    review = None
    try:
        review = start_review(services, text, await parent_text(client, channel, message), origin)
        reply_ts = await post_placeholder(client, channel, thread)
    except Exception:
        if review is not None:
            review.cancel()
        await services.coach.release(claim)  # so that reacting again tries again
        raise
    await fill_reply(client, channel=channel, reply_ts=reply_ts, review=review)
