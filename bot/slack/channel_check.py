"""Ask Slack whether Party Coach can see a channel, before a setting is stored for it."""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.channel_settings import ChannelNotChecked, cant_see
from bot.settings import Settings
from bot.slack.client import make_web_client

CHECK_SECONDS = 10
# Slack answers these when the channel doesn't exist or is private without Party Coach in it.
UNSEEN = ("channel_not_found", "not_in_channel")
NO_SCOPE = "the Slack app needs the channels:read and groups:read scopes (add them, then reinstall the app)"


async def check_slack_channel(settings: Settings, channel: str) -> None:
    """SettingRejected when Slack says the bot can't see `channel`; ChannelNotChecked when Slack can't say."""
    client = make_web_client(settings)
    client.timeout = CHECK_SECONDS
    try:
        await client.conversations_info(channel=channel)
    except SlackApiError as exc:
        error = str(exc.response.get("error", "rejected"))
        if error in UNSEEN:
            raise cant_see(channel, "invite it with /invite @Party Coach, or check the ID") from None
        if error == "missing_scope":
            raise ChannelNotChecked(NO_SCOPE) from None
        raise ChannelNotChecked(f"Slack didn't accept SLACK_BOT_TOKEN ({error})") from None
    except (aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise ChannelNotChecked(
            f"can't reach the Slack API at {settings.slack_api_url} ({exc.__class__.__name__})"
        ) from None
