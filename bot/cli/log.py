"""`party-coach log`: what the bot has suggested, and clearing out old rows."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

import click
from tabulate import tabulate

from bot.cli.common import fail, open_coach

TABLE_COLUMNS = (
    "id",
    "created_at",
    "platform",
    "channel",
    "user",
    "trigger",
    "verdict",
    "score",
    "reviewer",
    "draft",
)
RELATIVE_SINCE = re.compile(r"^(\d+)\s*([mhdw])$")
UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_since(value: str) -> datetime:
    """'7d', '12h', '30m', '2w', or an ISO date/time (UTC unless it says otherwise)."""
    found = RELATIVE_SINCE.match(value.strip().lower())
    if found:
        return datetime.now(UTC) - timedelta(seconds=int(found[1]) * UNIT_SECONDS[found[2]])
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise fail(f"--since {value!r}: use a date like 2026-11-01 or a span like 7d, 12h") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def shorten(value: Any, width: int = 60) -> Any:
    if isinstance(value, str):
        flat = " ".join(value.split())
        return flat if len(flat) <= width else flat[: width - 1] + "…"
    return value


def render_rows(rows: list[dict[str, Any]], fmt: str) -> str:
    if fmt == "json":
        for row in rows:
            for key in ("violations", "findings", "suggestions", "notes"):
                if isinstance(row.get(key), str):
                    row[key] = json.loads(row[key])
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else list(TABLE_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().rstrip("\n")
    if not rows:
        return 'No reviews logged yet. Try: party-coach review "your draft"'
    table = [
        [shorten(row.get(c) if c != "draft" else row.get("draft") or "(hashed)") for c in TABLE_COLUMNS]
        for row in rows
    ]
    return tabulate(table, headers=list(TABLE_COLUMNS))


@click.group(invoke_without_command=True)
@click.option("--user", help="Only this user's reviews.")
@click.option("--channel", help="Only this channel's reviews.")
@click.option("--platform", help="Only reviews from slack, discord or cli.")
@click.option("--verdict", type=click.Choice(["ok", "pushy"]), help="Only ok or pushy reviews.")
@click.option("--since", help="Only since a date (2026-11-01) or a span (7d, 12h).")
@click.option("-n", "--limit", default=20, show_default=True, type=click.IntRange(1, 100_000))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True
)
@click.pass_context
def log(
    ctx: click.Context,
    user: str | None,
    channel: str | None,
    platform: str | None,
    verdict: str | None,
    since: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Show recent reviews, newest first."""
    if ctx.invoked_subcommand is not None:
        return
    moment = parse_since(since) if since else None
    coach = open_coach(ctx)
    rows = coach.log.recent_reviews(
        user=user, channel=channel, platform=platform, verdict=verdict, since=moment, limit=limit
    )
    click.echo(render_rows(rows, fmt))


@log.command()
@click.option("--older-than", "days", required=True, type=click.IntRange(min=0), help="Age in days.")
@click.option("--yes", is_flag=True, help="Don't ask for confirmation (it is only asked in a terminal).")
@click.pass_context
def purge(ctx: click.Context, days: int, yes: bool) -> None:
    """Delete reviews, feedback and tip records older than DAYS days."""
    if (
        not yes
        and sys.stdin.isatty()
        and not click.confirm(f"Delete log rows older than {days} days?", default=False)
    ):
        click.echo("Nothing deleted.")
        return
    removed = open_coach(ctx).log.purge(days)
    click.echo(f"Deleted {removed} review{'s' if removed != 1 else ''} older than {days} days.")
