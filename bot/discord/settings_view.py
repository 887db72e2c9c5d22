"""/coach settings: a private panel of selects and buttons for one channel's settings, for admins."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord

from bot.channel_settings import ChannelConfig, is_unicode_emoji
from bot.discord.embeds import one_line
from bot.discord.replies import send_friendly
from bot.wording import (
    REVIEWER_LABELS,
    ROLE_LABELS,
    SOMETHING_WENT_WRONG,
    WEEKDAY_LABELS,
    channel_summary,
    settings_admins_only,
    settings_saved,
)

if TYPE_CHECKING:
    from bot.coach import Coach

logger = logging.getLogger(__name__)
AdminCheck = Callable[[discord.Interaction], bool]

PANEL_SECONDS = 15 * 60
ADMINS_ONLY = settings_admins_only("members with the Manage Server permission")
IN_A_SERVER = (
    "Channel settings belong to a server channel: use /coach settings in the channel you want to change."
)
FORM_FIELDS = {
    "tip_time": "Daily tip time (24-hour)",
    "tip_timezone": "Time zone",
    "review_emoji": "Review emoji",
}


def summary(config: ChannelConfig) -> str:
    emoji = config.review_emoji if is_unicode_emoji(config.review_emoji) else f":{config.review_emoji}:"
    reviewer = REVIEWER_LABELS[config.reviewer].split(":")[0].lower()
    return channel_summary(config.role, config.tip_line, emoji, reviewer)


class SettingsPanel(discord.ui.View):
    """Selects for the channel's role, reviewer and tip days; buttons for the typed ones and the defaults."""

    def __init__(self, coach: Coach, config: ChannelConfig, may_change: AdminCheck) -> None:
        super().__init__(timeout=PANEL_SECONDS)
        self.coach = coach
        self.may_change = may_change
        self.channel = config.channel
        for key, labels, placeholder in (
            ("role", ROLE_LABELS, "What this channel is for"),
            ("reviewer", REVIEWER_LABELS, "Reviewer"),
            ("tip_weekdays_only", WEEKDAY_LABELS, "Tip days"),
        ):
            self.add_item(SettingSelect(key, labels, placeholder, config.value(key)))

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if self.may_change(interaction):
            return True
        await send_friendly(interaction, ADMINS_ONLY)  # someone who lost the permission since opening it
        return False

    async def save(
        self, interaction: discord.Interaction, values: dict[str, str], unset: tuple[str, ...] = ()
    ) -> str:
        """Store what changed and return the line that says so; the panel then shows the new values."""
        now = await self.coach.channel_config("discord", self.channel)
        changed = self.coach.channel_settings.changes(now, values)
        if changed or unset:
            await self.coach.change_channel_settings(
                "discord",
                self.channel,
                changed,
                unset=unset,
                workspace=str(interaction.guild_id) if interaction.guild_id else None,
                by=str(interaction.user.id),
            )
        after = await self.coach.channel_config("discord", self.channel)
        return one_line(settings_saved(summary(after), len(changed) + len(unset)))

    async def show(self, interaction: discord.Interaction, line: str) -> None:
        config = await self.coach.channel_config("discord", self.channel)
        await interaction.edit_original_response(
            content=line, view=SettingsPanel(self.coach, config, self.may_change)
        )

    @discord.ui.button(label="Tip time, zone and emoji…", style=discord.ButtonStyle.primary, row=3)
    async def open_form(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        config = await self.coach.channel_config("discord", self.channel)
        await interaction.response.send_modal(TipForm(self, config))

    @discord.ui.button(label="Use the defaults", style=discord.ButtonStyle.secondary, row=3)
    async def defaults(self, interaction: discord.Interaction, _: discord.ui.Button[Any]) -> None:
        await interaction.response.defer()
        stored = (await self.coach.channel_config("discord", self.channel)).stored
        await self.show(interaction, await self.save(interaction, {}, tuple(stored)))

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        logger.exception("discord: /coach settings failed", exc_info=error)
        await send_friendly(interaction, SOMETHING_WENT_WRONG)


class SettingSelect(discord.ui.Select[SettingsPanel]):
    """One choice; picking an option saves it straight away."""

    def __init__(self, key: str, labels: dict[str, str], placeholder: str, current: str) -> None:
        options = [
            discord.SelectOption(label=label, value=value, default=value == current)
            for value, label in labels.items()
        ]
        super().__init__(custom_id=f"party-coach:settings:{key}", placeholder=placeholder, options=options)
        self.key = key

    async def callback(self, interaction: discord.Interaction) -> None:
        assert self.view is not None
        await interaction.response.defer()
        await self.view.show(interaction, await self.view.save(interaction, {self.key: self.values[0]}))


class TipForm(discord.ui.Modal, title="Channel settings"):
    """The typed settings: each is checked, and a bad one is named with nothing saved."""

    def __init__(self, panel: SettingsPanel, config: ChannelConfig) -> None:
        super().__init__(timeout=PANEL_SECONDS)
        self.panel = panel
        self.inputs: dict[str, discord.ui.TextInput[TipForm]] = {}
        for key, label in FORM_FIELDS.items():
            field: discord.ui.TextInput[TipForm] = discord.ui.TextInput(
                label=label,
                custom_id=f"party-coach:settings:{key}",
                default=config.value(key),
                max_length=100,
            )
            self.inputs[key] = field
            self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction, /) -> None:
        values = {key: field.value for key, field in self.inputs.items()}
        checked, problems = self.panel.coach.channel_settings.check_each("discord", values)
        if problems:
            named = [f"{FORM_FIELDS[key]}: {reason}" for key, reason in problems.items()]
            await send_friendly(interaction, one_line(f"Nothing saved. {'. '.join(named)}."))
            return
        await interaction.response.defer()
        await self.panel.show(interaction, await self.panel.save(interaction, checked))

    async def on_error(self, interaction: discord.Interaction, error: Exception, /) -> None:  # type: ignore[override]
        logger.exception("discord: the settings form failed", exc_info=error)
        await send_friendly(interaction, SOMETHING_WENT_WRONG)
