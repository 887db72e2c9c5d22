"""The offline reviewer's learned model: one logistic regression per core principle over `draft_features`.

The rules read what a post does and point at the words; the model weighs every signal, the rules' own
included, and overrules them on a principle only when it is sure. A finding it makes is shown by the
draft's own words (for a pitch, the words that weighed most), never by words that show the opposite. The
weights are trained by `party-coach train` and shipped as `data/offline-model.json`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from bot.review.model import CONVERSE_FIRST, CORE_PRINCIPLES, OFFER_HELP, PITCH_ONLY_WHEN_PULLED
from bot.review.offline_features import (
    is_pulled,
    link_host,
    rule_features,
    token_name,
    word_features,
    word_tokens,
)
from bot.review.offline_judges import Outcome, first_worded, outermost
from bot.review.offline_normalise import word_set
from bot.review.offline_reading import Reading

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "offline-model.json"
# The model overrules the rules only when it is fairly sure: it clears a miss the rules found below
# CLEAR_BELOW, and finds one they missed from FLAG_FROM up (chosen by leave-one-source-out; see the README).
CLEAR_BELOW = {PITCH_ONLY_WHEN_PULLED: 0.15, OFFER_HELP: 0.15, CONVERSE_FIRST: 0.0}
FLAG_FROM = 0.95
# Below this chance of a miss, a principle counts as fully met in the score.
SURE_MET = 0.15
# Between these probabilities the model is unsure, and the review says so.
UNSURE_LOW = 0.3
UNSURE_HIGH = 0.7
_QUOTE_LIMIT = 70
_MAX_EVIDENCE = 3


class ModelWeights:
    """Bias and weights per core principle, in CORE_PRINCIPLES order.

    Besides the flat table by feature name, word weights are kept by token (and pairs by first token, then
    second), so reviewing looks them up without building a feature name for every word of every draft.
    """

    __slots__ = ("bias", "hosts", "known", "pairs", "pulled", "rows", "weights", "words")

    def __init__(self, bias: list[float], weights: dict[str, list[float]]) -> None:
        self.bias = bias
        self.weights = weights
        self.words: dict[str, FeatureRow] = {}
        self.pulled: dict[str, FeatureRow] = {}
        self.hosts: dict[str, FeatureRow] = {}
        self.pairs: dict[str, dict[str, FeatureRow]] = {}
        self.rows: dict[str, FeatureRow] = {}
        # Each token seen so far with its rows, so a word met again costs one lookup instead of five.
        self.known: dict[str, KnownToken] = {}
        for name, weight in weights.items():
            self.rows[name] = row = FeatureRow(weight)
            kind, rest = name[:2], name[2:]
            if kind == "u:":
                self.words[rest] = row
            elif kind == "p:":
                self.pulled[rest] = row
            elif kind == "h:":
                self.hosts[rest] = row
            elif kind == "b:":
                first, _, second = rest.partition(" ")
                self.pairs.setdefault(first, {})[second] = row


class FeatureRow:
    """One feature's weights, in CORE_PRINCIPLES order, counted once per draft by its identity."""

    __slots__ = ("converse", "help", "pitch")

    def __init__(self, weights: list[float]) -> None:
        self.converse, self.help, self.pitch = weights[0], weights[1], weights[2]


_NO_PAIRS: dict[str, FeatureRow] = {}


class KnownToken:
    """One token's name and its rows in the model: word, pulled word, link site, and the pairs it starts."""

    __slots__ = ("host", "name", "pairs", "pulled", "word")

    def __init__(self, token: str, model: ModelWeights) -> None:
        self.name = name = token_name(token)
        self.word = model.words.get(name)
        self.pulled = model.pulled.get(name)
        host = link_host(token) if name == "<url>" else None
        self.host = model.hosts.get(host) if host is not None else None
        self.pairs = model.pairs.get(name, _NO_PAIRS)


_KNOWN_LIMIT = 50_000


def load_weights(path: Path = MODEL_FILE) -> ModelWeights:
    """Read a weights file written by `bot.training.write_weights`."""
    return model_from(json.loads(path.read_text(encoding="utf-8")))


