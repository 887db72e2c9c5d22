"""Hash-only mode: the draft's own words become references to where they stand, so the log keeps none of them.

A reviewer's reason or suggestion often quotes the draft ("Cut “Use code SAVE20”"). In hash-only mode every
word of such a text that also occurs in the draft or its context is stored as a reference like `⟦d:14:18⟧`
(draft characters 14 to 18) instead. A cached review restores the words from the draft it is given again;
an export shows `…` in their place.
"""

from __future__ import annotations

import re

# A word is a run of letters, digits or symbols (emoji, currency) that are not punctuation or spaces.
WORD = re.compile(r"(?:\w|[^\s\x00-\x7f\u00a0-\u00bf\u2000-\u206f\u2e00-\u2e7f\u27e6\u27e7\u3000-\u303f])+")
REFERENCE = re.compile(r"⟦([dc]):(\d+):(\d+)⟧")
HIDDEN = "…"


def _word_places(text: str | None) -> dict[str, tuple[int, int]]:
    """Each distinct word of `text` with its first place, also under its case-folded form."""
    places: dict[str, tuple[int, int]] = {}
    for found in WORD.finditer(text or ""):
        places.setdefault(found.group(), found.span())
        places.setdefault(found.group().casefold(), found.span())
    return places


def redact(text: str, draft: str, context: str | None = None) -> str:
    """`text` with every word that occurs in the draft or context replaced by a reference (or `…`)."""
    sources = (("d", draft, _word_places(draft)), ("c", context, _word_places(context)))

    def replace(found: re.Match[str]) -> str:
        word = found.group()
        for tag, source, places in sources:
            place = places.get(word)
            if place is not None and source is not None and source[place[0] : place[1]] == word:
                return f"⟦{tag}:{place[0]}:{place[1]}⟧"
        if any(word.casefold() in places for _, _, places in sources):
            return HIDDEN  # the same word in other capitals: hide it, it can't be restored exactly
        return word

    # A reference the reviewer wrote itself would be restored as if it were ours: hide it first.
    return WORD.sub(replace, REFERENCE.sub(HIDDEN, text))


def restore(text: str, draft: str, context: str | None = None) -> str:
    """Put the draft's words back into a redacted text; a reference that doesn't fit becomes `…`."""

    def replace(found: re.Match[str]) -> str:
        source = draft if found[1] == "d" else context or ""
        start, end = int(found[2]), int(found[3])
        return source[start:end] if end <= len(source) and start < end else HIDDEN

    return REFERENCE.sub(replace, text)


def hide(text: str) -> str:
    """A redacted text for a person to read when the draft isn't at hand: `…` for each reference."""
    return REFERENCE.sub(HIDDEN, text)
