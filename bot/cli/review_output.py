"""How a review looks in a terminal and as JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from pydantic import TypeAdapter

from bot.coach import ReviewOutcome
from bot.drafts_file import DraftLine
from bot.principles import PrincipleSet
from bot.review.review_json import review_json
from bot.text_fit import shorten
from bot.wording import quotes_to_show

TERMINAL_QUOTES = 4  # a terminal has room for one more quote than a chat message
DRAFT_START_CHARS = 60  # enough to tell the drafts of a batch apart at a glance
VERDICT_STYLE = {"ok": ("OK", "green"), "pushy": ("PUSHY", "red")}


# Serialised in pydantic's core: for a batch of thousands the json module's encoder took longer than logging.
_JSON = TypeAdapter(Any)
_JSON_CORE = _JSON.serializer  # without dump_json's keyword handling, for the small dicts of each JSON line
# One JSON line in review_as_dict's key order, around parts already serialised.
JSON_LINE = (
    b'%s"verdict":"%s","violations":%s,"score":%d,"findings":%s,"suggestions":%s,%s,'
    b'"notes":%s,"review_id":%s}'
)


def review_as_json(data: Any, indent: int | None = None) -> str:
    """One review (or a list of them) as JSON, compact unless indented, non-ASCII letters kept as they are."""
    return _JSON.dump_json(data, indent=indent).decode()


def review_as_json_line(outcome: ReviewOutcome, item: DraftLine, batch: bool) -> bytes:
    """review_as_json(review_as_dict(…)) as UTF-8, byte for byte, around the JSON made for the log row."""
    review = outcome.review
    parts = outcome.record.json if outcome.record is not None else review_json(review)
    head: dict[str, Any] = {"id": item.given_id} if item.given_id is not None else {}
    if batch:
        head["line"] = item.line
    tail = {
        "rewrite": review.rewrite,
        "reviewer": review.reviewer,
        "model": review.model,
        "latency_ms": round(review.latency_ms, 3),
        "cached": review.cached,
    }
    opening = _JSON_CORE.to_json(head)[:-1] + (b"," if head else b"")  # '{"id":…,"line":…,'
    middle = _JSON_CORE.to_json(tail)[1:-1]  # '"rewrite":…,"cached":…'
    review_id = b"null" if outcome.review_id is None else b"%d" % outcome.review_id
    return JSON_LINE % (
        opening,
        review.verdict.encode(),
        parts.violations,
        review.score,
        parts.findings,
        parts.suggestions,
        middle,
        parts.notes,
        review_id,
    )


def review_as_dict(outcome: ReviewOutcome, item: DraftLine, batch: bool) -> dict[str, Any]:
    """A review for machines; in a batch it echoes the input's id as given, and always its line number."""
    review = outcome.review
    data: dict[str, Any] = {"id": item.given_id} if item.given_id is not None else {}
    if batch:
        data["line"] = item.line
    data.update(
        verdict=review.verdict,
        violations=review.violations,
        score=review.score,
        findings=review.findings,
        suggestions=review.suggestions,
        rewrite=review.rewrite,
        reviewer=review.reviewer,
        model=review.model,
        latency_ms=round(review.latency_ms, 3),
        cached=review.cached,
        notes=review.notes,
        review_id=outcome.review_id,
    )
    return data


def review_as_text(
    outcome: ReviewOutcome, principles: PrincipleSet, batch_item: tuple[str, str] | None = None
) -> str:
    """A readable block; in a batch its head names the draft and shows how it starts."""
    review = outcome.review
    word, colour = VERDICT_STYLE[review.verdict]
    head = click.style(f"{word}", fg=colour, bold=True) + f"  score {review.score}/100"
    if batch_item:
        label, text = batch_item
        start = shorten(" ".join(text.split()), DRAFT_START_CHARS)
        head = f"{click.style(label, bold=True)}  {head}  " + click.style(f"“{start}”", dim=True)
    lines = [head]
    for finding in review.findings:
        mark = click.style("✓", fg="green") if finding.passed else click.style("✗", fg="red")
        lines.append(f"  {mark} {principles.title(finding.principle)}: {finding.reason}")
        quotes = quotes_to_show(finding, limit=TERMINAL_QUOTES)
        if quotes:
            lines.append("      " + click.style(", ".join(f"“{q}”" for q in quotes), dim=True))
    if review.suggestions:
        lines.append("  Suggestions:")
        lines.extend(f"    • {s}" for s in review.suggestions)
    if review.rewrite:
        lines.append("  Try instead:")
        lines.extend(f"    {line}" for line in review.rewrite.splitlines())
    for note in review.notes:
        lines.append("  " + click.style(f"Note: {note}", fg="yellow"))
    return "\n".join(lines)


def renderer(
    fmt: str, batch: bool, principles: PrincipleSet
) -> Callable[[list[DraftLine], list[ReviewOutcome]], Any]:
    """How a chunk of reviews is shown: text blocks in one string, JSON lines in one UTF-8 bytes, or dicts."""

    def text(items: list[DraftLine], outcomes: list[ReviewOutcome]) -> str:
        return "\n".join(
            review_as_text(o, principles, batch_item=(i.label, i.text) if batch else None)
            for i, o in zip(items, outcomes, strict=True)
        )

    def json_lines(items: list[DraftLine], outcomes: list[ReviewOutcome]) -> bytes:
        return b"\n".join(review_as_json_line(o, i, batch) for i, o in zip(items, outcomes, strict=True))

    def dicts(items: list[DraftLine], outcomes: list[ReviewOutcome]) -> list[dict[str, Any]]:
        return [review_as_dict(o, i, batch) for i, o in zip(items, outcomes, strict=True)]

    return {"text": text, "jsonl": json_lines}.get(fmt, dicts)
