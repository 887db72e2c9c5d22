"""Judging one reading against each core principle, with the reason and the words that show why."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.review.model import CONVERSE_FIRST, OFFER_HELP, PITCH_ONLY_WHEN_PULLED
from bot.review.offline_normalise import WORD
from bot.review.offline_reading import (
    SALES_PUSH,
    STRONG_PITCH,
    Reading,
    Sentence,
    count_words,
    engagement,
    invites_sharing,
    opener_only,
)
from bot.review.offline_scan import Hit
from bot.review.offline_sentences import stem
from bot.text_fit import at_word_break, shorten

# A question asking the audience for help or a recommendation: the post itself still owes something.
_REQUEST = re.compile(
    r"\b(?:(?:does|do|can|could)\s+(?:anyone|anybody|someone)(?!\s+else)|can\s+you\s+(?:recommend|suggest|help)"
    r"|(?:anyone|anybody)\s+(?:know|have|recommend|got)|recommend\w*|suggestions?|advice|how\s+(?:do|can|should)\s+i"
    r"|where\s+(?:can|do|should)\s+i|looking\s+for|help\s+me|any\s+(?:tips|ideas))\b"
)
_GESTURE = re.compile(
    r"\W*(?:congrat\w*|well\s+done|so\s+(?:happy|proud)|amazing|huge|love\s+(?:this|it)|gg|nice|wow|yay)\b"
)
_FIRST_PERSON = re.compile(r"\bi\b")
# A sentence that opens by pointing back ("It runs…", "This is…"): it needs the sentence before it.
_POINTS_BACK = re.compile(
    r"\W*(?:it|it's|its|they|they're|their|them|he|she|his|her|(?:this|that|these|those)"
    r"\s+(?:is|was|are|were|will|can|does|do|has|have|lets|helps|makes|means|gives|runs|one|ones)\b)\b"
)
RESPONDS = "Responds to what they actually said."
RESPONDS_TO_PITCH = "Takes up what they said, but only to bring in your offer."
QUOTED_ECHOES = 3  # at most this many of their words quoted back as the sign of a reply
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_ALNUM = re.compile(r"[^\W_]")
# A slogan post: short, no numbers, no "I" or "we", no reasons ("Just ship it.", "Invest in yourself.").
_PERSONAL_OR_REASONED = re.compile(
    r"\b(?:i|i'm|i've|i'd|me|my|we|we're|we've|our|us|because|so|since|instead|unless|until|before|after|when"
    r"|if|every|per|by)\b|\d"
)


@dataclass(slots=True)
class Outcome:
    """How one principle fared, with the (normalised) ranges that show why."""

    passed: bool
    reason: str
    ranges: list[tuple[int, int]] = field(default_factory=list)
    cause: str = ""  # which failure, so the fix can be specific
    quote: str = ""  # the words a fix should name, when not simply the first span


# Kinds of phrase, as sets made once: the judges test every sentence against them.
_BROADCAST = frozenset(
    {
        "hashtag",
        "commercial_tag",
        "announce",
        "url",
        "resource_url",
        "video_url",
        "commercial_url",
        "fundraiser",
        "hiring",
    }
)
CHAT_WORDS = 10
# Longer than this, a line beside an ask tells readers something ("Lost dog near Maple Park: …").
BEGGING_REASON_WORDS = 8
_NOT_TELLING = frozenset({"bait", "ask", "pitch", "gate", "announce", "contest", "strings"})
_SELLING = frozenset({"pitch", "self_offer", "gate", "ask", "bait"})
_PLUGS = frozenset({"self_offer", "hook"})
_CONTENT = frozenset({"data", "help"})


def _is_gesture(reading: Reading) -> bool:
    """A lone emoji, a short, warm reply to someone's news (not to a request for help), or a line of chat."""
    if reading.pitch or reading.kinds.keys() & {"ask", "bait"}:
        return False
    if reading.context is None:
        return _is_chat_line(reading)
    text = reading.visible.strip()
    if not _ALNUM.search(text):
        return bool(text)
    words = count_words(text)
    if _GESTURE.match(text) and words <= 8:
        return True
    return not reading.context.question and words <= 12


