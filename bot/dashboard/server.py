"""Serving the dashboard: Datasette on a loopback port, reading the suggestion log read-only."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.dashboard.metadata import DB_NAME, PLUGIN_NAME, datasette_metadata
from bot.dashboard.spec import load_spec
from bot.errors import DashboardError
from bot.store import missing_log
from bot.usage import Prices

HOST = "127.0.0.1"  # only this machine: the log holds people's drafts
INSTALL_HINT = "pip install 'party-coach[dashboard]'"
# Characters Datasette would read as part of a URL rather than of the file's name.
URL_CHARACTERS = ("?", "#", "%")
# Facet suggestions try every column on each table page: with 100,000 reviews that page took 3.4 s, and 0.4 s
# without them (a column's menu still offers its facet).
DATASETTE_SETTINGS = {"sql_time_limit_ms": 5000, "default_page_size": 50, "suggest_facets": False}


def check_datasette() -> None:
    try:
        import datasette  # noqa: F401
        import datasette_dashboards  # noqa: F401
        import uvicorn  # noqa: F401
        import yaml  # noqa: F401
    except ImportError:
        raise DashboardError(
            f"The dashboard needs Datasette, which isn't installed: {INSTALL_HINT}"
        ) from None


def read_only_connection(path: Path) -> sqlite3.Connection:
    """The log opened read-only after checking it is one; a missing file is never made."""
    if not path.is_file():
        raise missing_log(path)
    if any(c in str(path) for c in URL_CHARACTERS):
        raise DashboardError(f"the dashboard can't open a file whose path has ?, # or % in it: {path}")
    not_a_log = f"{path} isn't a Party Coach suggestion log"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        found = conn.execute(
            "select 1 from sqlite_master where type = 'table' and name = 'reviews'"
        ).fetchone()
    except sqlite3.Error as exc:
        raise DashboardError(f"{not_a_log} ({exc})") from None
    if found is None:
        conn.close()
        raise DashboardError(f"{not_a_log} (it has no reviews table)")
    return conn


def bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise DashboardError(
            f"can't use port {port} ({exc.strerror or exc}): another program may have it. "
            f"Try another one, such as --port {port + 1 if port else 8002}"
        ) from None
    sock.listen()  # a browser that comes before the server is up waits in line instead of being refused
    return sock


def build_datasette(path: Path, metadata: dict[str, Any]) -> Any:
    """Datasette with only the log, under a fixed name, and Party Coach's plugin loaded."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    from bot.dashboard import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name=PLUGIN_NAME)
    ds = Datasette(metadata=metadata, settings=DATASETTE_SETTINGS)
    ds.remove_database("_memory")  # Datasette adds a scratch database when given no files
    # Mutable, so Datasette reads it with mode=ro and sees what the bots write meanwhile.
    ds.add_database(Database(ds, path=str(path), is_mutable=True), name=DB_NAME)
    return ds


@dataclass(frozen=True)
class Addresses:
    """Where to point a browser: the charts, and the saved queries with the log's tables."""

    charts: str
    queries: str


def serve(
    path: Path, port: int, prices: Prices, titles: Mapping[str, str], ready: Callable[[Addresses], None]
) -> None:
    """Serve the dashboard until interrupted; `ready` gets the addresses once the port is ours."""
    check_datasette()
    import uvicorn

    spec = load_spec()
    with closing(read_only_connection(path)) as conn:
        metadata = datasette_metadata(spec, conn, prices, titles)
    ds = build_datasette(path, metadata)  # its start-up hooks run with the first request
    sock = bind(port)
    base = f"http://{HOST}:{sock.getsockname()[1]}"
    ready(Addresses(f"{base}/-/dashboards/{spec.dashboard.slug}", f"{base}/{DB_NAME}"))
    config = uvicorn.Config(ds.app(), log_level="warning", lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
