"""The digest in plain words, for a channel or for one person; adapters add their own markup."""

from __future__ import annotations

from datetime import timedelta

from bot.insights.digest import Digest, WeekRate
from bot.principles import PrincipleSet
from bot.wording import plural

CHANNEL_TITLE = "Weekly digest"
PERSONAL_TITLE = "Your week"


def week_label(rate: WeekRate) -> str:
    """'Dec 29 – Jan 4', Monday to Sunday."""
    monday = rate.week.monday
    sunday = monday + timedelta(days=6)
    return f"{monday.strftime('%b %-d')} – {sunday.strftime('%b %-d, %Y')}"


def percent(rate: WeekRate) -> int:
    return round(100 * rate.pushy_rate)


def change_line(digest: Digest) -> str:
    """The pushy rate, and how it moved since the week before."""
    now = percent(digest.week)
    line = f"Pushy: {now}% ({digest.week.pushy} of {digest.week.reviews})"
    before = digest.previous
    if before is None or before.reviews == 0:
        return f"{line}; no drafts the week before to compare with."
    was = percent(before)
    if now < was:
        return f"{line}, down from {was}% the week before. Nice work!"
    if now > was:
        return f"{line}, up from {was}% the week before."
    return f"{line}, the same as the week before."


def digest_lines(digest: Digest, principles: PrincipleSet) -> list[str]:
    """The digest as lines of plain text: a title, the figures, and one next step."""
    personal = digest.scope == "user"
    title = PERSONAL_TITLE if personal else CHANNEL_TITLE
    lines = [f"{title} · {week_label(digest.week)}"]
    if digest.empty:
        lines.append("No drafts reviewed this week yet." if personal else "No drafts reviewed this week.")
        return lines
    lines.append(f"Drafts reviewed: {digest.week.reviews:,}")
    lines.append(change_line(digest))
    missed = digest.most_missed
    if missed:
        principle, count = missed
        lines.append(f"Missed most: {principles.title(principle)} ({plural(count, 'draft')})")
    else:
        lines.append("Missed most: nothing. Every draft met every principle.")
    lines.append(f"Pushy drafts revised until they passed: {digest.revised_ok:,}")
    lines.append(f"Suggested rewrites used: {digest.rewrites_used:,}")
    if missed:
        found = principles.get(missed[0])
        rule = found.rule if found else principles.title(missed[0])
        lines.append(f"Next step: {rule}")
    return lines
