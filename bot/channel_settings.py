"""Per-channel settings changed from chat or the command line, laid over the environment's defaults.

The environment (SLACK_DRAFTS_CHANNELS, PARTY_COACH_TIP_TIME, ...) gives every channel its defaults; a value
stored in the log's channel_settings table overrides one of them for one channel. Reads come from memory:
the stored rows are loaded once and loaded again after a change made here, or after RELOAD_SECONDS, so a
change made by another process (the command line) reaches a running bot too.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time as time_of_day
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import PartyCoachError
from bot.settings import (
    DISCORD_ID_DIGITS,
    DISCORD_ID_HOWTO,
    SLACK_CHANNEL_ID,
    SLACK_ID_HOWTO,
    ReviewerChoice,
    Settings,
)
from bot.store import SuggestionLog

PLATFORMS = ("slack", "discord")
ROLES = ("drafts", "tips", "both", "none")
REVIEWERS = ("auto", "offline", "llm")
KEYS = ("role", "tip_time", "tip_timezone", "tip_weekdays_only", "review_emoji", "reviewer")
KEY_HELP = {
    "role": "drafts (every new post is reviewed), tips (the daily tip), both, or none",
    "tip_time": "the daily tip's time, 24-hour, like 09:30",
    "tip_timezone": "the tip time's time zone, like Europe/Berlin",
    "tip_weekdays_only": "true for no tips on Saturdays and Sundays, false for every day",
    "review_emoji": "the reaction that asks for a review (Slack: a name like mag; Discord: 🔍 or a name)",
    "reviewer": "auto, offline or llm",
}
# A change made by another process (the command line) reaches a running bot within this long.
RELOAD_SECONDS = 30.0
TIME_OF_DAY = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}
SLACK_EMOJI_NAME = re.compile(r"[a-z0-9_+'\-]{1,100}(::skin-tone-[2-6])?")
DISCORD_EMOJI_NAME = re.compile(r"[A-Za-z0-9_]{2,32}")
DISCORD_CUSTOM_EMOJI = re.compile(r"<a?:[A-Za-z0-9_]{2,32}:\d{17,20}>")
# Joiners, variation selectors, keycaps and tag characters that sit between the symbols of one emoji.
EMOJI_GLUE = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"}


class SettingRejected(PartyCoachError):
    """A settings value that makes no sense; the message names the field, and nothing was saved."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = message


class ChannelNotChecked(PartyCoachError):
    """The platform couldn't be asked whether Party Coach can see a channel (offline, token refused...)."""


def cant_see(channel: str, next_step: str) -> SettingRejected:
    """The platform says Party Coach can't see `channel`: nothing is saved."""
    return SettingRejected("channel", f"Party Coach can't see channel {channel}: {next_step}")


@dataclass(frozen=True)
class ChannelConfig:
    """What one channel does, after the stored settings are laid over the environment's."""

    platform: str
    channel: str
    drafts: bool
    tips: bool
    tip_time: time_of_day
    tip_timezone: str
    tip_weekdays_only: bool
    review_emoji: str
    reviewer: ReviewerChoice
    stored: Mapping[str, str]  # the values that came from chat or the command line

    @property
    def tip_line(self) -> str:
        """'09:30 Europe/Berlin, weekdays only'."""
        days = "weekdays only" if self.tip_weekdays_only else "every day"
        return f"{self.value('tip_time')} {self.tip_timezone}, {days}"

    @property
    def role(self) -> str:
        return {(True, True): "both", (True, False): "drafts", (False, True): "tips"}.get(
            (self.drafts, self.tips), "none"
        )

    def value(self, key: str) -> str:
        """The setting as it is written when stored (09:30, true, ...)."""
        value = getattr(self, key)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, time_of_day):
            return value.strftime("%H:%M")
        return str(value)


def check_platform(platform: str) -> str:
    name = platform.strip().lower()
    if name not in PLATFORMS:
        raise SettingRejected(
            "platform", f"{platform!r} is not one of the chat platforms: use slack or discord"
        )
    return name


def check_channel(platform: str, channel: str) -> str:
    """A channel ID in the platform's shape; a name (#marketing) is refused, with where to find the ID."""
    given = channel.strip()
    if platform == "slack" and not SLACK_CHANNEL_ID.fullmatch(given):
        raise SettingRejected(
            "channel", f"{channel!r} is not a Slack channel ID (one looks like C0123ABCD); {SLACK_ID_HOWTO}"
        )
    if platform == "discord" and not (given.isdigit() and len(given) in DISCORD_ID_DIGITS):
        raise SettingRejected(
            "channel",
            f"{channel!r} is not a Discord channel ID (a number with 17 to 20 digits); {DISCORD_ID_HOWTO}",
        )
    return given


def check_key(key: str) -> str:
    name = key.strip().lower().replace("-", "_")
    if name not in KEYS:
        raise SettingRejected("setting", f"{key!r} is not a channel setting; use one of {', '.join(KEYS)}")
    return name


