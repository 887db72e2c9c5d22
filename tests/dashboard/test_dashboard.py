"""`party-coach dashboard` run for real: a separate process on a loopback port, reading real SQLite logs."""

from __future__ import annotations

import hashlib
import html
import json
import os
import signal
import sqlite3
import struct
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bench.dashboard_screenshot import RunningDashboard, chromium, running_dashboard, take_screenshot
from bench.demo_log import labelled_drafts, write_demo_log
from bot.dashboard.plugin import NOT_STORED
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.offline import OfflineReviewer
from bot.review.origin import Origin
from bot.settings import BUNDLED_DATA
from bot.store import SuggestionLog

QUERIES = (
    "pushy_rate_by_week",
    "pushy_rate_by_channel",
    "misses_by_principle",
    "accepted_rewrites",
    "cost_by_day",
)
PRICE_IN, PRICE_OUT = 2.5, 10.0  # not the defaults, so the figures show the settings were used
PRINCIPLES = load_principles(BUNDLED_DATA / "principles.toml")
TITLES = {p.id: p.title for p in PRINCIPLES.items}
TIMEOUT = 30
CHART_CALL = "renderChart('"
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def dashboard_env(folder: Path) -> dict[str, str]:
    """The machine's environment without Party Coach's or the chat platforms' settings, plus test prices."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PARTY_COACH_", "SLACK_", "DISCORD_", "OPENAI_"))
    }
    env["PARTY_COACH_DB"] = str(folder / "not-this-one.db")  # --db must win over it
    env["PARTY_COACH_PRICE_INPUT_PER_M"] = str(PRICE_IN)
    env["PARTY_COACH_PRICE_OUTPUT_PER_M"] = str(PRICE_OUT)
    return env


@contextmanager
def serve(db: Path) -> Iterator[RunningDashboard]:
    with running_dashboard(db, dashboard_env(db.parent), cwd=db.parent) as dashboard:
        yield dashboard


@pytest.fixture(scope="module")
def demo_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("weeks") / "weeks.db"
    write_demo_log(db, weeks=8, per_week=40, seed=3)
    return db


@pytest.fixture(scope="module")
def demo(demo_log: Path) -> Iterator[RunningDashboard]:
    with serve(demo_log) as dashboard:
        yield dashboard


def fetch(url: str, data: bytes | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def page(url: str) -> str:
    status, body = fetch(url)
    assert status == 200, f"{url}: {status} {body[:300]}"
    return body


def query_rows(dashboard: RunningDashboard, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(page(f"{dashboard.queries}/{name}.json?_shape=objects"))["rows"]
    return rows


def sql_rows(dashboard: RunningDashboard, sql: str) -> list[dict[str, Any]]:
    """What a chart fetches: any read-only SQL, as JSON."""
    query = urllib.parse.urlencode({"sql": sql, "_shape": "objects"})
    rows: list[dict[str, Any]] = json.loads(page(f"{dashboard.queries}.json?{query}"))["rows"]
    return rows


# What each saved query should show, worked out here in Python from the raw rows ---------------------------


def raw(db: Path, sql: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql)]
    finally:
        conn.close()


def monday(created_at: str) -> str:
    day = datetime.fromisoformat(created_at).date()
    return (day - timedelta(days=day.weekday())).isoformat()


def rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def expected(db: Path, name: str) -> list[dict[str, Any]]:
    reviews = raw(db, "select * from reviews")
    if name == "pushy_rate_by_week":
        weeks: dict[str, Counter[str]] = defaultdict(Counter)
        for r in reviews:
            weeks[monday(r["created_at"])].update(reviews=1, pushy=int(r["verdict"] == "pushy"))
        return [
            {
                "Week starting": w,
                "Reviews": c["reviews"],
                "Pushy": c["pushy"],
                "Pushy rate (%)": rate(c["pushy"], c["reviews"]),
            }
            for w, c in sorted(weeks.items())
        ]
    if name == "pushy_rate_by_channel":
        places: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        for r in reviews:
            places[r["platform"], r["channel"]].update(reviews=1, pushy=int(r["verdict"] == "pushy"))
        ordered = sorted(places.items(), key=lambda item: (-item[1]["reviews"], item[0]))
        return [
            {
                "Platform": p,
                "Channel": ch,
                "Reviews": c["reviews"],
                "Pushy": c["pushy"],
                "Pushy rate (%)": rate(c["pushy"], c["reviews"]),
            }
            for (p, ch), c in ordered
        ]
    if name == "misses_by_principle":
        misses = Counter(p for r in reviews for p in json.loads(r["violations"]))
        ordered_misses = sorted(misses.items(), key=lambda item: (-item[1], TITLES[item[0]]))
        return [
            {"Principle": TITLES[p], "Misses": n, "Share of reviews (%)": rate(n, len(reviews))}
            for p, n in ordered_misses
        ]
    if name == "accepted_rewrites":
        used = {u["review_id"] for u in raw(db, "select review_id from rewrite_uses")}
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for r in reviews:
            offered = bool(r["rewrite"])
            if offered or r["id"] in used:
                counts[monday(r["created_at"])].update(
                    offered=int(offered), used=int(r["id"] in used), both=int(offered and r["id"] in used)
                )
        return [
            {
                "Week starting": w,
                "Rewrites offered": c["offered"],
                "Rewrites used": c["used"],
                "Accepted (%)": rate(c["both"], c["offered"]),
            }
            for w, c in sorted(counts.items())
        ]
    assert name == "cost_by_day"
    days: dict[str, Counter[str]] = defaultdict(Counter)
    for r in reviews:
        days[r["created_at"][:10]].update(reviews=1, tin=r["tokens_in"] or 0, tout=r["tokens_out"] or 0)
    return [
        {
            "Day": d,
            "Reviews": c["reviews"],
            "Input tokens": c["tin"],
            "Output tokens": c["tout"],
            "Estimated cost (USD)": round((c["tin"] * PRICE_IN + c["tout"] * PRICE_OUT) / 1_000_000, 4),
        }
        for d, c in sorted(days.items())
    ]


def assert_figures(dashboard: RunningDashboard, db: Path, name: str) -> None:
    got, want = query_rows(dashboard, name), expected(db, name)
    # SQLite rounds halves away from zero and Python to even: allow the last shown digit to differ.
    tolerance = 0.00011 if name == "cost_by_day" else 0.11
    assert got == [pytest.approx(row, abs=tolerance) for row in want]


def chart_queries(dashboard_page: str) -> dict[str, dict[str, Any]]:
    """The charts the dashboard page draws, as it hands them to its script."""
    charts = {}
    decoder = json.JSONDecoder()
    at = dashboard_page.find(CHART_CALL)
    while at != -1:
        slug_end = dashboard_page.index("'", at + len(CHART_CALL))
        slug = dashboard_page[at + len(CHART_CALL) : slug_end]
        charts[slug], _ = decoder.raw_decode(dashboard_page, dashboard_page.index("{", slug_end))
        at = dashboard_page.find(CHART_CALL, slug_end)
    return charts


# Tests --------------------------------------------------------------------------------------------------


def test_pages_answer_with_the_shipped_labels(demo: RunningDashboard) -> None:
    home = page(f"{demo.base}/")
    assert "Party Coach suggestion log" in home
    assert f'<a href="{demo.charts.removeprefix(demo.base)}">Open the charts</a>' in home
    database = page(demo.queries)
    for title in ("Pushy rate by week", "Pushy rate by channel", "Misses by principle", "AI cost by day"):
        assert title in database
    reviews = page(f"{demo.queries}/reviews")
    assert "Principles the draft missed" in reviews  # a column's description
    assert "✗ Converse first:" in reviews or "✗ Offer help:" in reviews  # findings as readable lines
    assert '"principle":' not in reviews  # not as raw JSON
    for name in QUERIES:
        page(f"{demo.queries}/{name}")
    assert "dl.column-descriptions" in page(f"{demo.base}/-/party-coach.css")


@pytest.mark.parametrize("name", QUERIES)
def test_saved_query_figures_match_the_log(demo: RunningDashboard, demo_log: Path, name: str) -> None:
    assert_figures(demo, demo_log, name)
    assert len(query_rows(demo, name)) > 1


def test_the_readme_shows_what_it_prints(demo: RunningDashboard, demo_log: Path) -> None:
    section = README.split("\n## Dashboard\n", 1)[1].split("\n## ", 1)[0]
    shown = section.split("```\n$ party-coach dashboard\n", 1)[1].split("```", 1)[0].splitlines()
    port = demo.base.rsplit(":", 1)[1]
    readme_log = "/home/you/.local/share/party-coach/party-coach.db"
    expected_lines = [
        line.replace(readme_log, str(demo_log)).replace(":8001/", f":{port}/") for line in shown
    ]
    assert demo.process.stdout is not None
    assert demo.printed == expected_lines


def test_cost_uses_the_configured_prices(demo: RunningDashboard) -> None:
    description = page(f"{demo.queries}/cost_by_day")
    assert (
        "$2.50 per million input tokens" in description and "$10.00 per million output tokens" in description
    )


def test_every_chart_gets_its_data(demo: RunningDashboard, demo_log: Path) -> None:
    charts = chart_queries(page(demo.charts))
    assert set(QUERIES) < set(charts)
    for slug, chart in charts.items():
        rows = sql_rows(demo, chart["query"])
        assert rows, slug
        if slug in QUERIES:
            assert rows == query_rows(demo, slug)
    total = len(raw(demo_log, "select id from reviews"))
    assert sql_rows(demo, charts["reviews"]["query"]) == [{"Reviews": total}]


def test_it_refuses_writes(demo: RunningDashboard, demo_log: Path) -> None:
    before = hashlib.sha256(demo_log.read_bytes()).hexdigest()
    count = len(raw(demo_log, "select id from reviews"))
    for sql in (
        "delete from reviews",
        "update reviews set verdict = 'ok'",
        "insert into feedback (review_id, helpful) values (1, 1)",
        "drop table reviews",
        "pragma query_only = 0",
        "select 1; delete from reviews",
    ):
        status, body = fetch(f"{demo.queries}.json?{urllib.parse.urlencode({'sql': sql})}")
        assert status == 400 or not json.loads(body)["ok"], sql
    status, _ = fetch(f"{demo.queries}/pushy_rate_by_week", data=b"csrftoken=x")
    assert status >= 400
    assert hashlib.sha256(demo_log.read_bytes()).hexdigest() == before
    assert len(raw(demo_log, "select id from reviews")) == count


def test_an_empty_log_renders(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    SuggestionLog(db).close()
    with serve(db) as dashboard:
        page(f"{dashboard.base}/")
        page(f"{dashboard.queries}/reviews")
        for name in QUERIES:
            page(f"{dashboard.queries}/{name}")
            assert query_rows(dashboard, name) == []
        charts = chart_queries(page(dashboard.charts))
        assert sql_rows(dashboard, charts["pushy_rate"]["query"]) == [{"Pushy rate": 0}]
        dashboard.process.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = dashboard.process.communicate(timeout=TIMEOUT)
        assert (dashboard.process.returncode, out.strip(), err) == (
            0,
            "Dashboard stopped.",
            "",
        )


def test_a_single_review_renders(tmp_path: Path) -> None:
    db = tmp_path / "one.db"
    log = SuggestionLog(db)
    draft = Draft("Big news: our app is live. Use code SAVE20.")
    log.record_review(
        OfflineReviewer(PRINCIPLES).review_sync(draft),
        draft.text,
        None,
        Origin("slack", "T1", "C1", "U1", "slash"),
    )
    log.close()
    with serve(db) as dashboard:
        for name in QUERIES:
            page(f"{dashboard.queries}/{name}")
            assert_figures(dashboard, db, name)
        assert query_rows(dashboard, "pushy_rate_by_week")[0]["Pushy rate (%)"] == 100.0


def test_hash_only_log_shows_no_draft_words(tmp_path: Path) -> None:
    db = tmp_path / "hashed.db"
    write_demo_log(db, weeks=3, per_week=30, hash_drafts=True, seed=5)
    with serve(db) as dashboard:
        reviews = page(f"{dashboard.queries}/reviews?_size=max")
        assert NOT_STORED in reviews
        assert "⟦" not in reviews  # the places of the draft's words show as …, never as references
        openings = {d.draft.text[:40] for d in labelled_drafts()}
        assert not [o for o in openings if html.escape(o, quote=False) in reviews or o in reviews]
        for name in QUERIES:
            assert_figures(dashboard, db, name)


@pytest.mark.skipif(
    chromium() is None, reason="headless Chromium isn't installed (.ci/run installs Debian's chromium)"
)
def test_screenshot_of_the_charts(demo: RunningDashboard, tmp_path: Path) -> None:
    out = tmp_path / "dashboard.png"
    take_screenshot(demo.charts, out)
    picture = out.read_bytes()
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", picture[16:24]) == (1280, 900)
    assert len(picture) > 40_000  # charts drawn: a blank or error page is a few kilobytes