def _is_chat_line(reading: Reading) -> bool:
    """A short line of chat or a reaction posted on its own ("haha same", "this slaps"): no broadcast."""
    if reading.kinds.keys() & _BROADCAST or not reading.visible.strip():
        return False
    if count_words(reading.visible) > CHAT_WORDS:
        return False
    if any(s.question and s.words >= 3 for s in reading.sentences):
        return False  # a real question with nothing shared is a bare question, not chat
    # A slogan ("Invest in yourself.") is punctuated like a headline; chat trails off or stops mid-thought.
    text = reading.original.rstrip()
    headline = text.endswith((".", "!")) and not text.endswith(("..", "!!"))
    return not (headline and _is_slogan(reading))


def begs(reading: Reading) -> bool:
    """Asks for money, gifts, follows or a favour, with at most a short line besides ("it's my birthday")."""
    if not reading.has("ask"):
        return False
    others = [s for s in reading.sentences if "ask" not in s.kinds and s.words >= 3]
    short = len(others) <= 1 and all(s.words < BEGGING_REASON_WORDS for s in others)
    return short and (reading.context is None or engagement(reading)[0] == 0)


def _genuine_questions(reading: Reading) -> list[Sentence]:
    excluded = {"bait", "bait_question", "hook", "pitch", "cta", "ask"}
    return [s for s in reading.sentences if s.question and s.words >= 2 and not s.kinds & excluded]


def _substantive(sentence: Sentence, reply: bool = False) -> bool:
    """A sentence that tells the reader something, rather than asking, baiting, selling or announcing."""
    if sentence.question or opener_only(sentence):
        return False
    if not sentence.kinds.isdisjoint(_NOT_TELLING):
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
        reading.context is not None and reading.context.question and reading.has_link() and not reading.pitch
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
            if not sentence.kinds.isdisjoint(_SELLING) or opener_only(sentence):
                continue
            if kind == "help" and sentence.words <= 3 and not _lesson_follows(reading, index):
                continue
            found.append(hit)
    return found


def _help_beside_pitch(reading: Reading) -> list[Hit]:
    """Real content before the ask ("a tip, then our $79 special"): two full sentences with data or a tip."""
    reply = reading.context is not None
    solid = [s for s in reading.sentences if _substantive(s, reply) and s.kinds.isdisjoint(_PLUGS)]
    if len(solid) >= 2 and any(not s.kinds.isdisjoint(_CONTENT) for s in solid):
        return [Hit("help", solid[0].start, solid[0].end)]
    if reply and len(solid) >= 2 and engagement(reading)[0] >= 1:
        return [Hit("help", solid[0].start, solid[0].end)]  # answers what they asked before the plug
    return []


def _lesson_follows(reading: Reading, index: int) -> bool:
    """'The lesson?' only helps if what follows is more than a slogan."""
    if index + 1 >= len(reading.sentences):
        return reading.sentences[index].words > 1
    following = reading.sentences[index + 1]
    return _substantive(following) and following.words > 5


def _quote(reading: Reading, start: int, end: int, limit: int = 70) -> str:
    """The draft's own words for a normalised range, shortened for a one-line reason."""
    begin, finish = reading.norm.draft_range(start, max(end, start + 1))
    return one_line(reading.original[begin:finish], limit)


def one_line(text: str, limit: int) -> str:
    """Words as written on one line, cut at a word break to fit, so no word is left in pieces."""
    text = text.strip()
    if "\n" in text:
        text = _LINE_BREAKS.sub(" ", text)
    return shorten(text, limit, tidy=_clean_cut)


def _clean_cut(cut: str) -> str:
    """A cut at a word break, without a comma or colon left hanging before the ellipsis."""
    return at_word_break(cut).rstrip(" ,;:")


def _ranges(hits: list[Hit]) -> list[tuple[int, int]]:
    return sorted({(h.start, h.end) for h in hits})


