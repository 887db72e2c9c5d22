"""Turning the offline reviewer's findings into a score, one fix per problem, and a plain rewrite."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from bot.principles import PrincipleSet
from bot.review.draft import Draft
from bot.review.model import CONVERSE_FIRST, OFFER_HELP, PITCH_ONLY_WHEN_PULLED
from bot.review.offline_judges import Outcome, one_line, points_back
from bot.review.offline_normalise import word_set
from bot.review.offline_reading import count_words, opener_only

if TYPE_CHECKING:
    from bot.review.offline import FindingFields
    from bot.review.offline_reading import Reading

# Each flagged phrase beyond the first one of a failed principle costs a little, up to a cap.
PHRASE_PENALTY = 2
MAX_PHRASE_PENALTY = 10
# A rewrite needs this many words of the draft's own, beyond stock openers, to be worth showing; more when
# it gives nothing useful and only gains a stock question ("We just closed our Series A! What has worked
# for you?"), since then it fixes neither problem by itself.
MIN_REWRITE_WORDS = 6
MIN_UNHELPFUL_REWRITE_WORDS = 20
# A shouted sentence this short ("IT'S HERE!!!", "NOW HIRING") is hype; a longer one is kept in sentence case.
_SHOUT_WORDS = 4
_ALNUM = re.compile(r"[^\W_]")
# Hashtags that only tag the post: two or more in a row, or any at the end (before closing links, if any).
_TAG = r"\s*#[^\W_][\w-]*"
_TAGS_ONLY = re.compile(rf"(?:{_TAG}){{2,}}|(?:{_TAG})+(?=(?:\s+(?:https?://|www\.)\S*)*[\s.!]*$)")
_HASHTAG_MARK = re.compile(r"#(?=[^\W\d_])")
# Words of letters only ("IT'S" is one; "PRICE20" and "B2B" are codes and names, not words to calm down).
_LETTER_WORDS = re.compile(r"(?<!\w)[^\W\d_]+(?:['’][^\W\d_]+)?(?!\w)")
# Words that keep their capital when a shouted sentence is put in sentence case.
_CAPITALISED = word_set(
    """i i'm i'll i've i'd monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december"""
)
_PS = re.compile(r"\W*p\.?\s?s\.?\W*$", re.IGNORECASE)
_REPEATED_MARK = re.compile(r"([!?])[!?]+")
_ENDS_WITH_LINK = re.compile(r"(?:https?://|www\.|\w\.\w{2,}/)\S*$")

# Fixes by the reason a principle failed ("{quote}" is the flagged words); the fallback needs no quote.
# Only the draft's own words go in quotation marks, so a reader can always find what is quoted.
_CONVERSE_FIXES = {
    "bait": "Swap “{quote}” for a question you really want answered, such as what has worked for them.",
    "opener": "Replace “{quote}” with a response to something specific they said, then ask a follow-up.",
    "hook": "Replace the sales hook “{quote}” with a real question about the reader's situation.",
    "hashtags": "Keep one or two hashtags and add a line that invites replies: ask what they would add.",
    "link": "Say why the link matters in a sentence, and ask something people can answer.",
    "off_topic": "Start by answering what they actually said; mention your offer only if they ask for it.",
}
_CONVERSE_FALLBACK = "End with a question people can answer, such as what has worked for them."
_HELP_FIXES = {
    "gate": "Drop the strings on “{quote}” (no email, card, demo or follow), or put the key tip in the post.",
    "asks": "Give something before you ask for “{quote}”: one tip, number or story from your own work.",
    "bare_question": "Add your own answer first (a number, a story or a tip), then ask.",
    "hashtags": "Add one useful tip or fact; hashtags alone give readers nothing.",
}
_HELP_FALLBACK = "Share one concrete tip, number or lesson from your own work before asking for anything."


def score_review(findings: list[FindingFields], weights: Mapping[str, int]) -> int:
    """Share of principle weight passed, minus a little for each extra flagged phrase.

    Monotone: failing another principle, or flagging another phrase, never raises the score.
    """
    total = passed = extra = 0
    failed = False
    for finding in findings:
        weight = weights.get(finding["principle"], 0)
        total += weight
        if finding["passed"]:
            passed += weight
        else:
            failed = True
            extra += max(0, len(finding["spans"]) - 1)
    if not total:
        return 0 if failed else 100
    score = round(100 * passed / total) - min(MAX_PHRASE_PENALTY, PHRASE_PENALTY * extra)
    return max(0, min(100, score))


def _short(text: str, limit: int = 60) -> str:
    """The words as written (line breaks folded), cut at a word break to fit in one suggestion."""
    return one_line(text, limit)


def _fill(template: str | None, quote: str, fallback: str) -> str:
    """The template with the flagged words in it, or the fallback when there's no template or no words."""
    if template is None or ("{quote}" in template and not quote):
        return fallback
    return template.format(quote=quote)


