"""Reading a draft for the offline reviewer: sentences, tagged phrases, the pitch, and who asked for it."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from bot.review.draft import Draft
from bot.review.offline_context import ContextReading, read_context
from bot.review.offline_hidden import mask_hidden, may_hide_something
from bot.review.offline_normalise import Normalised, is_letter, normalise
from bot.review.offline_scan import DIGIT, LINK_KINDS, Hit, scan
from bot.review.offline_sentences import sentence_stems, split_sentences
from bot.review.offline_settle import settle_hits

# What an invitation to share your project doesn't pull: asks to buy, book, get in touch or hire you.
SALES_PUSH = frozenset({"contact", "promo", "scheme", "offer_price", "gate", "for_hire"})
# Any one of these makes a pitch. The weak kinds make one only together (an own product plus a price,
# a link or urgency), so "our tap water" or a link to a free write-up is not a pitch on its own.
STRONG_PITCH = SALES_PUSH | {"cta", "phone", "commercial_url", "commercial_tag"}
WEAK_PITCH = frozenset({"self_offer", "money", "url", "video_url", "urgency", "hype"})
_PITCH_ANCHORS = frozenset({"self_offer", "money", "url", "video_url"})

# Questions that only look like questions: bait never counts.
_BAIT_QUESTION = re.compile(
    r"\W*(?:(?:agree|thoughts|right|true|yes or no|who'?s in|amirite|am i right|sound familiar|can you relate"
    r"|ready|interested|facts|relatable|need i say more|who'?s with me|anyone|the\s+\w+(?:\s+\w+)?)\W*\?"
    r"|who else\b|who'?s\s+(?:ready|in|with\s+me)\b|did you know\b|what if i told you\b"
    r"|(?:are\s+)?you\s+ready\b|why wait\b|what are you waiting for\b)"
)
# Lead-qualifying hooks ("Tired of glare?", "Need a plumber?"): not conversation when a pitch follows.
_SALES_HOOK = re.compile(
    r"\W*(?:(?:are\s+you\s+)?(?:tired|sick)\s+of|(?:are\s+you\s+)?struggling|(?:do\s+you\s+)?(?:want|need|wish)\b"
    r"|(?:are\s+you\s+)?(?:thinking|planning)\s+(?:of|about|to)|(?:are\s+you\s+)?looking\s+(?:for|to)"
    r"|still\s+(?:using|doing|paying|struggling|wasting|stuck)|(?:got|have)\s+(?:a|an)\b|ever\s+wish|imagine"
    r"|(?:quick\s+)?poll\b|are\s+you\s+(?:a|an)\b|(?:anyone|anybody|who)\s+(?:else\s+)?(?:needs?|wants?|looking)\b"
    # The same hooks in Spanish, Portuguese, French and German ("¿Cansado de…?", "Mehr Kunden für Ihr…?").
    r"|cansad[oa]s?\s+de|(?:quieres|necesitas|queres|precisa)\b|(?:vous\s+)?(?:voulez|cherchez)\b|marre\s+de"
    r"|(?:sie\s+)?(?:wollen|m\u00f6chten|brauchen)\b|mehr\s+\w+\s+f\u00fcr\b)"
    r"|.*\b(?:struggling|tired\s+of|sick\s+of|fed\s+up|wish\s+you\s+could|want\s+to\s+(?:grow|scale|get|make"
    r"|earn|double|10x|lose|land|know\s+how))\b"
)
# A request about the offer itself (price, stock, dates, where to buy): an offer that takes up any of its
# words answers it. A request for a recommendation needs more than an echo of the topic.
_OFFER_PULL = re.compile(
    r"how much|pric|rates?\b|cost|fee|quote|release|availab|in stock|ship|deliver|sell|order|book|buy"
    r"|purchase|get (?:one|it|this)|taking|accepting|openings|slots|spots|discount|promo|coupon|code|deal"
    r"|link|interested|money|wtb|budget|hire|rent|when|cu[aá]nto|quanto|combien|kostet|compr"
)


# A context that invites people to share their own work ("What are you working on?", "Drop your channel").
_INVITES_SHARING = re.compile(r"what\s+are|tell\s+us|share|drop|show|plug|post|self")
_OWN_WORK = re.compile(r"\b(?:i|i'm|i've|we|we're|we've|my|our|mine)\b")


def count_words(text: str) -> int:
    """Words with at least one letter ("$97." and "🔥" don't count; "3pm" does)."""
    count = 0
    for piece in text.split():
        for char in piece:
            if is_letter(char):
                count += 1
                break
    return count


class Sentence:
    """One sentence of the visible text, with the kinds of phrases found in it."""

    __slots__ = ("_digits", "_words", "end", "kinds", "question", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start, self.end, self.text = start, end, text
        self.question = "?" in text
        self.kinds: set[str] = set()
        self._words = -1  # counted on first use: many sentences are judged without it
        self._digits: bool | None = None

    @property
    def words(self) -> int:
        """Words with at least one letter ("$97." and "🔥" don't count)."""
        if self._words < 0:
            self._words = count_words(self.text)
        return self._words

    @property
    def digits(self) -> bool:
        if self._digits is None:
            self._digits = DIGIT.search(self.text) is not None
        return self._digits


@dataclass(slots=True)
class Reading:
    """Everything the judges need to know about one draft."""

    original: str  # the draft as written, for quoting it back
    norm: Normalised
    visible: str  # normalised text with reviewer-aimed text and code blanked out
    injections: list[tuple[int, int]]
    has_code: bool
    sentences: list[Sentence]
    hits: list[Hit]
    context: ContextReading | None
    kinds: dict[str, list[Hit]] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)
    pitch: list[Hit] = field(default_factory=list)
    pulled_by: str = ""  # "context" or "followup" when the pitch was asked for
    engagement: tuple[int, int, list[tuple[int, int]]] | None = None

    def has(self, kind: str) -> bool:
        return kind in self.kinds

    def links(self) -> list[Hit]:
        return [hit for kind in LINK_KINDS for hit in self.kinds.get(kind, [])]

    def has_link(self) -> bool:
        return any(kind in self.kinds for kind in LINK_KINDS)

    def sentence_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def sentence_of(self, hit: Hit) -> Sentence:
        return self.sentences[self.sentence_at(hit.start)]


def read_draft(draft: Draft) -> Reading:
    """Normalise, unmask and tag a draft; work out which phrases make a pitch and whether it was asked for."""
    norm = normalise(draft.text)
    visible = norm.text
    injections: list[tuple[int, int]] = []
    has_code = False
    hits = scan(visible)
    if may_hide_something(visible, hits):
        visible, injections, has_code = mask_hidden(visible, checked=True)
        if visible is not norm.text:  # judge only what readers see: drop phrases that touch blanked text
            hits = [h for h in hits if visible[h.start : h.end] == norm.text[h.start : h.end]]
    sentences = [Sentence(start, end, visible[start:end]) for start, end in split_sentences(visible)]
    reading = Reading(
        draft.text, norm, visible, injections, has_code, sentences, hits, read_context(draft.context)
    )
    reading.starts = [s.start for s in sentences]
    settle_hits(reading)
    if sentences:
        starts = reading.starts
        for hit in reading.hits:
            sentences[max(0, bisect_right(starts, hit.start) - 1)].kinds.add(hit.kind)
    _find_pitch(reading)
    _mark_false_questions(reading)
    reading.pulled_by = _pulled_by(reading) if reading.pitch else ""
    return reading


def _mark_false_questions(reading: Reading) -> None:
    """Tag bait ("Agree?") and, next to a pitch, sales hooks ("Tired of glare?"): they ask nothing."""
    for sentence in reading.sentences:
        if sentence.question:
            if _BAIT_QUESTION.match(sentence.text):
                sentence.kinds.add("bait_question")
            elif reading.pitch and _SALES_HOOK.match(sentence.text):
                sentence.kinds.add("hook")


def _find_pitch(reading: Reading) -> None:
    pitch = [h for h in reading.hits if h.kind in STRONG_PITCH]
    if reading.context is not None:  # your own video, or a bare link, posted under someone else's words
        pitch.extend(h for h in reading.hits if h.kind == "video_url")
        if not pitch and not reading.context.question and _only_links(reading):
            pitch.extend(h for h in reading.hits if h.kind in LINK_KINDS)
    weak = [h for h in reading.hits if h.kind in WEAK_PITCH]
    weak_kinds = {h.kind for h in weak}
    # Two weak signals make a pitch, unless what's offered is free with no strings or is for a cause.
    gift = reading.has("ungated") or reading.has("fundraiser")
    if pitch or (len(weak_kinds) >= 2 and weak_kinds & _PITCH_ANCHORS and not gift):
        pitch.extend(weak)
    reading.pitch = sorted(pitch, key=lambda h: h.start)
    for hit in reading.pitch if reading.sentences else ():
        reading.sentence_of(hit).kinds.add("pitch")


def _only_links(reading: Reading) -> bool:
    """Nothing but one or more links: no words of the poster's own beside them."""
    links = [h for h in reading.hits if h.kind in LINK_KINDS]
    if not links:
        return False
    rest = reading.visible
    for hit in sorted(links, key=lambda h: h.start, reverse=True):
        rest = rest[: hit.start] + rest[hit.end :]
    return count_words(rest) == 0


def invites_sharing(context: ContextReading) -> bool:
    """The message replied to invites people to share their own work ("What are you working on?")."""
    return context.pull is not None and _INVITES_SHARING.match(context.pull) is not None


_HONEST_VIEW = frozenset({"opinion", "experience", "help"})


def _pulled_by(reading: Reading) -> str:
    """'context' when the message replied to asks for it, 'followup' for a checkable follow-up, else ''."""
    context = reading.context
    invited = context is not None and invites_sharing(context)
    if invited and _OWN_WORK.search(reading.visible):
        # "What are you working on?" asks to hear about your own work, links included; a sales push on top
        # of that (DM me, get in touch, a code, a price, hire me) goes beyond what they asked for.
        return "" if reading.kinds.keys() & SALES_PUSH else "context"
    if context is not None and context.pull:
        plain, overall, _ = engagement(reading)
        deictic, disclosed = reading.has("deictic"), reading.has("disclosure")
        # An offer in reply answers the request when it takes up what they asked about (word families count:
        # "bookkeeper" and "bookkeeping" are one topic) and it is the kind of answer asked for: a price for a
        # price question, or a date, stock or the offer itself; or a recommendation from someone who says who
        # they are or speaks from their own use. A keyword echo ("a podcast?" -> "our podcast mic") is not.
        priced = context.asks_price and bool(reading.kinds.keys() & {"money", "offer_price"})
        kind_asked = priced or bool(_OFFER_PULL.search(context.pull))
        answered = overall >= 1 and (kind_asked or disclosed or reading.has("experience"))
        # Someone who says who they are and gives an honest view answers a request for recommendations,
        # even in other words than theirs ("any recs for a CRM?" -> "I run X, so biased: a sheet works").
        answered = answered or (disclosed and bool(reading.kinds.keys() & _HONEST_VIEW))
        if plain >= 1 or answered or deictic:
            return "context"
    if reading.has("followup") and not reading.has("claim") and reading.kinds.keys() & {"ungated", "help"}:
        return "followup"
    return ""


_OPENERS = frozenset({"opener", "greeting"})


def opener_only(sentence: Sentence) -> bool:
    """A sentence that is only a stock opener or greeting ('Great tips!!!', 'Congrats Priya! 🎉')."""
    return not sentence.kinds.isdisjoint(_OPENERS) and sentence.words <= 3 and not sentence.question


def engagement(reading: Reading) -> tuple[int, int, list[tuple[int, int]]]:
    """How many of the context's words the reply takes up: (outside pitch sentences, overall, where)."""
    if reading.context is None:
        return 0, 0, []
    if reading.engagement is None:
        reading.engagement = _count_engagement(reading, reading.context)
    return reading.engagement


def _count_engagement(reading: Reading, context: ContextReading) -> tuple[int, int, list[tuple[int, int]]]:
    plain: set[str] = set()
    overall: set[str] = set()
    where: list[tuple[int, int]] = []
    links = reading.links()
    for sentence in reading.sentences:
        if opener_only(sentence) or "hook" in sentence.kinds:
            continue  # "Congrats!" or "Want to pass your next exam?" before a pitch is not engagement
        text = sentence.text
        for link in links:  # a domain name that happens to contain their word is not engagement
            if sentence.start <= link.start < sentence.end:
                begin, end = link.start - sentence.start, link.end - sentence.start
                text = text[:begin] + " " * (end - begin) + text[end:]
        taken = context.stems.intersection(sentence_stems(text))
        if taken:
            overall |= taken
            if "pitch" not in sentence.kinds:
                plain |= taken
            where.append((sentence.start, sentence.end))
    return len(plain), len(overall), where
