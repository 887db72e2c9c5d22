"""PARTY_COACH_RETENTION_DAYS: the running bot deletes reviews past that age, once a day."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.coach import Coach
from bot.errors import PartyCoachError

logger = logging.getLogger(__name__)

DAY_SECONDS = 86_400.0


async def purge_daily(coach: Coach, days: int, stop: asyncio.Event, every: float = DAY_SECONDS) -> None:
    """Purge at start-up, then every `every` seconds until `stop`; a failed purge is tried again later."""
    while not stop.is_set():
        try:
            removed = await coach.in_log_thread(coach.log.purge, days)
            if removed:
                logger.info(
                    "deleted %d reviews older than %d days (PARTY_COACH_RETENTION_DAYS)", removed, days
                )
        except PartyCoachError as exc:
            logger.warning("could not delete old reviews: %s", exc)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
