"""The core every front end calls: review a draft, pick a tip, record feedback. No platform knowledge here."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from bot.access import AccessLists
from bot.channel_settings import ChannelConfig, ChannelSettings, reviewer_choice
from bot.errors import LogBusy, LogError, ReviewerUnavailable
from bot.principles import PrincipleSet, load_principles
from bot.review.draft import Draft, make_draft
from bot.review.model import Review
from bot.review.offline import OfflineReviewer
from bot.review.origin import CLI_ORIGIN, Origin
from bot.review.reviewer import Reviewer
from bot.settings import ReviewerChoice, Settings
from bot.spend_limits import CapReached, Caps, SpendLimits
from bot.store import ReviewFilter, ReviewRecord, SuggestionLog, finished_key, now_utc
from bot.team_tips import PATTERN_DAYS, PATTERN_REVIEWS, TipWriter, draft_patterns, write_team_tip
from bot.tips import (
    CURATED,
    GENERATED,
    Tip,
    TipOfTheDay,
    load_tips,
    next_tip,
    pick_tip,
    record_tip_of_the_day,
    shown_today,
)

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
    origin: Origin = CLI_ORIGIN
    error: str | None = None  # why the chosen reviewer couldn't answer, when the offline one stood in

    @property
    def unsaved(self) -> bool:
        """Made with record=False and not logged yet."""
        return self.record is not None and self.review_id is None

    def log_fields(self) -> dict[str, object]:
        """What a log line about this review carries as `extra` (PARTY_COACH_LOG_FORMAT=json shows it)."""
        return log_context(
            self.origin,
            review_id=self.review_id,
            latency_ms=round(self.review.latency_ms, 1),
            reviewer=self.review.reviewer,
            error=self.error,
        )


def log_context(origin: Origin, **known: object) -> dict[str, object]:
    """Log `extra` for a line about a review from `origin`: platform, channel, and whatever else is known."""
    return {"platform": origin.platform, "channel": origin.channel, **known}


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
        spend: SpendLimits | None = None,
        tip_writer: TipWriter | None = None,
    ) -> None:
        self.settings = settings
        self.channel_settings = ChannelSettings(settings, log)
        self.log = log
        self.principles = principles
        self.reviewer = reviewer
        self.offline = reviewer if isinstance(reviewer, OfflineReviewer) else OfflineReviewer(principles)
        self.tips = tips
        self.spend = spend or SpendLimits(Caps())
        self.tip_writer = tip_writer  # None: the curated tips file only
        self._in_flight: set[asyncio.Task[Any]] = set()
        # When the chosen reviewer last couldn't answer, and why (a friendly reason), for GET /health.
        self.last_fallback: tuple[str, str] | None = None
        # Claims made before this moment were made by an earlier run of the bot (see claim_or_resume).
        self.started_at = now_utc()
        # One thread for all log I/O: writes are serialised by the log's lock anyway, and a burst of
        # reviews then never waits behind other work in the loop's default thread pool.
        self._log_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="suggestion-log")
        self._settings_listeners: list[Callable[[], None]] = []
        self._channel_llm: Reviewer | None = (
            None  # made when a channel asks for the AI and the default is offline
        )

    @property
    def log(self) -> SuggestionLog:
        return self._log

    @log.setter
    def log(self, log: SuggestionLog) -> None:
        """Channel settings are read from, and written to, the same log as everything else."""
        self._log = log
        self.channel_settings.log = log

    @functools.cached_property
    def access(self) -> AccessLists:
        """Who may ask for reviews in chat, from the settings (read once, on the first check)."""
        return AccessLists.from_settings(self.settings)

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
        if self._channel_llm is not None:
            await self._channel_llm.aclose()
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
        reviewer = await self._reviewer_for(origin)
        if not isinstance(reviewer, OfflineReviewer):
            key = cache_key(draft, reviewer)
            started = time.perf_counter()
            review = await self.in_log_thread(self.log.cached_review, key, draft.text, draft.context)
            if review is not None:
                review.latency_ms = (time.perf_counter() - started) * 1000
        if review is None:
            review, error, stood_in = await self._fresh_review(reviewer, draft, origin)
            if stood_in:
                key = None  # the offline review stood in: never serve it later as the reviewer's answer
        revises = None
        if record and (origin.message_id is not None or origin.thread is not None):
            revises = await self.in_log_thread(self.log.review_to_revise, origin, draft.text)
        row = ReviewRecord(review, draft.text, draft.context, origin, draft.platform, key, error, revises)
        if not record:
            return ReviewOutcome(draft, review, None, row, origin=origin, error=error)
        outcome = ReviewOutcome(draft, review, await self._save(row), origin=origin, error=error)
        logger.debug("review %s saved", outcome.review_id, extra=outcome.log_fields())
        return outcome

    async def _fresh_review(
        self, reviewer: Reviewer, draft: Draft, origin: Origin
    ) -> tuple[Review, str | None, bool]:
        """Ask the reviewer, unless a spend limit says no; else the offline review stands in, saying why.

        Returns the review, the reviewer's error if it failed, and whether the offline review stood in.
        """
        spend = self.spend.reserve(origin) if not isinstance(reviewer, OfflineReviewer) else None
        if isinstance(spend, CapReached):
            review = self.offline.review_sync(draft)
            review.notes.append(fallback_note(spend.reason(self.spend.clock())))
            return review, None, True
        try:
            review = await reviewer.review(draft)
        except ReviewerUnavailable as exc:
            self.spend.release(spend)
            error = str(exc)
            self.last_fallback = (datetime.now(UTC).isoformat(timespec="seconds"), error)
            logger.warning(
                "reviewer %s unavailable: %s",
                reviewer.name,
                exc,
                extra=log_context(origin, reviewer=reviewer.name, error=error),
            )
            review = self.offline.review_sync(draft)
            review.notes.append(fallback_note(error))
            return review, error, True
        except BaseException:
            self.spend.release(spend)
            raise
        self.spend.spent(review)
        return review, None, False

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
                fields = log_context(row.origin, reviewer=row.review.reviewer, error=str(exc))
                if delay is None:
                    logger.error("%s; this review was not saved", exc, extra=fields)
                    return None
                logger.warning("%s; trying again in %g s", exc, delay, extra=fields)
                await asyncio.sleep(delay)
            except LogError as exc:
                fields = log_context(row.origin, reviewer=row.review.reviewer, error=str(exc))
                logger.error("%s", exc, extra=fields)
                return None
        return None

    def save_reviews(self, outcomes: Sequence[ReviewOutcome]) -> list[ReviewOutcome]:
        """Log reviews made with record=False, a few hundred rows per transaction; raises LogError."""
        ids = iter(self.log.record_reviews([o.record for o in outcomes if o.record and o.unsaved]))
        return [
            ReviewOutcome(o.draft, o.review, next(ids), o.record, origin=o.origin, error=o.error)
            if o.unsaved
            else o
            for o in outcomes
        ]

    async def _reviewer_for(self, origin: Origin) -> Reviewer:
        """The reviewer the draft's channel asks for in its stored settings, else the configured one."""
        if origin.platform == "cli" or not origin.channel:
            return self.reviewer
        await self.fresh_channel_settings()
        choice = self.channel_settings.stored_value(origin.platform, origin.channel, "reviewer")
        if choice is None:
            return self.reviewer
        if (
            self.settings.chosen_reviewer(reviewer_choice(choice)) == "offline"
            or not self.settings.llm_configured
        ):
            return self.offline
        if not isinstance(self.reviewer, OfflineReviewer):
            return self.reviewer
        if self._channel_llm is None:
            self._channel_llm = make_reviewer(self.settings, self.principles, "llm")
        return self._channel_llm

    # Channel settings -----------------------------------------------------------

    async def fresh_channel_settings(self) -> None:
        """Load the stored channel settings again, off the loop, once they are old enough to be stale.

        A log that can't be read leaves the settings as they were (the environment's, at first): a review
        or a tip never fails for want of them.
        """
        if not self.channel_settings.stale:
            return
        try:
            changed = await self.in_log_thread(self.channel_settings.reload)
        except (LogError, sqlite3.Error) as exc:
            logger.warning("can't read the channel settings (%s); using the ones I had", exc)
            self.channel_settings.keep_for_now()
            return
        if changed:
            self._settings_changed()

    async def channel_config(
        self, platform: str, channel: str, *, parent: str | None = None
    ) -> ChannelConfig:
        """One channel's settings, from memory (the environment's, with any stored ones over them)."""
        await self.fresh_channel_settings()
        return self.channel_settings.effective(platform, channel, parent=parent)

    async def tip_channels(self, platform: str) -> list[ChannelConfig]:
        await self.fresh_channel_settings()
        return self.channel_settings.tip_channels(platform)

    async def change_channel_settings(
        self,
        platform: str,
        channel: str,
        values: dict[str, str],
        *,
        unset: tuple[str, ...] = (),
        workspace: str | None = None,
        by: str | None = None,
    ) -> dict[str, str]:
        """Check and store one channel's settings (SettingRejected saves nothing); effective at once."""
        stored = await self.in_log_thread(
            self.channel_settings.change, platform, channel, values, unset=unset, workspace=workspace, by=by
        )
        self._settings_changed()
        return stored

    def on_settings_change(self, listener: Callable[[], None]) -> None:
        """Call `listener` (on the event loop) whenever stored channel settings change."""
        self._settings_listeners.append(listener)

    def _settings_changed(self) -> None:
        for listener in self._settings_listeners:
            listener()

    async def todays_tip(self, platform: str, channel: str, day: date) -> TipOfTheDay:
        """Today's tip: with an AI, one written from the channel's own drafts if it passes the check."""
        if self.tip_writer is None:
            return await self.in_log_thread(pick_tip, self.log, self.tips, platform, channel, day)
        shown = await self.in_log_thread(shown_today, self.log, self.tips, platform, channel, day)
        if shown is not None:
            return shown
        # The curated choice already favours the principle the channel misses most: write about that one.
        curated = await self.in_log_thread(next_tip, self.log, self.tips, platform, channel)
        principle = self.principles.get(curated.principle)
        written = None
        if principle is not None:
            since = datetime.now(UTC) - timedelta(days=PATTERN_DAYS)
            where = ReviewFilter(platform=platform, channel=channel, since=since)
            rows = await self.in_log_thread(self.log.recent_reviews, where, limit=PATTERN_REVIEWS)
            patterns = draft_patterns(rows, principle.id)
            written = await write_team_tip(self.tip_writer, self.offline, principle, patterns)
        tip, source = (written, GENERATED) if written is not None else (curated, CURATED)
        return await self.in_log_thread(record_tip_of_the_day, self.log, platform, channel, day, tip, source)

    async def record_feedback(self, review_id: int, user: str | None, helpful: bool) -> None:
        await self.in_log_thread(self.log.record_feedback, review_id, user, helpful)

    async def take_rewrite(self, review_id: int, user: str | None) -> str | None:
        """A review's rewrite for `user` to copy, logged as used; None if the log doesn't hold it."""
        return await self.in_log_thread(self.log.take_rewrite, review_id, user)

    async def claim(self, key: str) -> bool:
        return await self.in_log_thread(self.log.claim, key)

    async def claim_or_resume(self, key: str) -> bool:
        """Claim `key`, or take over a claim an earlier run of the bot made and never finished (it was
        stopped, or killed, mid-way), so a redelivered event finishes the work instead of leaving it."""
        if await self.claim(key):
            return True
        return await self.in_log_thread(self.log.retake, key, self.started_at)

    async def finish(self, key: str) -> None:
        """Mark the action claimed as `key` done, so no later run takes it over and does it again."""
        await self.claim(finished_key(key))

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


def make_tip_writer(reviewer: Reviewer) -> TipWriter | None:
    """The AI tip writer when drafts are reviewed by the AI; None keeps tips to the curated file."""
    if reviewer.name != "llm":
        return None  # and the AI client library stays unimported
    from bot.review.llm import LLMReviewer
    from bot.review.llm_tip import LLMTipWriter

    return LLMTipWriter(reviewer) if isinstance(reviewer, LLMReviewer) else None


def build_coach(settings: Settings, choice: ReviewerChoice | None = None) -> Coach:
    """Wire the core from settings; raises ConfigError or LogError with a friendly reason."""
    principles = load_principles(settings.principles_path)
    log = SuggestionLog(settings.db_path, hash_drafts=settings.hash_drafts)
    spend = SpendLimits(Caps.from_settings(settings))
    if spend.caps.any:
        spend.load(log)
    reviewer = make_reviewer(settings, principles, choice)
    tips = load_tips(settings.tips_path)
    return Coach(settings, log, principles, reviewer, tips, spend, make_tip_writer(reviewer))
