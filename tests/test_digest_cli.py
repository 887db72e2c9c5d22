"""`party-coach digest`: the text on standard output, the chart in --out, read-only, one line on bad input."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bench.digest_demo_log import fill_log
from bot.cli import cli
from bot.store import SuggestionLog
from tests.test_digest import add_review

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, ["digest", *args])
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.fixture
def log_file(tmp_path: Path) -> Path:
    path = tmp_path / "log.db"  # PARTY_COACH_DB, set by the shared fixture
    log = SuggestionLog(path)
    both = ("converse_first", "pitch_only_when_pulled")
    add_review(log, datetime(2026, 1, 6, 12, tzinfo=UTC), "pushy", both)
    add_review(log, datetime(2026, 1, 7, 12, tzinfo=UTC), "ok")
    add_review(log, datetime(2025, 12, 30, 12, tzinfo=UTC), "pushy", ("offer_help", "converse_first"))
    log.close()
    return path


def test_prints_the_digest_and_writes_the_chart(log_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "digest.png"
    result = run("--platform", "slack", "--channel", "C1", "--week", "2026-01-08", "--out", str(out))
    assert result.exit_code == 0
    assert result.output == (
        "Weekly digest · Jan 5 – Jan 11, 2026\n"
        "Drafts reviewed: 2\n"
        "Pushy: 50% (1 of 2), down from 100% the week before. Nice work!\n"
        "Missed most: Converse first (1 draft)\n"
        "Pushy drafts revised until they passed: 0\n"
        "Suggested rewrites used: 0\n"
        "Next step: Start or join a real conversation before anything else.\n"
        f"Chart: {out}\n"
    )
    assert out.read_bytes().startswith(PNG_MAGIC)


def test_without_out_only_the_text(log_file: Path, tmp_path: Path) -> None:
    result = run("--platform", "slack", "--channel", "C1", "--week", "2025-12-29")
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == ["Weekly digest · Dec 29 – Jan 4, 2026", "Drafts reviewed: 1"]
    assert list(tmp_path.glob("*.png")) == []


def test_an_empty_week_still_renders_and_says_nothing_would_be_posted(log_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.png"
    result = run("--platform", "discord", "--channel", "C1", "--week", "2026-01-05", "--out", str(out))
    assert result.exit_code == 0
    assert "No drafts reviewed this week." in result.output
    assert "A week with no reviews posts nothing in the channel." in result.output  # on standard error
    assert out.read_bytes().startswith(PNG_MAGIC)


def test_a_generated_log_of_many_weeks(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    fill_log(log, reviews=2000, weeks=12, end=datetime(2026, 1, 12, tzinfo=UTC))
    log.close()
    result = run("--platform", "slack", "--channel", "C0DEMO001", "--week", "2026-01-05")
    assert result.exit_code == 0 and "Drafts reviewed: " in result.output and "week before" in result.output


def test_never_makes_a_log(tmp_path: Path) -> None:
    result = run("--platform", "slack", "--channel", "C1")
    assert result.exit_code == 2
    assert result.output.startswith("Error: there is no suggestion log at ")
    assert len(result.output.splitlines()) == 1
    assert not (tmp_path / "log.db").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "last monday"], "Error: --week 'last monday': use a date like 2026-11-02"),
        (["--week", "2026-02-30"], "Error: --week '2026-02-30': use a date like 2026-11-02"),
        (["--out", "digest.jpg"], "Error: --out digest.jpg: the chart is a PNG image"),
        (["--out", "no/such/folder/digest.png"], "Error: can't write the chart to no/such/folder/digest.png"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(log_file: Path, args: list[str], message: str) -> None:
    result = run("--platform", "slack", "--channel", "C1", *args)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert len(result.output.splitlines()) == 1


def test_a_bad_platform_is_refused_by_click(log_file: Path) -> None:
    result = run("--platform", "teams", "--channel", "C1")
    assert result.exit_code == 2 and "'teams' is not one of 'slack', 'discord', 'cli'" in result.output


def test_without_matplotlib_the_text_goes_alone_with_the_reason(
    log_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)  # as if the charts extra weren't installed
    out = tmp_path / "digest.png"
    result = run("--platform", "slack", "--channel", "C1", "--week", "2026-01-05", "--out", str(out))
    assert result.exit_code == 0
    assert "Drafts reviewed: 2" in result.output
    assert "No chart: the chart needs matplotlib, which isn't installed" in result.output
    assert not out.exists()


def png_size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    return width, height


def test_the_readme_digest_is_what_the_commands_print(tmp_path: Path) -> None:
    section = README.split("## Weekly digest", 1)[1].split("\n## ", 1)[0]
    session = section.split("```\n$ ", 1)[1].split("```", 1)[0]
    steps = [step.split("\n", 1) for step in ("$ " + session).split("$ ")[1:]]
    (tmp_path / "bench").symlink_to(ROOT / "bench")
    (tmp_path / "docs").mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PARTY_COACH_DB")
    for command, shown in steps:
        result = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=tmp_path, check=False
        )
        assert (result.returncode, result.stderr, result.stdout) == (0, "", shown), command
    made = (tmp_path / "docs" / "digest.png").read_bytes()
    shipped = (ROOT / "docs" / "digest.png").read_bytes()
    assert shipped.startswith(PNG_MAGIC) and png_size(shipped) == png_size(made)
