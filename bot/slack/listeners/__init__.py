"""Every Slack trigger, one module each; `register_all` wires them onto the app."""

from __future__ import annotations

from slack_bolt.async_app import AsyncApp

from bot.slack.listeners import (
    app_home,
    channel_settings,
    drafts_channel,
    duplicate_events,
    errors,
    feedback,
    forget,
    reaction,
    review_command,
    review_modal,
    shortcut,
    use_rewrite,
)
from bot.slack.services import SlackServices


def register_all(app: AsyncApp, services: SlackServices) -> None:
    for module in (
        errors,
        duplicate_events,
        forget,  # before review_command: it answers `/review forget me`
        channel_settings,  # before review_command too: it answers `/review settings`
        review_command,
        review_modal,
        reaction,
        drafts_channel,
        shortcut,
        feedback,
        use_rewrite,
        app_home,
    ):
        module.register(app, services)
