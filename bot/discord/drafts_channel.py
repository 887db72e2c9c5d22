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

    async def is_draft(self, message: discord.Message) -> bool:
        """A person's ordinary post with text, in a drafts channel (or a thread under one)."""
        if (
            message.guild is None
            or message.author.bot
            or message.type is not discord.MessageType.default
            or not message.content.strip()
        ):
            return False
        parent = getattr(message.channel, "parent_id", None)
        where = str(message.channel.id)
        config = await self.bot.coach.channel_config("discord", where, parent=str(parent) if parent else None)
        return config.drafts

    def refusal(self, message: discord.Message) -> str | None:
        return member_refusal(self.bot.coach, message.author, message.channel.id, message.channel)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not await self.is_draft(message):
            return
        if (refused := self.refusal(message)) is not None:
            # Nothing public and no interaction to answer privately: a direct message, once per post.
            await tell_privately(self.bot, message.author.id, refused)
            return
        await reply_with_review(self.bot, message, "drafts_channel")

    @commands.Cog.listener()
    async def on_message_edit(self, before: discord.Message, after: discord.Message) -> None:
        # Someone refused was told when they posted; an edit passes quietly.
        if before.content != after.content and await self.is_draft(after) and self.refusal(after) is None:
            await reply_with_review(self.bot, after, "edit")
