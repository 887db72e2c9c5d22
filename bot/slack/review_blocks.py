"""A review as Block Kit: verdict, score, each principle with its quoted words, suggestions, rewrite."""

from __future__ import annotations

from typing import Any

from bot.coach import ReviewOutcome
from bot.principles import PrincipleSet
from bot.review.model import Finding, Review
from bot.slack.message import MAX_BLOCKS, MAX_FALLBACK_CHARS, SlackMessage, context, section
from bot.slack.mrkdwn import escape, fit, quote
from bot.text_fit import split_text
from bot.wording import (
    REWRITE_HEADING,
    SUGGESTIONS_HEADING,
    USE_REWRITE,
    plain_summary,
    quotes_to_show,
    review_credit,
    verdict_label,
)

HELPFUL_ACTION = "feedback_helpful"
NOT_HELPFUL_ACTION = "feedback_not_helpful"
USE_REWRITE_ACTION = "use_rewrite"
VERDICT_EMOJI = {"ok": ":white_check_mark:", "pushy": ":warning:"}
OTHER_VERDICT_EMOJI = ":speech_balloon:"
MAX_QUOTE_CHARS = 200
REWRITE_PIECE_CHARS = 2000
SHORTENED = "_The rest is cut short to fit in Slack._"


def render_review(
    outcome: ReviewOutcome, principles: PrincipleSet, *, rewrite_kept: bool = True
) -> SlackMessage:
    """The whole review, within Slack's limits: 3,000 characters a section and 50 blocks a message.

    `rewrite_kept` is False when the log stores no rewrites (hash-only mode): then there is no button for one.
    """
    review = outcome.review
    body: list[dict[str, Any]] = [section(headline(review))]
    body += [section(finding_text(f, principles)) for f in review.findings]
    if review.suggestions:
        tries = "\n".join(f"• {escape(s)}" for s in review.suggestions)
        body.append(section(f"*{SUGGESTIONS_HEADING}*\n{tries}"))
    if review.rewrite:
        pieces = split_text(review.rewrite, REWRITE_PIECE_CHARS)
        body.append(section(f"*{REWRITE_HEADING}*\n{quote(pieces[0])}"))
        body += [section(quote(piece)) for piece in pieces[1:]]
    tail: list[dict[str, Any]] = []
    if review.notes:
        tail.append(context("\n".join(f":information_source: {escape(n)}" for n in review.notes)))
    tail.append(context(footer(review)))
    if outcome.review_id is not None:
        tail.append(feedback_buttons(outcome.review_id, with_rewrite=bool(review.rewrite) and rewrite_kept))
    room = MAX_BLOCKS - len(tail)
    if len(body) > room:
        body = [*body[: room - 1], context(SHORTENED)]
    return SlackMessage(
        text=fallback_text(review, principles), blocks=body + tail, about=outcome.log_fields()
    )


def verdict_mark(verdict: str) -> str:
    """The verdict as emoji and bold label, e.g. `:warning: *A bit pushy*`."""
    return f"{VERDICT_EMOJI.get(verdict, OTHER_VERDICT_EMOJI)} *{verdict_label(verdict)}*"


def headline(review: Review) -> str:
    return f"{verdict_mark(review.verdict)} · score {review.score}/100"


def finding_text(finding: Finding, principles: PrincipleSet) -> str:
    mark = ":white_check_mark:" if finding.passed else ":x:"
    lines = [f"{mark} *{escape(principles.title(finding.principle))}* — {escape(finding.reason)}"]
    lines += [quote(f"“{fit(words, MAX_QUOTE_CHARS)}”") for words in quotes_to_show(finding)]
    return "\n".join(lines)


def footer(review: Review) -> str:
    return escape(review_credit(review))


def button(action_id: str, label: str, value: str) -> dict[str, Any]:
    return {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": label, "emoji": True},
        "value": value,
    }


def feedback_buttons(review_id: int, *, with_rewrite: bool = False) -> dict[str, Any]:
    """Helpful / Not helpful, and "Use this rewrite" first when the review has one to give."""
    value = str(review_id)
    elements = [
        button(HELPFUL_ACTION, ":thumbsup: Helpful", value),
        button(NOT_HELPFUL_ACTION, ":thumbsdown: Not helpful", value),
    ]
    if with_rewrite:
        elements.insert(0, button(USE_REWRITE_ACTION, f":clipboard: {USE_REWRITE}", value))
    return {"type": "actions", "block_id": "feedback", "elements": elements}


def fallback_text(review: Review, principles: PrincipleSet) -> str:
    """The plain-text version for notifications and screen readers."""
    return fit(escape(plain_summary(review, principles.title)), MAX_FALLBACK_CHARS)
