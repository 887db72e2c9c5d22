"""PARTY_COACH_LOG_FORMAT=json: every log line is one JSON object a log shipper can read."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys

from bot.cli.logging_setup import JsonLines
from tests.test_logging_setup import QUESTION, refused_base_url


def review_with_the_ai_unreachable(**env: str) -> subprocess.CompletedProcess[str]:
    """A real `review` whose AI call fails, so the coach logs a warning."""
    env = {**os.environ, "OPENAI_BASE_URL": refused_base_url(), "PARTY_COACH_LLM_RETRIES": "0", **env}
    return subprocess.run(
        [sys.executable, "-m", "bot", "review", "--reviewer", "llm", QUESTION],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_real_run_logs_one_json_object_per_line() -> None:
    result = review_with_the_ai_unreachable(PARTY_COACH_LOG_FORMAT="json")
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    assert lines, "the failed AI call should be logged"
    assert all({"time", "level", "logger", "event"} <= line.keys() for line in lines)
    assert any(line["level"] == "WARNING" and line["logger"] == "bot.coach" for line in lines)


def test_context_given_as_extra_becomes_fields() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonLines())
    logger = logging.getLogger("party-coach-test-json")
    logger.addHandler(handler)
    try:
        logger.warning(
            "review %s done",
            7,
            extra={"platform": "slack", "channel": "C1", "review_id": 7, "latency_ms": 12.5},
        )
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("it broke", extra={"reviewer": "llm", "error": "timeout"})
    finally:
        logger.removeHandler(handler)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["event"] == "review 7 done"
    assert (first["platform"], first["channel"], first["review_id"], first["latency_ms"]) == (
        "slack",
        "C1",
        7,
        12.5,
    )
    assert "reviewer" not in first  # only what the call gave
    assert (second["reviewer"], second["error"]) == ("llm", "timeout")
    assert "ValueError: boom" in second["exception"]


def test_text_stays_the_default() -> None:
    result = review_with_the_ai_unreachable()
    assert "WARNING bot.coach:" in result.stderr and not result.stderr.lstrip().startswith("{")
