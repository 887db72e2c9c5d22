"""What Party Coach says on every platform, as plain text; each adapter adds its own emoji and markup."""

from __future__ import annotations

from collections.abc import Callable

from bot.errors import DraftError
from bot.review.model import Finding, Review
from bot.store import Forgotten
from bot.tips import TipOfTheDay
from bot.usage import RecentUsage

VERDICT_LABELS = {"ok": "Reads like a good party guest", "pushy": "A bit pushy"}
SUGGESTIONS_HEADING = "Try this"
REWRITE_HEADING = "A friendlier version"
TIP_HEADING = "Tip of the day"
USE_REWRITE = "Use this rewrite"
REWRITE_READY = "Here's the rewrite, ready to copy and paste:"
REWRITE_NOT_KEPT = (
    "I don't have that rewrite any more: this team's log keeps no draft text, or the review was deleted. "
    "Please copy it from the review itself."
)
SAME_DRAFT = "same draft as before, so this is the earlier review"
QUOTES_PER_FINDING = 3

NO_TEXT = "That message has no text for me to review. I review the words of a post, not images or files."
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side and I couldn't finish this. Please try again in a minute."
)

TitleFor = Callable[[str], str]


def verdict_label(verdict: str) -> str:
    """'A bit pushy' and the like; an unknown verdict is shown as it is."""
    return VERDICT_LABELS.get(verdict, verdict)


def reviewer_name(review: Review) -> str:
    return (
        "the offline reviewer"
        if review.reviewer == "offline"
        else f"{review.reviewer} ({review.model or 'AI'})"
    )


def review_credit(review: Review) -> str:
    """Who reviewed the draft, and whether this is the earlier review of the same draft."""
    credit = f"Party Coach · reviewed by {reviewer_name(review)}"
    return f"{credit} · {SAME_DRAFT}" if review.cached else credit


def tip_credit(tip: TipOfTheDay) -> str:
    return f"Party Coach · {tip.day}"


def quotes_to_show(finding: Finding, limit: int = QUOTES_PER_FINDING) -> list[str]:
    """The first few distinct words a finding points at, skipping blank ones."""
    seen: list[str] = []
    for span in finding.spans:
        if span.text.strip() and span.text not in seen:
            seen.append(span.text)
    return seen[:limit]


def plain_summary(review: Review, title_for: TitleFor) -> str:
    """Verdict, misses and the first suggestion in plain sentences, for notifications and screen readers."""
    parts = [f"Party Coach: {verdict_label(review.verdict)}, score {review.score}/100."]
    missed = [title_for(p) for p in review.violations]
    if missed:
        parts.append("Missed: " + ", ".join(missed) + ".")
    if review.suggestions:
        parts.append(f"{SUGGESTIONS_HEADING}: {review.suggestions[0]}")
    return " ".join(parts)


def bad_draft(error: DraftError) -> str:
    """Why a draft can't be reviewed; a DraftError's text is already written for people."""
    return f"I can't review that: {error}."


def feedback_thanks(helpful: bool) -> str:
    if helpful:
        return "Thanks! I've noted that this review was helpful."
    return "Thanks for telling me. I've noted that this review wasn't helpful, and it helps me improve."


def plural(count: int, word: str = "review") -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


NOTHING_TO_FORGET = "There's nothing to delete: I haven't logged any drafts, reviews or feedback from you."
FORGET_CANCELLED = "Nothing deleted: your drafts and reviews stay in the log."
FORGET_CONFIRM = "Delete them"
FORGET_CANCEL = "Keep them"


def forget_question(found: Forgotten) -> str:
    """What a person confirms before their rows are deleted."""
    return (
        f"I have {plural(found.reviews)} of your drafts and {plural(found.feedback, 'feedback vote')} "
        "from you in the log. Delete them for good? This can't be undone."
    )


def forgotten(removed: Forgotten) -> str:
    """What was deleted, or that there was nothing to delete."""
    if removed.rows == 0:
        return NOTHING_TO_FORGET
    copies = f", {plural(removed.rewrite_uses, 'copied rewrite')}" if removed.rewrite_uses else ""
    return (
        f"Done: I deleted {plural(removed.rows, 'row')}, {plural(removed.reviews)} "
        f"(with their drafts and saved answers){copies} and {plural(removed.feedback, 'feedback vote')}."
    )


def usage_summary(usage: RecentUsage) -> list[str]:
    """Reviews, pushy rate, AI tokens and estimated cost over the last few days, then one line a day."""
    days, rows, totals, prices = usage.days, usage.rows, usage.total, usage.prices
    if totals.reviews == 0:
        return [f"No reviews in the last {days} days."]
    lines = [
        f"Last {days} days: {plural(totals.reviews)}, {totals.pushy_rate:.0%} pushy.",
        f"AI tokens: {totals.tokens_in:,} in, {totals.tokens_out:,} out. "
        f"Estimated cost: ${totals.cost:.2f} (at ${prices.input_per_m:g} and ${prices.output_per_m:g} "
        "per million tokens in and out).",
    ]
    lines += [
        f"{row.group.get('day')}: {plural(row.reviews)}, {row.pushy_rate:.0%} pushy, ${row.cost:.2f}"
        for row in rows
    ]
    return lines


# Channel settings (/review settings on Slack, /coach settings on Discord) ---------------------------------
ROLE_LABELS = {
    "drafts": "Drafts channel: every new post is reviewed",
    "tips": "Tip channel: the daily tip is posted here",
    "both": "Both: posts are reviewed and the daily tip is posted",
    "none": "Neither",
}
REVIEWER_LABELS = {
    "auto": "Automatic: the AI when it is set up, else offline",
    "offline": "Offline: the built-in reviewer",
    "llm": "AI: the language model",
}
WEEKDAY_LABELS = {"true": "Weekdays only", "false": "Every day"}


def settings_admins_only(platform_admins: str) -> str:
    """What someone who may not change settings is told, with who may."""
    return (
        f"Only Party Coach's admins can change channel settings: {platform_admins}, and the people listed "
        "in its PARTY_COACH_ADMINS setting. Ask one of them."
    )


def channel_summary(role: str, tip: str, emoji: str, reviewer: str) -> str:
    """One line on what a channel does now; `tip` is like '09:30 Europe/Berlin, weekdays only'."""
    tip_line = f"daily tip at {tip}" if role in ("tips", "both") else "no daily tip"
    drafts = "new posts are reviewed" if role in ("drafts", "both") else "new posts aren't reviewed"
    return (
        f"In this channel {drafts}, {tip_line}; the review emoji is {emoji} and the reviewer is {reviewer}."
    )


def settings_saved(summary: str, changed: int) -> str:
    if changed == 0:
        return f"Nothing changed. {summary}"
    return f"Saved, and in effect now. {summary}"
