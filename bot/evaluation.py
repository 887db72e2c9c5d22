"""Scoring a reviewer against a labelled set in the dev set's format."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bot.review.model import CORE_PRINCIPLES, Review, Verdict


@dataclass(frozen=True)
class LabelledDraft:
    id: str
    text: str
    context: str | None
    platform: str | None
    verdict: Verdict
    violations: frozenset[str]
    note: str = ""


@dataclass(frozen=True)
class Miss:
    item: LabelledDraft
    verdict: Verdict
    violations: frozenset[str]


@dataclass(frozen=True)
class PrincipleScore:
    principle: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class EvalReport:
    total: int = 0
    correct: int = 0
    mcc: float = 0.0
    principles: list[PrincipleScore] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def matthews(tp: int, tn: int, fp: int, fn: int) -> float:
    """Matthews correlation coefficient; 0 when any margin is empty."""
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / den if den else 0.0


def score_reviews(items: list[LabelledDraft], reviews: list[Review]) -> EvalReport:
    """Compare reviews with labels: verdict accuracy, MCC (pushy = positive), per-principle P/R/F1."""
    report = EvalReport(total=len(items))
    tp = tn = fp = fn = 0
    counts = {p: [0, 0, 0] for p in CORE_PRINCIPLES}  # tp, fp, fn
    for item, review in zip(items, reviews, strict=True):
        got = frozenset(review.violations)
        if review.verdict == item.verdict:
            report.correct += 1
        if item.verdict == "pushy":
            tp, fn = (tp + 1, fn) if review.verdict == "pushy" else (tp, fn + 1)
        else:
            fp, tn = (fp + 1, tn) if review.verdict == "pushy" else (fp, tn + 1)
        for principle, tally in counts.items():
            said, truth = principle in got, principle in item.violations
            tally[0] += said and truth
            tally[1] += said and not truth
            tally[2] += truth and not said
        if review.verdict != item.verdict or got & set(CORE_PRINCIPLES) != item.violations:
            report.misses.append(Miss(item, review.verdict, got))
    report.mcc = matthews(tp, tn, fp, fn)
    for principle, (ptp, pfp, pfn) in counts.items():
        precision, recall = _ratio(ptp, ptp + pfp), _ratio(ptp, ptp + pfn)
        f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
        report.principles.append(PrincipleScore(principle, precision, recall, f1, ptp + pfn))
    return report
