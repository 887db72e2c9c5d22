"""The link that adds Party Coach to a server, with exactly the permissions its replies need."""

from __future__ import annotations

import discord

# Read the channel and its history (for the reaction), reply there and in threads, with embeds, and
# attach the weekly digest's chart.
PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
    attach_files=True,
)
SCOPES = ("bot", "applications.commands")


def invite_url(application_id: int | str) -> str:
    """Discord's OAuth2 link for this application: the bot user plus its slash commands."""
    return (
        f"https://discord.com/oauth2/authorize?client_id={application_id}"
        f"&permissions={PERMISSIONS.value}&scope={'+'.join(SCOPES)}"
    )
