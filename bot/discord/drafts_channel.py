"""Every new (or edited) post in a drafts channel gets a review reply. Needs the message-content intent."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord.access_gate import member_refusal
from bot.discord.message_reviews import reply_with_review, tell_privately

if TYPE_CHECKING:
    from bot.discord.client import PartyCoachBot


class DraftsChannel(commands.Cog):
    def __init__(self, bot: PartyCoachBot) -> None:
        self.bot = bot

    def is_draft(self, message: discord.Message) -> bool:
        """A person's ordinary post with text, in a drafts channel (or a thread under one)."""
        channels = self.bot.coach.settings.discord_drafts_channels
        where = {message.channel.id, getattr(message.channel, "parent_id", None)}
        return (
            message.guild is not None
            and not message.author.bot
            and message.type is discord.MessageType.default
            and not where.isdisjoint(channels)
            and bool(message.content.strip())
        )

    def refusal(self, message: discord.Message) -> str | None:
        return member_refusal(self.bot.coach, message.author, message.channel.id, message.channel)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self.is_draft(message):
            return
        if (refused := self.refusal(message)) is not None:
            # Nothing public and no interaction to answer privately: a direct message, once per post.
            await tell_privately(self.bot, message.author.id, refused)
            return
        await reply_with_review(self.bot, message, "drafts_channel")

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        # Someone refused was told when they posted; an edit passes quietly.
        if before.content != after.content and self.is_draft(after) and self.refusal(after) is None:
            await reply_with_review(self.bot, after, "edit")