def suggest_fixes(
    findings: list[FindingFields], outcomes: Mapping[str, Outcome], principles: PrincipleSet, draft: Draft
) -> list[str]:
    """One concrete, actionable fix per failed principle, quoting the words to change."""
    fixes: list[str] = []
    for finding in findings:
        if finding["passed"]:
            continue
        principle = finding["principle"]
        outcome = outcomes.get(principle)
        cause = outcome.cause if outcome else ""
        quote = _short(outcome.quote) if outcome and outcome.quote else ""
        if not quote and finding["spans"]:
            quote = _short(finding["spans"][0]["text"])
        if principle == PITCH_ONLY_WHEN_PULLED:
            ending = "a question about their situation" if draft.context else "a question for your readers"
            what = f"“{quote}”" if quote else "the sales ask"
            fixes.append(f"Cut {what}: nobody asked for it. End with {ending} instead.")
        elif principle == CONVERSE_FIRST:
            fixes.append(_fill(_CONVERSE_FIXES.get(cause), quote, _CONVERSE_FALLBACK))
        elif principle == OFFER_HELP:
            fixes.append(_fill(_HELP_FIXES.get(cause), quote, _HELP_FALLBACK))
        else:
            title = principles.title(principle)
            fixes.append(
                f"Rework “{quote}” to keep to your team's rule: {title}."
                if quote
                else f"Rework the post to keep to your team's rule: {title}."
            )
    return fixes


def rewrite_draft(draft: Draft, reading: Reading, outcomes: Mapping[str, Outcome]) -> str | None:
    """Keep what helps, drop the unasked pitch, bait and hype, and end on a real question.

    None when too little of the draft is left to stand on its own.
    """
    pitch_failed = not outcomes[PITCH_ONLY_WHEN_PULLED].passed
    converse_failed = not outcomes[CONVERSE_FIRST].passed
    drop = {"bait", "bait_question", "hook", "ask"} | ({"pitch", "gate"} if pitch_failed else set())
    strip_tags = reading.has("hashtag") or reading.has("commercial_tag")
    kept: list[_Kept] = []
    cut = False  # whether the sentence before was cut, so a leading "It" would point at nothing
    for index, sentence in enumerate(reading.sentences):
        start, end = reading.norm.draft_range(sentence.start, sentence.end)
        piece = draft.text[start:end].strip()
        if strip_tags:
            piece = _without_hashtags(piece)
        if not _ALNUM.search(piece):
            continue  # an emoji or a hashtag wall: no words to keep or to point back to
        words = count_words(piece)
        opener = opener_only(sentence)
        if (
            sentence.kinds & drop
            or (cut and points_back(sentence))
            or (opener and pitch_failed and converse_failed)  # "Great tips!!!" only led into the pitch
            or (_shouted(piece) and words <= _SHOUT_WORDS)  # "IT'S HERE!!!": hype, not something to say
        ):
            cut = True
            continue
        cut = False
        kept.append(_Kept(index, start, end, _calm(piece), 0 if opener else words))
    kept = _whole_pieces(kept)
    unhelpful = converse_failed and not outcomes[OFFER_HELP].passed
    if sum(item.words for item in kept) < (MIN_UNHELPFUL_REWRITE_WORDS if unhelpful else MIN_REWRITE_WORDS):
        return None  # an opener or a fragment plus a stock question is worse than no rewrite
    body = kept[0].text
    for before, after in pairwise(kept):
        gap = draft.text[before.end : after.start]  # keep the draft's paragraphs and list lines
        body += ("\n\n" if "\n\n" in gap else "\n" if "\n" in gap else " ") + after.text
    if converse_failed or (pitch_failed and "?" not in body):
        question = "What have you tried so far?" if draft.context else "What has worked for you?"
        body = f"{_end_sentence(body)}{_question_gap(body)}{question}"
    return body if body != draft.text.strip() else None


@dataclass(slots=True)
class _Kept:
    """A sentence kept for the rewrite: where it was (sentence index, draft range) and its calmed words."""

    index: int
    start: int
    end: int
    text: str
    words: int  # words it adds to the rewrite; a stock opener adds none


