"""Reviews, pushy rate, tokens and estimated cost from the suggestion log, grouped one way at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.settings import Settings
from bot.store import ReviewFilter, SuggestionLog

Grouping = Literal["day", "channel", "user", "reviewer"]
# Fixed SQL per grouping: only these chosen expressions are spliced in, every value is a parameter.
GROUP_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "day": (("day", "date(created_at)"),),
    "channel": (("platform", "platform"), ("channel", "channel")),
    "user": (("platform", "platform"), ("user", "[user]")),
    "reviewer": (("reviewer", "reviewer"), ("model", "model")),
}
ORDER = {"day": "1"}  # days in time order; everything else busiest first
PER_MILLION = 1_000_000
RECENT_DAYS = 7  # what admins see in chat: /coach stats on Discord, the App Home on Slack


@dataclass(frozen=True)
class Prices:
    """US dollars per million input and output tokens."""

    input_per_m: float
    output_per_m: float

    def cost(self, tokens_in: int, tokens_out: int) -> float:
        return (tokens_in * self.input_per_m + tokens_out * self.output_per_m) / PER_MILLION


@dataclass(frozen=True)
class UsageRow:
    """One group's totals; `group` holds its key columns (day, or platform and channel, ...)."""

    group: dict[str, str | None]
    reviews: int
    pushy: int
    tokens_in: int
    tokens_out: int
    cost: float

    @property
    def pushy_rate(self) -> float:
        return self.pushy / self.reviews if self.reviews else 0.0


def usage_by(
    log: SuggestionLog, by: Grouping, prices: Prices, filters: ReviewFilter | None = None
) -> list[UsageRow]:
    """Totals per group of the reviews `filters` match."""
    keys = GROUP_COLUMNS[by]
    where, params = (filters or ReviewFilter()).where()
    selected = ", ".join(expression for _, expression in keys)
    order = ORDER.get(by, f"count(*) desc, {', '.join(str(i + 1) for i in range(len(keys)))}")
    sql = (
        f"select {selected}, count(*), coalesce(sum(verdict = 'pushy'), 0), "
        "coalesce(sum(tokens_in), 0), coalesce(sum(tokens_out), 0) "
        f"from reviews where {where or '1'} group by {selected} order by {order}"
    )
    with log.lock:
        fetched = log.db.execute(sql, params).fetchall()
    rows = []
    for row in fetched:
        values = row[len(keys) :]
        reviews, pushy, tokens_in, tokens_out = (int(v) for v in values)
        group = {
            name: None if value is None else str(value) for (name, _), value in zip(keys, row, strict=False)
        }
        rows.append(
            UsageRow(group, reviews, pushy, tokens_in, tokens_out, prices.cost(tokens_in, tokens_out))
        )
    return rows


def total(rows: list[UsageRow], prices: Prices) -> UsageRow:
    """All groups added up."""
    tokens_in, tokens_out = sum(r.tokens_in for r in rows), sum(r.tokens_out for r in rows)
    return UsageRow(
        {},
        sum(r.reviews for r in rows),
        sum(r.pushy for r in rows),
        tokens_in,
        tokens_out,
        prices.cost(tokens_in, tokens_out),
    )


@dataclass(frozen=True)
class RecentUsage:
    """The last few days, one row a day, with the total and the prices the costs were estimated at."""

    days: int
    rows: list[UsageRow]
    total: UsageRow
    prices: Prices


def recent_usage(
    log: SuggestionLog,
    settings: Settings,
    *,
    platform: str | None = None,
    workspace: str | None = None,
    days: int = RECENT_DAYS,
    now: datetime | None = None,
) -> RecentUsage:
    """Usage by day over the last `days` days, of one workspace (or server) when one is given."""
    prices = Prices(settings.price_input_per_m, settings.price_output_per_m)
    since = (now or datetime.now(UTC)) - timedelta(days=days)
    rows = usage_by(log, "day", prices, ReviewFilter(since=since, platform=platform, workspace=workspace))
    return RecentUsage(days, rows, total(rows, prices), prices)