def model_from(data: dict[str, Any]) -> ModelWeights:
    """Weights in the file's shape (as `bot.training.fit_weights` returns them), in the reviewer's order."""
    order = [data["principles"].index(p) for p in CORE_PRINCIPLES]
    bias = [float(data["bias"][i]) for i in order]
    weights = {name: [float(row[i]) for i in order] for name, row in data["weights"].items()}
    return ModelWeights(bias, weights)


class Judgement:
    """The model's probability that each core principle is missed."""

    __slots__ = ("probability",)

    def __init__(self, probability: dict[str, float]) -> None:
        self.probability = probability

    def unsure(self, principle: str) -> bool:
        return UNSURE_LOW < self.probability[principle] < UNSURE_HIGH


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    small = math.exp(value)
    return small / (1.0 + small)


def weigh(features: list[str], model: ModelWeights) -> Judgement:
    """The definition: the weights of the features present, each counted once, as training sees them."""
    totals = list(model.bias)
    table = model.weights
    for name in set(features):
        row = table.get(name)
        if row is not None:
            totals[0] += row[0]
            totals[1] += row[1]
            totals[2] += row[2]
    return Judgement({p: _sigmoid(totals[i]) for i, p in enumerate(CORE_PRINCIPLES)})


def weigh_draft(reading: Reading, outcomes: dict[str, Outcome], model: ModelWeights) -> Judgement:
    """The same sums as `weigh(draft_features(...))`, without building a name for each word feature.

    Each feature has its own row of weights, so a row counted once stands for its feature counted once.
    """
    counted: dict[FeatureRow, None] = {}
    table = model.rows
    for name in rule_features(reading, outcomes):
        row = table.get(name)
        if row is not None:
            counted[row] = None
    known = model.known
    pulling = is_pulled(reading)
    following = model.pairs.get("^", _NO_PAIRS)
    tokens = word_tokens(reading.visible)
    for token in tokens:
        entry = known.get(token)
        if entry is None:
            if len(known) >= _KNOWN_LIMIT:
                known.clear()
            entry = known[token] = KnownToken(token, model)
        row = entry.word
        if row is not None:
            counted[row] = None
        row = following.get(entry.name)
        if row is not None:
            counted[row] = None
        if pulling:
            row = entry.pulled
            if row is not None:
                counted[row] = None
        row = entry.host
        if row is not None:
            counted[row] = None
        following = entry.pairs
    row = following.get("$") if tokens else None
    if row is not None:
        counted[row] = None
    converse, help_, pitch = model.bias[0], model.bias[1], model.bias[2]
    for row in counted:
        converse += row.converse
        help_ += row.help
        pitch += row.pitch
    totals = [converse, help_, pitch]
    return Judgement({p: _sigmoid(totals[i]) for i, p in enumerate(CORE_PRINCIPLES)})


def _evidence(reading: Reading, model: ModelWeights, principle: str) -> list[tuple[int, int]]:
    """The visible-text ranges of the words that weighed most towards missing the principle."""
    index = CORE_PRINCIPLES.index(principle)
    where: list[tuple[int, int]] = []
    names = word_features(reading.visible, is_pulled(reading), where)
    ranked = sorted(
        (
            (model.weights[name][index], start, end)
            for name, (start, end) in zip(names, where, strict=True)
            if name in model.weights and _quotable(name)
        ),
        key=lambda item: (-item[0], item[1]),
    )
    if not ranked or ranked[0][0] <= 0:
        return []
    floor = ranked[0][0] / 3
    chosen: list[tuple[int, int]] = []
    for weight, start, end in ranked:
        if weight < floor or len(chosen) >= _MAX_EVIDENCE:
            break
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
    return outermost(chosen)


# Words too common to stand as evidence on their own.
_FILLER = word_set(
    """a an the and or but if so to of in on at for by with from this that it its is are was be i me my we our
    you your he she they them his her their what who how when where why just not no yes do does did have has
    had will can would could should about up out all any some more very too also than then there here as"""
)


def _quotable(name: str) -> bool:
    """A word worth quoting: a real word that isn't filler (not a number, a symbol or a link's shape)."""
    word = name[2:]
    return name[:2] == "u:" and len(word) > 2 and word[0] != "<" and word not in _FILLER and word.isalpha()


def _quote(reading: Reading, start: int, end: int) -> str:
    begin, finish = reading.norm.draft_range(start, max(end, start + 1))
    text = " ".join(reading.original[begin:finish].split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1].rstrip() + "…"


