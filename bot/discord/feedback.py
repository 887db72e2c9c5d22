"""'Helpful' / 'Not helpful' buttons that outlive a restart: the review id lives in the custom_id."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.coach import Coach
from bot.discord.embeds import one_line
from bot.errors import LogError
from bot.wording import feedback_thanks

logger = logging.getLogger(__name__)

THANKS = {True: f"🙌 {feedback_thanks(True)}", False: f"📝 {feedback_thanks(False)}"}
NOT_SAVED = "Thanks! I couldn't save your vote just now, though. Please try the button again in a minute."


def coach_of(client: discord.Client) -> Coach:
    """The coach a Party Coach client carries."""
    coach = getattr(client, "coach", None)
    if not isinstance(coach, Coach):
        raise TypeError("this client has no Party Coach attached")
    return coach


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"party-coach:feedback:(?P<review_id>[0-9]{1,19}):(?P<vote>up|down)",
):
    """One vote on one review; discord.py rebuilds it from the custom_id on every click."""

    def __init__(self, review_id: int, helpful: bool) -> None:
        vote = "up" if helpful else "down"
        super().__init__(
            discord.ui.Button(
                label="Helpful" if helpful else "Not helpful",
                emoji="👍" if helpful else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"party-coach:feedback:{review_id}:{vote}",
            )
        )
        self.review_id = review_id
        self.helpful = helpful

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> FeedbackButton:
        return cls(int(match["review_id"]), match["vote"] == "up")

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            await coach_of(interaction.client).record_feedback(
                self.review_id, str(interaction.user.id), self.helpful
            )
            text = THANKS[self.helpful]
        except LogError as exc:
            logger.error("discord: feedback on review %s not saved: %s", self.review_id, exc)
            text = NOT_SAVED
        await interaction.followup.send(one_line(text), ephemeral=True)


def feedback_view(
    review_id: int | None, first: Sequence[discord.ui.Item[Any]] = ()
) -> discord.ui.View | None:
    """The two vote buttons for a logged review, after any `first` ones; none when it couldn't be logged."""
    if review_id is None:
        return None
    view = discord.ui.View(timeout=None)
    for item in first:
        view.add_item(item)
    view.add_item(FeedbackButton(review_id, helpful=True))
    view.add_item(FeedbackButton(review_id, helpful=False))
    return view
