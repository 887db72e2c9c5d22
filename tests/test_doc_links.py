"""No dead links: every file, section and docs page that the README, manifest and bot point to exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.discord.client import NO_MESSAGE_CONTENT

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
POINTING_FILES = [
    ROOT / "README.md",
    ROOT / "manifest.yml",
    ROOT / "Dockerfile",
    *sorted((ROOT / "bot").rglob("*.py")),
]


def heading_anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


ANCHORS = {heading_anchor(h) for h in re.findall(r"^#+ (.+)$", README, flags=re.MULTILINE)}


@pytest.mark.parametrize("source", POINTING_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_docs_page_mentioned_exists(source: Path) -> None:
    for page in re.findall(r"\bdocs/[\w./-]+\.md\b", source.read_text(encoding="utf-8")):
        assert (ROOT / page).is_file(), f"{source.name} points to {page}, which doesn't exist"


def test_every_relative_link_in_the_readme_leads_somewhere() -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    assert links, "the README has links"
    for link in links:
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = link.partition("#")
        if path:
            assert (ROOT / path).exists(), f"the README links {link}, which doesn't exist"
        else:
            assert anchor in ANCHORS, f"the README links #{anchor}, but no heading has that anchor"


def test_the_start_up_line_names_a_readme_section_that_exists() -> None:
    [section] = re.findall(r"'([^']+)' in the README", NO_MESSAGE_CONTENT)
    assert f"### {section}\n" in README
