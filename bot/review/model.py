"""The one review model every reviewer produces and every front end renders."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Verdict = Literal["ok", "pushy"]

CONVERSE_FIRST = "converse_first"
OFFER_HELP = "offer_help"
PITCH_ONLY_WHEN_PULLED = "pitch_only_when_pulled"
CORE_PRINCIPLES = (CONVERSE_FIRST, OFFER_HELP, PITCH_ONLY_WHEN_PULLED)


class Span(BaseModel):
    """An exact stretch of the draft: `draft[start:end] == text`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Finding(BaseModel):
    """How the draft fares against one principle, and the words behind that."""

    principle: str
    passed: bool
    reason: str
    spans: list[Span] = Field(default_factory=list)


class Review(BaseModel):
    """A complete review of one draft."""

    verdict: Verdict
    score: int = Field(ge=0, le=100)
    findings: list[Finding]
    suggestions: list[str] = Field(default_factory=list)
    rewrite: str | None = None
    reviewer: str = "offline"
    model: str | None = None
    latency_ms: float = 0.0
    prompt_version: str | None = None
    tokens_in: int | None = None
    tokens_out: int | None = None
    cached: bool = False
    notes: list[str] = Field(default_factory=list)

    @property
    def violations(self) -> list[str]:
        return [f.principle for f in self.findings if not f.passed]

    def finding(self, principle: str) -> Finding | None:
        return next((f for f in self.findings if f.principle == principle), None)


def verdict_for(violations: list[str] | set[str]) -> Verdict:
    """The rubric's mechanical rule: pushy on an unpulled pitch or on two or more misses."""
    found = set(violations)
    if PITCH_ONLY_WHEN_PULLED in found or len(found) >= 2:
        return "pushy"
    return "ok"


def find_spans(text: str, needle: str) -> list[Span]:
    """Every exact occurrence of `needle` in `text`, as spans."""
    spans: list[Span] = []
    if not needle:
        return spans
    start = text.find(needle)
    while start != -1:
        spans.append(Span(start=start, end=start + len(needle), text=needle))
        start = text.find(needle, start + len(needle))
    return spans
