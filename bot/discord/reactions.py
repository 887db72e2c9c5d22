"""React to a message with the review emoji (🔍 by default) and the coach replies with a review."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord.access_gate import member_refusal
from bot.discord.message_reviews import reply_with_review, tell_privately
from bot.discord.replies import CANT_FETCH, CANT_READ

if TYPE_CHECKING:
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)


def is_review_emoji(emoji: discord.PartialEmoji, wanted: str) -> bool:
    """The configured emoji, given as the emoji itself, `:name:`, or a custom emoji's name."""
    return str(emoji) == wanted or (emoji.name is not None and emoji.name == wanted.strip(":"))


class ReactionReviews(commands.Cog):
    """Works from raw events, so messages sent before the bot started count too."""

    def __init__(self, bot: PartyCoachBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        if payload.guild_id is None:
            return
        config = await self.bot.coach.channel_config("discord", str(payload.channel_id))
        if not is_review_emoji(payload.emoji, config.review_emoji):
            return
        me = self.bot.user
        if (me is not None and payload.user_id == me.id) or (
            payload.member is not None and payload.member.bot
        ):
            return
        who = payload.member or discord.Object(id=payload.user_id)
        refused = member_refusal(
            self.bot.coach, who, payload.channel_id, self.bot.get_channel(payload.channel_id)
        )
        if refused is not None:
            await tell_privately(self.bot, payload.user_id, refused)  # a reaction has no private reply
            return
        channel = self.bot.get_partial_messageable(payload.channel_id, guild_id=payload.guild_id)
        try:
            message = await channel.fetch_message(payload.message_id)
        except discord.NotFound:
            return  # deleted before we got to it
        except discord.HTTPException as exc:
            logger.warning(
                "discord: can't read message %s in channel %s for a reaction review (%s %s)",
                payload.message_id,
                payload.channel_id,
                exc.status,
                exc.text,
            )
            if isinstance(exc, discord.Forbidden):
                where = f"<#{payload.channel_id}>"
                await tell_privately(self.bot, payload.user_id, CANT_FETCH.format(channel=where))
            return
        if message.author.bot:
            return
        if not message.content.strip():
            if message.attachments or message.embeds:
                return  # an image or a link card, not a draft
            logger.warning(
                "discord: message %s arrived without its text: the bot lacks message-content access",
                message.id,
            )
            await tell_privately(self.bot, payload.user_id, CANT_READ)
            return
        await reply_with_review(self.bot, message, "reaction", requested_by=payload.user_id)
