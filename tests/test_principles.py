"""Principles are data a team can edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.principles import load_principles
from bot.review.model import CORE_PRINCIPLES, verdict_for
from bot.settings import BUNDLED_DATA


def test_bundled_principles_are_the_three_core_ones() -> None:
    principles = load_principles(BUNDLED_DATA / "principles.toml")
    assert tuple(p.id for p in principles.items) == CORE_PRINCIPLES
    for principle in principles.items:
        assert principle.rule and principle.satisfied_by and principle.violated_by
        assert principle.good_examples and principle.bad_examples


def test_a_team_can_add_a_principle(tmp_path: Path) -> None:
    text = (BUNDLED_DATA / "principles.toml").read_text() + (
        '\n[[principle]]\nid = "no_hashtag_walls"\ntitle = "Easy on hashtags"\n'
        'rule = "Two hashtags at most."\nviolation_patterns = ["(#\\\\w+\\\\s*){3,}"]\n'
    )
    (tmp_path / "p.toml").write_text(text)
    principles = load_principles(tmp_path / "p.toml")
    extra = principles.get("no_hashtag_walls")
    assert extra is not None and extra.compiled_patterns[0].search("#a #b #c")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[[principle]]\nid = 'Bad Id'\ntitle='t'\nrule='r'\n", "id"),
        ("[[principle]]\nid = 'x'\ntitle='t'\nrule='r'\nviolation_patterns=['(']\n", "bad pattern"),
        ("[[principle", "not valid TOML"),
        (
            "[[principle]]\nid='x'\ntitle='t'\nrule='r'\n[[principle]]\nid='x'\ntitle='t'\nrule='r'\n",
            "repeats",
        ),
    ],
)
def test_malformed_principles_are_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "p.toml").write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_principles(tmp_path / "p.toml")


def test_missing_principles_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_principles(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("violations", "verdict"),
    [
        ([], "ok"),
        (["converse_first"], "ok"),
        (["offer_help"], "ok"),
        (["pitch_only_when_pulled"], "pushy"),
        (["converse_first", "offer_help"], "pushy"),
    ],
)
def test_verdict_rule(violations: list[str], verdict: str) -> None:
    assert verdict_for(violations) == verdict
