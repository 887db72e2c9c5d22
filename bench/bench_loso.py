"""Leave-one-source-out: how the offline reviewer does on a kind of text it was never trained on.

For each source in the training files (each real-world source in ../shared/eval/real-dev.jsonl, and each of
the project's labelled files), the model is trained on every other source and the whole offline reviewer
(rules, model and explanations) is scored on the one left out. Then the shipped model, trained on
everything, is scored on the two sets in bench/ that no rule or weight was built from.

Run it with `.venv/bin/python bench/bench_loso.py` from the project root (it needs the `dev` extra).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.evaluation import EvalReport, LabelledDraft, score_reviews  # noqa: E402
from bot.principles import load_principles  # noqa: E402
from bot.review.draft import Draft  # noqa: E402
from bot.review.offline import OfflineReviewer  # noqa: E402
from bot.review.offline_model import ModelWeights, load_weights, model_from  # noqa: E402
from bot.settings import BUNDLED_DATA  # noqa: E402
from bot.training import Example, feature_names, fit_weights, load_examples, training_examples  # noqa: E402

# Real text written by strangers, as opposed to drafts written for the project.
REAL_SOURCES = ("congress", "hn", "hn-reply", "twitch", "twitch-chat")
BLIND_FILES = ("bench/drafts-blind.jsonl", "bench/drafts-blind-2.jsonl")
PRINCIPLES = load_principles(BUNDLED_DATA / "principles.toml")


def labelled(example: Example) -> LabelledDraft:
    verdict = "pushy" if example.verdict == "pushy" else "ok"
    return LabelledDraft(example.id, example.text, example.context, None, verdict, example.violations)


Scored = tuple[EvalReport, dict[str, int]]


def score_with(models: list[ModelWeights], examples: list[Example]) -> Scored:
    """Each example reviewed with its own model; the report and the verdicts' confusion counts."""
    reviews = [
        OfflineReviewer(PRINCIPLES, model).review_sync(Draft(e.text, e.context))
        for model, e in zip(models, examples, strict=True)
    ]
    counts = {"TP": 0, "FP": 0, "FN": 0, "TN": 0}
    for example, review in zip(examples, reviews, strict=True):
        said, truth = review.verdict == "pushy", example.verdict == "pushy"
        counts[("T" if said == truth else "F") + ("P" if said else "N")] += 1
    return score_reviews([labelled(e) for e in examples], reviews), counts


def score(model: ModelWeights, examples: list[Example]) -> Scored:
    return score_with([model] * len(examples), examples)


def row(name: str, scored: Scored) -> str:
    report, counts = scored
    pitch = next(p for p in report.principles if p.principle == "pitch_only_when_pulled")
    return (
        f"{name:<26}{report.total:>6}{report.accuracy:>10.3f}{report.mcc:>8.3f}{pitch.f1:>10.3f}"
        f"{counts['TP']:>6}{counts['FP']:>6}{counts['FN']:>6}{counts['TN']:>6}"
    )


def main() -> None:
    examples = training_examples()
    names = [feature_names(e) for e in examples]
    sources = sorted({e.source for e in examples}, key=lambda s: (s not in REAL_SOURCES, s))
    header = f"{'left out':<26}{'items':>6}{'accuracy':>10}{'MCC':>8}{'pitch F1':>10}"
    header += "".join(f"{label:>6}" for label in ("TP", "FP", "FN", "TN"))
    print("Leave one source out: trained on every other source, scored on this one")
    print(header)
    real: list[Example] = []
    real_models: list[ModelWeights] = []
    for source in sources:
        kept = [i for i, e in enumerate(examples) if e.source != source]
        model = model_from(fit_weights([examples[i] for i in kept], [names[i] for i in kept]))
        held = [e for e in examples if e.source == source]
        print(row(source, score(model, held)))
        if source in REAL_SOURCES:
            real.extend(held)
            real_models.extend([model] * len(held))
    print(row("real sources, pooled", score_with(real_models, real)))
    print()
    shipped = load_weights()
    print("The shipped model (trained on every source above)")
    print(header)
    print(row("real-dev (tuned on)", score(shipped, [e for e in examples if e.source in REAL_SOURCES])))
    for name in BLIND_FILES:
        print(row(Path(name).stem + " (held out)", score(shipped, load_examples(ROOT / name))))


if __name__ == "__main__":
    main()
