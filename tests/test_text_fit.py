"""Shortening and splitting text to a size limit, the same for every platform."""

from __future__ import annotations

import pytest

from bot.text_fit import ELLIPSIS, at_word_break, shorten, split_text


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Ask first.", 20, "Ask first."),
        ("Ask first.", 10, "Ask first."),
        ("", 5, ""),
        ("  kept as given  ", 20, "  kept as given  "),
        ("abcdef", 4, "abc…"),
        ("x" * 30, 10, "x" * 9 + "…"),
        ("one two three four five six", 15, "one two three…"),
        ("word " * 10, 12, "word word…"),
        ("a verylongwordthatgoesonandon", 12, "a verylongw…"),  # no space near the end: cut mid-word
    ],
)
def test_shorten(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
    assert len(shorten(text, limit)) <= limit


@pytest.mark.parametrize(
    ("cut", "expected"),
    [
        ("one two three fo", "one two three"),
        ("one two three ", "one two three"),
        ("one two three four", "one two three four"),  # the last space is too far back
        ("a verylongwo", "a verylongwo"),
        ("nospaces", "nospaces"),
    ],
)
def test_at_word_break(cut: str, expected: str) -> None:
    assert at_word_break(cut) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("abcdef", 4, "abc…"),
        ("one two three four five six", 15, "one two three …"),
        ("a &amp; b", 5, "a &a…"),
    ],
)
def test_shorten_with_an_exact_cut(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit, tidy=lambda cut: cut) == expected


def test_the_tidy_step_sees_the_cut_without_the_ellipsis() -> None:
    seen: list[str] = []

    def remember(cut: str) -> str:
        seen.append(cut)
        return "<" + cut + ">"

    assert shorten("abcdefgh", 5, tidy=remember) == "<abcd>" + ELLIPSIS
    assert seen == ["abcd"]
    assert shorten("abc", 5, tidy=remember) == "abc"
    assert seen == ["abcd"]  # text that fits is never cut


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("", 10, []),
        ("short", 10, ["short"]),
        ("x" * 250, 100, ["x" * 100, "x" * 100, "x" * 50]),
        ("first line\nsecond line", 15, ["first line", "second line"]),
        ("alpha beta gamma delta", 12, ["alpha beta", "gamma delta"]),
        ("ab\ncdefghijkl", 10, ["ab\ncdefghi", "jkl"]),  # a break too early to use: cut hard
    ],
)
def test_split_text(text: str, limit: int, expected: list[str]) -> None:
    assert split_text(text, limit) == expected


@pytest.mark.parametrize("limit", [25, 37, 100, 2000])
def test_split_text_keeps_every_word_and_respects_the_limit(limit: int) -> None:
    text = "\n".join(f"Line {n}: what's your favourite onboarding email, and why?" for n in range(200))
    pieces = split_text(text, limit)
    assert all(len(piece) <= limit for piece in pieces)
    assert " ".join(pieces).split() == text.split()
