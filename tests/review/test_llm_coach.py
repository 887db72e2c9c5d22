"""The LLM reviewer through the Coach: offline fallback with a note, errors logged, free cache hits."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.coach import FALLBACK_NOTE, Coach, build_coach, make_reviewer
from bot.review.llm import LLMReviewer
from bot.review.reviewer import Reviewer
from bot.settings import BUNDLED_PROMPTS, Settings
from tests.fakes.openai_server import FAKE_API_KEY, FakeOpenAI, settings_for

AUTH_ERROR = "The AI service turned down our API key; ask an admin to check OPENAI_API_KEY."
TEXT = "Shipping our onboarding checklist today: no sign-up, just the doc. What would you add to it?"


@pytest.fixture
async def llm_coach(fake_openai: FakeOpenAI) -> AsyncIterator[Coach]:
    coach = build_coach(settings_for(fake_openai))
    yield coach
    await coach.aclose()


async def test_make_reviewer_builds_the_llm_reviewer(fake_openai: FakeOpenAI) -> None:
    settings = settings_for(fake_openai, reviewer="auto")
    coach = build_coach(settings)
    try:
        reviewer: Reviewer = coach.reviewer
        assert isinstance(reviewer, LLMReviewer)
        assert isinstance(make_reviewer(settings, coach.principles, "llm"), LLMReviewer)
        assert (reviewer.name, reviewer.model) == ("llm", settings.openai_model)
    finally:
        await coach.aclose()


async def test_a_review_is_logged_with_model_prompt_version_and_tokens(
    llm_coach: Coach, fake_openai: FakeOpenAI
) -> None:
    outcome = await llm_coach.review(TEXT)
    assert outcome.review_id is not None
    row = llm_coach.log.get_review(outcome.review_id)
    assert row is not None
    assert (row["reviewer"], row["model"], row["error"]) == ("llm", "fake-gpt", None)
    assert row["prompt_version"] == llm_coach.reviewer.prompt_version
    assert row["tokens_in"] == fake_openai.prompt_tokens[0]
    assert row["tokens_out"] > 0


async def test_a_repeated_review_is_answered_from_the_log(llm_coach: Coach, fake_openai: FakeOpenAI) -> None:
    first = await llm_coach.review(TEXT, context="Any onboarding tips?")
    second = await llm_coach.review(TEXT, context="Any onboarding tips?")
    assert len(fake_openai.requests) == 1
    assert first.review.tokens_in and not first.review.cached
    assert second.review.cached
    assert (second.review.tokens_in, second.review.tokens_out) == (0, 0)
    assert second.review.verdict == first.review.verdict
    assert second.review.findings == first.review.findings


@pytest.mark.parametrize(
    "second_call",
    [{"text": TEXT + "!"}, {"text": TEXT, "context": "A different question?"}],
    ids=["other-text", "other-context"],
)
async def test_a_different_draft_or_context_is_a_new_request(
    llm_coach: Coach, fake_openai: FakeOpenAI, second_call: dict[str, Any]
) -> None:
    await llm_coach.review(TEXT)
    await llm_coach.review(**second_call)
    assert len(fake_openai.requests) == 2


async def test_a_new_prompt_version_is_a_new_request(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    team_prompts = tmp_path / "team-prompts"
    shutil.copytree(BUNDLED_PROMPTS, team_prompts)
    system = team_prompts / "system.md"
    system.write_text(system.read_text(encoding="utf-8") + "\nBe brief.\n", encoding="utf-8")
    versions = []
    for settings in (settings_for(fake_openai), settings_for(fake_openai, prompts_dir=team_prompts)):
        coach = build_coach(settings)
        versions.append(coach.reviewer.prompt_version)
        await coach.review(TEXT)
        await coach.aclose()
    assert versions[0] != versions[1]
    assert len(fake_openai.requests) == 2
    assert fake_openai.requests[1]["messages"][0]["content"].endswith("Be brief.")


@pytest.mark.parametrize(
    ("mode", "overrides", "error"),
    [
        ("slow", {"llm_budget_seconds": 0.5}, "The AI reviewer didn't answer within 0.5 seconds."),
        ("refusal", {}, "The AI reviewer declined to review this draft."),
        ("truncated", {}, "The AI reviewer's answer was cut off before it finished."),
        ("invalid_json", {}, "The AI reviewer's answer didn't make sense, even on a second try."),
        ("server_error", {"openai_max_retries": 0}, "The AI service had a problem on its side."),
        ("unauthorized", {}, AUTH_ERROR),
    ],
)
async def test_a_failing_llm_falls_back_to_offline_with_one_line(
    fake_openai: FakeOpenAI, mode: str, overrides: dict[str, Any], error: str
) -> None:
    fake_openai.mode, fake_openai.delay = mode, 10.0
    coach = build_coach(settings_for(fake_openai, **overrides))
    try:
        started = time.monotonic()
        outcome = await coach.review(TEXT)
        assert time.monotonic() - started < 2.0
        assert outcome.review.reviewer == "offline"
        assert outcome.review.notes[-1] == f"{error.rstrip('.')}. {FALLBACK_NOTE}"
        assert outcome.review_id is not None
        row = coach.log.get_review(outcome.review_id)
        assert row is not None
        assert (row["reviewer"], row["error"], row["cache_key"]) == ("offline", error, None)
    finally:
        await coach.aclose()


async def test_a_failed_review_is_not_served_from_the_cache(
    llm_coach: Coach, fake_openai: FakeOpenAI
) -> None:
    fake_openai.mode, fake_openai.fail_times = "refusal", 1
    first = await llm_coach.review(TEXT)
    second = await llm_coach.review(TEXT)
    assert (first.review.reviewer, second.review.reviewer) == ("offline", "llm")
    assert len(fake_openai.requests) == 2


async def test_the_api_key_is_never_stored_or_logged(
    fake_openai: FakeOpenAI, caplog: pytest.LogCaptureFixture, settings: Settings
) -> None:
    caplog.set_level(logging.DEBUG)
    coach = build_coach(settings_for(fake_openai, openai_max_retries=0))
    for mode in ("unauthorized", "server_error", "ok"):
        fake_openai.mode = mode
        await coach.review(f"{TEXT} ({mode})")
    errors = [row["error"] for row in coach.log.recent_reviews(limit=10)]
    await coach.aclose()
    assert errors == [None, "The AI service had a problem on its side.", AUTH_ERROR]
    db = Path(settings.db_path)
    stored = b"".join(path.read_bytes() for path in db.parent.glob(db.name + "*"))  # with -wal and -shm
    assert FAKE_API_KEY.encode() not in stored
    assert FAKE_API_KEY not in caplog.text
    assert len(fake_openai.requests) == 3
