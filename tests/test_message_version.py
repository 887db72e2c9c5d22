"""The fingerprint that tells one version of a message from the next, used in claim keys."""

from __future__ import annotations

import pytest

from bot.review.draft import message_version


@pytest.mark.parametrize(
    ("text", "version"),
    [
        ("", "e3b0c44298fc1c14"),
        ("hello", "2cf24dba5fb0a30e"),
        ("Crème brûlée 🍮", "38db2471ed0a2081"),  # UTF-8, not the platform's default encoding
    ],
)
def test_message_version_is_a_short_stable_fingerprint(text: str, version: str) -> None:
    assert message_version(text) == version
    assert len(version) == 16 and set(version) <= set("0123456789abcdef")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Buy now", "Buy now!"),
        ("Buy now", "buy now"),
        ("Buy now", "Buy now "),
        ("\nBuy now", "Buy now"),
    ],
)
def test_any_change_to_the_text_is_a_new_version(before: str, after: str) -> None:
    assert message_version(before) != message_version(after)
