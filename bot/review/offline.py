"""The offline reviewer: a fast, deterministic, rule-based reading of ../shared/eval/RUBRIC.md.

It is the default when no LLM is configured. It reads what a post does (after undoing disguises and
ignoring text aimed at the reviewer), judges each core principle, and points at the exact words behind
each judgement. The phrase lists live in `offline_signals`; fixes and rewrites in `offline_rewrite`.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from dataclasses import dataclass, field

from bot.principles import Principle, PrincipleSet
from bot.review.draft import Draft
from bot.review.model import (
    CONVERSE_FIRST,
    OFFER_HELP,
    PITCH_ONLY_WHEN_PULLED,
    Finding,
    Review,
    Span,
    verdict_for,
)
from bot.review.offline_rewrite import rewrite_draft, score_review, suggest_fixes
from bot.review.offline_signals import (
    ContextReading,
    Hit,
    Normalised,
    content_words,
    mask_hidden,
    may_hide_something,
    normalise,
    read_context,
    scan,
    split_sentences,
)

# Any one of these makes a pitch. The weak kinds make one only together (an own product plus a price,
# a link or urgency), so "our tap water" or a link to a free write-up is not a pitch on its own.
STRONG_PITCH = frozenset(
    {"cta", "contact", "promo", "scheme", "phone", "offer_price", "commercial_url", "commercial_tag", "gate"}
)
WEAK_PITCH = frozenset({"self_offer", "money", "url", "urgency", "hype"})
_PITCH_ANCHORS = frozenset({"self_offer", "money", "url"})
NO_OFFLINE_CHECK = "No offline check for this principle; the LLM reviewer judges it."

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
    r"|(?:quick\s+)?poll\b|are\s+you\s+(?:a|an)\b|(?:anyone|anybody|who)\s+(?:else\s+)?(?:needs?|wants?|looking)\b)"
    r"|.*\b(?:struggling|tired\s+of|sick\s+of|fed\s+up|wish\s+you\s+could|want\s+to\s+(?:grow|scale|get|make"
    r"|earn|double|10x|lose|land|know\s+how))\b"
)
# A question asking the audience for help or a recommendation: the post itself still owes something.
_REQUEST = re.compile(
    r"\b(?:(?:does|do|can|could)\s+(?:anyone|anybody|someone)(?!\s+else)|can\s+you\s+(?:recommend|suggest|help)"
    r"|(?:anyone|anybody)\s+(?:know|have|recommend|got)|recommend\w*|suggestions?|advice|how\s+(?:do|can|should)\s+i"
    r"|where\s+(?:can|do|should)\s+i|looking\s+for|help\s+me|any\s+(?:tips|ideas))\b"
)
_GESTURE = re.compile(
    r"\W*(?:congrat\w*|well\s+done|so\s+(?:happy|proud)|amazing|huge|love\s+(?:this|it)|gg|nice|wow|yay)\b"
)
_WORDS_WITH_LETTERS = re.compile(r"[^\W\d_]\S*")
_FIRST_PERSON = re.compile(r"\bi\b")
_DIGIT = re.compile(r"\d")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_ALNUM = re.compile(r"[^\W_]")
# A request about the offer itself (price, stock, dates, where to buy) is answered by a reply that takes up
# its words. A request for a recommendation needs more: the reply has to recommend, not just echo the topic.
_OFFER_PULL = re.compile(
    r"how much|pric|rates?\b|cost|fee|quote|release|availab|in stock|ship|deliver|sell|order|book|buy"
    r"|purchase|get (?:one|it|this)|taking|accepting|openings|slots|spots|discount|promo|coupon|code|deal"
    r"|link|interested|money|wtb|budget|hire|rent|when|cu[aá]nto|quanto|combien|kostet|compr"
)
# A slogan post: short, no numbers, no "I" or "we", no reasons ("Just ship it.", "Invest in yourself.").
_PERSONAL_OR_REASONED = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|our|us|because|so|since|instead|unless|until|before|after|when"
    r"|if|every|per|by)\b|\d"
)
# Credit counts when it names someone: a capitalised name or an @handle soon after "thanks to".
_NAMED = re.compile(r"[^.!?\n]{0,40}?(?:@\w|(?<=\s)[A-Z][\w'’.-]*[a-z])")


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
            self._words = len(_WORDS_WITH_LETTERS.findall(self.text))
        return self._words

    @property
    def digits(self) -> bool:
        if self._digits is None:
            self._digits = _DIGIT.search(self.text) is not None
        return self._digits


@dataclass(slots=True)
class Outcome:
    """How one principle fared, with the (normalised) ranges that show why."""

    passed: bool
    reason: str
    ranges: list[tuple[int, int]] = field(default_factory=list)
    cause: str = ""  # which failure, so the fix can be specific
    quote: str = ""  # the words a fix should name, when not simply the first span


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
    _settle_hits(reading, draft.text)
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


def _names_someone(text: str, norm: Normalised, hit: Hit) -> bool:
    return bool(_NAMED.match(text, norm.draft_range(hit.start, hit.end)[1]))


def _overlaps(hit: Hit, others: list[Hit]) -> bool:
    return any(o.start < hit.end and hit.start < o.end for o in others)


def _settle_hits(reading: Reading, text: str) -> None:
    """Resolve phrases that change meaning together: 'without signing up', pay in a job post, gated gifts."""
    present = {h.kind for h in reading.hits}
    ungated = [h for h in reading.hits if h.kind == "ungated"]
    hiring = "hiring" in present and "scheme" not in present
    make_good = reading.context is not None and reading.context.complaint and "apology" in present
    settled: list[Hit] = []
    for hit in reading.hits:
        if hit.kind == "hint" or (hit.kind == "recognition" and not _names_someone(text, reading.norm, hit)):
            continue
        if hit.kind == "cta" and ungated and _overlaps(hit, ungated):
            continue  # "without signing up"
        if hiring and hit.kind in ("money", "offer_price", "contact"):
            continue  # pay in a job post is not a price tag, and "DM me your CV" is not a sales ask
        if make_good and hit.kind in ("promo", "offer_price", "contact", "url"):
            continue  # a make-good code or "DM us" for an unhappy customer is service, not a sale
        settled.append(hit)
    kinds: dict[str, list[Hit]] = {}
    for hit in settled:
        kinds.setdefault(hit.kind, []).append(hit)
    strings = [h for h in settled if h.kind in ("gate_req", "cta", "bait")]
    for offer in kinds.get("free_offer", []):
        # "Free" with an email, card, demo or sign-up nearby is lead capture, not a gift.
        where = reading.sentence_at(offer.start)
        if any(-1 <= reading.sentence_at(s.start) - where <= 2 for s in strings):
            settled.append(Hit("gate", offer.start, offer.end))
    if "contest" in kinds and kinds.keys() & {"ask", "gate_req", "bait"}:
        settled.extend(Hit("strings", h.start, h.end) for h in kinds["contest"])  # a prize paid for in likes
    if len(kinds.get("money", [])) + len(kinds.get("offer_price", [])) >= 2 and "self_offer" in kinds:
        settled.extend(Hit("offer_price", h.start, h.end) for h in kinds.get("money", []))  # a price list
    reading.hits = settled
    for hit in settled:
        reading.kinds.setdefault(hit.kind, []).append(hit)


def _find_pitch(reading: Reading) -> None:
    pitch = [h for h in reading.hits if h.kind in STRONG_PITCH]
    weak = [h for h in reading.hits if h.kind in WEAK_PITCH]
    weak_kinds = {h.kind for h in weak}
    # Two weak signals make a pitch, unless what's offered is free with no strings or is for a cause.
    gift = reading.has("ungated") or reading.has("fundraiser")
    if pitch or (len(weak_kinds) >= 2 and weak_kinds & _PITCH_ANCHORS and not gift):
        pitch.extend(weak)
    reading.pitch = sorted(pitch, key=lambda h: h.start)
    for hit in reading.pitch if reading.sentences else ():
        reading.sentence_of(hit).kinds.add("pitch")


def _pulled_by(reading: Reading) -> str:
    """'context' when the message replied to asks for it, 'followup' for a checkable follow-up, else ''."""
    context = reading.context
    if context is not None and context.pull:
        plain, overall, _ = _engagement(reading)
        deictic, disclosed = reading.has("deictic"), reading.has("disclosure")
        echoed = overall >= 2 and bool(_OFFER_PULL.search(context.pull))
        if plain >= 1 or echoed or deictic or (disclosed and overall >= 1):
            return "context"
    if reading.has("followup") and not reading.has("claim") and reading.kinds.keys() & {"ungated", "help"}:
        return "followup"
    return ""


def _opener_only(sentence: Sentence) -> bool:
    """A sentence that is only a stock opener or greeting ('Great tips!!!', 'Congrats Priya! 🎉')."""
    return bool(sentence.kinds & {"opener", "greeting"}) and sentence.words <= 3 and not sentence.question


def _engagement(reading: Reading) -> tuple[int, int, list[tuple[int, int]]]:
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
    links = reading.kinds.get("url", []) + reading.kinds.get("commercial_url", [])
    for word, offset in content_words(reading.visible):
        if word not in context.stems or any(link.start <= offset < link.end for link in links):
            continue  # a domain name that happens to contain their word is not engagement
        sentence = reading.sentences[reading.sentence_at(offset)]
        if _opener_only(sentence) or "hook" in sentence.kinds:
            continue  # "Congrats!" or "Want to pass your next exam?" before a pitch is not engagement
        overall.add(word)
        if "pitch" not in sentence.kinds:
            plain.add(word)
        where.append((sentence.start, sentence.end))
    return len(plain), len(overall), where


def _is_gesture(reading: Reading) -> bool:
    """A lone emoji, or a short, warm reply to someone's news (not to a request for help)."""
    if reading.context is None or reading.pitch or reading.kinds.keys() & {"ask", "bait"}:
        return False
    text = reading.visible.strip()
    if not _ALNUM.search(text):
        return bool(text)
    words = len(_WORDS_WITH_LETTERS.findall(text))
    if _GESTURE.match(text) and words <= 8:
        return True
    return not reading.context.question and words <= 12


