"""Who may ask for a review on Discord: the core's allow and deny lists; admins are never refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.access import refusal_line
from bot.discord.coach_commands import is_admin

if TYPE_CHECKING:
    from bot.coach import Coach


def places_of(channel_id: int | None, channel: object | None) -> tuple[str | None, ...]:
    """The channel, and for a thread its parent channel too: a thread is inside its channel's lists."""
    parent = getattr(channel, "parent_id", None)
    return (str(channel_id) if channel_id else None, str(parent) if parent else None)


def refusal_for(
    coach: Coach, user: discord.abc.Snowflake, places: tuple[str | None, ...], *, manages_server: bool
) -> str | None:
    """The polite line for someone outside the lists, or None if they may ask."""
    roles = [str(role.id) for role in getattr(user, "roles", ())]  # a Member has roles; a DM's User has none
    refusal = coach.access.refusal(user=str(user.id), places=places, roles=roles)
    return None if refusal is None or manages_server else refusal_line(refusal)


def interaction_refusal(coach: Coach, interaction: discord.Interaction) -> str | None:
    """refusal_for the person using a command or the context menu, where they use it."""
    if coach.access.open_to_all:
        return None
    places = places_of(interaction.channel_id, interaction.channel)
    manages = is_admin(interaction, [])  # configured admins are let in by the lists themselves
    return refusal_for(coach, interaction.user, places, manages_server=manages)


def member_refusal(
    coach: Coach, member: discord.abc.Snowflake, channel_id: int, channel: object | None
) -> str | None:
    """refusal_for someone who posted or reacted (no interaction): Manage Server comes from their member."""
    if coach.access.open_to_all:
        return None
    permissions = getattr(member, "guild_permissions", None)
    manages = bool(permissions and permissions.manage_guild)
    return refusal_for(coach, member, places_of(channel_id, channel), manages_server=manages)