def check_value(platform: str, key: str, value: str, settings: Settings) -> str:
    """The value as it is stored, or SettingRejected naming the field and saying what would do."""
    given = value.strip()
    if key == "role":
        role = "none" if given.lower() == "neither" else given.lower()
        if role not in ROLES:
            raise SettingRejected(key, f"{value!r} is not a channel role; use drafts, tips, both or none")
        return role
    if key == "tip_time":
        match = TIME_OF_DAY.fullmatch(given)
        if match is None:
            raise SettingRejected(key, f"{value!r} is not a time of day; use a 24-hour time like 09:30")
        return f"{int(match[1]):02d}:{match[2]}"
    if key == "tip_timezone":
        return _check_timezone(given, value)
    if key == "tip_weekdays_only":
        word = given.lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise SettingRejected(key, f"{value!r} won't do; use true (weekdays only) or false (every day)")
        return "true" if word in TRUE_WORDS else "false"
    if key == "review_emoji":
        return _check_emoji(platform, given, value)
    choice = given.lower()
    if choice not in REVIEWERS:
        raise SettingRejected(key, f"{value!r} is not a reviewer; use auto, offline or llm")
    if choice == "llm" and not settings.llm_configured:
        raise SettingRejected(
            key,
            "no AI reviewer is set up; set OPENAI_API_KEY or OPENAI_BASE_URL first, or use auto or offline",
        )
    return choice