def _genuine_questions(reading: Reading) -> list[Sentence]:
    excluded = {"bait", "bait_question", "hook", "pitch", "cta", "ask"}
    return [s for s in reading.sentences if s.question and s.words >= 2 and not s.kinds & excluded]


def _substantive(sentence: Sentence, reply: bool = False) -> bool:
    """A sentence that tells the reader something, rather than asking, baiting, selling or announcing."""
    if sentence.question or _opener_only(sentence):
        return False
    if sentence.kinds & {"bait", "ask", "pitch", "gate", "announce", "contest", "strings"}:
        return False
    has_digits = sentence.digits
    if "platitude" in sentence.kinds and sentence.words <= 12 and not has_digits:
        return False
    words = sentence.words - sentence.text.count("#")
    if reply:
        return words >= 3 or (words >= 1 and has_digits)
    # A short line on its own ("New week, new goals") says little; a number or a full sentence does.
    return words >= 7 or (words >= 3 and has_digits)


def _is_slogan(reading: Reading) -> bool:
    """A short, impersonal line with no numbers and no reasons, posted on its own."""
    if reading.context is not None or reading.pitch:
        return False
    statements = [s for s in reading.sentences if not s.question and s.words > s.text.count("#")]
    words = sum(s.words - s.text.count("#") for s in statements)
    said = " ".join(s.text for s in statements)
    return len(statements) <= 2 and 0 < words <= 14 and not _PERSONAL_OR_REASONED.search(said)


