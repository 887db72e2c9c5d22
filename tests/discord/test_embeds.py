"""Rendering: whatever the review holds, the embeds stay inside every Discord limit."""

from __future__ import annotations

import discord
import pytest

from bot.discord.embeds import clip, review_embeds
from bot.review.model import Finding, Review, Span

# Discord's limits, written out here rather than taken from bot.discord.embeds, so a wrong number there
# can't make these checks agree with it (https://discord.com/developers/docs/resources/message).
EMBEDS_PER_MESSAGE, EMBEDS_TOTAL_CHARS = 10, 6000
TITLE_CHARS, DESCRIPTION_CHARS, FOOTER_CHARS = 256, 4096, 2048
FIELDS_PER_EMBED, FIELD_NAME_CHARS, FIELD_VALUE_CHARS = 25, 256, 1024


def title_for(principle: str) -> str:
    return principle.replace("_", " ").capitalize()


def finding(principle: str, passed: bool, reason: str, quotes: list[str]) -> Finding:
    spans = [Span(start=0, end=len(q), text=q) for q in quotes]
    return Finding(principle=principle, passed=passed, reason=reason, spans=spans)


def assert_within_limits(embeds: list[discord.Embed]) -> None:
    assert 1 <= len(embeds) <= EMBEDS_PER_MESSAGE
    assert sum(len(e) for e in embeds) <= EMBEDS_TOTAL_CHARS
    for embed in embeds:
        assert len(embed.title or "") <= TITLE_CHARS
        assert len(embed.description or "") <= DESCRIPTION_CHARS
        assert len(embed.footer.text or "") <= FOOTER_CHARS
        assert len(embed.fields) <= FIELDS_PER_EMBED
        for field in embed.fields:
            assert 0 < len(field.name or "") <= FIELD_NAME_CHARS
            assert 0 < len(field.value or "") <= FIELD_VALUE_CHARS


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Ask first.", 20, "Ask first."),
        ("  padded  ", 20, "padded"),
        ("one two three four five six", 15, "one two three…"),
        ("x" * 30, 10, "x" * 9 + "…"),
        ("word " * 10, 12, "word word…"),
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    assert clip(text, limit) == expected
    assert len(clip(text, limit)) <= limit


def test_a_normal_review_is_shown_whole() -> None:
    review = Review(
        verdict="pushy",
        score=35,
        findings=[
            finding("converse_first", True, "Opens with a real question.", []),
            finding("offer_help", False, "Nothing useful before the ask.", ["our new tool"]),
            finding("pitch_only_when_pulled", False, "Pitches unasked.", ["DM me", "DM me", "buy *now*"]),
        ],
        suggestions=["Share one tip first.", "Drop the discount line."],
        rewrite="What's the one thing that slows your launches down? Here's what worked for us: ...",
        notes=["The AI reviewer didn't answer in time, so this is the built-in offline review."],
    )

    review_embed, rewrite = review_embeds(review, 7, title_for)

    assert_within_limits([review_embed, rewrite])
    assert review_embed.title == "⚠️ A bit pushy"
    assert review_embed.description == (
        "Score 35/100\nℹ️ The AI reviewer didn't answer in time, so this is the built-in offline review."
    )
    assert [(f.name, f.value) for f in review_embed.fields] == [
        ("✅ Converse first", "Opens with a real question."),
        ("❌ Offer help", "Nothing useful before the ask.\n> “our new tool”"),
        ("❌ Pitch only when pulled", "Pitches unasked.\n> “DM me”\n> “buy \\*now\\*”"),
        ("Try this", "• Share one tip first.\n• Drop the discount line."),
    ]
    assert review_embed.footer.text == "Party Coach · reviewed by the offline reviewer · review #7"
    assert rewrite.title == "A friendlier version"
    assert rewrite.description == review.rewrite


def test_suggestions_that_dont_fit_one_field_continue_in_the_next_without_splitting_one() -> None:
    suggestions = [f"Suggestion {n}: " + "x" * 280 for n in range(6)]
    review = Review(verdict="ok", score=90, findings=[], suggestions=suggestions)

    [embed] = review_embeds(review, None, title_for)

    assert [f.name for f in embed.fields] == ["Try this", "More ideas"]
    shown = [line for f in embed.fields for line in (f.value or "").split("\n")]
    assert shown == [f"• {s}" for s in suggestions]
    assert embed.footer.text == "Party Coach · reviewed by the offline reviewer"


def test_an_enormous_review_is_trimmed_to_fit_one_message() -> None:
    review = Review(
        verdict="pushy",
        score=0,
        findings=[
            finding(f"principle_{n}_" + "p" * 300, False, "r" * 5000, ["q" * 500 + str(i) for i in range(10)])
            for n in range(30)
        ],
        suggestions=["s" * 900 for _ in range(60)],
        rewrite="w " * 20_000,
        notes=["n" * 1000 for _ in range(10)],
        cached=True,
    )

    embeds = review_embeds(review, 123456789, title_for)

    assert_within_limits(embeds)
    assert len(embeds) == 2 and embeds[1].description and embeds[1].description.endswith("…")
    assert (embeds[0].footer.text or "").endswith("so this is the earlier review · review #123456789")