def judge_rules(reading: Reading) -> dict[str, Outcome]:
    """The rules' finding on each principle, pitch first: whether it was asked for changes the other two."""
    outcomes = {PITCH_ONLY_WHEN_PULLED: judge_pitch(reading)}
    outcomes[CONVERSE_FIRST] = judge_converse(reading)
    outcomes[OFFER_HELP] = judge_help(reading)
    return outcomes


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
    invited = context is not None and invites_sharing(context)
    strongest = SALES_PUSH if invited else STRONG_PITCH
    first = next((h for h in reading.pitch if h.kind in strongest), reading.pitch[0])
    start, end = next((r for r in outermost(ranges) if r[0] <= first.start < r[1]), (first.start, first.end))
    quote = _quote(reading, start, end)
    why = f"Pitches when nobody asked: “{quote}”."
    if reading.has("claim"):
        claim = reading.kinds["claim"][0]
        why += f" Saying “{_quote(reading, claim.start, claim.end)}” doesn't make it requested."
    elif invited:
        why += " They asked to hear about your work, not to be sold to."
    elif context is not None and context.pull:
        why += " They asked for a recommendation, but this reply doesn't answer what they asked."
    elif context is not None and context.question:
        why += " They asked for help or experience, not for a product."
    return Outcome(False, why, ranges, cause="pitch", quote=quote)


def judge_converse(reading: Reading) -> Outcome:
    questions = _genuine_questions(reading)
    own = [s for s in questions if _asks_readers(s.text)]
    if own:
        first = own[0]
        # The question itself is the finding's quote; the reason doesn't repeat it.
        return Outcome(True, "Asks a real question.", [(first.start, first.end)])
    beyond = _converse_beyond_questions(reading)
    if questions and not beyond.passed:
        # Only a question it quotes ("replay it asking 'what is this room teaching me?'") or a link
        # with "?" in it: that still passes, but isn't called a question the draft asks its readers.
        first = questions[0]
        return Outcome(True, "Gives people something to reply to.", [(first.start, first.end)])
    return beyond


def _asks_readers(text: str) -> bool:
    """A "?" that ends the draft's own question, not one closing a quotation or inside a link."""
    # 'asking "why?" first' and "site.example/item?id=1" don't ask; "in MacOS?Coming from" still does.
    at = text.find("?")
    while at >= 0:
        after = text[at + 1 : at + 2]
        in_link = "/" in text[text.rfind(" ", 0, at) + 1 : at] and not (after.isspace() or not after)
        if after not in ('"', "'") and not in_link:
            return True
        at = text.find("?", at + 1)
    return False


def _converse_beyond_questions(reading: Reading) -> Outcome:
    """Converse first, judged on everything but the draft's questions."""
    context = reading.context
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
    if context is None and _is_gesture(reading):
        return Outcome(True, "A short reaction or line of chat: part of a conversation, not a broadcast.")
    if context is not None:
        if _is_gesture(reading):
            return Outcome(True, "A short, friendly reaction to what they said.")
        plain, overall, where = engagement(reading)
        engaged = plain >= 1 or (overall >= 2 and not reading.has("opener")) or reading.has("deictic")
        if reading.pulled_by or (unpulled and engaged):
            return _responds(reading, where, unpulled)
        substance = reading.has_code or any(_substantive(s, reply=True) for s in reading.sentences)
        # Asking the room for money, gifts or follows while ignoring what they said is not a reply.
        if not unpulled and not begs(reading) and (substance or _answers_with_link(reading)):
            return _responds(reading, where, unpulled)
    elif not unpulled and (reading.has("opinion") or _tells_a_story(reading)):
        hits = reading.kinds.get("opinion", [])
        return Outcome(True, "Shares a personal story or view that people can reply to.", _ranges(hits[:1]))
    return _converse_failure(reading, unpulled)


