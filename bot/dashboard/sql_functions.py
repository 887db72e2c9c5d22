"""SQL functions the dashboard's queries use: the estimated AI cost and a principle's readable name."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from bot.usage import Prices


def add_functions(conn: sqlite3.Connection, prices: Prices, titles: Mapping[str, str]) -> None:
    """`estimated_cost(tokens_in, tokens_out)` in US dollars, and `principle_title(id)`."""

    def estimated_cost(tokens_in: int | None, tokens_out: int | None) -> float:
        return prices.cost(tokens_in or 0, tokens_out or 0)

    def principle_title(principle: str | None) -> str | None:
        return titles.get(principle, principle) if principle is not None else None

    conn.create_function("estimated_cost", 2, estimated_cost, deterministic=True)
    conn.create_function("principle_title", 1, principle_title, deterministic=True)
