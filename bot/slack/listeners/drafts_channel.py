"""Drafts channels: each new top-level post from a person is reviewed in its thread; edits update it."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.review.draft import message_version
from bot.slack.access_gate import refusal_for
from bot.slack.delivery import fill_reply, finished_first, post_placeholder, send_private, start_review
from bot.slack.message import notice
from bot.slack.message_reader import is_from_a_person, thread_of
from bot.slack.mrkdwn import plain_text
from bot.slack.reply_map import find_reply, remember_reply
from bot.slack.services import SlackServices, slack_origin
from bot.slack.wording import REVIEWING, REVIEWING_EDIT
from bot.wording import SOMETHING_WENT_WRONG

NEW_POST_SUBTYPES = {None, "file_share"}
EDITED = "message_changed"
EDITED_TRIGGER = "edit"


def register(app: AsyncApp, services: SlackServices) -> None:
    # Registered for every channel so that no message event goes unhandled (Bolt would log a warning).
    @app.event("message")
    async def drafts_channel_message(
        event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        channel = str(event.get("channel", ""))
        if not (await services.coach.channel_config("slack", channel)).drafts:
            return
        subtype = event.get("subtype")
        if subtype in NEW_POST_SUBTYPES:
            message, trigger = event, "drafts_channel"
        elif subtype == EDITED:
            message, trigger = event.get("message") or {}, EDITED_TRIGGER
        else:
            return  # joins, leaves, topic changes, deletions, bot posts...
        if not is_from_a_person(message) or message.get("user") == context.bot_user_id:
            return
        if thread_of(message) != message.get("ts"):
            return  # a reply in a thread is a conversation, not a new draft
        author = str(message["user"])

        async def sorry() -> None:
            await send_private(client, notice(SOMETHING_WENT_WRONG), user=author, channel=channel)

        async def review_or_refuse() -> None:
            refused = await refusal_for(services, client, user=author, channel=channel)
            if refused is None:
                await review_draft(services, client, context, channel, message, trigger)
            elif trigger == "drafts_channel":  # told once, when they post; not again for each edit
                await send_private(client, notice(refused), user=author, channel=channel)

        services.work.start(review_or_refuse(), what=trigger, on_failure=sorry)


async def review_draft(
    services: SlackServices,
    client: AsyncWebClient,
    context: AsyncBoltContext,
    channel: str,
    message: dict[str, Any],
    trigger: str,
) -> None:
    text = plain_text(message.get("text") or "")
    if not text.strip():
        return  # an image or file with no words: nothing to coach
    ts = str(message["ts"])
    coach = services.coach
    async with services.work.one_at_a_time(f"{channel}:{ts}"):
        claim = f"slack:draft:{channel}:{ts}:{message_version(text)}"
        if not await coach.claim_or_resume(claim):
            return  # a duplicate delivery, or an "edit" that didn't change the words
        author = message.get("user")
        origin = slack_origin(trigger, team=context.team_id, channel=channel, user=author, ts=ts, thread=ts)
        review = start_review(services, text, None, origin)
        try:
            # A new post with a reply already is one an earlier run was killed while reviewing.
            line = REVIEWING_EDIT if trigger == EDITED_TRIGGER else REVIEWING
            reply_ts = await reuse_reply(client, channel, await find_reply(coach, channel, ts), line)
            if reply_ts is None:
                reply_ts = await post_placeholder(client, channel, ts)
                await remember_reply(coach, channel, ts, reply_ts)
        except Exception:
            review.cancel()
            await coach.release(claim)
            raise
        await fill_reply(
            client, channel=channel, reply_ts=reply_ts, review=finished_first(services, claim, review)
        )


async def reuse_reply(
    client: AsyncWebClient, channel: str, earlier_reply: str | None, line: str = REVIEWING_EDIT
) -> str | None:
    """Turn the earlier review back into a placeholder; None if there is none (or it was deleted)."""
    if earlier_reply is None:
        return None
    try:
        await client.chat_update(channel=channel, ts=earlier_reply, **notice(line).as_kwargs())
    except SlackApiError as exc:
        if exc.response.get("error") in ("message_not_found", "cant_update_message"):
            return None
        raise
    return earlier_reply
