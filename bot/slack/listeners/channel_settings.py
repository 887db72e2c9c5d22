"""/review settings: a form with this channel's settings, for admins; saved settings take effect at once."""

from __future__ import annotations

from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.channel_settings import ChannelConfig
from bot.slack.delivery import send_private
from bot.slack.message import notice
from bot.slack.mrkdwn import fit, plain_text
from bot.slack.services import SlackServices
from bot.slack.settings_view import SETTINGS_MODAL_ID, read_settings_submission, settings_modal
from bot.slack.wording import COMMAND
from bot.wording import (
    REVIEWER_LABELS,
    SOMETHING_WENT_WRONG,
    channel_summary,
    settings_admins_only,
    settings_saved,
)

SETTINGS_WORDS = {"settings", "setting", "config"}
SLACK_ADMINS = "Slack workspace admins and owners"
ADMINS_ONLY = settings_admins_only(SLACK_ADMINS)
IN_A_CHANNEL = (
    "Channel settings belong to a channel: type `/review settings` in the channel you want to change."
)
MAX_FORM_ERROR_CHARS = 150


async def asks_for_settings(command: dict[str, Any]) -> bool:
    return plain_text(command.get("text") or "").strip().lower() in SETTINGS_WORDS


def summary(config: ChannelConfig) -> str:
    reviewer = REVIEWER_LABELS[config.reviewer].split(":")[0].lower()
    return channel_summary(config.role, config.tip_line, f":{config.review_emoji}:", reviewer)


def register(app: AsyncApp, services: SlackServices) -> None:
    coach = services.coach

    # Registered before the /review listener, so this one answers "settings" and the other never sees it.
    @app.command(COMMAND, matchers=[asks_for_settings])
    async def settings_command(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        user, channel = str(command["user_id"]), str(command.get("channel_id") or "")
        response_url = command.get("response_url")

        async def tell(line: str) -> None:
            await send_private(client, notice(line), user=user, channel=channel, response_url=response_url)

        async def open_form() -> None:
            if not await services.admins.is_admin(client, user, services.settings.admins):
                await tell(ADMINS_ONLY)
                return
            if not channel.startswith(("C", "G")):
                await tell(IN_A_CHANNEL)  # a direct message has no drafts or tips to set
                return
            config = await coach.channel_config("slack", channel)
            view = settings_modal(config, command.get("team_id"))
            await client.views_open(trigger_id=command["trigger_id"], view=view)

        services.work.start(open_form(), what="settings", on_failure=lambda: tell(SOMETHING_WENT_WRONG))

    @app.view(SETTINGS_MODAL_ID)
    async def settings_submitted(
        ack: AsyncAck, view: dict[str, Any], body: dict[str, Any], client: AsyncWebClient
    ) -> None:
        user = str(body["user"]["id"])
        submitted, metadata = read_settings_submission(view)
        channel = str(metadata.get("channel") or "")
        if not await services.admins.is_admin(client, user, services.settings.admins):
            # Someone who lost admin rights while the form was open.
            await ack(response_action="errors", errors={"role": fit(ADMINS_ONLY, MAX_FORM_ERROR_CHARS)})
            return
        checked, problems = coach.channel_settings.check_each("slack", submitted)
        if problems:
            errors = {
                key: fit(reason[:1].upper() + reason[1:], MAX_FORM_ERROR_CHARS)
                for key, reason in problems.items()
            }
            await ack(response_action="errors", errors=errors)
            return
        await ack()

        async def save() -> None:
            now = await coach.channel_config("slack", channel)
            changed = coach.channel_settings.changes(now, checked)
            if changed:
                team = metadata.get("team") or (body.get("team") or {}).get("id")
                await coach.change_channel_settings("slack", channel, changed, workspace=team, by=user)
            after = await coach.channel_config("slack", channel)
            await send_private(
                client, notice(settings_saved(summary(after), len(changed))), user=user, channel=channel
            )

        async def sorry() -> None:
            await send_private(client, notice(SOMETHING_WENT_WRONG), user=user, channel=channel)

        services.work.start(save(), what="settings", on_failure=sorry)
