"""Spend limits: caps per person and channel each hour and day, counts from the log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.coach import FALLBACK_NOTE, Coach, build_coach
from bot.review.model import Review
from bot.review.origin import CLI_ORIGIN, Origin
from bot.spend_limits import DAY, HOUR, CapReached, Caps, Reservation, SpendLimits
from tests.fakes.openai_server import FakeOpenAI, settings_for

START = datetime(2026, 11, 30, 9, 0, tzinfo=UTC).timestamp()
ALICE_IN_GENERAL = Origin(
    platform="slack", workspace="T1", channel="CGENERAL", user="UALICE", trigger="slash"
)
BOB_IN_GENERAL = Origin(platform="slack", workspace="T1", channel="CGENERAL", user="UBOB", trigger="slash")
ALICE_ELSEWHERE = Origin(platform="slack", workspace="T1", channel="COTHER", user="UALICE", trigger="slash")
ALICE_ON_DISCORD = Origin(
    platform="discord", workspace="1", channel="CGENERAL", user="UALICE", trigger="slash"
)
DRAFTS = [f"Big launch today! Buy our course now and save {n}% with my code." for n in range(10, 20)]


class Clock:
    """A virtual clock: seconds since the epoch, moved by hand."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def limits(clock: Clock, **caps: int) -> SpendLimits:
    return SpendLimits(Caps(**caps), clock=clock)


def reached(result: Reservation | CapReached | None) -> CapReached:
    assert isinstance(result, CapReached), result
    return result


def test_a_person_over_the_hourly_cap_waits_until_the_oldest_review_is_an_hour_old() -> None:
    clock = Clock()
    spend = limits(clock, user_hourly=2)
    assert isinstance(spend.reserve(ALICE_IN_GENERAL), Reservation)
    clock.now += 600
    assert isinstance(spend.reserve(ALICE_ELSEWHERE), Reservation)  # the same person in another channel
    clock.now += 600
    cap = reached(spend.reserve(ALICE_IN_GENERAL))
    assert (cap.cap, cap.limit, cap.resets_at) == ("user_hourly", 2, START + HOUR)
    assert cap.reason(clock.now) == (
        "The limit of 2 AI reviews an hour per person is reached; AI reviews are back at 10:00 UTC"
    )
    assert isinstance(spend.reserve(BOB_IN_GENERAL), Reservation)  # someone else isn't held back
    assert isinstance(spend.reserve(ALICE_ON_DISCORD), Reservation)  # nor the same id on another platform
    clock.now = START + HOUR + 1
    assert isinstance(spend.reserve(ALICE_IN_GENERAL), Reservation)


def test_a_channel_over_its_daily_cap_is_back_tomorrow() -> None:
    clock = Clock(datetime(2026, 11, 30, 15, 30, tzinfo=UTC).timestamp())
    spend = limits(clock, channel_daily=2)
    spend.reserve(ALICE_IN_GENERAL)
    spend.reserve(BOB_IN_GENERAL)
    clock.now += 60
    cap = reached(spend.reserve(ALICE_IN_GENERAL))
    assert cap.cap == "channel_daily"
    assert cap.reason(clock.now) == (
        "This channel's limit of 2 AI reviews a day is reached; AI reviews are back tomorrow at 15:30 UTC"
    )
    assert isinstance(spend.reserve(ALICE_ELSEWHERE), Reservation)  # another channel has its own count


def test_when_several_caps_are_reached_the_person_hears_when_all_of_them_lift() -> None:
    clock = Clock()
    spend = limits(clock, user_hourly=1, channel_daily=1)
    spend.reserve(ALICE_IN_GENERAL)
    cap = reached(spend.reserve(ALICE_IN_GENERAL))
    assert (cap.cap, cap.resets_at) == ("channel_daily", START + DAY)


def test_a_review_that_never_reached_the_ai_does_not_count() -> None:
    clock = Clock()
    spend = limits(clock, user_hourly=1, channel_hourly=1)
    first = spend.reserve(ALICE_IN_GENERAL)
    assert isinstance(first, Reservation)
    spend.release(first)
    assert isinstance(spend.reserve(ALICE_IN_GENERAL), Reservation)


def test_the_monthly_budget_counts_tokens_and_starts_again_each_month() -> None:
    clock = Clock()
    spend = limits(clock, monthly_tokens=1_000)
    spend.reserve(ALICE_IN_GENERAL)
    spend.spent(Review(verdict="ok", score=90, findings=[], reviewer="llm", tokens_in=700, tokens_out=300))
    cap = reached(spend.reserve(BOB_IN_GENERAL))
    assert cap.reason(clock.now) == (
        "This month's AI budget of 1,000 tokens is used up; AI reviews are back on 1 December (UTC)"
    )
    clock.now = datetime(2026, 12, 1, 0, 0, 1, tzinfo=UTC).timestamp()
    assert isinstance(spend.reserve(BOB_IN_GENERAL), Reservation)
    assert spend.tokens == 0


def test_the_command_line_and_an_installation_without_caps_are_never_capped() -> None:
    clock = Clock()
    assert limits(clock).reserve(ALICE_IN_GENERAL) is None
    spend = limits(clock, user_hourly=1, monthly_tokens=1)
    spend.tokens = 5
    assert spend.reserve(CLI_ORIGIN) is None


