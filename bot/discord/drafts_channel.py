"""Every new (or edited) post in a drafts channel gets a review reply. Needs the message-content intent."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord.message_reviews import reply_with_review

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

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if self.is_draft(message):
            await reply_with_review(self.bot, message, "drafts_channel")

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        if before.content != after.content and self.is_draft(after):
            await reply_with_review(self.bot, after, "edit")
