"""`party-coach doctor` reports every bad setting at once, and a bad chat setting never stops `review`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.settings import BUNDLED_DATA

OK_DRAFT = "What's the one onboarding email you still remember, and why? Mine asked what I was building."


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def doctor_line(output: str, name: str) -> str:
    lines = [line.strip() for line in output.splitlines() if f" {name} " in line]
    assert len(lines) == 1, output
    return lines[0]


BAD_SETTINGS = {
    "PARTY_COACH_TIP_TIME": ("25:00", "'25:00' won't do: use a 24-hour time like 09:30"),
    "PARTY_COACH_REVIEWER": ("magic", "'magic' is not one of the choices: use auto, offline or llm"),
    "PARTY_COACH_LLM_TIMEOUT": ("soon", "'soon' won't do: use a number"),
    "PARTY_COACH_LOG_LEVEL": ("loud", "unknown log level 'loud' (use DEBUG, INFO or WARNING)"),
    "DISCORD_TIP_CHANNELS": (
        "general",
        "'general' is not a Discord ID (those are numbers with 17 to 20 digits)",
    ),
    "PARTY_COACH_TIP_TIMEZONE": ("Mars/Olympus", "unknown timezone 'Mars/Olympus'"),
}


def test_doctor_reports_every_bad_setting_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, (value, _) in BAD_SETTINGS.items():
        monkeypatch.setenv(name, value)
    code, output = invoke("doctor")
    assert code == 1
    for name, (_, message) in BAD_SETTINGS.items():
        assert doctor_line(output, name).startswith(f"✗ {name:<24} {message}")
    assert "✓ principles" in output and "SLACK_BOT_TOKEN" in output  # the rest of the report is still there
    assert "schedule" not in output and "in use" not in output  # no summary built on a bad value


def test_doctor_shows_the_tip_schedule_when_it_is_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "08:15")
    code, output = invoke("doctor")
    assert code == 0 and doctor_line(output, "schedule") == "✓ schedule                 08:15 UTC, weekdays"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SLACK_BOT_TOKEN", "xoxp-1111-secret", "this is a user token (xoxp-…); use the bot token (xoxb-…)"),
        (
            "SLACK_BOT_TOKEN",
            "xapp-1-secret",
            "this is the app-level token (xapp-…); use the bot token (xoxb-…)",
        ),
        ("SLACK_BOT_TOKEN", "secret-from-elsewhere", "this isn't a Slack token; use the bot token (xoxb-…)"),
        (
            "SLACK_APP_TOKEN",
            "xoxb-1-secret",
            "this is the bot token (xoxb-…); use the app-level token (xapp-…)",
        ),
        ("SLACK_DRAFTS_CHANNELS", "C0123ABCD,#marketing", "'#marketing' is not a channel ID"),
        ("SLACK_TIP_CHANNELS", "general", "'general' is not a channel ID"),
        (
            "DISCORD_DRAFTS_CHANNELS",
            "1234",
            "1234 is not a Discord ID (those are numbers with 17 to 20 digits)",
        ),
        ("DISCORD_DEV_GUILD", "42", "42 is not a Discord ID"),
    ],
)
def test_doctor_flags_ids_and_tokens_of_the_wrong_shape(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    code, output = invoke("doctor")
    assert code == 1
    assert doctor_line(output, name).startswith(f"✗ {name}")
    assert message in doctor_line(output, name)
    assert "secret" not in output


def test_doctor_accepts_ids_and_tokens_of_the_right_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "SLACK_BOT_TOKEN": "xoxb-1-2-secret",
        "SLACK_APP_TOKEN": "xapp-1-A-secret",
        "SLACK_DRAFTS_CHANNELS": "C0123ABCD, G0456EFGH",
        "DISCORD_TOKEN": "secret.token.value",
        "DISCORD_DRAFTS_CHANNELS": "1234567890123456789",
        "DISCORD_TIP_CHANNELS": "12345678901234567",
    }.items():
        monkeypatch.setenv(name, value)
    code, output = invoke("doctor")
    assert code == 0 and "✗" not in output and "secret" not in output
    assert doctor_line(output, "SLACK_DRAFTS_CHANNELS").startswith("✓")


def test_a_bad_chat_setting_does_not_stop_review(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "25:00")
    monkeypatch.setenv("SLACK_DRAFTS_CHANNELS", "#marketing")
    monkeypatch.setenv("DISCORD_TIP_CHANNELS", "general")
    code, output = invoke("review", OK_DRAFT, "--format", "json")
    assert code == 0 and json.loads(output)["verdict"] == "ok"


def test_the_bots_still_refuse_a_bad_setting_naming_them_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "25:00")
    monkeypatch.setenv("DISCORD_TIP_CHANNELS", "general")
    code, output = invoke("run", "slack")
    assert code == 2
    assert output.startswith("Error: 2 settings need fixing: PARTY_COACH_TIP_TIME: '25:00' won't do")
    assert "DISCORD_TIP_CHANNELS: 'general' is not a Discord ID" in output


def test_a_bad_setting_review_reads_stops_it_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTY_COACH_REVIEWER", "magic")
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "25:00")
    code, output = invoke("review", OK_DRAFT)
    assert code == 2
    assert output == (
        "Error: setting PARTY_COACH_REVIEWER: 'magic' is not one of the choices: use auto, offline or llm\n"
    )


@pytest.mark.parametrize(("drafts", "shown"), [(1, "(1 review)"), (2, "(2 reviews)")])
def test_doctor_counts_the_logged_reviews_in_plain_words(drafts: int, shown: str) -> None:
    for _ in range(drafts):
        invoke("review", OK_DRAFT)
    _, output = invoke("doctor")
    assert shown in output


@pytest.mark.parametrize(
    "command", [["log"], ["eval", str(BUNDLED_DATA / "drafts-dev.jsonl"), "--no-misses"]]
)
def test_a_bad_chat_setting_does_not_stop_reading_the_log_or_measuring(
    monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    invoke("review", OK_DRAFT)
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "25:00")
    code, output = invoke(*command)
    assert code == 0, output
    assert "PARTY_COACH_TIP_TIME" not in output
