"""Make text fit a size limit: shorten it with an ellipsis, or split it into pieces.

The limits themselves belong to each platform, so they stay in the adapters.
"""

from __future__ import annotations

from collections.abc import Callable

ELLIPSIS = "…"
WORD_BREAK_REACH = 0.8  # back up to a space only if that keeps at least this share of the cut

Tidy = Callable[[str], str]


def at_word_break(cut: str) -> str:
    """End a cut at the last space when one is near its end, so no word is left in pieces."""
    space = cut.rfind(" ")
    if space >= len(cut) * WORD_BREAK_REACH:
        cut = cut[:space]
    return cut.rstrip()


def shorten(text: str, limit: int, *, tidy: Tidy = at_word_break) -> str:
    """`text` if it fits in `limit` characters; else its start, tidied by `tidy`, and an ellipsis."""
    if len(text) <= limit:
        return text
    return tidy(text[: limit - len(ELLIPSIS)]) + ELLIPSIS


def split_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit` characters, preferring line breaks, then spaces."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", 0, limit)
        if cut < limit // 2:
            cut = rest.rfind(" ", 0, limit)
        if cut < limit // 2:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n ") if cut < limit else rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces
