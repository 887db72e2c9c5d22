"""`party-coach doctor --check`: silent and 0 when the setup works, the broken parts and 1 when not."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli


def test_a_working_setup_passes_quietly() -> None:
    result = CliRunner().invoke(cli, ["doctor", "--check"])
    assert (result.exit_code, result.output) == (0, "")


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("PARTY_COACH_PRINCIPLES", "missing.toml", "principles: "),
        ("PARTY_COACH_TIP_TIME", "25:00", "PARTY_COACH_TIP_TIME: '25:00' won't do"),
        ("SLACK_BOT_TOKEN", "xoxp-not-a-bot-token", "SLACK_BOT_TOKEN: this is a user token"),
    ],
)
def test_something_broken_fails_and_says_only_that(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, said: str
) -> None:
    monkeypatch.setenv(name, value)
    result = CliRunner().invoke(cli, ["doctor", "--check"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert said in result.stderr and len(result.stderr.splitlines()) == 1
    assert "not-a-bot-token" not in result.output  # a secret is never shown


def test_an_unusable_log_path_fails_the_check(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("PARTY_COACH_DB", str(tmp_path / "a-file" / "log.db"))
    result = CliRunner().invoke(cli, ["doctor", "--check"])
    assert result.exit_code == 1 and result.stderr.startswith("suggestion log: ")
