"""Scoring a reviewer against a labelled set in the dev set's format, overall and per source."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import PurePath

from bot.drafts_file import parse_jsonl
from bot.errors import DraftError
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
    source: str = ""


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
class Confusion:
    """Verdict counts, labelled × reviewed, with pushy as the positive class."""

    tp: int = 0  # labelled pushy, reviewed pushy
    fn: int = 0  # labelled pushy, reviewed ok
    fp: int = 0  # labelled ok, reviewed pushy
    tn: int = 0  # labelled ok, reviewed ok

    def add(self, labelled: Verdict, reviewed: Verdict) -> None:
        if labelled == "pushy" and reviewed == "pushy":
            self.tp += 1
        elif labelled == "pushy":
            self.fn += 1
        elif reviewed == "pushy":
            self.fp += 1
        else:
            self.tn += 1

    def count(self, labelled: Verdict, reviewed: Verdict) -> int:
        if labelled == "pushy":
            return self.tp if reviewed == "pushy" else self.fn
        return self.fp if reviewed == "pushy" else self.tn

    @property
    def mcc(self) -> float:
        return matthews(self.tp, self.tn, self.fp, self.fn)


@dataclass
class EvalReport:
    total: int = 0
    correct: int = 0
    mcc: float = 0.0
    principles: list[PrincipleScore] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    confusion: Confusion = field(default_factory=Confusion)
    sources: dict[str, EvalReport] = field(default_factory=dict)  # per source, in order of first item

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def f1(self, principle: str) -> float:
        """The F1 for one principle, 0 if the report has no figures for it."""
        return next((p.f1 for p in self.principles if p.principle == principle), 0.0)


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def matthews(tp: int, tn: int, fp: int, fn: int) -> float:
    """Matthews correlation coefficient; 0 when any margin is empty."""
    den = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / den if den else 0.0


def _score(items: list[LabelledDraft], reviews: list[Review]) -> EvalReport:
    report = EvalReport(total=len(items))
    counts = {p: [0, 0, 0] for p in CORE_PRINCIPLES}  # tp, fp, fn
    for item, review in zip(items, reviews, strict=True):
        got = frozenset(review.violations)
        report.correct += review.verdict == item.verdict
        report.confusion.add(item.verdict, review.verdict)
        for principle, tally in counts.items():
            said, truth = principle in got, principle in item.violations
            tally[0] += said and truth
            tally[1] += said and not truth
            tally[2] += truth and not said
        if review.verdict != item.verdict or got & set(CORE_PRINCIPLES) != item.violations:
            report.misses.append(Miss(item, review.verdict, got))
    report.mcc = report.confusion.mcc
    for principle, (ptp, pfp, pfn) in counts.items():
        precision, recall = _ratio(ptp, ptp + pfp), _ratio(ptp, ptp + pfn)
        f1 = _ratio(2 * precision * recall, precision + recall) if precision + recall else 0.0
        report.principles.append(PrincipleScore(principle, precision, recall, f1, ptp + pfn))
    return report


def score_reviews(items: list[LabelledDraft], reviews: list[Review]) -> EvalReport:
    """Compare reviews with labels: verdict accuracy, MCC (pushy = positive), confusion matrix,
    per-principle P/R/F1, and the same figures for each source."""
    report = _score(items, reviews)
    groups: dict[str, tuple[list[LabelledDraft], list[Review]]] = {}
    for item, review in zip(items, reviews, strict=True):
        group = groups.setdefault(item.source, ([], []))
        group[0].append(item)
        group[1].append(review)
    report.sources = {source: _score(*group) for source, group in groups.items()}
    return report


def _text_field(raw: dict[str, object], key: str, where: str) -> str:
    value = raw.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DraftError(f"{where}: '{key}' must be text")
    return value


def labelled_drafts(raw: bytes, source: str) -> list[LabelledDraft]:
    """Labelled items in the dev set's format; an item without `source` is named after its file."""
    default_source = PurePath(source).name or source
    items = []
    for line in parse_jsonl(raw, source):
        where = f"{source}, line {line.line}"
        verdict, violations = line.raw.get("verdict"), line.raw.get("violations", [])
        if verdict not in ("ok", "pushy"):
            raise DraftError(f'{where}: \'verdict\' must be "ok" or "pushy"')
        if not isinstance(violations, list) or not all(isinstance(v, str) for v in violations):
            raise DraftError(f"{where}: 'violations' must be a list of principle ids")
        items.append(
            LabelledDraft(
                id=line.id or f"line {line.line}",
                text=line.text,
                context=line.context,
                platform=line.platform,
                verdict=verdict,
                violations=frozenset(violations) & set(CORE_PRINCIPLES),
                note=str(line.raw.get("note") or ""),
                source=_text_field(line.raw, "source", where).strip() or default_source,
            )
        )
    return items
