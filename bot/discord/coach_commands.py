"""/coach forget (delete my data, after a question), /coach stats (usage, for admins), /coach me (my week)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.embeds import one_line
from bot.discord.replies import send_friendly
from bot.discord.settings_view import ADMINS_ONLY as SETTINGS_ADMINS_ONLY
from bot.discord.settings_view import IN_A_SERVER, SettingsPanel
from bot.discord.settings_view import summary as settings_summary
from bot.insights.digest import person_week
from bot.insights.wording import digest_lines
from bot.usage import recent_usage
from bot.wording import (
    FORGET_CANCEL,
    FORGET_CANCELLED,
    FORGET_CONFIRM,
    NOTHING_TO_FORGET,
    SOMETHING_WENT_WRONG,
    forget_question,
    forgotten,
    usage_summary,
)

if TYPE_CHECKING:
    from bot.coach import Coach
    from bot.discord.client import PartyCoachBot

logger = logging.getLogger(__name__)

QUESTION_SECONDS = 15 * 60
ADMINS_ONLY = (
    "Only people with the Manage Server permission, or listed in Party Coach's PARTY_COACH_ADMINS setting, "
    "can see usage. Ask one of them for the numbers."
)


class ForgetQuestion(discord.ui.View):
    """Delete them / Keep them, under the private question; a click answers for whoever clicks."""

    def __init__(self, coach: Coach) -> None:
        super().__init__(timeout=QUESTION_SECONDS)
        self.coach = coach

    async def answer(self, interaction: discord.Interaction, text: str) -> None:
        self.stop()
        await interaction.edit_original_response(content=one_line(text), view=None)

    @discord.ui.button(label=FORGET_CONFIRM, style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()
        removed = await self.coach.in_log_thread(self.coach.log.forget_user, str(interaction.user.id))
        await self.answer(interaction, forgotten(removed))

    @discord.ui.button(label=FORGET_CANCEL, style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()
        await self.answer(interaction, FORGET_CANCELLED)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        logger.exception("discord: /coach forget failed", exc_info=error)
        await send_friendly(interaction, SOMETHING_WENT_WRONG)


def is_admin(interaction: discord.Interaction, admins: list[str]) -> bool:
    """Manage Server in this server, or named in PARTY_COACH_ADMINS."""
    return interaction.permissions.manage_guild or str(interaction.user.id) in admins


class CoachCommands(
    commands.GroupCog, group_name="coach", group_description="Your data, usage and channel settings."
):
    """The /coach commands."""

    def __init__(self, bot: PartyCoachBot) -> None:
        self.coach = bot.coach
        super().__init__()

    @app_commands.command(name="forget", description="Delete your drafts, reviews and feedback from the log.")
    async def forget(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        found = await self.coach.in_log_thread(self.coach.log.user_rows, str(interaction.user.id))
        if found.rows == 0:
            await interaction.followup.send(NOTHING_TO_FORGET, ephemeral=True)
            return
        await interaction.followup.send(
            one_line(forget_question(found)), view=ForgetQuestion(self.coach), ephemeral=True
        )

    @app_commands.command(name="stats", description="Reviews, pushy rate, AI tokens and cost (for admins).")
    async def stats(self, interaction: discord.Interaction) -> None:
        if not is_admin(interaction, self.coach.settings.admins):
            await send_friendly(interaction, ADMINS_ONLY)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        # In a server, that server's reviews only: its admins see nothing of any other server the bot is in.
        server = str(interaction.guild_id) if interaction.guild_id else None
        usage = await self.coach.in_log_thread(
            recent_usage,
            self.coach.log,
            self.coach.settings,
            platform="discord" if server else None,
            workspace=server,
        )
        await interaction.followup.send(one_line("\n".join(usage_summary(usage))), ephemeral=True)

    @app_commands.command(name="me", description="Your own figures for this week (only you see them).")
    async def me(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        coach, user = self.coach, str(interaction.user.id)
        zone = coach.settings.tip_timezone
        figures = await coach.in_log_thread(person_week, coach.log, "discord", user, zone, datetime.now(UTC))
        lines = digest_lines(figures, coach.principles)
        await interaction.followup.send(one_line("\n".join(lines)), ephemeral=True)

    @app_commands.command(
        name="settings", description="This channel's drafts, daily tip, emoji and reviewer (admins)."
    )
    async def channel_settings(self, interaction: discord.Interaction) -> None:
        admins = self.coach.settings.admins
        if interaction.guild_id is None or interaction.channel_id is None:
            await send_friendly(interaction, IN_A_SERVER)
            return
        if not is_admin(interaction, admins):
            await send_friendly(interaction, SETTINGS_ADMINS_ONLY)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        config = await self.coach.channel_config("discord", str(interaction.channel_id))
        panel = SettingsPanel(self.coach, config, lambda clicked: is_admin(clicked, admins))
        await interaction.followup.send(one_line(settings_summary(config)), view=panel, ephemeral=True)
