"""Party Coach's own Datasette plugin: readable review cells, the queries' SQL functions, and no writes."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

from bot.dashboard.metadata import PLUGIN_NAME, prices_from
from bot.dashboard.sql_functions import add_functions
from bot.redaction import hide
from bot.settings import BUNDLED_DATA

STYLESHEET = BUNDLED_DATA / "dashboard.css"
STYLESHEET_PATH = "/-/party-coach.css"

LIST_COLUMNS = ("suggestions", "notes")
NOT_STORED = "(not stored: hash-only mode)"


def _config(datasette: Any) -> dict[str, Any]:
    config: dict[str, Any] = datasette.plugin_config(PLUGIN_NAME) or {}
    return config


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    config = _config(datasette)
    if database != config.get("database"):
        return
    # Read-only connections refuse writes already; this makes any connection to the log refuse them too.
    conn.execute("pragma query_only = 1")
    add_functions(conn, prices_from(config), config.get("principles", {}))


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(f"^{STYLESHEET_PATH}$", _stylesheet)]


async def _stylesheet() -> Any:
    from datasette.utils.asgi import Response

    return Response(STYLESHEET.read_text(encoding="utf-8"), content_type="text/css; charset=utf-8")


@hookimpl
def extra_css_urls() -> list[str]:
    return [STYLESHEET_PATH]


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    config = _config(datasette)
    if database != config.get("database") or table != "reviews":
        return None
    titles: dict[str, str] = config.get("principles", {})
    if column == "draft" and value is None and _get(row, "draft_hash"):
        return Markup('<span style="color: #666">{}</span>').format(NOT_STORED)
    if column == "error" and isinstance(value, str):
        return Markup("{}").format(hide(value))
    parsed = _json(value)
    if column == "violations" and isinstance(parsed, list):
        return Markup("{}").format(", ".join(titles.get(str(p), str(p)) for p in parsed) or "none")
    if column in LIST_COLUMNS and isinstance(parsed, list):
        return _bullets(hide(str(item)) for item in parsed)
    if column == "findings" and isinstance(parsed, list) and all(isinstance(f, dict) for f in parsed):
        return _bullets(
            f"{'✓' if f.get('passed') else '✗'} {titles.get(str(f.get('principle')), f.get('principle'))}: "
            f"{hide(str(f.get('reason', '')))}"
            for f in parsed
        )
    return None


def _get(row: Any, column: str) -> Any:
    try:
        return row[column]
    except (KeyError, IndexError):
        return None


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None  # not the JSON the log writes: Datasette shows the text as it is


def _bullets(items: Any) -> Markup:
    shown = [Markup("<li>{}</li>").format(escape(item)) for item in items]
    if not shown:
        return Markup("")
    return Markup('<ul style="margin: 0; padding-left: 1.2em">{}</ul>').format(Markup("").join(shown))
