"""What the command line prints to stderr: Party Coach's own lines, not the libraries' routine chatter."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

QUESTION = "Anyone else find that shorter onboarding calls work better? Ours went from 45 to 20 minutes."


def refused_base_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/v1"


@pytest.mark.parametrize(("level", "retries_shown"), [("INFO", False), ("DEBUG", True)])
def test_the_ai_clients_retries_show_only_when_debugging(level: str, retries_shown: bool) -> None:
    env = {
        **os.environ,
        "OPENAI_BASE_URL": refused_base_url(),
        "PARTY_COACH_LLM_RETRIES": "1",
        "PARTY_COACH_LOG_LEVEL": level,
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "review", "--reviewer", "llm", QUESTION],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert "Couldn't reach the AI service. This is the built-in offline review instead." in result.stdout
    assert ("Retrying request" in result.stderr) is retries_shown
