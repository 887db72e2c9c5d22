"""Prompt files: loading, checking, rendering and versioning."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.principles import PrincipleSet, load_principles
from bot.review.prompts import PROMPT_FILES, load_prompts
from bot.settings import BUNDLED_DATA, BUNDLED_PROMPTS

TAG = "0123456789abcdef"


@pytest.fixture
def principles() -> PrincipleSet:
    return load_principles(BUNDLED_DATA / "principles.toml")


@pytest.fixture
def prompts_copy(tmp_path: Path) -> Path:
    """A team's own prompts folder, starting as a copy of the bundled one."""
    target = tmp_path / "prompts"
    shutil.copytree(BUNDLED_PROMPTS, target)
    return target


def test_bundled_prompts_load_with_a_short_stable_version(principles: PrincipleSet) -> None:
    first = load_prompts(BUNDLED_PROMPTS, principles)
    second = load_prompts(BUNDLED_PROMPTS, principles)
    assert re.fullmatch(r"[0-9a-f]{12}", first.version)
    assert first.version == second.version


def test_system_prompt_names_the_delimiters_and_every_principle(principles: PrincipleSet) -> None:
    system = load_prompts(BUNDLED_PROMPTS, principles).system(TAG)
    assert f"<draft-{TAG}>" in system
    assert f"<context-{TAG}>" in system
    for principle in principles.items:
        assert principle.id in system
        assert principle.rule in system


def test_json_shape_is_spelled_out_only_when_asked(principles: PrincipleSet) -> None:
    prompts = load_prompts(BUNDLED_PROMPTS, principles)
    assert "JSON only" not in prompts.system(TAG)
    assert "JSON only" in prompts.system(TAG, spell_out_json=True)
    repair = prompts.system(TAG, repair_reason="the answer was not valid JSON")
    assert "JSON only" in repair
    assert "the answer was not valid JSON" in repair


def test_review_message_is_only_the_delimited_data(principles: PrincipleSet) -> None:
    message = load_prompts(BUNDLED_PROMPTS, principles).review(
        TAG, "Hello $principles, 50% off $tag", "Any tips?"
    )
    assert message == (
        f"<context-{TAG}>\nAny tips?\n</context-{TAG}>\n"
        f"<draft-{TAG}>\nHello $principles, 50% off $tag\n</draft-{TAG}>\n"
    )


def test_tip_template_renders_with_the_principles(principles: PrincipleSet) -> None:
    tip = load_prompts(BUNDLED_PROMPTS, principles).tip("asking a real question")
    assert "asking a real question" in tip
    for principle in principles.items:
        assert principle.id in tip
    assert "$" not in tip


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: (d / "system.md").write_text("Be nice. <draft-$tag>", encoding="utf-8"), "new"),
        (lambda d: (d / "repair.md").write_text("Try again: $reason", encoding="utf-8"), "new"),
        (lambda d: (d / "tip.md").write_text("A tip about $topic.", encoding="utf-8"), "same"),
    ],
    ids=["system", "repair", "tip-does-not-shape-reviews"],
)
def test_version_follows_the_templates_that_shape_a_review(
    principles: PrincipleSet, prompts_copy: Path, change: object, expected: str
) -> None:
    before = load_prompts(prompts_copy, principles).version
    change(prompts_copy)  # type: ignore[operator]
    after = load_prompts(prompts_copy, principles).version
    assert (after != before) == (expected == "new")


def test_version_follows_the_principles(principles: PrincipleSet) -> None:
    before = load_prompts(BUNDLED_PROMPTS, principles).version
    principles.items[0].rule = "Say hello first."
    assert load_prompts(BUNDLED_PROMPTS, principles).version != before


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("system.md", None, "prompt file .*system.md is missing"),
        ("review.md", None, "prompt file .*review.md is missing"),
        ("tip.md", None, "prompt file .*tip.md is missing"),
        ("system.md", "Judge <draft-$tag> with $rules", r"uses \$rules, which isn't a known placeholder"),
        ("system.md", "Costs $ 5 <draft-$tag>", "has a stray '\\$'"),
        ("system.md", "No delimiters at all", r"must contain \$tag"),
        ("review.md", "<draft-$tag></draft-$tag>", r"must contain \$draft"),
        ("repair.md", "Try again.", r"must contain \$reason"),
        ("system.md", b"\xff\xfe bad bytes", "can't read prompt file"),
    ],
)
def test_a_broken_prompt_file_is_a_clear_config_error(
    principles: PrincipleSet, prompts_copy: Path, file: str, content: str | bytes | None, message: str
) -> None:
    path = prompts_copy / file
    if content is None:
        path.unlink()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_prompts(prompts_copy, principles)


def test_a_missing_prompts_folder_is_a_config_error(principles: PrincipleSet, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="prompts folder not found"):
        load_prompts(tmp_path / "nowhere", principles)


def test_every_bundled_prompt_file_is_known() -> None:
    assert sorted(p.name for p in BUNDLED_PROMPTS.glob("*.md")) == sorted(PROMPT_FILES)


def test_system_prompt_reads_real_world_registers_as_the_rubric_does(principles: PrincipleSet) -> None:
    system = load_prompts(BUNDLED_PROMPTS, principles).system(TAG)
    for reading in ("self-promotion", "subscribe", "referral codes", "I'm live", "typo", "disguise"):
        assert reading in system  # self-promotion in any wording is a pitch when nobody asked
    assert "Short reactions" in system and "personal chat pass all checks" in system
    assert "Petitions, votes, share chains only ask" in system
