"""A draft to review, and the checks that turn bad input into a friendly error."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from bot.errors import DraftError
from bot.settings import MAX_DRAFT_CHARS


@dataclass(frozen=True)
class Draft:
    """Untrusted text to review, with the message it replies to (if any)."""

    text: str
    context: str | None = None
    platform: str | None = None


def decode_text(raw: bytes, source: str = "input") -> str:
    """Decode bytes as UTF-8 text, refusing binary data with a clear reason (and the line of a bad byte)."""
    if b"\x00" in raw:
        raise DraftError(f"{source} looks like binary data (it contains NUL bytes); send plain text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DraftError(
            f"{source}, line {line}: not valid UTF-8 text; save it as UTF-8 (Unicode) and try again"
        ) from None


def check_encodable(text: str, what: str) -> str:
    """Refuse text with broken characters: bad bytes in an argument, or half an emoji cut from an export."""
    if text.isascii():
        return text  # plain ASCII can't hold half a character
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise DraftError(
            f"the {what} has a broken character at position {exc.start + 1} (not valid UTF-8 text, "
            "such as half of a cut-off emoji); remove it or copy the text again"
        ) from None
    return text


def check_draft_text(text: str, what: str = "draft") -> str:
    """Return the draft with line endings normalised, or raise DraftError saying what is wrong."""
    if "\x00" in text:
        raise DraftError(f"the {what} contains binary data (NUL bytes); send plain text")
    check_encodable(text, what)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DraftError(f"the {what} is empty: give the text you want reviewed")
    if len(text) > MAX_DRAFT_CHARS:
        raise DraftError(
            f"the {what} is {len(text):,} characters; the limit is {MAX_DRAFT_CHARS:,}. "
            "Review a shorter piece, one post at a time"
        )
    return text


def make_draft(text: str, context: str | None = None, platform: str | None = None) -> Draft:
    """Validate text and context and build a Draft."""
    clean_context = None
    if context is not None and context.strip():
        clean_context = check_draft_text(context, what="context")
    return Draft(text=check_draft_text(text), context=clean_context, platform=platform)


def message_version(text: str) -> str:
    """A short fingerprint of a message's text, so an edited message counts as a new version."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
