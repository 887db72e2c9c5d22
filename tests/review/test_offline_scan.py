"""The trigger-word finder must see exactly the words a plain word-by-word walk would."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bot.review.offline_normalise import WORD
from bot.review.offline_scan import _TRIGGER_WORD, _TRIGGERS

DATA = Path(__file__).resolve().parents[2] / "data"


def walked(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m[0]) for m in WORD.finditer(text) if m[0] in _TRIGGERS]


def found(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m[0]) for m in _TRIGGER_WORD.finditer(text)]


def sample_texts() -> list[str]:
    texts = []
    for line in (DATA / "drafts-dev.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        texts += [item["text"].lower(), (item["context"] or "").lower()]
    return texts


@pytest.mark.parametrize("text", sample_texts())
def test_same_trigger_words_as_a_word_walk_on_real_drafts(text: str) -> None:
    assert found(text) == walked(text)


@pytest.mark.parametrize("seed", range(20))
def test_same_trigger_words_on_random_near_misses(seed: int) -> None:
    rng = random.Random(seed)
    words = sorted(_TRIGGERS)
    pieces = [*words, "x", "42", "'", "_", "é", "-", "s"]
    for _ in range(50):
        text = " ".join(
            rng.choice(pieces) + (rng.choice(pieces) if rng.random() < 0.3 else "") for _ in range(15)
        )
        assert found(text) == walked(text), text
