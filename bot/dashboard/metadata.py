"""Datasette metadata for one suggestion log, made from the shipped spec when the dashboard starts."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from bot.dashboard.spec import Spec
from bot.dashboard.sql_functions import add_functions
from bot.usage import Prices

DB_NAME = "suggestion-log"  # the same address whatever the file is called
PLUGIN_NAME = "party-coach"
EMPTY_CELL = "."  # an empty place in a CSS grid layout


def plugin_config(prices: Prices, titles: Mapping[str, str]) -> dict[str, Any]:
    """What Party Coach's own Datasette plugin reads back: which database, the prices, principle names."""
    return {
        "database": DB_NAME,
        "price_input_per_m": prices.input_per_m,
        "price_output_per_m": prices.output_per_m,
        "principles": dict(titles),
    }


def prices_from(config: Mapping[str, Any]) -> Prices:
    return Prices(float(config["price_input_per_m"]), float(config["price_output_per_m"]))


def runnable(conn: sqlite3.Connection, sql: str) -> bool:
    """Whether `sql` compiles against this log: an older log may lack a table a query reads."""
    try:
        conn.execute(f"explain {sql}")  # only the shipped spec's SQL comes here
    except sqlite3.Error:
        return False
    return True


def datasette_metadata(
    spec: Spec, conn: sqlite3.Connection, prices: Prices, titles: Mapping[str, str]
) -> dict[str, Any]:
    """Title, table and column labels, the saved queries and the charts, for the log open on `conn`."""
    add_functions(conn, prices, titles)
    money = {"input_per_m": f"{prices.input_per_m:.2f}", "output_per_m": f"{prices.output_per_m:.2f}"}
    queries = {name: q for name, q in spec.queries.items() if runnable(conn, q.sql)}
    metrics = {name: m for name, m in spec.dashboard.metrics.items() if runnable(conn, m.sql)}
    tables: dict[str, Any] = {
        name: table.model_dump(exclude_none=True) for name, table in spec.tables.items()
    }
    tables.update({name: {"hidden": True} for name in spec.hidden_tables})
    charts: dict[str, Any] = {
        name: {
            "title": m.title,
            "db": DB_NAME,
            "query": m.sql,
            "library": "metric",
            "display": {"field": m.field, "suffix": m.suffix},
        }
        for name, m in metrics.items()
    }
    charts.update(
        {
            name: {
                "title": q.title,
                "db": DB_NAME,
                "query": q.sql,
                "library": "vega-lite",
                "display": q.chart,
            }
            for name, q in queries.items()
        }
    )
    layout = [[slug if slug in charts else EMPTY_CELL for slug in row] for row in spec.dashboard.layout]
    dashboard_url = f"/-/dashboards/{spec.dashboard.slug}"
    return {
        "title": spec.title,
        "description_html": (  # all shipped text
            f'{spec.description} <a href="{dashboard_url}">Open the charts</a>, '
            f'or <a href="/{DB_NAME}">the saved queries and tables</a>.'
        ),
        "databases": {
            DB_NAME: {
                "description": spec.database_description,
                "tables": tables,
                "queries": {
                    name: {
                        "title": q.title,
                        "description": q.description.format(**money),
                        "sql": q.sql,
                        "hide_sql": True,
                    }
                    for name, q in queries.items()
                },
            }
        },
        "plugins": {
            PLUGIN_NAME: plugin_config(prices, titles),
            "datasette-dashboards": {
                spec.dashboard.slug: {
                    "title": spec.dashboard.title,
                    "description": spec.dashboard.description,
                    "layout": layout,
                    "charts": charts,
                }
            },
        },
    }
