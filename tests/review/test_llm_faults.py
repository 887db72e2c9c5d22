"""Every way the LLM server can fail ends in ReviewerUnavailable with a friendly line, inside one budget."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

import pytest

from bot.errors import ReviewerUnavailable
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.llm import UNEXPECTED, LLMReviewer
from bot.settings import load_settings
from tests.fakes.openai_server import FAKE_API_KEY, FakeOpenAI, reviewer_for

DRAFT = Draft("Launch day! What's the one feature you'd want us to build next?")


@pytest.mark.parametrize(
    ("mode", "overrides", "reason", "requests"),
    [
        ("refusal", {}, "The AI reviewer declined to review this draft.", 1),
        ("truncated", {}, "The AI reviewer's answer was cut off before it finished.", 1),
        ("invalid_json", {}, "The AI reviewer's answer didn't make sense, even on a second try.", 2),
        ("server_error", {"openai_max_retries": 2}, "The AI service had a problem on its side.", 3),
        (
            "unauthorized",
            {},
            "The AI service turned down our API key; ask an admin to check OPENAI_API_KEY.",
            1,
        ),
        ("rate_limit", {"openai_max_retries": 0}, "The AI service is busy (rate limited) right now.", 1),
        ("slow", {"llm_budget_seconds": 0.5}, "The AI reviewer didn't answer within 0.5 seconds.", 1),
    ],
)
async def test_a_fault_becomes_one_friendly_line(
    fake_openai: FakeOpenAI, mode: str, overrides: dict[str, Any], reason: str, requests: int
) -> None:
    fake_openai.mode = mode
    with pytest.raises(ReviewerUnavailable) as caught:
        await reviewer_for(fake_openai, **overrides).review(DRAFT)
    assert str(caught.value) == reason
    assert len(fake_openai.requests) == requests


async def test_429_honours_retry_after_then_succeeds(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode, fake_openai.fail_times, fake_openai.retry_after = "rate_limit", 1, 1
    started = time.monotonic()
    review = await reviewer_for(fake_openai).review(DRAFT)
    assert time.monotonic() - started >= 1.0  # the SDK's own first backoff is under 0.5 s
    assert review.reviewer == "llm"
    assert len(fake_openai.requests) == 2


async def test_5xx_is_retried_with_backoff(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode, fake_openai.fail_times = "server_error", 2
    review = await reviewer_for(fake_openai, openai_max_retries=2).review(DRAFT)
    assert review.reviewer == "llm"
    assert len(fake_openai.requests) == 3


async def test_a_request_timeout_is_retried(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode, fake_openai.fail_times, fake_openai.delay = "slow", 1, 3.0
    review = await reviewer_for(fake_openai, openai_timeout=0.3, llm_budget_seconds=3.0).review(DRAFT)
    assert review.reviewer == "llm"
    assert len(fake_openai.requests) == 2


@pytest.mark.parametrize(
    ("mode", "overrides"),
    [
        ("slow", {"openai_timeout": 0.3, "openai_max_retries": 10}),
        ("rate_limit", {"openai_max_retries": 10}),
    ],
)
async def test_one_budget_bounds_every_retry(
    fake_openai: FakeOpenAI, mode: str, overrides: dict[str, Any]
) -> None:
    fake_openai.mode, fake_openai.delay, fake_openai.retry_after = mode, 5.0, 1
    started = time.monotonic()
    with pytest.raises(ReviewerUnavailable, match=r"didn't answer within 1\.5 seconds"):
        await reviewer_for(fake_openai, llm_budget_seconds=1.5, **overrides).review(DRAFT)
    assert time.monotonic() - started < 2.0


async def test_a_server_that_is_down_is_unavailable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = load_settings(openai_base_url=f"http://127.0.0.1:{port}/v1", openai_max_retries=1)
    reviewer = LLMReviewer(settings, load_principles(settings.principles_path))
    try:
        with pytest.raises(ReviewerUnavailable, match=r"^Couldn't reach the AI service\.$"):
            await reviewer.review(DRAFT)
    finally:
        await reviewer.aclose()


async def test_an_unexpected_error_never_escapes(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"boom {FAKE_API_KEY}")

    monkeypatch.setattr("bot.review.llm.ask", broken)
    with pytest.raises(ReviewerUnavailable) as caught:
        await reviewer_for(fake_openai).review(DRAFT)
    assert str(caught.value) == UNEXPECTED


@pytest.mark.parametrize(
    "mode", ["unauthorized", "server_error", "invalid_json", "refusal", "truncated", "ok"]
)
async def test_the_api_key_never_reaches_logs_or_messages(
    fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture, mode: str
) -> None:
    caplog.set_level(logging.DEBUG)
    fake_openai.mode = mode
    reviewer = reviewer_for(fake_openai, openai_max_retries=1)
    try:
        review = await reviewer.review(DRAFT)
        shown = review.model_dump_json()
    except ReviewerUnavailable as exc:
        shown = str(exc)
    assert fake_openai.headers[0]["authorization"] == f"Bearer {FAKE_API_KEY}"
    assert FAKE_API_KEY not in shown
    assert FAKE_API_KEY not in caplog.text
    assert FAKE_API_KEY not in repr(reviewer.settings)
