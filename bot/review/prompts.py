"""Prompt templates: text files in a prompts folder, rendered with the principles, versioned by hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from string import Template

from bot.errors import ConfigError
from bot.principles import PrincipleSet

# file name -> (placeholders it may use, placeholders it must use)
PROMPT_FILES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "system.md": (frozenset({"principles", "tag"}), frozenset({"tag"})),
    "format.md": (frozenset(), frozenset()),
    "review.md": (frozenset({"tag", "draft", "context"}), frozenset({"tag", "draft"})),
    "repair.md": (frozenset({"reason"}), frozenset({"reason"})),
    # $tag is optional, so an older custom tip.md still loads (the patterns are fenced all the same).
    "tip.md": (frozenset({"principles", "topic", "tag"}), frozenset()),
}
NO_CONTEXT = "(none)"
VERSION_TAG = "TAG"


def render_principles(principles: PrincipleSet) -> str:
    """One compact line per principle: the prompt has a token budget."""
    return "\n".join(f"- {p.id}: {p.rule}" for p in principles.items)


def read_template(path: Path) -> Template:
    """Read one template, checking its placeholders; any problem is a ConfigError naming the file."""
    allowed, required = PROMPT_FILES[path.name]
    try:
        template = Template(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"prompt file {path} is missing; a prompts folder needs {', '.join(PROMPT_FILES)}"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"can't read prompt file {path}: {exc}") from None
    if not template.is_valid():
        raise ConfigError(f"prompt file {path} has a stray '$' (write $$ for a literal dollar sign)")
    used = set(template.get_identifiers())
    if unknown := sorted(used - allowed):
        raise ConfigError(
            f"prompt file {path} uses ${unknown[0]}, which isn't a known placeholder "
            f"(known: {', '.join('$' + name for name in sorted(allowed))})"
        )
    if missing := sorted(required - used):
        raise ConfigError(f"prompt file {path} must contain ${missing[0]}")
    return template


@dataclass(frozen=True)
class Prompts:
    """The loaded templates, with the principles filled in once; `version` changes when either does."""

    system_template: Template
    format_template: Template
    review_template: Template
    repair_template: Template
    tip_template: Template
    principles: str

    @property
    def version(self) -> str:
        """Short hash of the rendered review prompts (the tip prompt doesn't shape reviews)."""
        rendered = "\0".join(
            [self.system(VERSION_TAG, repair_reason="REASON"), self.review(VERSION_TAG, "", None)]
        )
        return hashlib.sha256(rendered.encode("utf-8")).hexdigest()[:12]

    def system(self, tag: str, *, spell_out_json: bool = False, repair_reason: str | None = None) -> str:
        """All the instructions. `spell_out_json` adds the answer's shape (for servers without a schema);
        `repair_reason` also says why the last answer was refused."""
        parts = [self.system_template.substitute(principles=self.principles, tag=tag)]
        if spell_out_json or repair_reason is not None:
            parts.append(self.format_template.substitute())
        if repair_reason is not None:
            parts.append(self.repair_template.substitute(reason=repair_reason))
        return "\n\n".join(part.strip() for part in parts)

    def review(self, tag: str, draft: str, context: str | None) -> str:
        """The user message: only the delimited data, no instructions."""
        return self.review_template.substitute(tag=tag, draft=draft, context=context or NO_CONTEXT)

    def tip(self, topic: str, tag: str = VERSION_TAG) -> str:
        """The tip-writing instructions; the team's patterns go in the user message, inside `tag`."""
        return self.tip_template.substitute(principles=self.principles, topic=topic, tag=tag)

    @staticmethod
    def tip_patterns(tag: str, patterns: list[str]) -> str:
        """The user message for a tip: only the delimited patterns, no instructions."""
        listed = "\n".join(f"- {pattern}" for pattern in patterns) or NO_CONTEXT
        return f"<patterns-{tag}>\n{listed}\n</patterns-{tag}>"


def load_prompts(prompts_dir: Path, principles: PrincipleSet) -> Prompts:
    """Load and check every template in `prompts_dir` (a ConfigError says what is wrong)."""
    if not prompts_dir.is_dir():
        raise ConfigError(f"prompts folder not found: {prompts_dir} (check PARTY_COACH_PROMPTS_DIR)")
    return Prompts(
        system_template=read_template(prompts_dir / "system.md"),
        format_template=read_template(prompts_dir / "format.md"),
        review_template=read_template(prompts_dir / "review.md"),
        repair_template=read_template(prompts_dir / "repair.md"),
        tip_template=read_template(prompts_dir / "tip.md"),
        principles=render_principles(principles),
    )
