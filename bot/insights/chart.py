"""The digest's chart as a PNG: the pushy rate week by week, and this week's misses by principle.

matplotlib is an optional extra (`pip install party-coach[charts]`); without it, or when drawing fails,
ChartUnavailable says why and the text digest goes alone.
"""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING

from bot.errors import PartyCoachError
from bot.insights.digest import Digest
from bot.principles import PrincipleSet

if TYPE_CHECKING:
    from matplotlib.axes import Axes

logger = logging.getLogger(__name__)
# matplotlib logs font-cache and unit notes at INFO; a bot's log has no use for them.
logging.getLogger("matplotlib").setLevel(logging.WARNING)

PUSHY_COLOUR = "#d9534f"
OK_COLOUR = "#5b8def"
SIZE_INCHES = (10.0, 4.0)
DPI = 110


class ChartUnavailable(PartyCoachError):
    """The chart couldn't be drawn; the message says why, in words for the log."""


def render_chart(digest: Digest, principles: PrincipleSet) -> bytes:
    """The chart as PNG bytes; raises ChartUnavailable when matplotlib is missing or drawing fails."""
    try:
        from matplotlib.figure import Figure  # the Agg canvas: no display, and safe off the main thread
    except ImportError:
        raise ChartUnavailable(
            "the chart needs matplotlib, which isn't installed (pip install 'party-coach[charts]')"
        ) from None
    try:
        figure = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
        rates, misses = figure.subplots(1, 2, width_ratios=[3, 2])
        _draw_rates(rates, digest)
        _draw_misses(misses, digest, principles)
        png = io.BytesIO()
        # No software or date in the file's metadata, so the same figures make the same bytes.
        figure.savefig(png, format="png", metadata={"Software": None})
    except Exception as exc:
        logger.debug("drawing the digest chart failed", exc_info=True)
        raise ChartUnavailable(f"drawing the chart failed ({exc.__class__.__name__})") from None
    return png.getvalue()


def _draw_rates(axes: Axes, digest: Digest) -> None:
    labels = [rate.week.monday.strftime("%b %-d") for rate in digest.history]
    shares = [100 * rate.pushy_rate if rate.reviews else 0.0 for rate in digest.history]
    colours = [PUSHY_COLOUR if n == len(labels) - 1 else "#f0ad4e" for n in range(len(labels))]
    bars = axes.bar(range(len(labels)), shares, color=colours)
    axes.set_xticks(range(len(labels)), labels)
    for bar, rate in zip(bars, digest.history, strict=True):
        shown = f"{round(100 * rate.pushy_rate)}%" if rate.reviews else "none"
        axes.annotate(
            shown,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    axes.set_ylim(0, 105)
    axes.set_ylabel("pushy drafts, %")
    axes.set_title("Pushy rate, week by week (weeks start on Monday)")
    axes.tick_params(axis="x", labelrotation=45, labelsize=8)


def _draw_misses(axes: Axes, digest: Digest, principles: PrincipleSet) -> None:
    from matplotlib.ticker import MaxNLocator

    ids = [p.id for p in principles.items] + [p for p in digest.misses if principles.get(p) is None]
    titles = [principles.title(p) for p in ids]
    counts = [digest.misses.get(p, 0) for p in ids]
    axes.barh(range(len(titles)), counts, color=OK_COLOUR)
    axes.set_yticks(range(len(titles)), titles)
    axes.invert_yaxis()
    for n, count in enumerate(counts):
        axes.annotate(str(count), (count, n), va="center", xytext=(3, 0), textcoords="offset points")
    axes.set_xlim(0, max([*counts, 1]) * 1.2)
    axes.set_title(f"Misses by principle, week of {digest.week.week.monday.strftime('%b %-d')}")
    axes.set_xlabel("drafts")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
