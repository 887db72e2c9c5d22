"""Scanning a normalised text: every tagged phrase, number, link, hashtag and list item in it.

Reading a draft is one pass over its words (a dictionary lookup per word; only trigger words run patterns)
plus a few regex passes that start with a literal or a character class, which lets the regex engine skip
ahead instead of trying every position. Offsets refer to the normalised text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.review.offline_hidden import HIDDEN_WORDS
from bot.review.offline_lexicon import RULE_TABLE, table_rows
from bot.review.offline_normalise import WORD, word_set

LINK_KINDS = ("url", "commercial_url", "resource_url", "video_url")


class Hit(NamedTuple):
    """A tagged phrase in the normalised text."""

    kind: str
    start: int
    end: int


_new_hit = tuple.__new__  # builds a Hit without the Python-level __new__ call

_RULES_BY_WORD: dict[str, list[tuple[str, str]]] = {}
for _kind, _words, _pattern in table_rows(RULE_TABLE, 3):
    for _word in _words.split():
        _RULES_BY_WORD.setdefault(_word, []).append((_kind, _pattern))


class Trigger(NamedTuple):
    """What a trigger word starts: its rules, a gate that fails when none of them can match, a hint?"""

    gate: re.Pattern[str] | None  # all the rules as one alternation; None when there is only one rule
    rules: tuple[tuple[str, re.Pattern[str]], ...]
    hint: bool  # the word might introduce text aimed at the reviewer, so masking is worth running


# Most trigger words match none of their rules, so one gate match usually replaces several rule matches.
_TRIGGERS: dict[str, Trigger] = {
    word: Trigger(
        re.compile("|".join(f"(?:{pattern})" for _, pattern in rules)) if len(rules) > 1 else None,
        tuple((kind, re.compile(pattern)) for kind, pattern in rules),
        word in HIDDEN_WORDS,
    )
    for word, rules in _RULES_BY_WORD.items()
}
for _word in HIDDEN_WORDS.difference(_TRIGGERS):
    _TRIGGERS[_word] = Trigger(None, (), True)


# Punctuation that often sticks to a word ("hi,", "(dm"): stripped off before falling back to a regex.
_EDGE_PUNCTUATION = "\"'.,!?:;()[]…"


def trigger_words(text: str) -> list[tuple[int, Trigger]]:
    """Where each trigger word starts, as whole words: the same tokens `WORD` yields.

    Splitting on blanks is far cheaper than a regex pass over the text. A piece of letters and digits is
    one word, and so is one with punctuation only at its ends; only a piece like "link-in-bio" or "don't"
    is split further by `WORD`.
    """
    found: list[tuple[int, Trigger]] = []
    cursor = 0
    for piece in text.split():
        start = text.find(piece, cursor)
        cursor = start + len(piece)
        if not piece.isalnum():
            word = piece.strip(_EDGE_PUNCTUATION)
            if not word.isalnum():
                for part in WORD.finditer(piece):
                    trigger = _TRIGGERS.get(part[0])
                    if trigger is not None:
                        found.append((start + part.start(), trigger))
                continue
            start += len(piece) - len(piece.lstrip(_EDGE_PUNCTUATION))
            piece = word
        trigger = _TRIGGERS.get(piece)
        if trigger is not None:
            found.append((start, trigger))
    return found


_MONEY = re.compile(
    r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|r\$)\s?)\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn)?\b"
    r"(?:\s?(?:-|–|to)\s?[$€£]?\d[\d,]*(?:\.\d+)?k?)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:€|£|usd|eur|dollars|euros|bucks|reais|pesos|eth|btc|sol)\b"
)
# Every number is looked at once; the checks below are anchored at it, so no pattern scans the whole text.
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:k|m|bn)?\s?(?:€|£|usd|eur|gbp|dollars|euros|bucks|reais|pesos|eth|btc|sol)\b"
)
# Substrings that must appear for an amount without a currency sign ("29 €", "40 dollars") to be money.
_CURRENCY_HINTS = ("€", "£", "usd", "eur", "gbp", "dollar", "buck", "reais", "peso", "eth", "btc", "sol")
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|r\$))\s?$")
_MONEY_AFTER = re.compile(
    r"\s?(?:/\s?|\s(?:per|a|an|each)\s)(?:mo|month|mois|mes|monat|yr|year|seat|user|hr|hour|h|session|person"
    r"|tooth|night|week|wk|day|class|piece|token|lesson|visit)\b|\s(?:off|once|flat|full|mini|only|each)\b"
    r"|\s?\((?:reg|was|normally|usually|orig)"
)
# A figure compared with another ("~$530/yr difference", "$40 a month more") is a data point, not a price.
_COMPARED = re.compile(r"\s+(?:difference|savings?|saved|more|less|extra|cheaper|gap|lost|wasted)\b")
# The word right before an amount that frames it as an offer ("only $99", "starts at $45", "reg. $260").
_OFFER_WORDS = word_set(
    """only just from at for special price prices priced cost costs run runs now reg reg. regularly
    normally was solo à desde por deal bundle package grab get"""
)
# Words near an amount that make it something spent or earned, not a price on offer.
_SPENT_WORDS = word_set(
    """paid pay paying spent spend spending bought sold saved save lost raised earned billed earn make
    makes made revenue mrr arr budget got thrifted scored snagged picked found fee fees charge charges
    charging charged rent tax taxes fine fines volume backed pledged pledges salary base bonus goal"""
)
_PERCENT_OFF = re.compile(
    r"\d+(?:\.\d+)?\s?%\s?(?:off|discount|de\s+descuento|de\s+desconto|de\s+r[ée]duction|rabatt)|\d+\s?percent\s?off"
    r"|\d+percentoff"
)
_PHONE = re.compile(
    r"\d{3}(?:[\s.-]\d{3})?[-.]\d{4}\b|\d{3}[.-]\d{3}\s\d{4}\b|"
    r"\d{3}\s\d{3}\s\d{4}\b|\d{3}\)\s?\d{3}[\s.-]\d{4}\b"
)
_TLD = re.compile(
    r"\.(?:com|net|org|io|co|ai|app|dev|shop|store|ly|me|gg|xyz|biz|info|example|link|page|site|online|tech"
    r"|so|to|tv|fm|us|uk|ca|de|fr|es|br|gov|edu|blog|live)\b"
)
# A link is commercial by where it leads (the path), or when the site itself is a checkout or booking page.
_COMMERCIAL_PATH = re.compile(
    r"sale|shop|store|buy|pric|deal|promo|offer|discount|coupon|checkout|cart|product|demo|sign-?up|trial"
    r"|ltd|order|booking|/bf\b|subscribe|join|register|/listing|collections?/"
)
# Where documentation, changelogs and code live: a link there shares something rather than sells it.
_RESOURCE_URL = re.compile(
    r"/(?:docs?|changelog|release-?notes|blog|wiki|guides?|tutorials?|notes|readme)\b|github|gitlab|codeberg"
)
_COMMERCIAL_HOST = re.compile(r"calendly|gumroad|amzn|checkout|buy\.|shop\.|store\.|deals?\.")
# A channel, stream, profile or tip jar: a link that asks people to come and follow or pay someone.
_PROFILE_URL = re.compile(
    r"(?:^|[/.])(?:twitch\.tv|kick\.com|linktr\.ee|patreon\.com|onlyfans\.com|discord\.gg|t\.me|ko-fi\.com"
    r"|streamlabs\.com|streamelements\.com|buymeacoffee\.com|paypal\.me|cash\.app"
    r"|soundcloud\.com/[^/\s]+/?$|instagram\.com/[^/\s]+/?$|tiktok\.com/@[^/\s]+/?$|twitter\.com/[^/\s]+/?$"
    r"|x\.com/[^/\s]+/?$|youtube\.com/(?:channel|c|user|@)|youtube\.com/@)"
)
# A video or clip: someone's own content when posted under something else, unasked.
_VIDEO_URL = re.compile(r"(?:^|[/.])(?:youtu\.be|youtube\.com/(?:watch|shorts)|tiktok\.com/|vimeo\.com)")
_HASHTAG = re.compile(r"#[^\W_][\w]*")
_LONG_URL = re.compile(r"(?:https?://|www\.)\S+")
_COMMERCIAL_TAG = re.compile(
    r"(?<!whole)sale$|deals?$|discount|promo|offer|coupon|(?:book|shop|buy|order|call)now|linkinbio"
    r"|\d*percentoff|giveaway|forsale|limitedtime|freeshipping|blackfriday|cybermonday|presale|^ad$|^sponsored$"
)
_DATA = re.compile(r"\d+(?:\.\d+)?(?:\s?%|x\b)")
_LIST_LINE = re.compile(r"\n[ \t]*(?:\d{1,2}[.)/]|[-•*▪→]|\(\d\))[ \t]+\S")
_LIST_INLINE = re.compile(r"\d\)\s+\w")  # "(1) ..." or " 1) ...": the character before is checked in code
_COUNT_LEFT = re.compile(
    r"\d+\s+(?:spots?|seats?|dates?|slots|places|units?|copies|left)\s*(?:left|remaining)?\b"
)


def _url_hits(text: str, hits: list[Hit]) -> None:
    for match in _TLD.finditer(text):
        start = match.start()
        while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(<[\"'→>":
            start -= 1
        end = match.end()
        while end < len(text) and not text[end].isspace() and text[end] not in ")>]\"'":
            end += 1
        while end > match.end() and text[end - 1] in ".,!?;:":
            end -= 1
        if hits and hits[-1].kind in LINK_KINDS and hits[-1].end >= end:
            continue
        url = text[start:end]
        if "@" in url and "/" not in url:
            continue
        hits.append(Hit(_url_kind(url), start, end))
    for match in _LONG_URL.finditer(text) if "://" in text or "www." in text else ():
        if not any(h.start <= match.start() < h.end for h in hits):
            hits.append(Hit(_url_kind(match.group()), match.start(), match.end()))


def _url_kind(url: str) -> str:
    bare = url.split("://")[-1].split("?")[0].removeprefix("www.").removeprefix("m.")
    if _is_commercial(url) or _PROFILE_URL.search(bare):
        return "commercial_url"
    if _VIDEO_URL.search(bare):
        return "video_url"
    return "resource_url" if _RESOURCE_URL.search(url) else "url"


def _is_commercial(url: str) -> bool:
    host, _, path = url.split("://")[-1].partition("/")
    return bool(_COMMERCIAL_HOST.search(host) or _COMMERCIAL_PATH.search("/" + path))


def _money_hit(text: str, number: re.Match[str], symbols: bool, words: bool) -> Hit | None:
    """A money amount at this number, tagged as an offer ('only $99', '$19/mo') or just a figure."""
    start = number.start()
    symbol = _CURRENCY_BEFORE.search(text, max(0, start - 4), start) if symbols else None
    if symbol:
        start = symbol.start()
    elif not words or not _CURRENCY_AFTER.match(text, number.end()):
        return None
    amount = _MONEY.match(text, start)
    end = amount.end() if amount else number.end()
    before = text[max(0, start - 22) : start].split()
    after = _MONEY_AFTER.match(text, end)
    spent = not _SPENT_WORDS.isdisjoint(before) or "me" in before[-2:] or "us" in before[-2:]
    framed = bool(before) and before[-1].strip(":(") in _OFFER_WORDS
    finish = after.end() if after else end
    compared = bool(after or framed) and _COMPARED.match(text, finish) is not None
    offer = not spent and not compared and bool(after or framed)
    return Hit("offer_price" if offer else "money", start, finish)


def _number_hits(text: str, hits: list[Hit]) -> None:
    symbols = any(symbol in text for symbol in "$€£¥₹")
    currency_words = symbols or any(hint in text for hint in _CURRENCY_HINTS)
    percent = "%" in text or "percent" in text
    counts = "left" in text or "remaining" in text
    for number in _NUMBER.finditer(text):
        start, end = number.span()
        if currency_words:
            money = _money_hit(text, number, symbols, currency_words)
            if money:
                hits.append(money)
        # A number glued to a word ('code10', 'h2') or inside a version ('4.12.1') is not a figure.
        if start and (
            text[start - 1].isalpha() or (text[start - 1] in "_." and text[start - 2 : start - 1].isdigit())
        ):
            continue
        after = text[end : end + 2]
        # Cheap look at what follows decides which of the anchored patterns can possibly match here.
        if percent and (after[:1] in "%p" or after in (" %", " p")):
            _add_match(hits, "promo", _PERCENT_OFF, text, start)
        if end - start == 3 and after[:1] in (" ", ".", "-", ")"):
            _add_match(hits, "phone", _PHONE, text, start)
        if after[:1] in ("%", "x") or after in (" %", " x"):
            _add_match(hits, "data", _DATA, text, start)
        if counts and after[:1] == " ":
            _add_match(hits, "urgency", _COUNT_LEFT, text, start)


def _add_match(hits: list[Hit], kind: str, pattern: re.Pattern[str], text: str, start: int) -> None:
    found = pattern.match(text, start)
    if found:
        hits.append(_new_hit(Hit, (kind, start, found.end())))


DIGIT = re.compile(r"\d")


def scan(text: str) -> list[Hit]:
    """Every tagged phrase in `text` (already normalised and masked), in no particular order."""
    hits: list[Hit] = []
    add = hits.append
    for start, (gate, rules, hint) in trigger_words(text):
        if hint:
            add(_new_hit(Hit, ("hint", start, start)))
        if gate is None or gate.match(text, start):
            for kind, pattern in rules:
                found = pattern.match(text, start)
                if found:
                    add(_new_hit(Hit, (kind, start, found.end())))
    if DIGIT.search(text):
        _number_hits(text, hits)
    if "#" in text:
        for m in _HASHTAG.finditer(text):
            commercial = _COMMERCIAL_TAG.search(m.group()[1:])
            hits.append(Hit("commercial_tag" if commercial else "hashtag", m.start(), m.end()))
    if "." in text:
        _url_hits(text, hits)
    if "\n" in text:
        hits.extend(Hit("list", m.start() + 1, m.end()) for m in _LIST_LINE.finditer("\n" + text))
    if ")" in text:
        for m in _LIST_INLINE.finditer(text):
            before = text[m.start() - 1 : m.start()]
            if before in ("(", " ", "\n", "\t", ""):
                hits.append(Hit("list", m.start() - (before == "("), m.end()))
    return hits
