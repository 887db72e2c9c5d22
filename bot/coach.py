"""The core every front end calls: review a draft, pick a tip, record feedback. No platform knowledge here."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from bot.errors import LogBusy, LogError, ReviewerUnavailable
from bot.principles import PrincipleSet, load_principles
from bot.review.draft import Draft, make_draft
from bot.review.model import Review
from bot.review.offline import OfflineReviewer
from bot.review.origin import CLI_ORIGIN, Origin
from bot.review.reviewer import Reviewer
from bot.settings import ReviewerChoice, Settings
from bot.store import ReviewRecord, SuggestionLog
from bot.tips import Tip, TipOfTheDay, load_tips, pick_tip

logger = logging.getLogger(__name__)
T = TypeVar("T")

FALLBACK_NOTE = "This is the built-in offline review instead."
# Seconds to wait before each new try when another program holds the log's write lock (each try itself
# waits up to the log's busy timeout): a bot keeps the row rather than dropping it.
LOG_RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0)
# Reviews of a batch in flight at once: the LLM reviewer waits on the network, so a few overlap.
REVIEWS_AT_ONCE = 4


def fallback_note(reason: str) -> str:
    """One friendly line saying why the AI review was replaced, e.g. 'The AI service is busy…. This is…'."""
    return f"{reason.rstrip('.')}. {FALLBACK_NOTE}"


@dataclass(frozen=True)
class ReviewOutcome:
    """A review as shown to a person, with the log row it was saved as (None if not saved)."""

    draft: Draft
    review: Review
    review_id: int | None
    # The log row, when the review was made with record=False: save_reviews writes it and keeps it here.
    record: ReviewRecord | None = None

    @property
    def unsaved(self) -> bool:
        """Made with record=False and not logged yet."""
        return self.record is not None and self.review_id is None


def cache_key(draft: Draft, reviewer: Reviewer) -> str:
    """Identical draft, context, prompt version and model give the same key."""
    parts = [draft.text, draft.context, reviewer.name, reviewer.prompt_version, reviewer.model]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


class Coach:
    """Runs every review the same way: validate, cache, reviewer, fallback, log."""

    def __init__(
        self,
        settings: Settings,
        log: SuggestionLog,
        principles: PrincipleSet,
        reviewer: Reviewer,
        tips: list[Tip],
    ) -> None:
        self.settings = settings
        self.log = log
        self.principles = principles
        self.reviewer = reviewer
        self.offline = reviewer if isinstance(reviewer, OfflineReviewer) else OfflineReviewer(principles)
        self.tips = tips
        self._in_flight: set[asyncio.Task[Any]] = set()
        # One thread for all log I/O: writes are serialised by the log's lock anyway, and a burst of
        # reviews then never waits behind other work in the loop's default thread pool.
        self._log_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="suggestion-log")

    async def in_log_thread(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a SuggestionLog call off the event loop."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._log_thread, functools.partial(call, *args, **kwargs))

    def close(self) -> None:
        """Stop the log thread and close the log; safe to call twice."""
        self._log_thread.shutdown(wait=True)
        self.log.close()

    async def aclose(self) -> None:
        """Close the reviewer's network client on this loop, then the log."""
        await self.reviewer.aclose()
        self.close()

    async def review(
        self,
        text: str,
        context: str | None = None,
        origin: Origin = CLI_ORIGIN,
        *,
        network: str | None = None,
        record: bool = True,
    ) -> ReviewOutcome:
        """Review one draft meant for `network` (twitter, linkedin…), and log it unless record=False.

        Raises DraftError for bad input; never raises for a failing reviewer. With record=False the row is
        left in `record`, for save_reviews to write many at once.
        """
        draft = make_draft(text, context, network)
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            return await self._review(draft, origin, record)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def _review(self, draft: Draft, origin: Origin, record: bool) -> ReviewOutcome:
        error: str | None = None
        key: str | None = None
        review: Review | None = None
        if not isinstance(self.reviewer, OfflineReviewer):
            key = cache_key(draft, self.reviewer)
            started = time.perf_counter()
            review = await self.in_log_thread(self.log.cached_review, key, draft.text, draft.context)
            if review is not None:
                review.latency_ms = (time.perf_counter() - started) * 1000
        if review is None:
            try:
                review = await self.reviewer.review(draft)
            except ReviewerUnavailable as exc:
                logger.warning("reviewer %s unavailable: %s", self.reviewer.name, exc)
                error = str(exc)
                key = None
                review = self.offline.review_sync(draft)
                review.notes.append(fallback_note(str(exc)))
        row = ReviewRecord(review, draft.text, draft.context, origin, draft.platform, key, error)
        if not record:
            return ReviewOutcome(draft=draft, review=review, review_id=None, record=row)
        return ReviewOutcome(draft=draft, review=review, review_id=await self._save(row))

    async def review_unsaved(
        self, drafts: Sequence[Draft], origin: Origin = CLI_ORIGIN
    ) -> list[ReviewOutcome]:
        """Review validated drafts in order, a few at a time, leaving their rows for save_reviews."""
        if isinstance(self.reviewer, OfflineReviewer):
            # Nothing to wait on and nothing to fall back to: a coroutine per draft would only cost time.
            outcomes = []
            for draft in drafts:
                review = self.reviewer.review_sync(draft)
                row = ReviewRecord(review, draft.text, draft.context, origin, draft.platform)
                outcomes.append(ReviewOutcome(draft, review, None, row))
            return outcomes
        gate = asyncio.Semaphore(REVIEWS_AT_ONCE)

        async def one(draft: Draft) -> ReviewOutcome:
            async with gate:
                text, context, network = draft.text, draft.context, draft.platform
                return await self.review(text, context, origin, network=network, record=False)

        return list(await asyncio.gather(*(one(d) for d in drafts)))

    async def _save(self, row: ReviewRecord) -> int | None:
        """Log one review, trying again while another program holds the lock; None if it can't be saved."""
        for delay in (*LOG_RETRY_DELAYS, None):
            try:
                return (await self.in_log_thread(self.log.record_reviews, [row]))[0]
            except LogBusy as exc:
                if delay is None:
                    logger.error("%s; this review was not saved", exc)
                    return None
                logger.warning("%s; trying again in %g s", exc, delay)
                await asyncio.sleep(delay)
            except LogError as exc:
                logger.error("%s", exc)
                return None
        return None

    def save_reviews(self, outcomes: Sequence[ReviewOutcome]) -> list[ReviewOutcome]:
        """Log reviews made with record=False, a few hundred rows per transaction; raises LogError."""
        ids = iter(self.log.record_reviews([o.record for o in outcomes if o.record and o.unsaved]))
        return [ReviewOutcome(o.draft, o.review, next(ids), o.record) if o.unsaved else o for o in outcomes]

    async def todays_tip(self, platform: str, channel: str, day: date) -> TipOfTheDay:
        return await self.in_log_thread(pick_tip, self.log, self.tips, platform, channel, day)

    async def record_feedback(self, review_id: int, user: str | None, helpful: bool) -> None:
        await self.in_log_thread(self.log.record_feedback, review_id, user, helpful)

    async def claim(self, key: str) -> bool:
        return await self.in_log_thread(self.log.claim, key)

    async def claims_with_prefix(self, prefix: str) -> list[str]:
        return await self.in_log_thread(self.log.claims_with_prefix, prefix)

    async def release(self, key: str) -> None:
        await self.in_log_thread(self.log.release, key)

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait for reviews in progress to finish (and be logged) before shutting down."""
        pending = [t for t in self._in_flight if t is not asyncio.current_task()]
        if pending:
            await asyncio.wait(pending, timeout=timeout)


def make_reviewer(
    settings: Settings, principles: PrincipleSet, choice: ReviewerChoice | None = None
) -> Reviewer:
    """The offline reviewer, or the LLM reviewer when one is chosen (or configured, for `auto`)."""
    if settings.chosen_reviewer(choice) == "llm":
        from bot.review.llm import LLMReviewer

        return LLMReviewer(settings, principles)
    return OfflineReviewer(principles)


def build_coach(settings: Settings, choice: ReviewerChoice | None = None) -> Coach:
    """Wire the core from settings; raises ConfigError or LogError with a friendly reason."""
    principles = load_principles(settings.principles_path)
    log = SuggestionLog(settings.db_path, hash_drafts=settings.hash_drafts)
    return Coach(
        settings, log, principles, make_reviewer(settings, principles, choice), load_tips(settings.tips_path)
    )
