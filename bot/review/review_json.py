"""A review's list fields as JSON text, made once for both the log row and the JSON output."""

from __future__ import annotations

from typing import NamedTuple

from pydantic import TypeAdapter

from bot.review.model import Finding, Review

# pydantic's core writes these several times faster than json.dumps of model_dump() would; called directly,
# without TypeAdapter.dump_json's keyword handling, as a batch serialises thousands of small lists.
FINDINGS_JSON = TypeAdapter(list[Finding]).serializer
TEXTS_JSON = TypeAdapter(list[str]).serializer


class ReviewJSON(NamedTuple):
    """Compact JSON, non-ASCII letters kept as they are, exactly as pydantic writes them."""

    violations: str
    findings: str
    suggestions: str
    notes: str


def review_json(review: Review) -> ReviewJSON:
    """The review's violations, findings, suggestions and notes as JSON text."""
    return ReviewJSON(
        _texts(review.violations),
        FINDINGS_JSON.to_json(review.findings).decode(),
        _texts(review.suggestions),
        _texts(review.notes),
    )


def _texts(texts: list[str]) -> str:
    return TEXTS_JSON.to_json(texts).decode() if texts else "[]"  # most reviews have no notes
