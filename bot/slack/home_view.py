"""The App Home tab: recent reviews, and the pushy rate over the weeks, for one person."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from bot.principles import PrincipleSet
from bot.slack.message import context, section
from bot.slack.mrkdwn import escape, fit, quote
from bot.slack.review_blocks import verdict_mark
from bot.slack.wording import COMMAND

BAR_CELLS = 10
EXCERPT_CHARS = 140
TRIGGERS = {
    "slash": COMMAND,
    "modal": f"the {COMMAND} form",
    "reaction": "a reaction",
    "drafts_channel": "the drafts channel",
    "edit": "an edit in the drafts channel",
    "shortcut": "the message menu",
}

Week = tuple[str, int, int]


def home_view(
    reviews: list[dict[str, Any]],
    weeks: list[Week],
    principles: PrincipleSet,
    review_emoji: str,
    your_week: list[str] | None = None,
    usage: list[str] | None = None,
) -> dict[str, Any]:
    """The Home tab: `your_week` is the person's own digest lines for this week (title first); `usage`
    (the workspace's recent usage, in lines) is shown to admins only."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "Your Party Coach"}},
        section(
            "How your posts are landing. Check a draft with "
            f"`{COMMAND} your text`, or react with :{escape(review_emoji)}: to any message."
        ),
        {"type": "divider"},
        *admin_usage(usage),
        section("*Your pushy rate, week by week*\n" + pushy_rate_text(weeks)),
        {"type": "divider"},
        *your_week_blocks(your_week),
        section("*Your recent reviews*"),
    ]
    if not reviews:
        blocks.append(section("No reviews yet. Your reviews will show up here."))
    blocks += [review_summary(row, principles) for row in reviews]
    blocks.append(context(f"Type `{COMMAND} help` anywhere to see everything Party Coach can do."))
    return {"type": "home", "blocks": blocks[:100]}


def your_week_blocks(lines: list[str] | None) -> list[dict[str, Any]]:
    """This week's own figures, the same as the channel digest's but only about this person."""
    if not lines:
        return []
    title, *figures = (escape(line) for line in lines)
    return [section(f"*{title}*\n" + "\n".join(figures)), {"type": "divider"}]


def admin_usage(usage: list[str] | None) -> list[dict[str, Any]]:
    if usage is None:
        return []
    return [
        section("*Usage in this workspace* (only admins see this)\n" + escape("\n".join(usage))),
        {"type": "divider"},
    ]


def pushy_rate_text(weeks: list[Week]) -> str:
    if not weeks:
        return "Nothing to chart yet: once a few of your drafts are reviewed, your weekly trend appears here."
    lines = [
        f"`{week_label(week)}` {bar(pushy, total)} {percent(pushy, total)}% pushy ({pushy} of {total})"
        for week, pushy, total in weeks
    ]
    return "\n".join([*lines, trend(weeks)])


def trend(weeks: list[Week]) -> str:
    if len(weeks) < 2:
        return "_Come back next week to see how it changes._"
    first, last = percent(*weeks[0][1:]), percent(*weeks[-1][1:])
    since = week_label(weeks[0][0])
    if last < first:
        return f":chart_with_downwards_trend: Down from {first}% to {last}% since the week of {since}. Nice!"
    if last > first:
        return (
            f":chart_with_upwards_trend: Up from {first}% to {last}% since the week of {since}. "
            "Try opening with a question before you mention what you sell."
        )
    return f":left_right_arrow: Steady at {last}% since the week of {since}."


def review_summary(row: dict[str, Any], principles: PrincipleSet) -> dict[str, Any]:
    when = when_label(str(row.get("created_at") or ""))
    via = TRIGGERS.get(str(row.get("trigger")), "Party Coach")
    lines = [f"{verdict_mark(str(row.get('verdict')))} · {row.get('score')}/100 · {when} · via {escape(via)}"]
    missed = [principles.title(p) for p in json.loads(row.get("violations") or "[]")]
    if missed:
        lines.append("Missed: " + escape(", ".join(missed)))
    draft = row.get("draft")
    lines.append(
        quote(fit(" ".join(str(draft).split()), EXCERPT_CHARS)) if draft else "_(draft text not stored)_"
    )
    return section("\n".join(lines))


def percent(pushy: int, total: int) -> int:
    return round(100 * pushy / total) if total else 0


def bar(pushy: int, total: int) -> str:
    filled = round(BAR_CELLS * pushy / total) if total else 0
    return "▰" * filled + "▱" * (BAR_CELLS - filled)


def week_label(week: str) -> str:
    try:
        return date.fromisoformat(week).strftime("%b %-d")
    except ValueError:
        return week


def when_label(created_at: str) -> str:
    try:
        return datetime.fromisoformat(created_at).strftime("%b %-d, %H:%M UTC")
    except ValueError:
        return created_at