def _responds(reading: Reading, where: list[tuple[int, int]], unpulled: bool) -> Outcome:
    """Responds to them, shown by a sentence that takes up their words outside the pitch.

    An unasked pitch is never quoted as the proof of conversing: when every sentence that takes up their
    words sells, the reason says so and the evidence is only the words taken up, outside the pitch.
    """
    for start, end in where:
        index = reading.sentence_at(start)
        if "pitch" not in reading.sentences[index].kinds and not _continues_pitch(reading, index):
            return Outcome(True, RESPONDS, [(start, end)])
    if not unpulled or not where or reading.context is None:
        return Outcome(True, RESPONDS, where[:1])
    pitch = [(h.start, h.end) for h in reading.pitch]
    echoed: dict[str, tuple[int, int]] = {}  # by stem: "Etsy" once, not "Etsy" and "ETSY"
    for start, end in where:
        for word in WORD.finditer(reading.visible, start, end):
            root = stem(word.group())
            fresh = root in reading.context.stems and root not in echoed
            if fresh and not any(a < word.end() and word.start() < b for a, b in pitch):
                echoed[root] = word.span()
    return Outcome(True, RESPONDS_TO_PITCH, list(echoed.values())[:QUOTED_ECHOES])


def points_back(sentence: Sentence) -> bool:
    """A sentence that opens by pointing back ("It runs…", "This is…"): it needs the sentence before it."""
    return _POINTS_BACK.match(sentence.text) is not None


def _continues_pitch(reading: Reading, index: int) -> bool:
    """'Check out Pricewell. It runs all of these tests.': the second sentence still talks about the offer."""
    return (
        index > 0 and "pitch" in reading.sentences[index - 1].kinds and points_back(reading.sentences[index])
    )


def first_worded(reading: Reading) -> list[tuple[int, int]]:
    """The first sentence with words in it: a line of emoji ("🚀🚀") shows nothing on its own."""
    for sentence in reading.sentences:
        if sentence.words:
            return [(sentence.start, sentence.end)]
    return [(s.start, s.end) for s in reading.sentences[:1]]


def _converse_failure(reading: Reading, unpulled: bool) -> Outcome:
    if reading.context is not None and not unpulled and begs(reading):
        asks = reading.kinds["ask"]
        why = "Asks them for something instead of replying to what they said."
        return Outcome(False, why, _ranges(asks[:1]), cause="off_topic")
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
    links = reading.links()
    if links and not any(_substantive(s, reading.context is not None) for s in reading.sentences):
        return Outcome(False, "A bare link gives people nothing to reply to.", _ranges(links), cause="link")
    if reading.context is not None:
        why = "Talks about your offer rather than what they said."
        return Outcome(False, why, _ranges(reading.pitch[:1]), cause="off_topic")
    return Outcome(
        False,
        "A one-way announcement: nothing invites people to reply.",
        first_worded(reading),
        cause="broadcast",
    )


def judge_help(reading: Reading) -> Outcome:
    if reading.pulled_by == "context":
        return Outcome(True, "Answers what they asked for.")
    if reading.pulled_by == "followup":
        return Outcome(True, "Answers the questions people asked, with something they can use right away.")
    strings = reading.kinds.get("gate", []) + reading.kinds.get("strings", [])
    if reading.pitch:
        evidence = _help_evidence(reading, strict=True) or _help_beside_pitch(reading)
        if evidence:
            sentence = reading.sentence_of(evidence[0])
            return Outcome(
                True, "Gives something useful besides the offer.", [(sentence.start, sentence.end)]
            )
        if strings:
            quote = _quote(reading, strings[0].start, strings[0].end)
            why = f"The free offer (“{quote}”) has strings attached, so it isn't a gift."
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
    if begs(reading):
        substance, evidence = [], []  # "it's my birthday, gift me a sub": the story is the ask's reason
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
    return Outcome(
        False,
        "Nothing useful for the reader yet: no tip, answer or insight.",
        first_worded(reading),
        cause="empty",
    )


def outermost(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges in order, with repeats dropped and overlapping ones merged ("Call Mike at" + "555-0177")."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(ranges) if len(ranges) > 1 else ranges:
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(kept[-1][1], end))
        else:
            kept.append((start, end))
    return kept
