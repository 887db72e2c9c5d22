"""Turning the offline reviewer's findings into a score, one fix per problem, and a plain rewrite."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.principles import PrincipleSet
from bot.review.draft import Draft
from bot.review.model import CONVERSE_FIRST, OFFER_HELP, PITCH_ONLY_WHEN_PULLED

if TYPE_CHECKING:
    from bot.review.offline import FindingFields
    from bot.review.offline_judges import Outcome
    from bot.review.offline_reading import Reading

# Each flagged phrase beyond the first one of a failed principle costs a little, up to a cap.
PHRASE_PENALTY = 2
MAX_PHRASE_PENALTY = 10
_HASHTAG = re.compile(r"#[^\W_]\w*")
_ALNUM = re.compile(r"[^\W_]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")

# Fixes by the reason a principle failed ("{quote}" is the flagged words); the fallback needs no quote.
_CONVERSE_FIXES = {
    "bait": "Swap “{quote}” for a question you really want answered, like “What's worked for you?”",
    "opener": "Replace “{quote}” with a response to something specific they said, then ask a follow-up.",
    "hook": "Replace the sales hook “{quote}” with a real question about the reader's situation.",
    "hashtags": "Keep one or two hashtags and add a line that invites replies, like “What would you add?”",
    "link": "Say why the link matters in a sentence, and ask something people can answer.",
    "off_topic": "Start by answering what they actually said; mention your offer only if they ask for it.",
}
_CONVERSE_FALLBACK = "End with a question people can answer, like “What's worked for you?”"
_HELP_FIXES = {
    "gate": "Drop the strings on “{quote}” (no email, card, demo or follow), or put the key tip in the post.",
    "asks": "Give something before you ask for “{quote}”: one tip, number or story from your own work.",
    "bare_question": "Add your own answer first (a number, a story or a tip), then ask.",
    "hashtags": "Add one useful tip or fact; hashtags alone give readers nothing.",
}
_HELP_FALLBACK = "Share one concrete tip, number or lesson from your own work before asking for anything."
_HELP_PLACEHOLDER = "[One tip, number or short story from your own experience.]"


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
    """The words as written (line breaks folded), cut to fit in one suggestion."""
    text = _LINE_BREAKS.sub(" ", text.strip())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
                f"Rework “{quote}” so the post fits “{title}”."
                if quote
                else f"Rework the post to fit “{title}”."
            )
    return fixes


def rewrite_draft(draft: Draft, reading: Reading, outcomes: Mapping[str, Outcome]) -> str | None:
    """Keep what helps, drop the unasked pitch, bait and hidden notes, and end on a real question."""
    pitch_failed = not outcomes[PITCH_ONLY_WHEN_PULLED].passed
    converse_failed = not outcomes[CONVERSE_FIRST].passed
    help_failed = not outcomes[OFFER_HELP].passed
    drop = {"bait", "bait_question", "hook", "ask"} | ({"pitch", "gate"} if pitch_failed else set())
    strip_tags = reading.has("hashtag") or reading.has("commercial_tag")
    kept: list[str] = []
    for sentence in reading.sentences:
        if sentence.kinds & drop:
            continue
        if (
            pitch_failed
            and converse_failed
            and sentence.kinds & {"opener", "greeting"}
            and sentence.words <= 3
        ):
            continue  # "Great tips!!!" only led into the pitch
        start, end = reading.norm.draft_range(sentence.start, sentence.end)
        piece = draft.text[start:end].strip()
        if strip_tags:
            piece = " ".join(_HASHTAG.sub("", piece).split())
        if _ALNUM.search(piece):
            kept.append(piece)
    body = " ".join(kept) if kept else (_HELP_PLACEHOLDER if help_failed else "")
    if converse_failed or (pitch_failed and "?" not in body):
        question = "What have you tried so far?" if draft.context else "What has worked for you?"
        body = f"{body} {question}".strip()
    return body if body and body != draft.text.strip() else None
