"""The principles, loaded from a TOML file so a team can edit them without touching code."""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from bot.errors import ConfigError
from bot.toml_file import load_toml_model


class Principle(BaseModel):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    rule: str
    weight: int = Field(default=30, ge=0, le=100)
    satisfied_by: list[str] = Field(default_factory=list)
    violated_by: list[str] = Field(default_factory=list)
    good_examples: list[str] = Field(default_factory=list)
    bad_examples: list[str] = Field(default_factory=list)
    violation_patterns: list[str] = Field(default_factory=list)

    @field_validator("violation_patterns")
    @classmethod
    def _patterns_compile(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"bad pattern {pattern!r}: {exc}") from None
        return patterns

    @cached_property
    def compiled_patterns(self) -> list[re.Pattern[str]]:
        return [re.compile(p, re.IGNORECASE) for p in self.violation_patterns]


class PrincipleSet(BaseModel):
    principle: list[Principle]

    @property
    def items(self) -> list[Principle]:
        return self.principle

    def get(self, principle_id: str) -> Principle | None:
        return next((p for p in self.principle if p.id == principle_id), None)

    def title(self, principle_id: str) -> str:
        found = self.get(principle_id)
        return found.title if found else principle_id.replace("_", " ").capitalize()


def load_principles(path: Path) -> PrincipleSet:
    """Read and validate a principles file; a bad file raises ConfigError with a one-line reason."""
    principles = load_toml_model(path, PrincipleSet, "principles")
    ids = [p.id for p in principles.items]
    if len(ids) != len(set(ids)):
        raise ConfigError(f"principles file {path} repeats an id")
    return principles
