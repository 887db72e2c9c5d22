"""The README's command-line examples, run in a real shell: each must print exactly what the README shows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SECTION = (ROOT / "README.md").read_text(encoding="utf-8").split("## Command line", 1)[1].split("\n## ", 1)[0]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def transcripts() -> list[list[tuple[str, str]]]:
    """Each shown session as (command, what it printed) pairs; a line ending in '\\' goes on."""
    sessions = []
    for lang, body in FENCE.findall(SECTION):
        if lang or not body.startswith("$ "):
            continue
        steps: list[tuple[str, str]] = []
        lines = body.splitlines()
        while lines:
            command = lines.pop(0).removeprefix("$ ")
            while command.endswith("\\"):
                command = command[:-1] + lines.pop(0)
            printed = []
            while lines and not lines[0].startswith("$ "):
                printed.append(lines.pop(0))
            steps.append((command, "\n".join(printed)))
        sessions.append(steps)
    return sessions


def test_the_section_shows_sessions() -> None:
    assert len(transcripts()) >= 2


@pytest.mark.parametrize("session", transcripts())
def test_each_shown_session_prints_what_the_readme_says(
    tmp_path: Path, session: list[tuple[str, str]]
) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "PARTY_COACH_DB": str(tmp_path / "log.db"),  # never the reader's own log
    }
    for command, shown in session:
        if command.startswith("cat "):  # the README shows a file: make it
            (tmp_path / command.removeprefix("cat ")).write_text(shown + "\n", encoding="utf-8")
            continue
        result = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, env=env, check=False, cwd=tmp_path
        )
        assert result.stderr == "" and result.stdout.rstrip("\n") == shown, command


def test_drafts_in_examples_are_single_quoted() -> None:
    """Double quotes let the shell rewrite `$200` and `!`, so the draft reviewed isn't the one shown."""
    commands = [
        line for lang, body in FENCE.findall(SECTION) for line in body.splitlines() if "party-coach" in line
    ]
    assert commands and not [c for c in commands if re.search(r'"[^"]*[$!`][^"]*"', c)]
