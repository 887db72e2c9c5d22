"""What Party Coach says on every platform: plain words, no platform markup."""

from __future__ import annotations

import re

import pytest

from bot.errors import DraftError
from bot.review.model import Finding, Review, Span
from bot.tips import Tip, TipOfTheDay
from bot.wording import (
    NO_TEXT,
    SOMETHING_WENT_WRONG,
    bad_draft,
    feedback_thanks,
    plain_summary,
    quotes_to_show,
    review_credit,
    reviewer_name,
    tip_credit,
    verdict_label,
)

EMOJI_CODE = re.compile(r":[a-z_]+:")


def title_for(principle: str) -> str:
    return principle.replace("_", " ").capitalize()


def finding_with(*quotes: str) -> Finding:
    return Finding(
        principle="pitch_only_when_pulled",
        passed=False,
        reason="r",
        spans=[Span(start=0, end=len(q), text=q) for q in quotes],
    )


@pytest.mark.parametrize(
    ("verdict", "label"),
    [("ok", "Reads like a good party guest"), ("pushy", "A bit pushy"), ("meh", "meh")],
)
def test_verdict_label(verdict: str, label: str) -> None:
    assert verdict_label(verdict) == label


@pytest.mark.parametrize(
    ("reviewer", "model", "cached", "credit"),
    [
        ("offline", None, False, "Party Coach · reviewed by the offline reviewer"),
        ("llm", "gpt-4.1-mini", False, "Party Coach · reviewed by llm (gpt-4.1-mini)"),
        ("llm", None, False, "Party Coach · reviewed by llm (AI)"),
        (
            "offline",
            None,
            True,
            "Party Coach · reviewed by the offline reviewer"
            " · same draft as before, so this is the earlier review",
        ),
    ],
)
def test_review_credit(reviewer: str, model: str | None, cached: bool, credit: str) -> None:
    review = Review(verdict="ok", score=90, findings=[], reviewer=reviewer, model=model, cached=cached)
    assert review_credit(review) == credit
    assert credit.startswith(f"Party Coach · reviewed by {reviewer_name(review)}")


@pytest.mark.parametrize(
    ("quotes", "shown"),
    [
        ((), []),
        (("Buy now",), ["Buy now"]),
        (("Buy now", "Buy now", "DM me"), ["Buy now", "DM me"]),
        (("  ", "", "DM me"), ["DM me"]),
        (("a", "b", "c", "d", "a"), ["a", "b", "c"]),
        (("buy", "Buy"), ["buy", "Buy"]),
    ],
)
def test_quotes_to_show_are_the_first_three_distinct_non_blank(
    quotes: tuple[str, ...], shown: list[str]
) -> None:
    assert quotes_to_show(finding_with(*quotes)) == shown


@pytest.mark.parametrize(
    ("violations", "suggestions", "summary"),
    [
        ([], [], "Party Coach: Reads like a good party guest, score 90/100."),
        (
            ["offer_help", "pitch_only_when_pulled"],
            ["Ask a question first.", "Drop the link."],
            "Party Coach: A bit pushy, score 90/100. Missed: Offer help, Pitch only when pulled. "
            "Try this: Ask a question first.",
        ),
        (
            [],
            ["Share <one> tip & ask."],
            "Party Coach: Reads like a good party guest, score 90/100. Try this: Share <one> tip & ask.",
        ),
    ],
)
def test_review_summary(violations: list[str], suggestions: list[str], summary: str) -> None:
    findings = [Finding(principle=p, passed=False, reason="r") for p in violations]
    verdict = "pushy" if violations else "ok"
    review = Review(verdict=verdict, score=90, findings=findings, suggestions=suggestions)
    assert plain_summary(review, title_for) == summary


def test_tip_credit_names_the_day() -> None:
    tip = TipOfTheDay(Tip(id="t1", principle="offer_help", text="Help first."), "2026-03-02", is_new=True)
    assert tip_credit(tip) == "Party Coach · 2026-03-02"


@pytest.mark.parametrize(
    ("helpful", "thanks"),
    [
        (True, "Thanks! I've noted that this review was helpful."),
        (
            False,
            "Thanks for telling me. I've noted that this review wasn't helpful, and it helps me improve.",
        ),
    ],
)
def test_feedback_thanks(helpful: bool, thanks: str) -> None:
    assert feedback_thanks(helpful) == thanks


def test_bad_draft_says_why_in_one_sentence() -> None:
    reason = "the draft is empty: give the text you want reviewed"
    assert bad_draft(DraftError(reason)) == f"I can't review that: {reason}."


@pytest.mark.parametrize(
    "line",
    [
        NO_TEXT,
        SOMETHING_WENT_WRONG,
        bad_draft(DraftError("x")),
        feedback_thanks(True),
        feedback_thanks(False),
        plain_summary(Review(verdict="pushy", score=1, findings=[], suggestions=["a"]), title_for),
    ],
)
def test_shared_lines_carry_no_platform_markup(line: str) -> None:
    assert not set(line) & set("*_`<>&~|")
    assert not EMOJI_CODE.search(line)


def test_quotes_to_show_takes_a_limit() -> None:
    from bot.review.model import Finding, Span

    words = ["a", "b", "a", " ", "c", "d", "e"]
    spans = [Span(start=n, end=n + 1, text=word) for n, word in enumerate(words)]
    finding = Finding(principle="offer_help", passed=False, reason="r", spans=spans)
    assert quotes_to_show(finding) == ["a", "b", "c"]
    assert quotes_to_show(finding, limit=4) == ["a", "b", "c", "d"]
