"""`party-coach settings list|set|unset`, through click's runner, with a real SQLite file."""

from __future__ import annotations

import json
import os
import shlex
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli

CHANNEL = "C0123ABCD"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result


def db() -> Path:
    return Path(os.environ["PARTY_COACH_DB"])


def test_set_then_list_then_unset() -> None:
    saved = run("settings", "set", "--platform", "slack", "--channel", CHANNEL, "role", "both")
    assert saved.exit_code == 0
    assert saved.output == (
        f"Saved for slack channel {CHANNEL}: role = both. A running bot picks it up within 30 seconds.\n"
    )
    run("settings", "set", "--platform", "slack", "--channel", CHANNEL, "tip-time", "7:45")

    listed = run("settings", "list", "--format", "json")
    rows = json.loads(listed.output)
    assert [(r["platform"], r["channel"], r["key"], r["value"], r["updated_by"]) for r in rows] == [
        ("slack", CHANNEL, "role", "both", "cli"),
        ("slack", CHANNEL, "tip_time", "07:45", "cli"),
    ]

    one = run("settings", "list", "--platform", "slack", "--channel", CHANNEL, "--format", "json")
    values = {r["key"]: (r["value"], r["from"]) for r in json.loads(one.output)}
    assert values["role"] == ("both", "stored")
    assert values["tip_time"] == ("07:45", "stored")
    assert values["review_emoji"] == ("mag", "default")

    removed = run("settings", "unset", "--platform", "slack", "--channel", CHANNEL)
    assert removed.output == (
        f"Removed 2 settings for slack channel {CHANNEL}: the environment's settings apply there again.\n"
    )
    again = run("settings", "unset", "--platform", "slack", "--channel", CHANNEL, "role")
    assert again.output == f"Nothing to remove: slack channel {CHANNEL} has no such stored setting.\n"
    assert run("settings", "list").output == (
        "No channel settings stored: every channel follows the environment's settings.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("tip_time", "25:00"),
            "Error: tip_time: '25:00' is not a time of day; use a 24-hour time like 09:30\n",
        ),
        (
            ("tip_timezone", "Moon/Base"),
            "Error: tip_timezone: 'Moon/Base' is not a time zone; "
            "use a name like Europe/Berlin or America/New_York\n",
        ),
        (
            ("review_emoji", "two words"),
            "Error: review_emoji: 'two words' is not an emoji; "
            "use an emoji's name without colons, like mag or eyes\n",
        ),
        (
            ("reviewer", "gpt-5"),
            "Error: reviewer: 'gpt-5' is not a reviewer; use auto, offline or llm\n",
        ),
        (
            ("volume", "11"),
            "Error: setting: 'volume' is not a channel setting; use one of role, tip_time, tip_timezone, "
            "tip_weekdays_only, review_emoji, reviewer\n",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_saves_nothing(args: tuple[str, str], message: str) -> None:
    result = run("settings", "set", "--platform", "slack", "--channel", CHANNEL, *args)
    assert result.exit_code == 2
    assert result.output == message
    assert not db().exists()  # not even an empty log was made


def test_a_channel_name_instead_of_an_id_is_refused() -> None:
    result = run("settings", "set", "--platform", "slack", "--channel", "#marketing", "role", "drafts")
    assert result.exit_code == 2
    assert result.output.startswith("Error: channel: '#marketing' is not a Slack channel ID")
    assert result.output.count("\n") == 1


def test_set_needs_a_platform_and_a_channel() -> None:
    result = run("settings", "set", "role", "drafts")
    assert result.exit_code == 2
    assert result.output == (
        "Error: settings set needs --platform and --channel, e.g. --platform slack --channel C0123ABCD\n"
    )


def test_list_only_reads_and_shows_the_environment_s_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TIP_CHANNELS", "123456789012345678")
    monkeypatch.setenv("PARTY_COACH_TIP_TIME", "08:15")
    assert run("settings", "list").exit_code == 0
    shown = run("settings", "list", "--platform", "discord", "--channel", "123456789012345678")
    assert shown.exit_code == 0
    assert shown.output.splitlines()[:4] == [
        "discord channel 123456789012345678:",
        "setting            value    from",
        "-----------------  -------  -------",
        "role               tips     default",
    ]
    assert "tip_time           08:15    default" in shown.output
    assert run("settings", "unset", "--platform", "discord", "--channel", "123456789012345678").exit_code == 0
    assert not db().exists()


def test_the_readme_session_prints_what_the_readme_shows() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    part = readme.split("### Settings from chat", 1)[1]
    block = textwrap.dedent(part.split("  ```\n", 2)[1])
    steps = [step.split("\n", 1) for step in block.split("$ ")[1:]]
    assert steps
    for command, shown in steps:
        args = shlex.split(command)
        assert args[0] == "party-coach"
        result = run(*args[1:])
        assert (result.exit_code, result.output) == (0, shown), command
