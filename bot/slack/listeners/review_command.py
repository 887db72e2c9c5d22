"""/review TEXT (private review), /review (a form), /review tip, /review help."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_sdk.web.async_client import AsyncWebClient

from bot.review.origin import Origin
from bot.slack.access_gate import BEFORE_ACK_SECONDS, refusal_for
from bot.slack.delivery import review_to_message, send_private
from bot.slack.message import notice
from bot.slack.modal_view import review_modal
from bot.slack.mrkdwn import plain_text
from bot.slack.services import SlackServices, slack_origin
from bot.slack.wording import COMMAND, REVIEWING, help_message, tip_message
from bot.tip_schedule import TipSchedule
from bot.wording import SOMETHING_WENT_WRONG

HELP_WORDS = {"help", "?", "-h", "--help"}
TIP_WORDS = {"tip", "tips"}


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.command(COMMAND)
    async def review_command(ack: AsyncAck, command: dict[str, Any], client: AsyncWebClient) -> None:
        text = plain_text(command.get("text") or "").strip()
        user = str(command["user_id"])
        channel = command.get("channel_id")
        response_url = command.get("response_url")

        async def sorry(replace: bool = False) -> None:
            await send_private(
                client,
                notice(SOMETHING_WENT_WRONG),
                user=user,
                channel=channel,
                response_url=response_url,
                replace=replace,
            )

        if text.lower() in HELP_WORDS:
            emoji = (await services.coach.channel_config("slack", channel or user)).review_emoji
            await ack(**help_message(emoji).as_kwargs())
            return
        if text.lower() not in TIP_WORDS:
            refused = await refusal_for(
                services, client, user=user, channel=channel, within=BEFORE_ACK_SECONDS
            )
            if refused is not None:
                await ack(**notice(refused).as_kwargs())  # a command's answer is private
                return
        if not text:
            await ack()
            modal = review_modal(channel, response_url)
            services.work.start(
                client.views_open(trigger_id=command["trigger_id"], view=modal),
                what="open form",
                on_failure=sorry,
            )
            return
        if text.lower() in TIP_WORDS:
            await ack()
            services.work.start(
                show_tip(services, client, user, channel, response_url), what="tip", on_failure=sorry
            )
            return
        await ack(text=REVIEWING)
        origin = slack_origin("slash", team=command.get("team_id"), channel=channel, user=user)
        job = review_privately(services, client, text, origin, response_url)
        services.work.start(job, what=COMMAND, on_failure=lambda: sorry(replace=True))


async def review_privately(
    services: SlackServices, client: AsyncWebClient, text: str, origin: Origin, response_url: str | None
) -> None:
    message = await review_to_message(services, text, None, origin)
    await send_private(
        client,
        message,
        user=origin.user or "",
        channel=origin.channel,
        response_url=response_url,
        replace=True,
    )


async def show_tip(
    services: SlackServices, client: AsyncWebClient, user: str, channel: str | None, response_url: str | None
) -> None:
    today = TipSchedule.from_settings(services.settings).today(datetime.now(UTC))
    tip = await services.coach.todays_tip("slack", channel or user, today)
    message = tip_message(tip, services.coach.principles)
    await send_private(client, message, user=user, channel=channel, response_url=response_url)