def _whole_pieces(kept: list[_Kept]) -> list[_Kept]:
    """Drop pieces that only made sense beside a cut neighbour: "(we built", "P.S.", "2.", a lone ")"."""
    whole: list[_Kept] = []
    for position, item in enumerate(kept):
        balance = item.text.count("(") - item.text.count(")")
        lead_in = balance > 0 or _LETTER_WORDS.search(item.text) is None or _PS.match(item.text) is not None
        if lead_in and (position + 1 == len(kept) or kept[position + 1].index != item.index + 1):
            continue
        if balance < 0 and (position == 0 or kept[position - 1].index != item.index - 1):
            continue
        whole.append(item)
    return whole


# Two capital letters in a row (Latin, Greek, Cyrillic): without them no word is in capitals.
_CAPITALS_PAIR = re.compile(r"[A-Z\u00c0-\u00de\u0391-\u03a9\u0410-\u042f]{2}")


def _without_hashtags(piece: str) -> str:
    """Tags go; a hashtag inside a sentence keeps its word ("the #job fair" -> "the job fair")."""
    return _HASHTAG_MARK.sub("", _TAGS_ONLY.sub("", piece)).strip()


def _shouted(piece: str) -> bool:
    """Mostly capital letters: at least two words in capitals, and three in four words so."""
    if _CAPITALS_PAIR.search(piece) is None:
        return False
    words = _LETTER_WORDS.findall(piece)
    loud = sum(1 for word in words if _loud(word))
    return loud >= 2 and loud * 4 >= len(words) * 3


def _loud(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _calm(piece: str) -> str:
    """Shouting in sentence case, "!!!" as one "!": the rewrite keeps the words, not the volume."""
    piece = _REPEATED_MARK.sub(_first_mark, piece)
    if "`" in piece or _CAPITALS_PAIR.search(piece) is None:
        return piece  # code is quoted exactly; and with no two capitals in a row, nothing shouts
    if _shouted(piece):
        lowered = _LETTER_WORDS.sub(_lower_word, piece)
        first = _ALNUM.search(lowered)
        if first is None:
            return lowered
        return lowered[: first.start()] + lowered[first.start()].upper() + lowered[first.start() + 1 :]
    # Inside an ordinary sentence only runs of capitals calm down ("BRAND AMBASSADORS"): one word on its
    # own is more likely a name, an acronym or a formula ("MBUSI", "VLOOKUP"), or fair emphasis.
    words = list(_LETTER_WORDS.finditer(piece))
    runs: list[list[int]] = []  # runs of words in capitals with only spaces between them
    for index, word in enumerate(words):
        if not _loud(word.group()):
            continue
        if runs and runs[-1][-1] == index - 1 and _adjacent(piece, words[index - 1], word):
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in reversed(runs):
        if len(run) < 3 and (len(run) < 2 or any(len(words[i].group()) < 4 for i in run)):
            continue  # "FREE SAT", "AWS RDS": short pairs are often names; leave them as written
        for index in reversed(run):
            word = words[index]
            calm = word.group().capitalize() if index == 0 else _lower_word(word)
            piece = piece[: word.start()] + calm + piece[word.end() :]
    return piece


def _first_mark(marks: re.Match[str]) -> str:
    # A function, not the template r"\1": re runs a template through Python code on every call.
    return marks.group(1)


def _adjacent(piece: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Two words with only spaces between them."""
    return not piece[first.end() : second.start()].strip(" ")


def _lower_word(word: re.Match[str]) -> str:
    lowered = word.group().lower()
    return lowered.capitalize() if lowered.replace("’", "'") in _CAPITALISED else lowered


def _end_sentence(body: str) -> str:
    """The body ending in a full stop, so the question after it starts a new sentence."""
    last = body.rstrip()[-1:]
    return body.rstrip() + "." if last.isalnum() and not _ends_with_link(body) else body.rstrip()


def _question_gap(body: str) -> str:
    """A line break after a closing link, so the link stays clickable; a space otherwise."""
    return "\n" if _ends_with_link(body) else " "


def _ends_with_link(body: str) -> bool:
    """A link runs to the end of the body (or to a final line break), as `_ENDS_WITH_LINK` finds it."""
    # A link and what follows it hold no blanks, so only the last piece can hold one: search just that.
    tail = body[:-1] if body.endswith("\n") else body
    if not tail or tail[-1].isspace():
        return False
    return _ENDS_WITH_LINK.search(tail.rsplit(None, 1)[-1]) is not None
