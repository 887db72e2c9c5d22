"""A review's list fields as JSON text, made once for both the log row and the JSON output."""

from __future__ import annotations

from typing import NamedTuple

from pydantic import TypeAdapter

from bot.review.model import Finding, Review

# pydantic writes these several times faster than json.dumps of model_dump() would.
FINDINGS_JSON = TypeAdapter(list[Finding])
TEXTS_JSON = TypeAdapter(list[str])


class ReviewJSON(NamedTuple):
    """Compact JSON, non-ASCII letters kept as they are, exactly as pydantic writes them."""

    violations: str
    findings: str
    suggestions: str
    notes: str


def review_json(review: Review) -> ReviewJSON:
    """The review's violations, findings, suggestions and notes as JSON text."""
    return ReviewJSON(
        TEXTS_JSON.dump_json(review.violations).decode(),
        FINDINGS_JSON.dump_json(review.findings).decode(),
        TEXTS_JSON.dump_json(review.suggestions).decode(),
        TEXTS_JSON.dump_json(review.notes).decode(),
    )
