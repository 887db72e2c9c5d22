"""A review's list fields as JSON, made once for both the log row and the JSON output."""

from __future__ import annotations

from typing import NamedTuple

from pydantic import TypeAdapter

from bot.review.model import Finding, Review

# pydantic's core writes these several times faster than json.dumps of model_dump() would; called directly,
# without TypeAdapter.dump_json's keyword handling, as a batch serialises thousands of small lists.
FINDINGS_JSON = TypeAdapter(list[Finding]).serializer
TEXTS_JSON = TypeAdapter(list[str]).serializer


class ReviewJSON(NamedTuple):
    """Compact UTF-8 JSON, non-ASCII letters kept as they are, exactly as pydantic writes them."""

    violations: bytes
    findings: bytes
    suggestions: bytes
    notes: bytes


def review_json(review: Review) -> ReviewJSON:
    """The review's violations, findings, suggestions and notes as JSON."""
    return ReviewJSON(
        _texts(review.violations),
        FINDINGS_JSON.to_json(review.findings),
        _texts(review.suggestions),
        _texts(review.notes),
    )


def _texts(texts: list[str]) -> bytes:
    return TEXTS_JSON.to_json(texts) if texts else b"[]"  # most reviews have no notes
