"""The dashboard's bad input and safeguards: one friendly line and exit 2, no file made, no write possible."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.dashboard.metadata import DB_NAME, EMPTY_CELL, datasette_metadata
from bot.dashboard.server import INSTALL_HINT, build_datasette, read_only_connection
from bot.dashboard.spec import load_spec
from bot.principles import load_principles
from bot.settings import BUNDLED_DATA
from bot.store import SuggestionLog
from bot.usage import Prices

TITLES = {p.id: p.title for p in load_principles(BUNDLED_DATA / "principles.toml").items}
PRICES = Prices(0.4, 1.6)


def dashboard(*args: str) -> Result:
    return CliRunner().invoke(cli, ["dashboard", *args])


def made_log(path: Path) -> Path:
    SuggestionLog(path).close()
    return path


def test_a_missing_log_is_never_made(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    result = dashboard("--db", str(missing))
    assert result.exit_code == 2
    assert f"there is no suggestion log at {missing} yet" in result.output
    assert "Traceback" not in result.output
    assert not missing.exists()


def test_the_default_log_comes_from_settings(tmp_path: Path) -> None:
    result = dashboard()  # conftest points PARTY_COACH_DB at log.db in the test's folder, not made yet
    assert (
        result.exit_code == 2 and f"there is no suggestion log at {tmp_path / 'log.db'} yet" in result.output
    )
    assert not (tmp_path / "log.db").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "it has no reviews table"),  # SQLite reads an empty file as an empty database
        (b"id,draft\n1,hello\n", "file is not a database"),
    ],
)
def test_a_file_that_isnt_a_log(tmp_path: Path, content: bytes, reason: str) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(content)
    result = dashboard("--db", str(other))
    assert result.exit_code == 2
    assert f"{other} isn't a Party Coach suggestion log ({reason})" in result.output
    assert other.read_bytes() == content


def test_a_taken_port(tmp_path: Path) -> None:
    log = made_log(tmp_path / "log.db")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = dashboard("--db", str(log), "--port", str(port))
    assert result.exit_code == 2
    assert f"can't use port {port}" in result.output and f"--port {port + 1}" in result.output


def test_a_port_out_of_range(tmp_path: Path) -> None:
    result = dashboard("--db", str(made_log(tmp_path / "log.db")), "--port", "70000")
    assert result.exit_code == 2 and "70000 is not in the range" in result.output


def test_without_datasette_it_says_how_to_install_it(tmp_path: Path) -> None:
    log = made_log(tmp_path / "log.db")
    hidden = tmp_path / "hide"
    (hidden / "datasette").mkdir(parents=True)
    (hidden / "datasette" / "__init__.py").write_text("raise ImportError('hidden for this test')\n")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "dashboard", "--db", str(log)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(hidden), "HOME": str(tmp_path)},
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"Error: The dashboard needs Datasette, which isn't installed: {INSTALL_HINT}"
    )
    assert result.stdout == ""


async def test_the_log_refuses_writes_even_through_datasette(tmp_path: Path) -> None:
    """Datasette's write connection opens the file read-write; Party Coach's plugin makes it refuse."""
    log = made_log(tmp_path / "log.db")
    with closing(read_only_connection(log)) as conn:
        metadata = datasette_metadata(load_spec(), conn, PRICES, TITLES)
    ds = build_datasette(log, metadata)
    await ds.invoke_startup()
    database = ds.get_database(DB_NAME)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await database.execute_write("insert into feedback (review_id, helpful) values (1, 1)")
    assert (await database.execute("select count(*) from feedback")).first()[0] == 0


def test_an_older_log_gets_the_queries_it_can_answer(tmp_path: Path) -> None:
    """A log from before rewrites were logged has no rewrite_uses table: that query and chart are left out."""
    log = made_log(tmp_path / "log.db")
    with closing(sqlite3.connect(log)) as conn:
        conn.execute("drop table rewrite_uses")
        conn.commit()
    with closing(read_only_connection(log)) as conn:
        metadata = datasette_metadata(load_spec(), conn, PRICES, TITLES)
    queries = metadata["databases"][DB_NAME]["queries"]
    assert "accepted_rewrites" not in queries and "pushy_rate_by_week" in queries
    board = metadata["plugins"]["datasette-dashboards"]["party-coach"]
    assert "accepted_rewrites" not in board["charts"] and "rewrites_used" not in board["charts"]
    assert all(slug in board["charts"] or slug == EMPTY_CELL for row in board["layout"] for slug in row)
    assert EMPTY_CELL in board["layout"][0]
