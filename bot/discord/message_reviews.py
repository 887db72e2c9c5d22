"""Review a posted message and reply to it in the channel, once per version of the message."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.discord.embeds import one_line
from bot.discord.replies import (
    CANT_REPLY,
    log_posted,
    message_origin,
    reply_context,
    review_claim_key,
    review_reply,
)

if TYPE_CHECKING:
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)


async def tell_privately(bot: PartyCoachBot, user_id: int, text: str) -> None:
    """Send one line by DM; people can turn DMs off, so a refusal is only logged."""
    try:
        user = bot.get_user(user_id) or await bot.fetch_user(user_id)
        await user.send(one_line(text))
    except discord.HTTPException as exc:
        logger.warning("discord: couldn't DM user %s (%s): %s", user_id, exc.status, text)


async def reply_with_review(
    bot: PartyCoachBot, message: discord.Message, trigger: str, requested_by: int | None = None
) -> bool:
    """Reply to `message` with its review unless this version was already reviewed; True if replied."""
    key = review_claim_key(message)
    if not await bot.coach.claim(key):
        logger.debug("discord: message %s already reviewed in this version", message.id)
        return False
    try:
        reply = await review_reply(
            bot.coach, message.content, reply_context(message), message_origin(message, trigger)
        )
        await message.reply(**reply.send_kwargs(), mention_author=False)
        log_posted(reply)
    except Exception as exc:
        await bot.coach.release(key)  # so a later reaction or edit can try again
        if not isinstance(exc, discord.HTTPException):
            raise
        logger.warning(
            "discord: couldn't reply to message %s in channel %s (%s %s)",
            message.id,
            message.channel.id,
            exc.status,
            exc.text,
            extra={"platform": "discord", "channel": str(message.channel.id), "error": f"HTTP {exc.status}"},
        )
        if requested_by is not None and isinstance(exc, discord.Forbidden):
            await tell_privately(bot, requested_by, CANT_REPLY.format(channel=f"<#{message.channel.id}>"))
        return False
    return True
