"""Block Kit rendering and Slack text handling: within limits, safe to show, readable."""

from __future__ import annotations

import pytest

from bot.coach import ReviewOutcome
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.model import Finding, Review, Span
from bot.settings import BUNDLED_DATA
from bot.slack.home_view import home_view, pushy_rate_text
from bot.slack.message import notice
from bot.slack.mrkdwn import escape, fit, plain_text, quote
from bot.slack.review_blocks import render_review
from bot.text_fit import split_text

PRINCIPLES = load_principles(BUNDLED_DATA / "principles.toml")


def outcome(review: Review, review_id: int | None = 7) -> ReviewOutcome:
    return ReviewOutcome(draft=Draft("x"), review=review, review_id=review_id)


def huge_review(chars: int = 40_000, principles: int = 3) -> Review:
    text = ("Buy now & save <big> " * (chars // 20 + 1))[:chars]
    findings = [
        Finding(
            principle=f"principle_{n}"
            if n > 2
            else ["converse_first", "offer_help", "pitch_only_when_pulled"][n],
            passed=False,
            reason="Reason " * 800,
            spans=[Span(start=0, end=len(text), text=text)] * 5,
        )
        for n in range(principles)
    ]
    return Review(
        verdict="pushy",
        score=5,
        findings=findings,
        suggestions=["Ask a question first. " * 300] * 20,
        rewrite=text,
        notes=["A note. " * 1000],
    )


def assert_within_limits(blocks: list[dict], text: str, max_blocks: int = 50) -> None:
    assert 0 < len(blocks) <= max_blocks
    assert 0 < len(text) <= 3000
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        elif block["type"] == "context":
            assert all(len(e["text"]) <= 3000 for e in block["elements"])


@pytest.mark.parametrize("principles", [3, 60])
@pytest.mark.parametrize("chars", [100, 40_000])
def test_any_review_fits_block_kit_limits(chars: int, principles: int) -> None:
    message = render_review(outcome(huge_review(chars, principles)), PRINCIPLES)
    assert_within_limits(message.blocks, message.text)
    assert message.blocks[-1]["type"] == "actions"  # the feedback buttons always survive


def test_a_long_rewrite_is_split_over_sections_and_kept_whole_when_it_fits() -> None:
    rewrite = "\n".join(f"Line {n}: what's your favourite onboarding email, and why?" for n in range(400))
    review = Review(verdict="ok", score=90, findings=[], rewrite=rewrite)
    message = render_review(outcome(review), PRINCIPLES)
    shown = "\n".join(b["text"]["text"] for b in message.blocks if b["type"] == "section")
    for n in (0, 199, 399):
        assert f"Line {n}:" in shown


def test_review_shows_verdict_score_principles_quotes_suggestions_rewrite_and_buttons() -> None:
    review = Review(
        verdict="pushy",
        score=35,
        findings=[
            Finding(principle="converse_first", passed=True, reason="Opens with a question."),
            Finding(
                principle="pitch_only_when_pulled",
                passed=False,
                reason="Pitches a course nobody asked about.",
                spans=[Span(start=0, end=7, text="Buy now"), Span(start=0, end=7, text="Buy now")],
            ),
        ],
        suggestions=["Drop the link until someone asks."],
        rewrite="What's your onboarding email?",
        notes=["The AI reviewer didn't answer in time, so this is the built-in offline review."],
    )
    message = render_review(outcome(review, review_id=42), PRINCIPLES)
    shown = "\n".join(
        b["text"]["text"]
        if b["type"] == "section"
        else " ".join(e["text"]["text"] if isinstance(e["text"], dict) else e["text"] for e in b["elements"])
        for b in message.blocks
        if b["type"] in ("section", "context", "actions")
    )
    for words in (
        "A bit pushy",
        "35/100",
        "Converse first",
        "Pitch only when pulled",
        "“Buy now”",
        "Drop the link",
        "What's your onboarding email?",
        "offline review",
        "Helpful",
        "Not helpful",
    ):
        assert words in shown
    assert shown.count("“Buy now”") == 1
    buttons = message.blocks[-1]["elements"]
    assert [(b["action_id"], b["value"]) for b in buttons] == [
        ("use_rewrite", "42"),
        ("feedback_helpful", "42"),
        ("feedback_not_helpful", "42"),
    ]
    assert "A bit pushy" in message.text and "Pitch only when pulled" in message.text


def test_no_buttons_when_the_review_was_not_logged() -> None:
    message = render_review(outcome(Review(verdict="ok", score=90, findings=[]), review_id=None), PRINCIPLES)
    assert all(b["type"] != "actions" for b in message.blocks)


def test_draft_words_can_never_ping_or_forge_links() -> None:
    review = Review(
        verdict="pushy",
        score=10,
        findings=[
            Finding(
                principle="converse_first",
                passed=False,
                reason="Shouts at <!channel>.",
                spans=[Span(start=0, end=10, text="<!channel>")],
            )
        ],
        suggestions=["<https://evil.example|click> & win"],
        rewrite="<@U123> hi",
    )
    message = render_review(outcome(review), PRINCIPLES)
    everything = message.text + str(message.blocks)
    assert "<!channel>" not in everything
    assert "<@U123>" not in everything
    assert "<https://evil" not in everything
    assert "&lt;!channel&gt;" in everything


@pytest.mark.parametrize(
    ("slack_text", "plain"),
    [
        ("Hi <@U123|maria>!", "Hi @maria!"),
        ("Hi <@U123>!", "Hi @someone!"),
        ("See <https://example.com|our guide>", "See our guide"),
        ("See <https://example.com>", "See https://example.com"),
        ("In <#C123|general>", "In #general"),
        ("<!here> big news", "@here big news"),
        ("Fish &amp; chips &lt;3 &gt;", "Fish & chips <3 >"),
    ],
)
def test_plain_text_reads_like_the_message_looks(slack_text: str, plain: str) -> None:
    assert plain_text(slack_text) == plain


def test_text_helpers() -> None:
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"
    assert fit("abcdef", 4) == "abc…"
    assert fit("a &amp; b", 5) == "a …"  # never half an entity
    assert quote("one\n\ntwo") == ">one\n>\n>two"
    pieces = split_text("word " * 1000, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces).split() == ["word"] * 1000
    assert split_text("x" * 250, 100) == ["x" * 100, "x" * 100, "x" * 50]
    assert notice("a <b>").text == "a &lt;b&gt;"


def test_home_view_with_a_trend() -> None:
    weeks = [("2024-04-29", 3, 4), ("2024-05-06", 1, 4)]
    text = pushy_rate_text(weeks)
    assert "75% pushy (3 of 4)" in text and "25% pushy (1 of 4)" in text
    assert "Down from 75% to 25%" in text
    rows = [
        {
            "verdict": "pushy",
            "score": 30,
            "created_at": "2024-05-06T10:00:00.000+00:00",
            "trigger": "reaction",
            "violations": '["pitch_only_when_pulled"]',
            "draft": None,
        }
    ] * 200
    view = home_view(rows, weeks, PRINCIPLES, "mag")
    assert len(view["blocks"]) <= 100
    assert "draft text not stored" in str(view)
