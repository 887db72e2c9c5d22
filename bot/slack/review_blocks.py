"""A review as Block Kit: verdict, score, each principle with its quoted words, suggestions, rewrite."""

from __future__ import annotations

from typing import Any

from bot.coach import ReviewOutcome
from bot.principles import PrincipleSet
from bot.review.model import Finding, Review
from bot.slack.message import MAX_BLOCKS, MAX_FALLBACK_CHARS, SlackMessage, context, section
from bot.slack.mrkdwn import escape, fit, quote, split_text

HELPFUL_ACTION = "feedback_helpful"
NOT_HELPFUL_ACTION = "feedback_not_helpful"
VERDICTS = {
    "ok": (":white_check_mark:", "Reads like a good party guest"),
    "pushy": (":warning:", "A bit pushy"),
}
MAX_QUOTES = 3
MAX_QUOTE_CHARS = 200
REWRITE_PIECE_CHARS = 2000
SHORTENED = "_The rest is cut short to fit in Slack._"


def render_review(outcome: ReviewOutcome, principles: PrincipleSet) -> SlackMessage:
    """The whole review, within Slack's limits: 3,000 characters a section and 50 blocks a message."""
    review = outcome.review
    body: list[dict[str, Any]] = [section(headline(review))]
    body += [section(finding_text(f, principles)) for f in review.findings]
    if review.suggestions:
        tries = "\n".join(f"• {escape(s)}" for s in review.suggestions)
        body.append(section(f"*Try this*\n{tries}"))
    if review.rewrite:
        pieces = split_text(review.rewrite, REWRITE_PIECE_CHARS)
        body.append(section(f"*A friendlier version*\n{quote(pieces[0])}"))
        body += [section(quote(piece)) for piece in pieces[1:]]
    tail: list[dict[str, Any]] = []
    if review.notes:
        tail.append(context("\n".join(f":information_source: {escape(n)}" for n in review.notes)))
    tail.append(context(footer(review)))
    if outcome.review_id is not None:
        tail.append(feedback_buttons(outcome.review_id))
    room = MAX_BLOCKS - len(tail)
    if len(body) > room:
        body = [*body[: room - 1], context(SHORTENED)]
    return SlackMessage(text=fallback_text(review, principles), blocks=body + tail)


def headline(review: Review) -> str:
    emoji, label = VERDICTS.get(review.verdict, (":speech_balloon:", review.verdict))
    return f"{emoji} *{label}* · score {review.score}/100"


def finding_text(finding: Finding, principles: PrincipleSet) -> str:
    mark = ":white_check_mark:" if finding.passed else ":x:"
    lines = [f"{mark} *{escape(principles.title(finding.principle))}* — {escape(finding.reason)}"]
    seen: list[str] = []
    for span in finding.spans:
        if span.text.strip() and span.text not in seen:
            seen.append(span.text)
    lines += [quote(f"“{fit(words, MAX_QUOTE_CHARS)}”") for words in seen[:MAX_QUOTES]]
    return "\n".join(lines)


def footer(review: Review) -> str:
    who = (
        "the offline reviewer"
        if review.reviewer == "offline"
        else f"{review.reviewer} ({review.model or 'AI'})"
    )
    cached = " · same draft as before, so this is the earlier review" if review.cached else ""
    return f"Party Coach · reviewed by {escape(who)}{cached}"


def feedback_buttons(review_id: int) -> dict[str, Any]:
    value = str(review_id)
    return {
        "type": "actions",
        "block_id": "feedback",
        "elements": [
            {
                "type": "button",
                "action_id": HELPFUL_ACTION,
                "text": {"type": "plain_text", "text": ":thumbsup: Helpful", "emoji": True},
                "value": value,
            },
            {
                "type": "button",
                "action_id": NOT_HELPFUL_ACTION,
                "text": {"type": "plain_text", "text": ":thumbsdown: Not helpful", "emoji": True},
                "value": value,
            },
        ],
    }


def fallback_text(review: Review, principles: PrincipleSet) -> str:
    """The plain-text version for notifications and screen readers."""
    _, label = VERDICTS.get(review.verdict, ("", review.verdict))
    parts = [f"Party Coach: {label}, score {review.score}/100."]
    missed = [principles.title(p) for p in review.violations]
    if missed:
        parts.append("Missed: " + ", ".join(missed) + ".")
    if review.suggestions:
        parts.append("Try this: " + review.suggestions[0])
    return fit(escape(" ".join(parts)), MAX_FALLBACK_CHARS)
