"""/review, /tip and the 'Review draft' message context menu: acknowledge at once, then one reply."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.access_gate import interaction_refusal
from bot.discord.embeds import tip_embed
from bot.discord.replies import (
    interaction_origin,
    log_posted,
    reply_context,
    review_reply,
    send_friendly,
)
from bot.tip_schedule import TipSchedule
from bot.wording import NO_TEXT, SOMETHING_WENT_WRONG

if TYPE_CHECKING:
    from bot.coach import Coach
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)

# Discord's own limits on what a person can type: a slash-command text option, and one box in a form.
OPTION_CHARS = 6000
DRAFT_INPUT_CHARS = 4000


async def answer_with_review(
    interaction: discord.Interaction,
    coach: Coach,
    text: str,
    context: str | None,
    trigger: str,
    message_id: int | None = None,
) -> None:
    """Review a draft for an interaction that is already deferred, and send the one final reply."""
    reply = await review_reply(coach, text, context, interaction_origin(interaction, trigger, message_id))
    await interaction.followup.send(**reply.send_kwargs(), ephemeral=True)
    log_posted(reply)


class DraftForm(discord.ui.Modal, title="Review a draft"):
    """What /review opens when no text is given: room for a long draft and what it replies to."""

    draft: discord.ui.TextInput[DraftForm] = discord.ui.TextInput(
        label="Your draft",
        custom_id="party-coach:draft-form:draft",
        style=discord.TextStyle.paragraph,
        placeholder=f"Paste the post you're about to send (up to {DRAFT_INPUT_CHARS:,} characters).",
        max_length=DRAFT_INPUT_CHARS,
    )
    replying_to: discord.ui.TextInput[DraftForm] = discord.ui.TextInput(
        label="Replying to (optional)",
        custom_id="party-coach:draft-form:replying-to",
        style=discord.TextStyle.paragraph,
        placeholder="The post or message you're answering, if any.",
        required=False,
        max_length=DRAFT_INPUT_CHARS,
    )

    def __init__(self, coach: Coach) -> None:
        super().__init__(timeout=15 * 60)
        self.coach = coach

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer_with_review(interaction, self.coach, self.draft.value, self.replying_to.value, "modal")

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        logger.exception("discord: the draft form failed", exc_info=error)
        await send_friendly(interaction, SOMETHING_WENT_WRONG)


class ReviewCommands(commands.Cog):
    """The interaction triggers: slash commands and the message context menu."""

    def __init__(self, bot: PartyCoachBot) -> None:
        self.bot = bot
        self.coach = bot.coach
        self.menu = app_commands.ContextMenu(name="Review draft", callback=self.review_message)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.command(name="review", description="Check a draft for party manners before you post it.")
    @app_commands.describe(
        text=f"The draft to review, up to {OPTION_CHARS:,} characters. Leave it out to open a form.",
        context="The post or message you're replying to, if any.",
    )
    async def review(
        self,
        interaction: discord.Interaction,
        text: app_commands.Range[str, 1, OPTION_CHARS] | None = None,
        context: app_commands.Range[str, 1, OPTION_CHARS] | None = None,
    ) -> None:
        if (refused := interaction_refusal(self.coach, interaction)) is not None:
            await send_friendly(interaction, refused)
            return
        if text is None:
            await interaction.response.send_modal(DraftForm(self.coach))
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        await answer_with_review(interaction, self.coach, text, context, "slash")

    @app_commands.command(name="tip", description="Show today's party-manners tip.")
    async def tip(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        today = TipSchedule.from_settings(self.coach.settings).today(discord.utils.utcnow())
        where = str(interaction.channel_id or interaction.user.id)
        tip = await self.coach.todays_tip("discord", where, today)
        await interaction.followup.send(embed=tip_embed(tip, self.coach.principles.title), ephemeral=True)

    async def review_message(self, interaction: discord.Interaction, message: discord.Message) -> None:
        # The message comes resolved inside the interaction, with its text even without the
        # message-content intent.
        if (refused := interaction_refusal(self.coach, interaction)) is not None:
            await send_friendly(interaction, refused)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        if not message.content.strip():
            await interaction.followup.send(NO_TEXT, ephemeral=True)
            return
        await answer_with_review(
            interaction, self.coach, message.content, reply_context(message), "context_menu", message.id
        )
