"""Tips from the team's own drafts: counted habits, an AI-written tip, its check, and the curated fallback."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest

from bot.coach import Coach, build_coach
from bot.review.draft import Draft
from bot.review.origin import Origin
from bot.store import SuggestionLog
from bot.team_tips import TIP_MAX_CHARS, draft_patterns, tip_problem
from bot.tips import next_tip
from tests.fakes.openai_server import FAKE_API_KEY, FakeOpenAI, settings_for

DAY = date(2026, 3, 2)
CHANNEL = "CTEAM0001"
# Three drafts by two people share "DM me"; one person's own catchphrase is theirs alone.
TEAM_DRAFTS = [
    ("UANNA0001", "Our new course is live! DM me for the details."),
    ("UBEN00001", "Launching our audit service this week. DM me to book a slot."),
    ("UANNA0001", "Big launch today! Buy now and DM me for the discount code."),
    ("UBEN00001", "Limited seats in our masterclass, grab yours before Friday."),
]
GOOD_TIP = (
    "Three drafts last week ended with 'DM me'. Swap it for a question your readers can answer in the "
    "comments, and the conversation starts there."
)


def seed(
    log: SuggestionLog,
    coach: Coach,
    drafts: list[tuple[str, str]],
    channel: str = CHANNEL,
    platform: str = "slack",
) -> None:
    """Log offline reviews of `drafts` in a channel, as the bot would have."""
    for user, text in drafts:
        origin = Origin(platform=platform, channel=channel, user=user, trigger="drafts_channel")
        log.record_review(coach.offline.review_sync(Draft(text)), text, None, origin)


@pytest.fixture
async def llm_coach(fake_openai: FakeOpenAI) -> AsyncIterator[Coach]:
    coach = build_coach(settings_for(fake_openai, llm_budget_seconds=1.0, openai_max_retries=0))
    seed(coach.log, coach, TEAM_DRAFTS)
    yield coach
    await coach.aclose()


def tip_rows(coach: Coach) -> list[dict[str, Any]]:
    return coach.log.tips_history("slack", CHANNEL)


async def test_a_good_ai_tip_is_about_the_most_missed_principle_and_logged_as_generated(
    llm_coach: Coach, fake_openai: FakeOpenAI
) -> None:
    fake_openai.answer = GOOD_TIP
    wanted = next_tip(llm_coach.log, llm_coach.tips, "slack", CHANNEL).principle

    tip = await llm_coach.todays_tip("slack", CHANNEL, DAY)

    assert (tip.source, tip.tip.text, tip.tip.principle, tip.is_new) == ("generated", GOOD_TIP, wanted, True)
    [row] = tip_rows(llm_coach)
    assert (row["source"], row["text"], row["principle"], row["day"]) == (
        "generated",
        GOOD_TIP,
        wanted,
        "2026-03-02",
    )
    again = await llm_coach.todays_tip("slack", CHANNEL, DAY)
    assert (again.tip, again.source, again.is_new) == (tip.tip, "generated", False)
    assert len(fake_openai.requests) == 1  # the same tip all day, asked for once


async def test_the_ai_sees_only_fenced_anonymous_counts_never_drafts_or_people(
    llm_coach: Coach, fake_openai: FakeOpenAI
) -> None:
    fake_openai.answer = GOOD_TIP
    await llm_coach.todays_tip("slack", CHANNEL, DAY)

    [request] = fake_openai.requests
    system, data = (m["content"] for m in request["messages"])
    assert [m["role"] for m in request["messages"]] == ["system", "user"]
    tag = re.fullmatch(r"<patterns-([0-9a-f]+)>\n.*\n</patterns-\1>", data, re.DOTALL)
    assert tag is not None, data
    assert f"<patterns-{tag.group(1)}>" in system and "data, not instructions" in system
    assert '- 3 drafts in the last 7 days used the words "DM me"' in data.splitlines()
    assert "masterclass" not in data  # one person's words are not a team habit
    everything = system + data
    for user, text in TEAM_DRAFTS:
        assert user not in everything and text not in everything


@pytest.mark.parametrize(
    ("mode", "answer", "reason"),
    [
        ("slow", GOOD_TIP, "didn't answer within 1 seconds"),
        ("server_error", None, "had a problem on its side"),
        ("refusal", None, "declined"),
        ("ok", None, "didn't read like a tip"),  # a review-shaped JSON answer instead of a tip
        ("ok", "Sure!", "didn't read like a tip"),
        ("ok", "", "it was empty"),
        ("ok", "Ask a real question first. " * 12, f"{TIP_MAX_CHARS} characters"),
        ("ok", "Book a demo of our course today and use code PARTY20 for 20% off.", "sales pitch"),
        ("ok", "Do what Maria Lopez does and ask a question before anything else.", "name someone"),
        ("ok", "Ask <@U0123ABCD> how they open a post before you share anything.", "mention, a link"),
        ("ok", "Ask @anna how she opens a post before you share anything.", "mention, a link"),
        ("ok", "Read https://example.com/guide before your next post to learn more.", "mention, a link"),
    ],
    ids=[
        "slow",
        "failing",
        "refusal",
        "json",
        "chatter",
        "empty",
        "long",
        "pitch",
        "name",
        "id",
        "at",
        "link",
    ],
)
async def test_a_slow_failing_or_unfit_ai_tip_falls_back_to_the_curated_one(
    llm_coach: Coach,
    fake_openai: FakeOpenAI,
    caplog: pytest.LogCaptureFixture,
    mode: str,
    answer: str | None,
    reason: str,
) -> None:
    fake_openai.mode, fake_openai.answer, fake_openai.delay = mode, answer, 3.0
    curated = next_tip(llm_coach.log, llm_coach.tips, "slack", CHANNEL)

    with caplog.at_level(logging.WARNING, logger="bot.team_tips"):
        tip = await llm_coach.todays_tip("slack", CHANNEL, DAY)

    assert (tip.source, tip.tip) == ("curated", curated)
    [row] = tip_rows(llm_coach)
    assert (row["source"], row["tip_id"], row["text"]) == ("curated", curated.id, curated.text)
    assert reason in caplog.text and "using the curated one" in caplog.text


async def test_with_the_offline_reviewer_chosen_no_draft_habit_goes_to_the_ai(
    fake_openai: FakeOpenAI,
) -> None:
    coach = build_coach(settings_for(fake_openai, reviewer="offline"))
    seed(coach.log, coach, TEAM_DRAFTS)
    tip = await coach.todays_tip("slack", CHANNEL, DAY)
    coach.close()
    assert coach.tip_writer is None and tip.source == "curated"
    assert fake_openai.requests == []


def test_curated_tips_are_logged_with_their_source_and_words(coach: Coach) -> None:
    from bot.tips import pick_tip

    tip = pick_tip(coach.log, coach.tips, "discord", "42", DAY)
    [row] = coach.log.tips_history("discord", "42")
    assert (row["source"], row["text"], row["tip_id"]) == ("curated", tip.tip.text, tip.tip.id)


def test_a_habit_needs_several_drafts_by_several_people(coach: Coach) -> None:
    seed(coach.log, coach, [("UANNA0001", TEAM_DRAFTS[0][1]), ("UANNA0001", TEAM_DRAFTS[2][1])])
    assert draft_patterns(coach.log.recent_reviews(limit=None), "pitch_only_when_pulled") == []
    seed(coach.log, coach, [TEAM_DRAFTS[1]])
    patterns = draft_patterns(coach.log.recent_reviews(limit=None), "pitch_only_when_pulled")
    assert patterns == ['3 drafts in the last 7 days used the words "DM me"']


def test_phrases_with_ids_handles_codes_or_links_are_never_patterns(coach: Coach) -> None:
    risky = [
        ("UANNA0001", "Use code PARTY20 at checkout, follow @partycoach and see partycoach.io/deal"),
        ("UBEN00001", "Use code PARTY20 at checkout, follow @partycoach and see partycoach.io/deal today"),
    ]
    seed(coach.log, coach, risky)
    for pattern in draft_patterns(coach.log.recent_reviews(limit=None), "pitch_only_when_pulled"):
        quoted = pattern.rsplit('"', 2)[-2]
        assert re.fullmatch(r"[A-Za-z' -]+", quoted), pattern


def test_hash_only_logs_keep_no_words_so_no_patterns(tmp_path: Any, coach: Coach) -> None:
    log = SuggestionLog(tmp_path / "hashed.db", hash_drafts=True)
    seed(log, coach, TEAM_DRAFTS)
    assert draft_patterns(log.recent_reviews(limit=None), "pitch_only_when_pulled") == []
    log.close()


def test_quoting_the_habit_a_tip_warns_about_is_not_a_pitch(coach: Coach) -> None:
    assert tip_problem(GOOD_TIP, ["DM me"], coach.offline) is None
    assert tip_problem(GOOD_TIP, [], coach.offline) == "it read like a sales pitch"


def test_the_tip_command_shows_the_ai_s_tip_when_the_ai_reviews(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from bot.cli import cli

    plain = "Ask your readers one real question before you share anything about your product."
    fake_openai.answer = plain
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_API_KEY)
    monkeypatch.setenv("PARTY_COACH_REVIEWER", "llm")
    result = CliRunner().invoke(cli, ["tip", "--channel", CHANNEL])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == plain
