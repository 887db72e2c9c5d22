"""A week's figures for one channel (the team digest) or one person (their own view), from the log.

Every query walks an index: (platform, channel, created_at) or (platform, user, created_at) for the
week's reviews, `revises` for revisions and `review_id` for accepted rewrites. Names never leave here:
the figures are counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot.insights.weeks import LocalWeek
from bot.store import SuggestionLog

Scope = Literal["channel", "user"]
# The column each scope filters on; fixed text, so only chosen names are spliced into the SQL.
SCOPE_COLUMNS: dict[Scope, str] = {"channel": "channel", "user": "[user]"}
HISTORY_WEEKS = 12


@dataclass(frozen=True)
class WeekRate:
    """Reviews and pushy reviews in one week."""

    week: LocalWeek
    reviews: int
    pushy: int

    @property
    def pushy_rate(self) -> float:
        return self.pushy / self.reviews if self.reviews else 0.0


@dataclass(frozen=True)
class Digest:
    """One week for a channel or a person: counts only, never who."""

    platform: str
    scope: Scope
    key: str  # the channel id, or the user id for a person's own view
    week: WeekRate
    misses: dict[str, int]  # principle id → reviews that missed it, most missed first
    revised_ok: int  # pushy reviews followed by a revised draft that passed
    rewrites_used: int
    history: list[WeekRate]  # the last HISTORY_WEEKS weeks, oldest first, this week last

    @property
    def previous(self) -> WeekRate | None:
        return self.history[-2] if len(self.history) > 1 else None

    @property
    def most_missed(self) -> tuple[str, int] | None:
        return next(iter(self.misses.items()), None)

    @property
    def empty(self) -> bool:
        return self.week.reviews == 0


def digest_queries(scope: Scope, weeks: int) -> dict[str, str]:
    """The SQL behind a digest by name: each takes (platform, key, start, end); `rates` takes weeks first."""
    column = SCOPE_COLUMNS[scope]
    in_week = f"r.platform = ? and r.{column} = ? and r.created_at >= ? and r.created_at < ?"
    values = ", ".join("(?, ?, ?)" for _ in range(weeks))
    return {
        # One indexed range count per week, in one statement.
        "rates": f"with weeks(n, start, finish) as (values {values}) "
        "select weeks.n, count(r.id), coalesce(sum(r.verdict = 'pushy'), 0) from weeks "
        f"left join reviews r on r.platform = ? and r.{column} = ? "
        "and r.created_at >= weeks.start and r.created_at < weeks.finish "
        "group by weeks.n order by weeks.n",
        "misses": f"select j.value, count(*) from reviews r, json_each(r.violations) j where {in_week} "
        "group by j.value order by count(*) desc, j.value",
        "revised_ok": f"select count(*) from reviews r where {in_week} and r.verdict = 'pushy' and exists "
        "(select 1 from reviews later where later.revises = r.id and later.id > r.id "
        "and later.verdict = 'ok')",
        "rewrites_used": "select count(distinct u.review_id) from reviews r "
        f"join rewrite_uses u on u.review_id = r.id where {in_week}",
    }


def person_week(log: SuggestionLog, platform: str, user: str, timezone: str, now: datetime) -> Digest:
    """A person's own figures for the week holding `now`: for their eyes only, never for a channel."""
    week = LocalWeek.containing(now, ZoneInfo(timezone))
    return build_digest(log, platform, user, week, scope="user")


def build_digest(
    log: SuggestionLog,
    platform: str,
    key: str,
    week: LocalWeek,
    *,
    scope: Scope = "channel",
    history_weeks: int = HISTORY_WEEKS,
) -> Digest:
    """The figures for `week` (a channel's, or with scope="user" a person's) and the weeks before it."""
    weeks = week.back(history_weeks)
    sql = digest_queries(scope, len(weeks))
    params: list[Any] = [platform, key, *week.bounds()]
    rate_params = [value for n, w in enumerate(weeks) for value in (n, *w.bounds())]
    with log.lock:
        rates = log.db.execute(sql["rates"], [*rate_params, platform, key]).fetchall()
        misses = log.db.execute(sql["misses"], params).fetchall()
        revised_ok = log.db.execute(sql["revised_ok"], params).fetchone()[0]
        rewrites = log.db.execute(sql["rewrites_used"], params).fetchone()[0]
    history = [WeekRate(weeks[int(n)], int(reviews), int(pushy)) for n, reviews, pushy in rates]
    return Digest(
        platform=platform,
        scope=scope,
        key=key,
        week=history[-1],
        misses={str(principle): int(count) for principle, count in misses},
        revised_ok=int(revised_ok),
        rewrites_used=int(rewrites),
        history=history,
    )
