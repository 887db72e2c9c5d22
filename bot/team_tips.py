"""Tips drawn from the team's own drafts: the habits counted in code, an AI-written tip, and its check.

Drafts never reach the AI here: only short phrases that several people's drafts were flagged for, with
counts. The tip that comes back is checked before anyone sees it; any doubt means the curated tip.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.errors import ReviewerUnavailable
from bot.principles import Principle
from bot.review.draft import Draft
from bot.review.model import PITCH_ONLY_WHEN_PULLED
from bot.review.offline import OfflineReviewer
from bot.tips import GENERATED_TIP_ID, Tip
from bot.wording import plural

logger = logging.getLogger(__name__)

PATTERN_DAYS = 7
PATTERN_REVIEWS = 500  # the channel's latest reviews in those days: plenty to find a habit
MAX_PATTERNS = 3
MIN_DRAFTS = 2  # a phrase in one draft is that draft; in several, it is a habit
MIN_PEOPLE = 2  # and it is the team's habit, not one person's signature
MAX_PHRASE_WORDS = 6
MAX_PHRASE_CHARS = 40
TIP_MAX_CHARS = 280
MIN_TIP_WORDS = 5
MAX_TIP_SENTENCES = 3

# Only words: no digits (ids, prices, codes), no @, #, links, emoji or markup can be in a phrase.
SAFE_PHRASE = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]")
NOT_PROSE = re.compile(r"[{}\[\]<>`|\\]|^\s*[-*#>]")
MENTION_LINK_OR_ID = re.compile(
    r"@\w|<[@#!]|https?://|www\.|\b[\w-]+\.(?:com|io|ai|co|net|org|ly|me)\b|\b[UWB][A-Z0-9]{8,}\b|\b\d{15,20}\b",
    re.IGNORECASE,
)
FULL_NAME = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


class TipWriter(Protocol):
    async def write(self, principle: Principle, patterns: list[str]) -> str: ...


@dataclass
class Habit:
    """Words that reviews quoted behind a miss: in which drafts, by whom, and against which principles."""

    phrase: str
    drafts: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    principles: set[str] = field(default_factory=set)


def clean_phrase(words: str) -> str | None:
    """The quoted words as a short, safe phrase, or None if they can't be shown without risk."""
    phrase = " ".join(words.split()).strip(" .,;:!?\"'“”‘’()")
    if len(phrase) > MAX_PHRASE_CHARS or len(phrase.split()) > MAX_PHRASE_WORDS:
        return None
    return phrase if SAFE_PHRASE.fullmatch(phrase) else None


def draft_habits(rows: Iterable[dict[str, Any]]) -> dict[str, Habit]:
    """Each phrase (in lower case) that reviews quoted behind a miss, with where it was seen."""
    habits: dict[str, Habit] = {}
    for row in rows:
        if row.get("error") or not row.get("findings"):
            continue  # an AI failure's offline stand-in is still a review, but keep to clean ones
        for finding in json.loads(row["findings"]):
            if finding.get("passed"):
                continue
            for span in finding.get("spans") or []:
                phrase = clean_phrase(span.get("text") or "")  # empty in hash-only mode
                if phrase is None:
                    continue
                habit = habits.setdefault(phrase.lower(), Habit(phrase))
                habit.drafts.add(str(row["draft_hash"]))
                habit.people.add(str(row["user"]))
                habit.principles.add(str(finding["principle"]))
    return habits


def draft_patterns(rows: Iterable[dict[str, Any]], principle: str, days: int = PATTERN_DAYS) -> list[str]:
    """The team's commonest flagged phrases as anonymous counts, those against `principle` first,
    e.g. '3 drafts in the last 7 days used the words "DM me"'."""
    common = [
        habit
        for habit in draft_habits(rows).values()
        if len(habit.drafts) >= MIN_DRAFTS and len(habit.people) >= MIN_PEOPLE
    ]
    common.sort(
        key=lambda habit: (principle not in habit.principles, -len(habit.drafts), habit.phrase.lower())
    )
    return [
        f'{plural(len(habit.drafts), "draft")} in the last {days} days used the words "{habit.phrase}"'
        for habit in common[:MAX_PATTERNS]
    ]


def quoted_phrases(patterns: list[str]) -> list[str]:
    """The phrases the patterns quote (the last quoted part of each)."""
    return [pattern.rsplit('"', 2)[-2] for pattern in patterns if pattern.count('"') >= 2]


def names_someone(text: str) -> bool:
    """Two capitalised words together, after a sentence's first word, read as a person's full name."""
    for sentence in SENTENCE_END.split(text):
        _, _, rest = sentence.strip().partition(" ")
        if FULL_NAME.search(rest):
            return True
    return False


def tip_problem(text: str, phrases: list[str], offline: OfflineReviewer) -> str | None:
    """Why a written tip can't be posted, or None if it can: short, plain, nobody named, no sales pitch."""
    if not text:
        return "it was empty"
    if MENTION_LINK_OR_ID.search(text):
        return "it had a mention, a link or an id in it"
    if names_someone(text):
        return "it seemed to name someone"
    if NOT_PROSE.search(text) or len(text.split()) < MIN_TIP_WORDS:
        return "it didn't read like a tip"
    if len(text) > TIP_MAX_CHARS or len(SENTENCE_END.findall(text)) > MAX_TIP_SENTENCES:
        return f"it was longer than {MAX_TIP_SENTENCES} sentences or {TIP_MAX_CHARS} characters"
    # A tip may quote the habit it warns about ("'DM me'"); quoting isn't pitching, so those words go.
    judged = text
    for phrase in phrases:
        judged = re.sub(re.escape(phrase), " ", judged, flags=re.IGNORECASE)
    if PITCH_ONLY_WHEN_PULLED in offline.review_sync(Draft(judged)).violations:
        return "it read like a sales pitch"
    return None


async def write_team_tip(
    writer: TipWriter, offline: OfflineReviewer, principle: Principle, patterns: list[str]
) -> Tip | None:
    """An AI-written tip about `principle` that passed the check, or None (the reason is logged)."""
    try:
        text = await writer.write(principle, patterns)
    except ReviewerUnavailable as exc:
        logger.warning("no AI tip today, using the curated one: %s", exc)
        return None
    problem = tip_problem(text, quoted_phrases(patterns), offline)
    if problem is not None:
        logger.warning("the AI's tip was not posted (%s); using the curated one", problem)
        return None
    return Tip(id=GENERATED_TIP_ID, principle=principle.id, text=text)
