"""Shared fixtures: each test gets its own temporary DB and a clean environment."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.settings import Settings, load_settings

if TYPE_CHECKING:
    from bot.coach import Coach

pytest_plugins = ["tests.fakes.openai_server"]


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to test an out-of-date compiled reviewer: Python would load it instead of the edited source."""
    from bot.review.native_build import stale_modules

    stale = stale_modules()
    if stale:
        pytest.exit(
            f"The compiled offline reviewer is older than {', '.join(stale)}: run `make test`, which "
            "rebuilds it, or `.venv/bin/pip install -e .`",
            returncode=2,
        )


SECRET_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_MODEL",
    "SLACK_BOT_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_APP_TOKEN",
    "SLACK_API_URL",
    "DISCORD_TOKEN",
    "TZ",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No settings leak in from the machine or a developer's .env."""
    import os

    for name in list(os.environ):
        if name.startswith(("PARTY_COACH_", "SLACK_", "DISCORD_")) or name in SECRET_ENV:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTY_COACH_DB", str(tmp_path / "log.db"))
    yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings()


@pytest.fixture
def coach(settings: Settings) -> Iterator[Coach]:
    from bot.coach import build_coach

    built = build_coach(settings)
    yield built
    built.close()


@pytest.fixture
def unfrozen_heap() -> Iterator[None]:
    """Nothing frozen yet, as in a fresh process (the freeze happens once per process)."""
    from bot.heap import freeze_startup_objects

    gc.unfreeze()
    freeze_startup_objects.cache_clear()
    yield
    gc.unfreeze()
    freeze_startup_objects.cache_clear()


class CapturedLog:
    """Every log line written while it is attached, at DEBUG, in both shapes `party-coach run` can write."""

    def __init__(self) -> None:
        import io
        import logging

        from bot.cli.logging_setup import JsonLines, TextLines

        self.text_out, self.json_out = io.StringIO(), io.StringIO()
        self.handlers = [logging.StreamHandler(self.text_out), logging.StreamHandler(self.json_out)]
        self.handlers[0].setFormatter(TextLines())
        self.handlers[1].setFormatter(JsonLines())

    @property
    def text(self) -> str:
        return self.text_out.getvalue()

    def json_lines(self) -> list[dict[str, object]]:
        import json

        return [json.loads(line) for line in self.json_out.getvalue().splitlines()]

    def about(self, event_part: str) -> list[dict[str, object]]:
        """The JSON lines whose event contains `event_part`."""
        return [line for line in self.json_lines() if event_part in str(line["event"])]


@pytest.fixture
def captured_log() -> Iterator[CapturedLog]:
    import logging

    from bot.cli.logging_setup import CHATTY_LIBRARIES

    captured = CapturedLog()
    root = logging.getLogger()
    # Everything at DEBUG, the libraries too, whatever an earlier test's configure_logging left behind.
    levels = {name: logging.getLogger(name).level for name in ("", *CHATTY_LIBRARIES)}
    root.setLevel(logging.DEBUG)
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.NOTSET)
    for handler in captured.handlers:
        root.addHandler(handler)
    try:
        yield captured
    finally:
        for handler in captured.handlers:
            root.removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)
