"""The tips file and the no-repeat, needs-first picker."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.principles import load_principles
from bot.review.model import Finding, Review
from bot.review.origin import Origin
from bot.settings import BUNDLED_DATA
from bot.store import SuggestionLog
from bot.tips import Tip, choose_tip, load_tips, pick_tip, unused_in_cycle

TIPS = [Tip(id=f"t{n}", principle=p, text=f"tip {n}") for n, p in enumerate(["a", "a", "b", "b", "c"])]


def test_bundled_tips_cover_every_principle() -> None:
    tips = load_tips(BUNDLED_DATA / "tips.toml")
    principles = {p.id for p in load_principles(BUNDLED_DATA / "principles.toml").items}
    assert len(tips) >= 60
    assert {t.principle for t in tips} == principles
    assert all(len(t.text) <= 280 for t in tips)


def test_unused_in_cycle_restarts_after_all_are_used() -> None:
    ids = [t.id for t in TIPS]
    assert unused_in_cycle(TIPS, ids[:2]) == TIPS[2:]
    assert unused_in_cycle(TIPS, ids) == TIPS
    assert unused_in_cycle(TIPS, [*ids, "t3"]) == [t for t in TIPS if t.id != "t3"]


def test_prefers_the_principle_the_channel_misses_most() -> None:
    assert choose_tip(TIPS, [], Counter({"c": 3, "a": 1})).principle == "c"
    assert choose_tip(TIPS, ["t4"], Counter({"c": 3, "a": 1})).principle == "a"


def test_without_misses_it_rotates_principles() -> None:
    history: list[str] = []
    for _ in range(3):
        history.append(choose_tip(TIPS, history, Counter()).id)
    assert {t.principle for t in TIPS if t.id in history} == {"a", "b", "c"}


def test_never_repeats_in_a_channel_until_all_used(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    tips = load_tips(BUNDLED_DATA / "tips.toml")
    start = date(2026, 1, 1)
    shown = [pick_tip(log, tips, "slack", "C1", start + timedelta(days=n)).tip.id for n in range(len(tips))]
    assert len(set(shown)) == len(tips)
    again = pick_tip(log, tips, "slack", "C1", start + timedelta(days=len(tips))).tip.id
    assert again in shown
    other_channel = pick_tip(log, tips, "slack", "C2", start).tip.id
    assert other_channel == shown[0]


def test_same_tip_all_day(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    tips = load_tips(BUNDLED_DATA / "tips.toml")
    first = pick_tip(log, tips, "discord", "42", date(2026, 3, 2))
    second = pick_tip(log, tips, "discord", "42", date(2026, 3, 2))
    assert first.is_new and not second.is_new and first.tip == second.tip


def test_channel_misses_steer_the_pick(tmp_path: Path) -> None:
    log = SuggestionLog(tmp_path / "log.db")
    pushy = Review(
        verdict="ok", score=70, findings=[Finding(principle="offer_help", passed=False, reason="r")]
    )
    for _ in range(3):
        log.record_review(pushy, "Any tools?", None, Origin(platform="slack", channel="C9"))
    tips = load_tips(BUNDLED_DATA / "tips.toml")
    assert pick_tip(log, tips, "slack", "C9", date(2026, 3, 2)).tip.principle == "offer_help"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[tip]]\nid = 'a'\n", "principle"),
        ("not toml at all [", "not valid TOML"),
        ("[[tip]]\nid='a'\nprinciple='x'\ntext='t'\n[[tip]]\nid='a'\nprinciple='x'\ntext='u'\n", "repeats"),
        ("tip = []\n", "tip"),
    ],
)
def test_malformed_tips_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "tips.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_tips(path)
