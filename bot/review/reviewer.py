"""What every reviewer provides."""

from __future__ import annotations

from typing import Protocol

from bot.review.draft import Draft
from bot.review.model import Review


class Reviewer(Protocol):
    """Something that turns a draft into a review."""

    name: str
    model: str | None
    prompt_version: str | None

    async def review(self, draft: Draft) -> Review:
        """Review one draft; raise ReviewerUnavailable if no review can be produced."""
        ...

    async def aclose(self) -> None:
        """Release network clients on the running loop; the reviewer reopens them if used again."""
        ...