def _answers_with_link(reading: Reading) -> bool:
    return (
        reading.context is not None and reading.context.question and reading.has("url") and not reading.pitch
    )


def _tells_a_story(reading: Reading) -> bool:
    """First-hand experience told in at least two real first-person sentences."""
    if not reading.has("experience"):
        return False
    return sum(1 for s in reading.sentences if _FIRST_PERSON.search(s.text) and _substantive(s)) >= 2


def _help_evidence(reading: Reading, strict: bool) -> list[Hit]:
    """Explicit help in sentences that don't sell: tips, lessons, steps, ungated resources, real credit."""
    kinds = ("help", "list", "ungated", "recognition") + (() if strict else ("data", "own_answer"))
    found = []
    for kind in kinds:
        for hit in reading.kinds.get(kind, []):
            index = reading.sentence_at(hit.start)
            sentence = reading.sentences[index]
            if sentence.kinds & {"pitch", "self_offer", "gate", "ask", "bait"} or _opener_only(sentence):
                continue
            if kind == "help" and sentence.words <= 3 and not _lesson_follows(reading, index):
                continue
            found.append(hit)
    return found


def _lesson_follows(reading: Reading, index: int) -> bool:
    """'The lesson?' only helps if what follows is more than a slogan."""
    if index + 1 >= len(reading.sentences):
        return reading.sentences[index].words > 1
    following = reading.sentences[index + 1]
    return _substantive(following) and following.words > 5


