"""Settling a draft's tagged phrases: some mean something else given what the whole post is.

"Sign up" next to "without signing up" is no call to action; pay in a job post is no price tag; a code for an
unhappy customer is service; a goal and a donation link serve a cause; a "free" guide behind an email is lead
capture; a price from your own story is no offer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.review.offline_scan import LINK_KINDS, Hit

if TYPE_CHECKING:
    from bot.review.offline_reading import Reading

# Credit counts when it names someone: a capitalised name or an @handle soon after "thanks to".
_NAMED = re.compile(r"[^.!?\n]{0,40}?(?:@\w|(?<=\s)[A-Z][\w'’.-]*[a-z])")
# A sentence or more in quotation marks: words for someone else to say ("reply: 'Please contact us at…'").
_QUOTED_SPEECH = re.compile(r'"[^"\n]{30,400}?"')
# Signs that something is on sale in the post, beyond figures.
_SELLING = frozenset({"self_offer", "cta", "contact", "promo", "commercial_url", "scheme", "urgency"})
_JOB_POST_NOISE = frozenset({"money", "offer_price", "contact", "self_offer"})
_SERVICE_RECOVERY = frozenset({"promo", "offer_price", "contact", *LINK_KINDS})


@dataclass(slots=True)
class _Post:
    """What the post as a whole is, which changes what some of its phrases mean."""

    ungated: list[Hit]
    hiring: bool  # a job post
    make_good: bool  # an apology to a customer who complained
    fundraiser: bool  # raising money for a cause
    quoted: list[tuple[int, int]]  # scripts in quotation marks
    helplines: list[Hit]  # crisis lines and helplines
    helpful: bool  # gives a tip, answer or insight


def settle_hits(reading: Reading) -> None:
    """Drop phrases that mean nothing here, add the ones only combinations make, and index them by kind."""
    post = _read_post(reading)
    settled = [hit for hit in reading.hits if not _means_nothing_here(hit, reading, post)]
    kinds: dict[str, list[Hit]] = {}
    for hit in settled:
        kinds.setdefault(hit.kind, []).append(hit)
    settled = _combine(reading, settled, kinds)
    reading.hits = settled
    for hit in settled:
        reading.kinds.setdefault(hit.kind, []).append(hit)


def _read_post(reading: Reading) -> _Post:
    present = {h.kind for h in reading.hits}
    visible = reading.visible
    return _Post(
        ungated=[h for h in reading.hits if h.kind == "ungated"],
        hiring="hiring" in present and "scheme" not in present,
        make_good=reading.context is not None and reading.context.complaint and "apology" in present,
        fundraiser="fundraiser" in present and "scheme" not in present,
        quoted=[m.span() for m in _QUOTED_SPEECH.finditer(visible)] if '"' in visible else [],
        helplines=[h for h in reading.hits if h.kind == "helpline"],
        helpful="help" in present,
    )


def _means_nothing_here(hit: Hit, reading: Reading, post: _Post) -> bool:
    kind = hit.kind
    if kind == "hint" or (kind == "recognition" and not _names_someone(reading, hit)):
        return True
    if kind in ("contact", "cta") and any(a < hit.start and hit.end < b for a, b in post.quoted):
        return True  # a script for someone else to use, not the poster's own call to action
    if kind in ("cta", "promo") and _overlaps(hit, post.ungated):
        return True  # "without signing up", "nothing for sale"
    if post.hiring and kind in _JOB_POST_NOISE:
        return True  # pay is not a price tag, "DM me your CV" not a sales ask, "our app" not a pitch
    if post.hiring and (kind == "cta" or kind in LINK_KINDS) and _applies(reading, hit):
        return True  # "apply via the link in the comments" points at the application, not a sale
    if kind == "cta" and post.helpful and reading.visible.startswith("fol", hit.start):
        return True  # "Follow me for more tips" under a real tip is a sign-off, not self-promotion
    if kind == "phone" and _same_sentence(reading, hit, post.helplines):
        return True  # a crisis line's number is help, not a sales call
    if post.make_good and kind in _SERVICE_RECOVERY:
        return True  # a make-good code or "DM us" for an unhappy customer is service, not a sale
    # A goal, an amount raised and "donation link in the comments" serve a cause.
    cause = kind in ("money", "offer_price") or (kind == "cta" and _is_link(reading, hit))
    return post.fundraiser and cause


def _combine(reading: Reading, settled: list[Hit], kinds: dict[str, list[Hit]]) -> list[Hit]:
    """Phrases that mean more together: gated gifts, prizes paid for in likes, price lists, lived figures."""
    strings = [h for h in settled if h.kind in ("gate_req", "cta", "bait")]
    for offer in kinds.get("free_offer", []):
        # "Free" with an email, card, demo or sign-up nearby is lead capture, not a gift.
        where = reading.sentence_at(offer.start)
        if any(-1 <= reading.sentence_at(s.start) - where <= 2 for s in strings):
            settled.append(Hit("gate", offer.start, offer.end))
    if "contest" in kinds and kinds.keys() & {"ask", "gate_req", "bait"}:
        settled.extend(Hit("strings", h.start, h.end) for h in kinds["contest"])  # a prize paid for in likes
    amounts = len(kinds.get("money", [])) + len(kinds.get("offer_price", []))
    if amounts >= 2 and "self_offer" in kinds:
        settled.extend(Hit("offer_price", h.start, h.end) for h in kinds.get("money", []))  # a price list
    elif "experience" in kinds and "offer_price" in kinds:
        # "We moved off Square (~$40k/mo in card volume)": a figure from your own life, not a price tag;
        # with nothing on sale anywhere in the post ("I asked for $152k"), none of its figures is one.
        lived = kinds["experience"] if kinds.keys() & _SELLING else None
        settled = _relabel(reading, settled, "offer_price", "money", lived)
    if "ungated" in kinds and "commercial_url" in kinds:
        # "My notes with photos: example.com/shop-notes/... (no ads, no signup)": said to have no strings.
        settled = _relabel(reading, settled, "commercial_url", "url", kinds["ungated"])
    return settled


def _names_someone(reading: Reading, hit: Hit) -> bool:
    return bool(_NAMED.match(reading.original, reading.norm.draft_range(hit.start, hit.end)[1]))


def _overlaps(hit: Hit, others: list[Hit]) -> bool:
    return any(o.start < hit.end and hit.start < o.end for o in others)


def _is_link(reading: Reading, hit: Hit) -> bool:
    return reading.visible.startswith("link", hit.start)


def _applies(reading: Reading, hit: Hit) -> bool:
    """A call to action in the same sentence as the job ad's own words ("apply", "we're hiring")."""
    return _same_sentence(reading, hit, [h for h in reading.hits if h.kind == "hiring"])


def _same_sentence(reading: Reading, hit: Hit, others: list[Hit]) -> bool:
    where = reading.sentence_at(hit.start)
    return any(reading.sentence_at(h.start) == where for h in others)


def _relabel(
    reading: Reading, hits: list[Hit], kind: str, new_kind: str, beside: list[Hit] | None
) -> list[Hit]:
    """Hits of `kind` become `new_kind`: those in the same sentence as any of `beside`, or all when None."""
    where = None if beside is None else {reading.sentence_at(h.start) for h in beside}
    return [
        Hit(new_kind, h.start, h.end)
        if h.kind == kind and (where is None or reading.sentence_at(h.start) in where)
        else h
        for h in hits
    ]
