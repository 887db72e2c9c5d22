""" "Use this rewrite" that outlives a restart: the review id lives in the custom_id."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from bot.discord.embeds import MESSAGE_CHARS, one_line
from bot.discord.feedback import coach_of
from bot.errors import LogError
from bot.text_fit import split_text
from bot.wording import REWRITE_NOT_KEPT, REWRITE_READY, SOMETHING_WENT_WRONG, USE_REWRITE

logger = logging.getLogger(__name__)


def rewrite_messages(rewrite: str) -> list[str]:
    """The heading, then the rewrite as plain text, in as many messages as Discord's limit needs."""
    return [REWRITE_READY, *split_text(rewrite, MESSAGE_CHARS)]


class RewriteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"party-coach:rewrite:(?P<review_id>[0-9]{1,19})",
):
    """Gives the clicker one review's rewrite, privately; discord.py rebuilds it from the custom_id."""

    def __init__(self, review_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=USE_REWRITE,
                emoji="📋",
                style=discord.ButtonStyle.primary,
                custom_id=f"party-coach:rewrite:{review_id}",
            )
        )
        self.review_id = review_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> RewriteButton:
        return cls(int(match["review_id"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            rewrite = await coach_of(interaction.client).take_rewrite(
                self.review_id, str(interaction.user.id)
            )
        except LogError as exc:
            logger.error("discord: rewrite of review %s not given: %s", self.review_id, exc)
            await interaction.followup.send(one_line(SOMETHING_WENT_WRONG), ephemeral=True)
            return
        for text in rewrite_messages(rewrite) if rewrite else [REWRITE_NOT_KEPT]:
            await interaction.followup.send(text, ephemeral=True)
