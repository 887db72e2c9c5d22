"""Sentences of a text, and the word stems a reply shares with the message it answers."""

from __future__ import annotations

import re

from bot.review.offline_normalise import CACHE_LIMIT, WORD, word_set

# A sentence ends at . ! ? … or an emoji followed by a space, or at a line break. The pattern starts with one
# character class on purpose: the regex engine can then skip ahead, which a leading alternation prevents.
_SENTENCE_END = re.compile(
    r"[\n.!?…\U0001F300-\U0001FAFF](?:(?<=\n)\n*|[.!?…\U0001F300-\U0001FAFF]*[\"')\]]*(?=\s|$))"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges (start, end) with surrounding blanks trimmed; empty pieces are dropped."""
    ranges: list[tuple[int, int]] = []
    cursor = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[cursor:end]
        kept = piece.strip()
        if kept:
            start = cursor + len(piece) - len(piece.lstrip())
            ranges.append((start, start + len(kept)))
        cursor = end
    return ranges


class _StemCache(dict[str, str]):
    """token -> stem, or "" for a word that carries no meaning here; filled on first lookup."""

    def __missing__(self, word: str) -> str:
        meaningful = word not in STOPWORDS and (len(word) >= 3 or (len(word) == 2 and word.isdigit()))
        found = _stem(word) if meaningful else ""
        if len(self) >= CACHE_LIMIT:  # a long-running bot shouldn't grow without bound
            self.clear()
        self[word] = found
        return found


_stems = _StemCache()
# `stem(word)` is a plain dictionary lookup, so `map(stem, words)` runs without a Python call per cached word.
stem = _stems.__getitem__


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    return word[:5]


def sentence_stems(text: str) -> set[str]:
    """The stems of the words in `text` that carry meaning ("" stands for all the filler words)."""
    return set(map(stem, WORD.findall(text)))


# Words too common to show that a reply engages with what it answers.
STOPWORDS = word_set(
    """the and for are but not you your yours all any can had her was one our out day get has him his how
    man new now old see two way who boy did its let put say she too use that with have this will from
    they know want been good much some time very when come here just like long make many more only over
    such take than them well were what where which while would there their about after again also
    because before being could does doing down each even every first going into most other should still
    these those through under until upon very might must need really thing things yeah yes okay ok lol
    haha thanks thank hey hello great nice awesome anyone anybody someone something everyone people
    actually honestly literally pretty lot lots way ways best better i'm i've it's that's don't can't
    won't didn't doesn't gonna wanna got getting gets also already always never ever then them they're
    we're you're what's here's there's finally maybe kind sort stuff via per etc"""
)
