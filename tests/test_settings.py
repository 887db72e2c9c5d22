"""Settings come from the environment and .env; secrets never print."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.settings import load_settings, read_settings


def test_defaults_use_the_offline_reviewer() -> None:
    settings = load_settings()
    assert settings.chosen_reviewer() == "offline"
    assert settings.principles_path.name == "principles.toml" and settings.principles_path.exists()
    assert settings.tips_path.exists()


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "OPENAI_API_KEY=sk-from-dotenv\nSLACK_DRAFTS_CHANNELS=C1, C2\nPARTY_COACH_TIP_TIME=08:15\n"
        "DISCORD_TIP_CHANNELS=123,456\n"
    )
    settings = load_settings()
    assert settings.openai_api_key is not None
    assert settings.openai_api_key.get_secret_value() == "sk-from-dotenv"
    assert settings.chosen_reviewer() == "llm"
    assert settings.slack_drafts_channels == ["C1", "C2"]
    assert settings.discord_tip_channels == [123, 456]
    assert settings.tip_time == time(8, 15)


def test_environment_beats_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text("PARTY_COACH_REVIEWER=llm\n")
    monkeypatch.setenv("PARTY_COACH_REVIEWER", "offline")
    assert load_settings().reviewer == "offline"


def test_a_base_url_alone_configures_a_local_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    assert load_settings().chosen_reviewer() == "llm"
    assert load_settings().chosen_reviewer("offline") == "offline"


def test_secrets_never_print(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OPENAI_API_KEY",
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "DISCORD_TOKEN",
    ):
        monkeypatch.setenv(name, f"very-secret-{name}")
    settings = load_settings()
    shown = repr(settings) + str(settings) + settings.model_dump_json()
    assert "very-secret" not in shown


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PARTY_COACH_TIP_TIMEZONE", "Mars/Olympus", "unknown timezone"),
        ("PARTY_COACH_REVIEWER", "magic", "PARTY_COACH_REVIEWER"),
        ("PARTY_COACH_TIP_TIME", "25:99", "PARTY_COACH_TIP_TIME"),
        ("DISCORD_TIP_CHANNELS", "general", "DISCORD_TIP_CHANNELS"),
    ],
)
def test_bad_settings_are_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings()
    assert "\n" not in str(caught.value)


def test_every_bad_setting_is_named_at_once_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "25:00")
    monkeypatch.setenv("PARTY_COACH_REVIEWER", "magic")
    monkeypatch.setenv("DISCORD_TIP_CHANNELS", "general")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("3 settings need fixing: ") and "\n" not in message
    for name in ("PARTY_COACH_TIP_TIME", "PARTY_COACH_REVIEWER", "DISCORD_TIP_CHANNELS"):
        assert f"{name}: " in message


def test_read_settings_keeps_the_good_values_and_defaults_the_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "25:00")
    monkeypatch.setenv("PARTY_COACH_TIP_TIMEZONE", "Europe/Berlin")
    settings, problems = read_settings()
    assert settings.tip_time == time(9, 30) and settings.tip_timezone == "Europe/Berlin"
    assert [(p.name, p.field) for p in problems] == [("PARTY_COACH_TIP_TIME", "tip_time")]


def test_a_setting_given_by_its_second_name_is_reported_by_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Nowhere/Land")
    _, problems = read_settings()
    assert [p.field for p in problems] == ["tip_timezone"] and "unknown timezone" in problems[0].message
