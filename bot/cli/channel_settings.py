"""`party-coach settings`: the per-channel settings that `/review settings` and `/coach settings` change."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from tabulate import tabulate

from bot.channel_settings import (
    KEY_HELP,
    KEYS,
    PLATFORMS,
    ChannelNotChecked,
    ChannelSettings,
    SettingRejected,
    check_change,
    check_channel,
)
from bot.cli.common import fail, get_settings
from bot.errors import LogError
from bot.settings import CHAT_SETTINGS, Settings
from bot.store import SuggestionLog
from bot.wording import plural

LIST_COLUMNS = ("platform", "channel", "key", "value", "updated_at", "updated_by")
PICKED_UP = "A running bot picks it up within 30 seconds."
platform_option = click.option(
    "--platform", type=click.Choice(PLATFORMS, case_sensitive=False), help="slack or discord."
)
channel_option = click.option(
    "--channel", metavar="ID", help="A channel ID, such as C0123ABCD or a Discord number."
)


@contextmanager
def channel_settings(settings: Settings, *, create: bool) -> Iterator[ChannelSettings]:
    """The channel settings over the log; with create=False and no log yet, over an empty one in memory."""
    path = settings.db_path if create or settings.db_path.is_file() else Path(":memory:")
    try:
        log = SuggestionLog(path, hash_drafts=settings.hash_drafts)
    except LogError as exc:
        raise fail(str(exc)) from None
    try:
        yield ChannelSettings(settings, log)
    finally:
        log.close()


def where(platform: str, channel: str) -> str:
    return f"{platform.lower()} channel {channel}"


def needs(platform: str | None, channel: str | None, command: str) -> tuple[str, str]:
    if not platform or not channel:
        raise fail(
            f"settings {command} needs --platform and --channel, e.g. --platform slack --channel C0123ABCD"
        )
    try:
        return platform.lower(), check_channel(platform.lower(), channel)
    except SettingRejected as exc:
        raise fail(str(exc)) from None


def check_seen(settings: Settings, platform: str, channel: str) -> None:
    """With the platform's token set, refuse a channel Party Coach can't see; if it can't be asked, warn."""
    try:
        if platform == "slack" and settings.slack_bot_token:
            from bot.slack.channel_check import check_slack_channel

            asyncio.run(check_slack_channel(settings, channel))
        elif platform == "discord" and settings.discord_token:
            from bot.discord.channel_check import check_discord_channel

            asyncio.run(check_discord_channel(settings.discord_token.get_secret_value(), channel))
    except ChannelNotChecked as exc:
        # The value itself is fine; a network or token problem shouldn't stop the setting from being stored.
        click.echo(
            f"Warning: couldn't check that Party Coach can see {where(platform, channel)}: {exc}. "
            "Saving the setting anyway.",
            err=True,
        )


SETTINGS_HELP = "\n".join(
    [
        "Per-channel settings: drafts or tip channel, tip time, review emoji, reviewer.",
        "",
        "\b",
        "Settings (KEY):",
        *(f"  {key:<18} {KEY_HELP[key]}" for key in KEYS),
    ]
)


@click.group(name="settings", help=SETTINGS_HELP)
def settings_command() -> None:
    pass


@settings_command.command(name="list", short_help="Show stored settings, or one channel's.")
@platform_option
@channel_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def list_settings(ctx: click.Context, platform: str | None, channel: str | None, fmt: str) -> None:
    """Show the stored settings; with --platform and --channel, everything that channel uses. Only reads."""
    settings = get_settings(ctx, CHAT_SETTINGS)
    with channel_settings(settings, create=False) as store:
        if platform and channel:
            platform, channel = needs(platform, channel, "list")
            config = store.effective(platform, channel)
            rows = [
                {
                    "key": key,
                    "value": config.value(key),
                    "from": "stored" if key in config.stored else "default",
                }
                for key in KEYS
            ]
            if fmt == "json":
                click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            else:
                click.echo(f"{where(platform, channel)}:")
                click.echo(tabulate([list(r.values()) for r in rows], headers=["setting", "value", "from"]))
            return
        stored = store.listing(platform.lower() if platform else None, channel)
    if fmt == "json":
        click.echo(json.dumps([{c: row.get(c) for c in LIST_COLUMNS} for row in stored], indent=2))
    elif not stored:
        click.echo("No channel settings stored: every channel follows the environment's settings.")
    else:
        click.echo(
            tabulate([[row.get(c) for c in LIST_COLUMNS] for row in stored], headers=list(LIST_COLUMNS))
        )


@settings_command.command(name="set", short_help="Store one setting for one channel.")
@platform_option
@channel_option
@click.argument("key")
@click.argument("value")
@click.pass_context
def set_setting(ctx: click.Context, platform: str | None, channel: str | None, key: str, value: str) -> None:
    """Store one setting for one channel, e.g. `set --platform slack --channel C0123ABCD role drafts`."""
    platform, channel = needs(platform, channel, "set")
    settings = get_settings(ctx, CHAT_SETTINGS)
    try:
        check_change(settings, platform, channel, {key: value})  # before the log is opened, let alone made
        check_seen(settings, platform, channel)
        with channel_settings(settings, create=True) as store:
            stored = store.change(platform, channel, {key: value}, by="cli")
    except (SettingRejected, LogError) as exc:
        raise fail(str(exc)) from None
    [(name, saved)] = stored.items()
    click.echo(f"Saved for {where(platform, channel)}: {name} = {saved}. {PICKED_UP}")


@settings_command.command(name="unset", short_help="Forget a channel's stored settings.")
@platform_option
@channel_option
@click.argument("keys", nargs=-1)
@click.pass_context
def unset_settings(
    ctx: click.Context, platform: str | None, channel: str | None, keys: tuple[str, ...]
) -> None:
    """Forget stored settings for one channel (all of them without KEYS): it follows the environment again."""
    platform, channel = needs(platform, channel, "unset")
    settings = get_settings(ctx, CHAT_SETTINGS)
    try:
        with channel_settings(settings, create=False) as store:
            removed = store.unset(platform, channel, keys)
    except (SettingRejected, LogError) as exc:
        raise fail(str(exc)) from None
    if removed == 0:
        click.echo(f"Nothing to remove: {where(platform, channel)} has no such stored setting.")
    else:
        click.echo(
            f"Removed {plural(removed, 'setting')} for {where(platform, channel)}: "
            "the environment's settings apply there again."
        )