def _quote(reading: Reading, start: int, end: int, limit: int = 70) -> str:
    """The draft's own words for a normalised range, shortened for a one-line reason."""
    begin, finish = reading.norm.draft_range(start, max(end, start + 1))
    text = reading.original[begin:finish].strip()
    if "\n" in text:
        text = _LINE_BREAKS.sub(" ", text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ranges(hits: list[Hit]) -> list[tuple[int, int]]:
    return sorted({(h.start, h.end) for h in hits})


def judge_pitch(reading: Reading) -> Outcome:
    context = reading.context
    if not reading.pitch:
        if reading.has("hiring"):
            return Outcome(True, "A job post isn't a sales pitch.")
        return Outcome(True, "No sales pitch, price or call to action.")
    ranges = _ranges(reading.pitch)
    if reading.pulled_by == "context" and context is not None:
        why = f"Mentions your offer, but they asked for it (“{context.pull}”), so it's welcome."
        return Outcome(True, why, ranges)
    if reading.pulled_by == "followup":
        why = "Mentions your offer in a specific follow-up that answers questions people asked."
        return Outcome(True, why, ranges)
    # Name the strongest ask ("Link in bio", "30% off"), not a weak hint that happens to come first,
    # and name all of it: the merged span around it, as the finding shows it.
    first = next((h for h in reading.pitch if h.kind in STRONG_PITCH), reading.pitch[0])
    start, end = next((r for r in _outermost(ranges) if r[0] <= first.start < r[1]), (first.start, first.end))
    quote = _quote(reading, start, end)
    why = f"Pitches when nobody asked: “{quote}”."
    if reading.has("claim"):
        claim = reading.kinds["claim"][0]
        why += f" Saying “{_quote(reading, claim.start, claim.end)}” doesn't make it requested."
    elif context is not None and context.pull:
        why += " They asked for a recommendation, but this reply doesn't answer what they asked."
    elif context is not None and context.question:
        why += " They asked for help or experience, not for a product."
    return Outcome(False, why, ranges, cause="pitch", quote=quote)


def judge_converse(reading: Reading) -> Outcome:
    context = reading.context
    questions = _genuine_questions(reading)
    if questions:
        first = questions[0]
        why = f"Asks a real question: “{_quote(reading, first.start, first.end)}”."
        return Outcome(True, why, [(first.start, first.end)])
    unpulled = bool(reading.pitch) and not reading.pulled_by
    for kind, why in (
        ("invite", "Invites people to reply."),
        ("recognition", "Credits someone specific by name."),
    ):
        hits = [h for h in reading.kinds.get(kind, []) if "pitch" not in reading.sentence_of(h).kinds]
        if hits and not unpulled:  # "Happy to answer questions!" under an ad is a logistics line, not a chat
            return Outcome(True, why, _ranges(hits[:1]))
    if reading.pulled_by == "followup":
        return Outcome(
            True, "Follows up on questions people really asked.", _ranges(reading.kinds["followup"])
        )
    if context is not None:
        if _is_gesture(reading):
            return Outcome(True, "A short, friendly reaction to their news.")
        plain, overall, where = _engagement(reading)
        engaged = plain >= 1 or overall >= 2 or reading.has("deictic")
        if reading.pulled_by or (unpulled and engaged):
            return Outcome(True, "Responds to what they actually said.", where[:1])
        substance = reading.has_code or any(_substantive(s, reply=True) for s in reading.sentences)
        if not unpulled and (substance or _answers_with_link(reading)):
            return Outcome(True, "Responds to what they actually said.", where[:1])
    elif not unpulled and (reading.has("opinion") or _tells_a_story(reading)):
        hits = reading.kinds.get("opinion", [])
        return Outcome(True, "Shares a personal story or view that people can reply to.", _ranges(hits[:1]))
    return _converse_failure(reading, unpulled)


def _converse_failure(reading: Reading, unpulled: bool) -> Outcome:
    bait = reading.kinds.get("bait", [])
    if bait:
        why = f"“{_quote(reading, bait[0].start, bait[0].end)}” is bait, not a question anyone can answer."
        return Outcome(False, why, _ranges(bait), cause="bait")
    openers = reading.kinds.get("opener", [])
    if openers and unpulled:
        opener = _quote(reading, openers[0].start, openers[0].end)
        why = f"“{opener}” is a stock opener that goes straight to a pitch."
        return Outcome(False, why, _ranges(openers), cause="opener")
    questions = [s for s in reading.sentences if s.question]
    if questions:
        first = questions[0]
        kind = "a sales hook" if "hook" in first.kinds or reading.pitch else "bait"
        why = f"“{_quote(reading, first.start, first.end)}” is {kind}, not a real question."
        return Outcome(False, why, [(first.start, first.end)], cause="hook" if kind != "bait" else "bait")
    tags = reading.kinds.get("hashtag", []) + reading.kinds.get("commercial_tag", [])
    if tags and len(tags) >= max(3, sum(s.words for s in reading.sentences) // 2):
        return Outcome(False, "A wall of hashtags isn't a conversation.", _ranges(tags), cause="hashtags")
    links = reading.kinds.get("url", []) + reading.kinds.get("commercial_url", [])
    if links and not any(_substantive(s, reading.context is not None) for s in reading.sentences):
        return Outcome(False, "A bare link gives people nothing to reply to.", _ranges(links), cause="link")
    if reading.context is not None:
        why = "Doesn't respond to what they said; it talks about your offer instead."
        return Outcome(False, why, _ranges(reading.pitch[:1]), cause="off_topic")
    opening = [(s.start, s.end) for s in reading.sentences[:1]]
    return Outcome(
        False, "A one-way announcement: nothing invites people to reply.", opening, cause="broadcast"
    )


def judge_help(reading: Reading) -> Outcome:
    if reading.pulled_by == "context":
        return Outcome(True, "Answers what they asked for.")
    if reading.pulled_by == "followup":
        return Outcome(True, "Answers the questions people asked, with something they can use right away.")
    strings = reading.kinds.get("gate", []) + reading.kinds.get("strings", [])
    if reading.pitch:
        evidence = _help_evidence(reading, strict=True)
        if evidence:
            sentence = reading.sentence_of(evidence[0])
            why = f"Gives something useful: “{_quote(reading, sentence.start, sentence.end)}”."
            return Outcome(True, why, [(sentence.start, sentence.end)])
        if strings:
            quote = _quote(reading, strings[0].start, strings[0].end)
            why = f"The “free” offer (“{quote}”) has strings attached, so it isn't a gift."
            return Outcome(False, why, _ranges(strings), cause="gate")
        return Outcome(
            False, "Only promotes; there's no tip, answer or insight for the reader.", _ranges(reading.pitch)
        )
    if _is_gesture(reading):
        return Outcome(True, "A friendly, no-strings reaction; nothing is asked in return.")
    if strings:
        quote = _quote(reading, strings[0].start, strings[0].end)
        why = f"The prize or freebie (“{quote}”) has strings attached, so it isn't a gift."
        return Outcome(False, why, _ranges(strings), cause="gate")
    reply = reading.context is not None
    substance = [s for s in reading.sentences if _substantive(s, reply)]
    evidence = _help_evidence(reading, strict=False)
    if not evidence and not reply and any(s.question and _REQUEST.search(s.text) for s in reading.sentences):
        substance = []  # background to a request ("we just moved here") isn't something given
    if not evidence and (reading.has("announce") or reading.has("fundraiser") or _is_slogan(reading)):
        substance = []  # your own good news, a collection tin, or a slogan: nice, but not help
    if substance or evidence or reading.has_code or _answers_with_link(reading):
        where = [(substance[0].start, substance[0].end)] if substance else _ranges(evidence[:1])
        return Outcome(True, "Shares something useful without asking for anything.", where)
    return _help_failure(reading)


def _help_failure(reading: Reading) -> Outcome:
    asks = reading.kinds.get("ask", []) + reading.kinds.get("bait", [])
    if asks:
        quote = _quote(reading, asks[0].start, asks[0].end)
        why = f"Only asks people to do something (“{quote}”) and gives nothing back."
        return Outcome(False, why, _ranges(asks), cause="asks")
    questions = [s for s in reading.sentences if s.question]
    if questions:
        why = "Asks a question but shares nothing of your own: no experience, numbers or tip."
        return Outcome(False, why, [(questions[0].start, questions[0].end)], cause="bare_question")
    tags = reading.kinds.get("hashtag", [])
    if tags:
        return Outcome(
            False, "Hashtags only; nothing useful for the reader.", _ranges(tags), cause="hashtags"
        )
    opening = [(s.start, s.end) for s in reading.sentences[:1]]
    return Outcome(
        False, "Nothing useful for the reader yet: no tip, answer or insight.", opening, cause="empty"
    )


class OfflineReviewer:
    """Rule-based reviewer: no network, no model, the same answer every time."""

    name = "offline"
    model: str | None = None
    prompt_version: str | None = None

    def __init__(self, principles: PrincipleSet) -> None:
        self.principles = principles
        self.weights = {p.id: p.weight for p in principles.items}

    async def review(self, draft: Draft) -> Review:
        return self.review_sync(draft)

    def review_sync(self, draft: Draft) -> Review:
        started = time.perf_counter()
        reading = read_draft(draft)
        # Pitch first: whether it was asked for changes how conversation and help are read.
        outcomes = {PITCH_ONLY_WHEN_PULLED: judge_pitch(reading)}
        outcomes[CONVERSE_FIRST] = judge_converse(reading)
        outcomes[OFFER_HELP] = judge_help(reading)
        findings = [
            self._finding(principle, reading, outcomes, draft.text) for principle in self.principles.items
        ]
        violations = [f.principle for f in findings if not f.passed]
        suggestions = suggest_fixes(findings, outcomes, self.principles, draft)
        rewrite = rewrite_draft(draft, reading, outcomes) if violations else None
        return Review(
            verdict=verdict_for(violations),
            score=score_review(findings, self.weights),
            findings=findings,
            suggestions=suggestions,
            rewrite=rewrite,
            reviewer=self.name,
            notes=_injection_notes(reading, draft.text),
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def _finding(
        self, principle: Principle, reading: Reading, outcomes: dict[str, Outcome], text: str
    ) -> Finding:
        outcome = outcomes.get(principle.id)
        if outcome is not None:
            # Validating plain fields lets pydantic-core build the spans, faster than Span() one by one.
            fields = [_span_fields(reading.norm, text, s, e) for s, e in _outermost(outcome.ranges)]
            return Finding.model_validate(
                {
                    "principle": principle.id,
                    "passed": outcome.passed,
                    "reason": outcome.reason,
                    "spans": fields,
                }
            )
        # Extra principles: violated when one of the team's patterns matches; anything else is the LLM's call.
        spans = _pattern_spans(principle, reading, text) if principle.violation_patterns else []
        if spans:
            why = f"Matches a pattern your team flagged for “{principle.title}”: “{spans[0].text}”."
            return Finding(principle=principle.id, passed=False, reason=why, spans=spans)
        return Finding(principle=principle.id, passed=True, reason=NO_OFFLINE_CHECK)


def _pattern_spans(principle: Principle, reading: Reading, text: str) -> list[Span]:
    """Matches in the draft as written, and in its de-disguised form mapped back to the draft."""
    ranges: list[tuple[int, int]] = []
    for pattern in principle.compiled_patterns:
        ranges.extend(m.span() for m in pattern.finditer(text) if m.group().strip())
        for match in pattern.finditer(reading.visible):
            if match.group().strip():
                ranges.append(reading.norm.draft_range(*match.span()))
    return [_span(Normalised(text, None), text, s, e) for s, e in _outermost(ranges)]


def _span_fields(norm: Normalised, text: str, start: int, end: int) -> dict[str, int | str]:
    """Map a normalised range back to the exact draft words, trimmed of surrounding blanks."""
    begin, finish = norm.draft_range(start, max(end, start + 1))
    words = text[begin:finish]
    if words[:1].isspace() or words[-1:].isspace():
        kept = words.strip()
        begin += len(words) - len(words.lstrip())
        finish, words = begin + len(kept), kept
    return {"start": begin, "end": finish, "text": words}


def _span(norm: Normalised, text: str, start: int, end: int) -> Span:
    return Span.model_validate(_span_fields(norm, text, start, end))


def _outermost(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges in order, with repeats dropped and overlapping ones merged ("Call Mike at" + "555-0177")."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(ranges) if len(ranges) > 1 else ranges:
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], end))
        else:
            kept.append((start, end))
    return kept


def _injection_notes(reading: Reading, text: str) -> list[str]:
    if not reading.injections:
        return []
    quote = _span(reading.norm, text, *reading.injections[0]).text
    quote = quote if len(quote) <= 80 else quote[:79] + "…"
    return [f"Ignored text aimed at the reviewer rather than readers: “{quote}”."]