# Through the coach, with the fake OpenAI server answering for real --------------------------------


@pytest.fixture
def open_coach(fake_openai: FakeOpenAI, tmp_path: Path) -> Iterator[Callable[..., Coach]]:
    """Build coaches on one log file; each is closed when the test ends."""
    built: list[Coach] = []

    def make(**caps: Any) -> Coach:
        coach = build_coach(settings_for(fake_openai, db_path=tmp_path / "log.db", **caps))
        built.append(coach)
        return coach

    yield make
    for coach in built:
        coach.close()


async def test_past_the_cap_the_offline_review_stands_in_with_why(
    open_coach: Callable[..., Coach], fake_openai: FakeOpenAI
) -> None:
    coach = open_coach(llm_user_hourly=2)
    outcomes = [await coach.review(draft, None, ALICE_IN_GENERAL) for draft in DRAFTS[:3]]
    assert [o.review.reviewer for o in outcomes] == ["llm", "llm", "offline"]
    assert len(fake_openai.requests) == 2  # the third never reached the AI
    [note] = outcomes[2].review.notes
    assert note.startswith("The limit of 2 AI reviews an hour per person is reached; AI reviews are back at ")
    assert note.endswith(f"UTC. {FALLBACK_NOTE}")
    rows = coach.log.recent_reviews(limit=None)
    assert [r["reviewer"] for r in reversed(rows)] == ["llm", "llm", "offline"]
    assert rows[0]["cache_key"] is None  # the stand-in is never served later as the AI's answer
    await coach.reviewer.aclose()


async def test_an_answer_from_the_cache_costs_nothing_and_is_not_capped(
    open_coach: Callable[..., Coach], fake_openai: FakeOpenAI
) -> None:
    coach = open_coach(llm_user_hourly=1)
    first = await coach.review(DRAFTS[0], None, ALICE_IN_GENERAL)
    again = await coach.review(DRAFTS[0], None, ALICE_IN_GENERAL)
    assert (first.review.reviewer, again.review.reviewer, again.review.cached) == ("llm", "llm", True)
    assert len(fake_openai.requests) == 1
    await coach.reviewer.aclose()
    restarted = open_coach(llm_user_hourly=2)  # the cached row doesn't count after a restart either
    assert (await restarted.review(DRAFTS[1], None, ALICE_IN_GENERAL)).review.reviewer == "llm"
    await restarted.reviewer.aclose()


async def test_a_failed_ai_review_does_not_use_up_the_cap(
    open_coach: Callable[..., Coach], fake_openai: FakeOpenAI
) -> None:
    coach = open_coach(llm_user_hourly=1, openai_max_retries=0)
    fake_openai.mode = "server_error"
    failed = await coach.review(DRAFTS[0], None, ALICE_IN_GENERAL)
    assert failed.review.reviewer == "offline" and "The limit" not in " ".join(failed.review.notes)
    fake_openai.mode = "ok"
    assert (await coach.review(DRAFTS[1], None, ALICE_IN_GENERAL)).review.reviewer == "llm"
    await coach.reviewer.aclose()


async def test_counts_survive_a_restart(open_coach: Callable[..., Coach], fake_openai: FakeOpenAI) -> None:
    caps = {"llm_user_daily": 3, "llm_channel_hourly": 4, "monthly_tokens": 1_000_000}
    coach = open_coach(**caps)
    for draft in DRAFTS[:2]:
        assert (await coach.review(draft, None, ALICE_IN_GENERAL)).review.reviewer == "llm"
    spent = coach.spend.tokens
    assert spent == sum(
        (r.get("tokens_in") or 0) + (r.get("tokens_out") or 0) for r in coach.log.recent_reviews()
    )
    assert spent > 0
    await coach.reviewer.aclose()
    coach.close()

    restarted = open_coach(**caps)  # a new coach on the same log
    assert restarted.spend.tokens == spent
    assert (await restarted.review(DRAFTS[2], None, ALICE_IN_GENERAL)).review.reviewer == "llm"
    capped = await restarted.review(DRAFTS[3], None, ALICE_IN_GENERAL)
    assert capped.review.reviewer == "offline"
    assert capped.review.notes[0].startswith("The limit of 3 AI reviews a day per person is reached")
    assert (await restarted.review(DRAFTS[4], None, BOB_IN_GENERAL)).review.reviewer == "llm"
    capped = await restarted.review(DRAFTS[5], None, BOB_IN_GENERAL)
    assert capped.review.notes[0].startswith("This channel's limit of 4 AI reviews an hour is reached")
    await restarted.reviewer.aclose()


async def test_the_monthly_budget_counts_the_command_lines_tokens_but_never_stops_it(
    open_coach: Callable[..., Coach], fake_openai: FakeOpenAI
) -> None:
    coach = open_coach(monthly_tokens=10)
    assert (await coach.review(DRAFTS[0])).review.reviewer == "llm"  # from the command line
    assert (await coach.review(DRAFTS[1])).review.reviewer == "llm"
    await coach.reviewer.aclose()
    coach.close()
    restarted = open_coach(monthly_tokens=10)
    capped = await restarted.review(DRAFTS[2], None, ALICE_IN_GENERAL)
    assert capped.review.reviewer == "offline"
    assert capped.review.notes[0].startswith("This month's AI budget of 10 tokens is used up")
    await restarted.reviewer.aclose()