def _check_timezone(name: str, given: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingRejected(
            "tip_timezone", f"{given!r} is not a time zone; use a name like Europe/Berlin or America/New_York"
        ) from None
    return name


def _check_emoji(platform: str, name: str, given: str) -> str:
    if platform == "slack":
        bare = name.strip(":")
        if SLACK_EMOJI_NAME.fullmatch(bare):
            return bare
        if is_unicode_emoji(name):
            raise SettingRejected(
                "review_emoji",
                f"Slack wants the emoji's name, not the emoji: use a name like mag, not {given}",
            )
    elif is_unicode_emoji(name) or DISCORD_CUSTOM_EMOJI.fullmatch(name):
        return name
    elif DISCORD_EMOJI_NAME.fullmatch(name.strip(":")):
        return name.strip(":")
    raise SettingRejected(
        "review_emoji",
        f"{given!r} is not an emoji; use "
        + (
            "an emoji's name without colons, like mag or eyes"
            if platform == "slack"
            else "one emoji, like 🔍"
        ),
    )


def is_unicode_emoji(text: str) -> bool:
    """One emoji (or a short sequence of them), with their joiners and modifiers, and nothing else."""
    if not text or len(text) > 16:
        return False
    symbols = 0
    for char in text:
        kind = unicodedata.category(char)
        if kind == "So" or 0x1F3FB <= ord(char) <= 0x1F3FF:
            symbols += 1
        elif char in EMOJI_GLUE or 0xE0020 <= ord(char) <= 0xE007F:
            continue
        elif char in "0123456789#*" and "\u20e3" in text:
            symbols += 1
        else:
            return False
    return symbols > 0


def check_change(
    settings: Settings, platform: str, channel: str, values: Mapping[str, str]
) -> tuple[str, str, dict[str, str]]:
    """Platform, channel and values as they would be stored; SettingRejected for the first bad one."""
    platform = check_platform(platform)
    channel = check_channel(platform, channel)
    checked = {}
    for key, value in values.items():
        name = check_key(key)
        checked[name] = check_value(platform, name, value, settings)
    return platform, channel, checked


def _stored_key(platform: str, channel: str) -> tuple[str, str]:
    return (platform, str(channel))


class ChannelSettings:
    """The effective settings of any channel, read from memory; changes apply at once."""

    def __init__(
        self, settings: Settings, log: SuggestionLog, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self.log = log
        self.clock = clock
        self._lock = threading.Lock()
        self._stored: dict[tuple[str, str], dict[str, str]] | None = None
        self._loaded_at = 0.0

    # Reading ---------------------------------------------------------------------

    @property
    def stale(self) -> bool:
        return self._stored is None or self.clock() - self._loaded_at >= RELOAD_SECONDS

    def reload(self) -> bool:
        """Read every stored setting from the log; True when they differ from what was in memory."""
        stored: dict[tuple[str, str], dict[str, str]] = {}
        for row in self.log.channel_settings():
            stored.setdefault(_stored_key(row["platform"], row["channel"]), {})[row["key"]] = row["value"]
        with self._lock:
            changed = self._stored is not None and stored != self._stored
            self._stored, self._loaded_at = stored, self.clock()
        return changed

    def keep_for_now(self) -> None:
        """After a failed reload, go on with what is in memory (nothing, if never loaded) a while longer."""
        with self._lock:
            if self._stored is None:
                self._stored = {}
            self._loaded_at = self.clock()

    def _stored_for(self, platform: str, channel: str) -> dict[str, str]:
        if self.stale:
            self.reload()
        assert self._stored is not None
        return self._stored.get(_stored_key(platform, channel), {})

    def stored_value(self, platform: str, channel: str | None, key: str) -> str | None:
        """A value stored for the channel, or None when it follows the environment."""
        return self._stored_for(platform, channel).get(key) if channel else None

    def effective(self, platform: str, channel: str, *, parent: str | None = None) -> ChannelConfig:
        """The channel's settings; a Discord thread takes its `parent` channel's, then its own."""
        stored = {
            **(self._stored_for(platform, parent) if parent else {}),
            **self._stored_for(platform, channel),
        }
        settings = self.settings
        if platform == "slack":
            drafts_env = channel in settings.slack_drafts_channels or parent in settings.slack_drafts_channels
            tips_env = channel in settings.slack_tip_channels
            emoji = settings.review_emoji.strip().strip(":")
        else:
            drafts_ids = {str(c) for c in settings.discord_drafts_channels}
            drafts_env = channel in drafts_ids or parent in drafts_ids
            tips_env = channel in {str(c) for c in settings.discord_tip_channels}
            emoji = settings.discord_review_emoji
        role = stored.get("role")
        drafts = role in ("drafts", "both") if role else drafts_env
        tips = role in ("tips", "both") if role else tips_env
        tip_time = stored.get("tip_time")
        return ChannelConfig(
            platform=platform,
            channel=channel,
            drafts=drafts,
            tips=tips,
            tip_time=time_of_day.fromisoformat(tip_time) if tip_time else settings.tip_time,
            tip_timezone=stored.get("tip_timezone", settings.tip_timezone),
            tip_weekdays_only=stored["tip_weekdays_only"] == "true"
            if "tip_weekdays_only" in stored
            else settings.tip_weekdays_only,
            review_emoji=stored.get("review_emoji", emoji),
            reviewer=reviewer_choice(stored.get("reviewer", settings.reviewer)),
            stored=stored,
        )

    def tip_channels(self, platform: str) -> list[ChannelConfig]:
        """Every channel that gets the daily tip: the environment's, give or take the stored ones."""
        settings = self.settings
        env = settings.slack_tip_channels if platform == "slack" else settings.discord_tip_channels
        if self.stale:
            self.reload()
        assert self._stored is not None
        stored = [
            channel for (p, channel), values in self._stored.items() if p == platform and "role" in values
        ]
        channels = list(dict.fromkeys([*(str(c) for c in env), *sorted(stored)]))
        configs = [self.effective(platform, channel) for channel in channels]
        return [config for config in configs if config.tips]

    def listing(self, platform: str | None = None, channel: str | None = None) -> list[dict[str, Any]]:
        """The stored rows, for people to read (straight from the log, never the memory)."""
        return self.log.channel_settings(platform, channel)

    # Changing ----------------------------------------------------------------------

    def check_each(self, platform: str, values: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
        """(values as stored, {key: what's wrong}) for a form: every field is checked, not just the first."""
        checked, problems = {}, {}
        for key, value in values.items():
            try:
                checked[key] = check_value(platform, key, value, self.settings)
            except SettingRejected as exc:
                problems[key] = exc.reason
        return checked, problems

    def changes(self, config: ChannelConfig, checked: Mapping[str, str]) -> dict[str, str]:
        """The submitted values that differ from what the channel uses now: only those get stored."""
        return {key: value for key, value in checked.items() if value != config.value(key)}

    def change(
        self,
        platform: str,
        channel: str,
        values: Mapping[str, str],
        *,
        unset: tuple[str, ...] = (),
        workspace: str | None = None,
        by: str | None = None,
    ) -> dict[str, str]:
        """Store `values` and forget the keys in `unset` for one channel, all or nothing.

        Every value is checked first: one bad value raises SettingRejected and nothing is saved.
        """
        platform, channel, checked = check_change(self.settings, platform, channel, values)
        forget = [check_key(key) for key in unset]
        self.log.change_channel_settings(platform, channel, checked, forget, workspace=workspace, by=by)
        self.reload()
        return checked

    def unset(self, platform: str, channel: str, keys: tuple[str, ...] = ()) -> int:
        """Forget stored values (every one for the channel when `keys` is empty); return how many went."""
        platform = check_platform(platform)
        channel = check_channel(platform, channel)
        names = [check_key(key) for key in keys] or list(KEYS)
        removed = self.log.change_channel_settings(platform, channel, {}, names)
        self.reload()
        return removed


def reviewer_choice(value: str) -> ReviewerChoice:
    """A stored reviewer name as the settings' type; anything unknown is auto."""
    if value == "llm":
        return "llm"
    if value == "offline":
        return "offline"
    return "auto"