def _quotes(reading: Reading, ranges: list[tuple[int, int]]) -> str:
    return ", ".join(f"“{_quote(reading, s, e)}”" for s, e in ranges)


def model_outcome(principle: str, missed: bool, reading: Reading, model: ModelWeights) -> Outcome:
    """A finding for a principle where the model overrules the rules, backed by the draft's own words.

    A pitch is shown by the words that weighed most; a post that talks at people by its opening, as the
    rules show one; a post that gives nothing back by what it asks for, or else by its opening.
    """
    if principle == PITCH_ONLY_WHEN_PULLED:
        if not missed:
            return Outcome(True, "Reads as part of the conversation, not as a sales pitch.")
        ranges = _evidence(reading, model, principle)
        said = _quotes(reading, ranges)
        why = "Promotes your own things when nobody asked" + (f": {said}." if said else ".")
        return Outcome(False, why, ranges, cause="pitch", quote=_quote(reading, *ranges[0]) if ranges else "")
    if principle == CONVERSE_FIRST:
        if not missed:
            return Outcome(True, "Reads as part of a conversation: a reaction, a reply or chat.")
        why = "Talks at people rather than with them: nothing in it invites a reply."
        return Outcome(False, why, first_worded(reading), cause="broadcast")
    if not missed:
        return Outcome(True, "Asks nothing of anyone; a friendly, no-strings message.")
    asks = reading.kinds.get("ask", [])
    if asks:
        quote = _quote(reading, asks[0].start, asks[0].end)
        why = f"Only asks people to do something (“{quote}”) and gives nothing back."
        return Outcome(False, why, [(asks[0].start, asks[0].end)], cause="asks", quote=quote)
    why = "Nothing useful for the reader yet: no tip, answer or insight."
    return Outcome(False, why, first_worded(reading), cause="empty")


def settle_outcomes(
    outcomes: dict[str, Outcome], reading: Reading, judgement: Judgement, model: ModelWeights
) -> None:
    """Let the model decide each core principle; keep the rules' finding wherever they agree."""
    for principle in CORE_PRINCIPLES:
        rule = outcomes.get(principle)
        chance = judgement.probability[principle]
        missed = chance >= (FLAG_FROM if rule is None or rule.passed else CLEAR_BELOW[principle])
        if rule is not None and rule.passed != missed:
            continue
        if principle == PITCH_ONLY_WHEN_PULLED and missed and reading.has("hiring"):
            continue  # the rubric's word: a job post is not a sales pitch
        outcomes[principle] = model_outcome(principle, missed, reading, model)
    pitch = outcomes[PITCH_ONLY_WHEN_PULLED]
    if not pitch.passed:  # a met principle is never shown by the words of an unasked pitch
        for principle in (CONVERSE_FIRST, OFFER_HELP):
            met = outcomes[principle]
            if met.passed:
                met.ranges = [r for r in met.ranges if not any(_overlap(r, p) for p in pitch.ranges)]


def _overlap(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def score_from(judgement: Judgement, missed: set[str], weights: dict[str, int], pushy: bool) -> int:
    """0-100: the weighted chance that each principle is met; pushy stays below 50 and ok at 50 or above."""
    total = chance = 0.0
    for principle, weight in weights.items():
        total += weight
        probability = judgement.probability.get(principle)
        if probability is None:  # a team's own principle, judged by its patterns
            chance += 0.0 if principle in missed else weight
        else:
            chance += weight * _met(probability)
    score = round(100 * chance / total) if total else 100
    return min(score, 49) if pushy else max(score, 50)


def _met(probability: float) -> float:
    """How far a principle is met: a miss the model is sure enough to rule out counts as fully met."""
    return 1.0 - max(0.0, probability - SURE_MET) / (1.0 - SURE_MET)


def unsure_note(judgement: Judgement, titles: dict[str, str]) -> str | None:
    """One line naming the principles the model is unsure about, if any."""
    unsure = [titles.get(p, p) for p in CORE_PRINCIPLES if judgement.unsure(p)]
    if not unsure:
        return None
    named = " and ".join(f"“{title}”" for title in unsure)
    return f"A close call on {named}: read this one yourself before you post."


_MODEL: ModelWeights | None = None


def shipped_model() -> ModelWeights:
    """The shipped weights, read once."""
    global _MODEL
    if _MODEL is None:
        _MODEL = load_weights()
    return _MODEL
