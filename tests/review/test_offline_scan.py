"""The fast word walks (trigger words, word counts, lone letters) must agree with their regex definitions."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from bot.review.offline_normalise import WORD, _maybe_spaced
from bot.review.offline_reading import count_words
from bot.review.offline_scan import _TRIGGERS, Trigger, trigger_words

DATA = Path(__file__).resolve().parents[2] / "data"


def walked(text: str) -> list[tuple[int, Trigger]]:
    return [(m.start(), _TRIGGERS[m[0]]) for m in WORD.finditer(text) if m[0] in _TRIGGERS]


def found(text: str) -> list[tuple[int, Trigger]]:
    return trigger_words(text)


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
    pieces = [*words, "x", "42", "'", "_", "é", "-", "s", " ", "\n", "\u00a0", "(", "½"]
    for _ in range(50):
        text = " ".join(
            rng.choice(pieces) + (rng.choice(pieces) if rng.random() < 0.3 else "") for _ in range(15)
        )
        assert found(text) == walked(text), text


# The definitions the walks replace: a word with a letter, and three lone letters or letters joined by dots.
WORDS_WITH_LETTERS = re.compile(r"[^\W\d_]\S*")
LONE_LETTERS = re.compile(r"(?:^|\s)[^\W\d_]\s+[^\W\d_]\s+[^\W\d_](?!\S)")
JOINED_LETTERS = re.compile(r"[^\W\d_][.*_·-][^\W\d_][.*_·-][^\W\d_]")
ODD_CHARACTERS = "ab1_ ²½é\u0301.$🔥\n\t\u00a0-'٣Ⅻ\u2028\x1c*·"


@pytest.mark.parametrize("seed", range(10))
def test_word_count_and_spacing_check_match_their_regex_definitions(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(2000):
        text = "".join(rng.choice(ODD_CHARACTERS) for _ in range(rng.randint(0, 14)))
        assert count_words(text) == len(WORDS_WITH_LETTERS.findall(text)), text
        spaced = bool(LONE_LETTERS.search(text) or JOINED_LETTERS.search(text))
        assert _maybe_spaced(text) == spaced, text
