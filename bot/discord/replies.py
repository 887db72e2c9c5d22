"""Turn a draft into what the bot sends back: the review embeds and buttons, or one friendly line."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.coach import Coach, log_context
from bot.discord.embeds import one_line, review_embeds
from bot.discord.feedback import feedback_view
from bot.discord.rewrite_button import RewriteButton
from bot.errors import DraftError
from bot.review.draft import message_version
from bot.review.origin import Origin
from bot.wording import bad_draft

logger = logging.getLogger(__name__)

CANT_READ = (
    "I can't read the text of that message, so I can't review it. "
    "Use **Apps → Review draft** on the message instead, or paste it into `/review`."
)
CANT_FETCH = (
    "I couldn't open that message in {channel}: I need the **View Channel** and **Read Message History** "
    "permissions there. Ask a server admin to add them, or paste the draft into `/review`."
)
CANT_REPLY = (
    "I reviewed that message but couldn't post the review in {channel}: I need the **Send Messages** "
    "permission there. Ask a server admin to add it, or paste the draft into `/review`."
)


@dataclass
class Reply:
    """One message's worth of review: plain text, embeds, and the feedback buttons."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    view: discord.ui.View | None = None
    # For a review: the log fields of the review it shows (platform, channel, review id…), logged once sent.
    about: Mapping[str, object] = field(default_factory=dict)

    def send_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `send`/`followup.send`, leaving out what isn't there."""
        kwargs: dict[str, Any] = {}
        if self.content:
            kwargs["content"] = self.content
        if self.embeds:
            kwargs["embeds"] = self.embeds
        if self.view is not None:
            kwargs["view"] = self.view
        return kwargs


def draft_error_line(error: DraftError) -> str:
    return one_line(bad_draft(error))


async def review_reply(coach: Coach, text: str, context: str | None, origin: Origin) -> Reply:
    """Review a draft; bad input becomes a friendly line, never an exception."""
    try:
        outcome = await coach.review(text, context, origin)
    except DraftError as exc:
        fields = log_context(origin, error=str(exc))
        logger.info("discord: %s draft not reviewed: %s", origin.trigger, exc, extra=fields)
        return Reply(content=draft_error_line(exc))
    embeds = review_embeds(outcome.review, outcome.review_id, coach.principles.title)
    # In hash-only mode the log keeps no rewrite, so there would be nothing for the button to give.
    first: list[discord.ui.Item[Any]] = []
    if outcome.review_id is not None and outcome.review.rewrite and not coach.log.hash_drafts:
        first.append(RewriteButton(outcome.review_id))
    return Reply(embeds=embeds, view=feedback_view(outcome.review_id, first), about=outcome.log_fields())


def thread_key(channel: object) -> str | None:
    """A Discord thread is a channel of its own: its id is the thread key; None anywhere else."""
    return str(channel.id) if isinstance(channel, discord.Thread) else None


def log_posted(reply: Reply) -> None:
    """One line per review a person was shown, with the review's log fields."""
    if reply.about:
        logger.info("discord: review %s posted", reply.about.get("review_id"), extra=dict(reply.about))


def interaction_origin(
    interaction: discord.Interaction, trigger: str, message_id: int | None = None
) -> Origin:
    return Origin(
        platform="discord",
        workspace=str(interaction.guild_id) if interaction.guild_id else None,
        channel=str(interaction.channel_id) if interaction.channel_id else None,
        user=str(interaction.user.id),
        trigger=trigger,
        message_id=str(message_id) if message_id is not None else None,
        thread=thread_key(interaction.channel),
    )


def message_origin(message: discord.Message, trigger: str) -> Origin:
    return Origin(
        platform="discord",
        workspace=str(message.guild.id) if message.guild else None,
        channel=str(message.channel.id),
        user=str(message.author.id),
        trigger=trigger,
        message_id=str(message.id),
        thread=thread_key(message.channel),
    )


def reply_context(message: discord.Message) -> str | None:
    """The text of the message this one replies to, when Discord sent it along."""
    replied_to = message.reference.resolved if message.reference else None
    if isinstance(replied_to, discord.Message) and replied_to.content.strip():
        return replied_to.content
    return None


def review_claim_key(message: discord.Message) -> str:
    """One review per message version: the key changes when the text (or edit time) changes."""
    edited = message.edited_at.isoformat() if message.edited_at else ""
    version = message_version(f"{edited}\n{message.content}")
    return f"discord:review:{message.id}:{version}"


async def send_friendly(interaction: discord.Interaction, text: str) -> None:
    """Answer an interaction with one ephemeral line, whether or not it was acknowledged yet."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(one_line(text), ephemeral=True)
        else:
            await interaction.response.send_message(one_line(text), ephemeral=True)
    except discord.HTTPException as exc:
        logger.warning("discord: couldn't send a message to %s: %s", interaction.user.id, exc)
