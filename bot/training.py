"""Training the offline reviewer's model: a logistic regression per principle over `draft_features`.

Training needs scikit-learn (the `dev` extra); reviewing needs only the weights file it writes. The labelled
files are the dev set's format, one JSON object per line, with an optional `source` field.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.review.draft import Draft
from bot.review.model import CORE_PRINCIPLES
from bot.review.offline_features import draft_features
from bot.review.offline_judges import judge_rules
from bot.review.offline_reading import read_draft

ROOT = Path(__file__).resolve().parent.parent
# What the shipped model learns from. The two sets in bench/ stay out: they measure it on drafts it never saw.
TRAINING_FILES = (
    "data/drafts-dev.jsonl",
    "data/drafts-holdout.jsonl",
    "data/drafts-posts.jsonl",
    "data/drafts-replies.jsonl",
    "data/drafts-hard.jsonl",
    "data/registers-comments.jsonl",
    "data/registers-messages.jsonl",
    "../shared/eval/real-dev.jsonl",
)
# Regularisation strength, features seen in fewer drafts than MIN_DRAFTS are dropped, weights are rounded.
C = 0.5
MIN_DRAFTS = 2
DIGITS = 4


@dataclass(frozen=True)
class Example:
    """One labelled draft, with the source it came from."""

    id: str
    source: str
    text: str
    context: str | None
    violations: frozenset[str]
    verdict: str


def load_examples(path: Path) -> list[Example]:
    """Labelled drafts from one file; the source is the `source` field, or else the file's name."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        examples.append(
            Example(
                id=str(row.get("id", number)),
                source=str(row.get("source") or path.stem),
                text=row["text"],
                context=row.get("context") or None,
                violations=frozenset(row.get("violations", [])) & set(CORE_PRINCIPLES),
                verdict=row["verdict"],
            )
        )
    return examples


def training_examples(root: Path = ROOT, files: Iterable[str] = TRAINING_FILES) -> list[Example]:
    return [example for name in files for example in load_examples(root / name)]


def feature_names(example: Example) -> set[str]:
    """The set of features the offline reviewer sees in a draft, exactly as it sees them when reviewing."""
    reading = read_draft(Draft(example.text, example.context))
    return set(draft_features(reading, judge_rules(reading)))


def fit_weights(examples: Sequence[Example], names: Sequence[set[str]] | None = None) -> dict[str, Any]:
    """Fit one logistic regression per principle; return the weights in the shipped file's shape."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    names = names if names is not None else [feature_names(e) for e in examples]
    seen = Counter(name for features in names for name in features)
    kept = [{name: 1 for name in features if seen[name] >= MIN_DRAFTS} for features in names]
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform(kept)
    vocabulary = list(vectoriser.get_feature_names_out())
    bias: list[float] = []
    weights: dict[str, list[float]] = {name: [] for name in vocabulary}
    for principle in CORE_PRINCIPLES:
        labels = [int(principle in e.violations) for e in examples]
        model = LogisticRegression(C=C, solver="lbfgs", max_iter=2000)
        model.fit(matrix, labels)
        bias.append(round(float(model.intercept_[0]), DIGITS))
        for name, weight in zip(vocabulary, model.coef_[0], strict=True):
            weights[name].append(round(float(weight), DIGITS))
    useful = {name: row for name, row in weights.items() if any(abs(w) >= 10**-DIGITS for w in row)}
    return {
        "principles": list(CORE_PRINCIPLES),
        "bias": bias,
        "weights": dict(sorted(useful.items())),
        "trained_on": sorted(Counter(e.source for e in examples).items()),
    }


def write_weights(model: dict[str, Any], path: Path) -> None:
    """One feature per line, so a change to the weights reads as a small diff."""
    lines = ["{"]
    lines.append(f'"principles": {json.dumps(model["principles"])},')
    lines.append(f'"bias": {json.dumps(model["bias"])},')
    lines.append(f'"trained_on": {json.dumps(model["trained_on"])},')
    lines.append('"weights": {')
    rows = [
        f"{json.dumps(name, ensure_ascii=False)}: {json.dumps(row)}" for name, row in model["weights"].items()
    ]
    lines.append(",\n".join(rows))
    lines.append("}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
