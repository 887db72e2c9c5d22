"""Reviews, pushy rate, tokens and estimated cost from the suggestion log, grouped one way at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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
