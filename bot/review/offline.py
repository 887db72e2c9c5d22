"""The offline reviewer: a fast, deterministic, rule-based reading of ../shared/eval/RUBRIC.md.

It is the default when no LLM is configured. It reads what a post does (after undoing disguises and
ignoring text aimed at the reviewer), judges each core principle, and points at the exact words behind
each judgement. Reading a draft lives in `offline_reading`, judging it in `offline_judges`, the phrase
rules in `offline_lexicon`, and fixes and rewrites in `offline_rewrite`.
"""

from __future__ import annotations

import time
from typing import TypedDict

from bot.principles import Principle, PrincipleSet
from bot.review.draft import Draft
from bot.review.model import (
    Review,
    verdict_for,
)
from bot.review.offline_judges import Outcome, judge_rules, outermost
from bot.review.offline_model import (
    ModelWeights,
    score_from,
    settle_outcomes,
    shipped_model,
    unsure_note,
    weigh_draft,
)
from bot.review.offline_normalise import Normalised
from bot.review.offline_reading import Reading, read_draft
from bot.review.offline_rewrite import rewrite_draft, suggest_fixes

NO_OFFLINE_CHECK = "No offline check for this principle; the LLM reviewer judges it."


class SpanFields(TypedDict):
    """A span as plain fields: pydantic-core builds the whole review from these in one call."""

    start: int
    end: int
    text: str


class FindingFields(TypedDict):
    """A finding as plain fields (see `SpanFields`)."""

    principle: str
    passed: bool
    reason: str
    spans: list[SpanFields]


class OfflineReviewer:
    """Rules plus a small learned model: no network, no download, the same answer every time."""

    name = "offline"
    model: str | None = None
    prompt_version: str | None = None

    def __init__(self, principles: PrincipleSet, model: ModelWeights | None = None) -> None:
        self.principles = principles
        self.weights = {p.id: p.weight for p in principles.items}
        self.titles = {p.id: p.title for p in principles.items}
        self.learned = model if model is not None else shipped_model()

    async def review(self, draft: Draft) -> Review:
        return self.review_sync(draft)

    async def aclose(self) -> None:
        """Nothing to release: the offline reviewer holds no connections."""

    def review_sync(self, draft: Draft) -> Review:
        started = time.perf_counter()
        reading = read_draft(draft)
        outcomes = judge_rules(reading)
        judgement = weigh_draft(reading, outcomes, self.learned)
        settle_outcomes(outcomes, reading, judgement, self.learned)
        findings = [
            self._finding(principle, reading, outcomes, draft.text) for principle in self.principles.items
        ]
        violations = [f["principle"] for f in findings if not f["passed"]]
        verdict = verdict_for(violations)
        notes = _injection_notes(reading, draft.text)
        unsure = unsure_note(judgement, self.titles)
        if unsure is not None:
            notes.append(unsure)
        # One validation call builds the whole review, findings and spans included, inside pydantic-core.
        return Review.model_validate(
            {
                "verdict": verdict,
                "score": score_from(judgement, set(violations), self.weights, verdict == "pushy"),
                "findings": findings,
                "suggestions": suggest_fixes(findings, outcomes, self.principles, draft),
                "rewrite": rewrite_draft(draft, reading, outcomes) if violations else None,
                "reviewer": self.name,
                "notes": notes,
                "latency_ms": (time.perf_counter() - started) * 1000,
            }
        )

    def _finding(
        self, principle: Principle, reading: Reading, outcomes: dict[str, Outcome], text: str
    ) -> FindingFields:
        outcome = outcomes.get(principle.id)
        if outcome is not None:
            spans = [_span(reading.norm, text, s, e) for s, e in outermost(outcome.ranges)]
            return {
                "principle": principle.id,
                "passed": outcome.passed,
                "reason": outcome.reason,
                "spans": spans,
            }
        # Extra principles: violated when one of the team's patterns matches; anything else is the LLM's call.
        spans = _pattern_spans(principle, reading, text) if principle.violation_patterns else []
        if spans:
            why = f"Matches a pattern your team flagged for “{principle.title}”: “{spans[0]['text']}”."
            return {"principle": principle.id, "passed": False, "reason": why, "spans": spans}
        return {"principle": principle.id, "passed": True, "reason": NO_OFFLINE_CHECK, "spans": []}


def _pattern_spans(principle: Principle, reading: Reading, text: str) -> list[SpanFields]:
    """Matches in the draft as written, and in its de-disguised form mapped back to the draft."""
    ranges: list[tuple[int, int]] = []
    for pattern in principle.compiled_patterns:
        ranges.extend(m.span() for m in pattern.finditer(text) if m.group().strip())
        for match in pattern.finditer(reading.visible):
            if match.group().strip():
                ranges.append(reading.norm.draft_range(*match.span()))
    return [_span(Normalised(text, None), text, s, e) for s, e in outermost(ranges)]


def _span(norm: Normalised, text: str, start: int, end: int) -> SpanFields:
    """Map a normalised range back to the exact draft words, trimmed of surrounding blanks."""
    begin, finish = norm.draft_range(start, max(end, start + 1))
    words = text[begin:finish]
    if words[:1].isspace() or words[-1:].isspace():
        kept = words.strip()
        begin += len(words) - len(words.lstrip())
        finish, words = begin + len(kept), kept
    return {"start": begin, "end": finish, "text": words}


def _injection_notes(reading: Reading, text: str) -> list[str]:
    if not reading.injections:
        return []
    quote = _span(reading.norm, text, *reading.injections[0])["text"]
    quote = quote if len(quote) <= 80 else quote[:79] + "…"
    return [f"Ignored text aimed at the reviewer rather than readers: “{quote}”."]
