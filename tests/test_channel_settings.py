"""Per-channel settings over the environment's defaults: checking, merging, storing, reading from memory."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.channel_settings import RELOAD_SECONDS, ChannelSettings, SettingRejected, is_unicode_emoji
from bot.coach import build_coach
from bot.review.origin import Origin
from bot.settings import Settings, load_settings
from bot.store import SuggestionLog
from tests.fakes.openai_server import FakeOpenAI, settings_for

SLACK_DRAFTS = "CDRAFTS01"
SLACK_TIPS = "CTIPS0001"
SLACK_OTHER = "CGENERAL1"
DISCORD_CHANNEL = "123456789012345678"


@pytest.fixture
def env_settings(tmp_path: Path) -> Settings:
    return load_settings(
        db_path=tmp_path / "log.db",
        slack_drafts_channels=[SLACK_DRAFTS],
        slack_tip_channels=[SLACK_TIPS],
        tip_time="09:30",
        tip_timezone="Europe/Berlin",
    )


@pytest.fixture
def store(env_settings: Settings) -> ChannelSettings:
    return ChannelSettings(env_settings, SuggestionLog(env_settings.db_path))


@pytest.mark.parametrize(
    ("platform", "channel", "key", "value", "message"),
    [
        (
            "slack",
            SLACK_OTHER,
            "tip_time",
            "25:00",
            "tip_time: '25:00' is not a time of day; use a 24-hour time like 09:30",
        ),
        ("slack", SLACK_OTHER, "tip_time", "9.30", "tip_time: '9.30' is not a time of day"),
        (
            "slack",
            SLACK_OTHER,
            "tip_timezone",
            "Mars/Olympus",
            "tip_timezone: 'Mars/Olympus' is not a time zone; use a name like Europe/Berlin",
        ),
        (
            "slack",
            SLACK_OTHER,
            "tip_timezone",
            "../etc/passwd",
            "tip_timezone: '../etc/passwd' is not a time zone",
        ),
        (
            "slack",
            SLACK_OTHER,
            "review_emoji",
            "not an emoji",
            "review_emoji: 'not an emoji' is not an emoji",
        ),
        (
            "slack",
            SLACK_OTHER,
            "review_emoji",
            "🔍",
            "review_emoji: Slack wants the emoji's name, not the emoji",
        ),
        (
            "discord",
            DISCORD_CHANNEL,
            "review_emoji",
            "hello world",
            "review_emoji: 'hello world' is not an emoji",
        ),
        (
            "slack",
            SLACK_OTHER,
            "reviewer",
            "gpt",
            "reviewer: 'gpt' is not a reviewer; use auto, offline or llm",
        ),
        ("slack", SLACK_OTHER, "reviewer", "llm", "reviewer: no AI reviewer is set up"),
        ("slack", SLACK_OTHER, "role", "announcements", "role: 'announcements' is not a channel role"),
        ("slack", SLACK_OTHER, "tip_weekdays_only", "sometimes", "tip_weekdays_only: 'sometimes' won't do"),
        ("slack", SLACK_OTHER, "colour", "red", "setting: 'colour' is not a channel setting"),
        ("slack", "#marketing", "role", "drafts", "channel: '#marketing' is not a Slack channel ID"),
        ("discord", "general", "role", "drafts", "channel: 'general' is not a Discord channel ID"),
        ("teams", SLACK_OTHER, "role", "drafts", "platform: 'teams' is not one of the chat platforms"),
    ],
)
def test_a_value_that_makes_no_sense_names_the_field_and_saves_nothing(
    store: ChannelSettings, platform: str, channel: str, key: str, value: str, message: str
) -> None:
    with pytest.raises(SettingRejected) as raised:
        store.change(platform, channel, {"role": "tips", key: value})
    assert str(raised.value).startswith(message)
    assert store.listing() == []  # the good value given with it wasn't saved either


@pytest.mark.parametrize(
    ("platform", "key", "given", "stored"),
    [
        ("slack", "tip_time", "7:05", "07:05"),
        ("slack", "tip_time", " 23:59 ", "23:59"),
        ("slack", "tip_weekdays_only", "No", "false"),
        ("slack", "review_emoji", ":eyes:", "eyes"),
        ("slack", "review_emoji", "thumbsup::skin-tone-2", "thumbsup::skin-tone-2"),
        ("discord", "review_emoji", "👀", "👀"),
        ("discord", "review_emoji", "👍🏽", "👍🏽"),
        ("discord", "review_emoji", ":party_coach:", "party_coach"),
        ("discord", "review_emoji", "<:party_coach:123456789012345678>", "<:party_coach:123456789012345678>"),
        ("slack", "role", "Neither", "none"),
        ("slack", "reviewer", "OFFLINE", "offline"),
    ],
)
def test_values_are_stored_in_one_spelling(
    store: ChannelSettings, platform: str, key: str, given: str, stored: str
) -> None:
    channel = SLACK_OTHER if platform == "slack" else DISCORD_CHANNEL
    assert store.change(platform, channel, {key: given}) == {key: stored}
    assert store.effective(platform, channel).value(key) == stored


def test_unicode_emoji_check() -> None:
    assert is_unicode_emoji("🔍") and is_unicode_emoji("1️⃣") and is_unicode_emoji("👩‍💻")
    assert not is_unicode_emoji("a") and not is_unicode_emoji("🔍x") and not is_unicode_emoji("")


def test_the_environment_gives_the_defaults(store: ChannelSettings) -> None:
    drafts = store.effective("slack", SLACK_DRAFTS)
    assert (drafts.drafts, drafts.tips, drafts.role) == (True, False, "drafts")
    assert (drafts.tip_time, drafts.tip_timezone, drafts.review_emoji, drafts.reviewer) == (
        time(9, 30),
        "Europe/Berlin",
        "mag",
        "auto",
    )
    assert store.effective("slack", SLACK_OTHER).role == "none"
    assert dict(drafts.stored) == {}


def test_a_stored_value_overrides_the_environment_for_that_channel_only(store: ChannelSettings) -> None:
    store.change("slack", SLACK_DRAFTS, {"role": "none"}, by="U1")  # an env drafts channel turned off
    store.change("slack", SLACK_OTHER, {"role": "both", "tip_time": "16:45", "tip_timezone": "Asia/Tokyo"})

    assert store.effective("slack", SLACK_DRAFTS).drafts is False
    other = store.effective("slack", SLACK_OTHER)
    assert (other.drafts, other.tips, other.tip_time, other.tip_timezone) == (
        True,
        True,
        time(16, 45),
        "Asia/Tokyo",
    )
    assert store.effective("slack", SLACK_TIPS).tip_time == time(9, 30)
    assert [c.channel for c in store.tip_channels("slack")] == [SLACK_TIPS, SLACK_OTHER]
    assert store.effective("discord", SLACK_OTHER).role == "none"  # the other platform is untouched


def test_unset_brings_back_the_environment(store: ChannelSettings) -> None:
    store.change("slack", SLACK_DRAFTS, {"role": "tips", "review_emoji": "eyes"})
    assert store.unset("slack", SLACK_DRAFTS, ("review_emoji",)) == 1
    assert store.effective("slack", SLACK_DRAFTS).review_emoji == "mag"
    assert store.effective("slack", SLACK_DRAFTS).role == "tips"
    assert store.unset("slack", SLACK_DRAFTS) == 1
    assert store.effective("slack", SLACK_DRAFTS).role == "drafts"
    assert store.unset("slack", SLACK_DRAFTS) == 0


def test_a_discord_thread_follows_its_channel(store: ChannelSettings) -> None:
    thread = "223456789012345678"
    store.change("discord", DISCORD_CHANNEL, {"role": "drafts", "review_emoji": "👀"})
    config = store.effective("discord", thread, parent=DISCORD_CHANNEL)
    assert (config.drafts, config.review_emoji) == (True, "👀")


def test_reads_come_from_memory_and_another_process_s_change_arrives_after_the_reload_time(
    env_settings: Settings,
) -> None:
    clock = [0.0]
    bot = ChannelSettings(env_settings, SuggestionLog(env_settings.db_path), clock=lambda: clock[0])
    assert bot.effective("slack", SLACK_OTHER).drafts is False
    cli = ChannelSettings(env_settings, SuggestionLog(env_settings.db_path))
    cli.change("slack", SLACK_OTHER, {"role": "drafts"})

    clock[0] = RELOAD_SECONDS - 1
    assert bot.effective("slack", SLACK_OTHER).drafts is False  # still the copy in memory
    clock[0] = RELOAD_SECONDS
    assert bot.effective("slack", SLACK_OTHER).drafts is True


def test_forget_and_purge_leave_settings_alone(store: ChannelSettings) -> None:
    store.change("slack", SLACK_OTHER, {"role": "drafts"}, by="U1")
    store.log.forget_user("U1")
    store.log.purge(0)
    assert [(r["channel"], r["key"], r["value"], r["updated_by"]) for r in store.listing()] == [
        (SLACK_OTHER, "role", "drafts", "U1")
    ]


async def test_a_channel_s_stored_reviewer_is_the_one_that_reviews(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    coach = build_coach(settings_for(fake_openai, db_path=tmp_path / "log.db", reviewer="llm"))
    try:
        await coach.change_channel_settings("slack", SLACK_OTHER, {"reviewer": "offline"})
        draft = "Buy now! Huge discount today."
        here = await coach.review(draft, origin=Origin("slack", channel=SLACK_OTHER, user="U1"))
        elsewhere = await coach.review(draft, origin=Origin("slack", channel=SLACK_DRAFTS, user="U1"))
        assert here.review.reviewer == "offline"
        assert elsewhere.review.reviewer == "llm"
        assert len(fake_openai.requests) == 1
    finally:
        await coach.aclose()


async def test_a_channel_can_ask_for_the_ai_when_the_default_is_offline(
    tmp_path: Path, fake_openai: FakeOpenAI
) -> None:
    coach = build_coach(settings_for(fake_openai, db_path=tmp_path / "log.db", reviewer="offline"))
    try:
        await coach.change_channel_settings("slack", SLACK_OTHER, {"reviewer": "llm"})
        outcome = await coach.review("Buy now!", origin=Origin("slack", channel=SLACK_OTHER, user="U1"))
        assert outcome.review.reviewer == "llm"
        cli = await coach.review("Buy now!")
        assert cli.review.reviewer == "offline"
    finally:
        await coach.aclose()


async def test_a_log_that_can_t_be_read_never_stops_a_review(
    env_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    coach = build_coach(env_settings)
    try:
        coach.log.close()  # the file went away under the bot, say
        outcome = await coach.review("Buy now!", origin=Origin("slack", channel=SLACK_DRAFTS, user="U1"))
        assert outcome.review.verdict == "pushy" and outcome.review_id is None
        assert "can't read the channel settings" in caplog.text
        assert (await coach.channel_config("slack", SLACK_DRAFTS)).drafts is True  # the environment's, still
    finally:
        coach.close()
