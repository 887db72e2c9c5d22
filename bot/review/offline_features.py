"""What the offline reviewer's learned model sees in a draft: its words, and what the rules made of it.

The same function feeds training (`bot.training`) and reviewing, so the shipped weights always meet the
features they were trained on. Word features can also say where they sit in the visible text, so a
finding the model makes can quote the words that weighed most.
"""

from __future__ import annotations

import re

from bot.review.offline_judges import Outcome
from bot.review.offline_reading import Reading, count_words

# Endings that make a dotted word a link ("shop.example.com"), and what the rest of a token can be.
_LINK_ENDINGS = r"(?:com|net|org|io|tv|gg|ly|co|me|be|app|link|xyz|info|biz|uk|us|ca)"
# Words go first: they are most tokens, and no other alternative can start with a letter, so the order
# changes nothing but how soon the regex engine finds them.
_NOT_LINKS = r"[^\W\d_]+(?:'[^\W\d_]+)*|@\w+|#\w+|\d+(?:[.,:]\d+)*|[^\w\s]"
# Links, handles, tags, numbers, words and single symbols, in one pass over the visible text.
_TOKEN = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\."
    + _LINK_ENDINGS
    + r"(?:/[^\s<>\"']*)?(?![\w.])|"
    + _NOT_LINKS
)
# The same tokens when there can be no link: without "://", "www." or a ".com"-like ending, neither link
# alternative above can match, and the rest of the pattern alone finds exactly what _TOKEN would.
_TOKEN_NO_LINKS = re.compile(_NOT_LINKS)
_LINKISH = re.compile(r"://|www\.|\." + _LINK_ENDINGS + r"\b")
_REPEATS = re.compile(r"([^\W\d_])\1{2,}")
_HOST = re.compile(r"(?:https?://)?(?:www\.)?([^/\s?#]+)")
# Longest stretch of the visible text the model reads: long posts say what they do early on.
MAX_CHARS = 1200
_LENGTH_BUCKETS = ((1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15"), (40, "16-40"))


_token_names: dict[str, str] = {}
_CACHE_LIMIT = 50_000


def token_name(text: str) -> str:
    """A token as the model knows it: links, handles and numbers by shape; stretched letters squeezed."""
    name = _token_names.get(text)
    if name is not None:
        return name
    first = text[0]
    if len(text) > 4 and ("." in text or "/" in text) and not first.isdigit():
        name = "<url>"
    elif first == "@":
        name = "<at>"
    elif first.isdigit():
        name = "<num>" if sum(1 for c in text if c.isdigit()) < 5 else "<longnum>"
    elif len(text) == 1 and not text.isalnum():
        name = text if text.isascii() else "<sym>"
    else:
        name = _REPEATS.sub(r"\1\1", text) if len(text) > 2 else text
    if len(_token_names) >= _CACHE_LIMIT:
        _token_names.clear()
    _token_names[text] = name
    return name


def word_tokens(visible: str) -> list[str]:
    """The tokens the model reads, as strings: match objects would cost more than all else done with them."""
    linkish = _LINKISH.search(visible, 0, MAX_CHARS) is not None
    return (_TOKEN if linkish else _TOKEN_NO_LINKS).findall(visible, 0, MAX_CHARS)


def link_host(token: str) -> str | None:
    """The site a link points to ("youtube.com"), as the model names it."""
    host = _HOST.match(token)
    return host.group(1).rstrip(".").removeprefix("m.") if host is not None else None


def word_features(visible: str, pulled: bool, where: list[tuple[int, int]] | None = None) -> list[str]:
    """Words and pairs of words (with start and end markers), plus the sites that links point to.

    With `where`, the visible-text range of each feature is appended to it, one for one.
    """
    names: list[str] = []
    spans = [m.span() for m in _TOKEN.finditer(visible, 0, MAX_CHARS)] if where is not None else None
    tokens = [visible[s:e] for s, e in spans] if spans is not None else word_tokens(visible)
    previous, previous_start = "^", 0
    for index, token in enumerate(tokens):
        name = token_name(token)
        names.append("u:" + name)
        names.append("b:" + previous + " " + name)
        if pulled:
            names.append("p:" + name)
        host = link_host(token) if name == "<url>" else None
        if host is not None:
            names.append("h:" + host)
        if spans is not None and where is not None:
            start, end = spans[index]
            where.append((start, end))
            where.append((previous_start, end))
            if pulled:
                where.append((start, end))
            if host is not None:
                where.append((start, end))
            previous_start = start
        previous = name
    if names:
        names.append("b:" + previous + " $")
        if where is not None:
            where.append((previous_start, len(visible)))
    return names


def rule_features(reading: Reading, outcomes: dict[str, Outcome]) -> list[str]:
    """What the phrase rules found: kinds of phrase, the pitch and its pull, each judge's reason, length."""
    names = ["k:" + kind for kind in reading.kinds]
    for principle, outcome in outcomes.items():
        names.append(f"r:{principle}:{'pass' if outcome.passed else 'fail'}:{outcome.cause}")
    if reading.pitch:
        names.append("pitch:" + (reading.pulled_by or "unpulled"))
    context = reading.context
    if context is not None:
        names.append("ctx")
        if context.question:
            names.append("ctx:question")
        if context.pull:
            names.append("ctx:pull")
    words = count_words(reading.visible)
    names.append("len:" + next((label for top, label in _LENGTH_BUCKETS if words <= top), "41+"))
    if any(s.question for s in reading.sentences):
        names.append("has:question")
    return names


def is_pulled(reading: Reading) -> bool:
    return reading.context is not None and bool(reading.context.pull)


def draft_features(reading: Reading, outcomes: dict[str, Outcome]) -> list[str]:
    """Every feature of one draft, rules' first, then the words."""
    return rule_features(reading, outcomes) + word_features(reading.visible, is_pulled(reading))
