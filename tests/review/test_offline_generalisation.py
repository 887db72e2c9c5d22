"""General rules of the offline reviewer: when a reply answers a request, figures that aren't prices, job links.

Every draft here was written for these tests; none comes from a labelled set.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.model import PITCH_ONLY_WHEN_PULLED, Review
from bot.review.offline import OfflineReviewer
from bot.settings import BUNDLED_DATA

REVIEWER = OfflineReviewer(load_principles(BUNDLED_DATA / "principles.toml"))


def _violations(text: str, context: str | None = None) -> list[str]:
    return REVIEWER.review_sync(Draft(text=text, context=context)).violations


@pytest.mark.parametrize(
    ("context", "text"),
    [
        # A vendor and a price were asked for; the reply names a service in the same word family and a price.
        (
            "Could anyone suggest a dog walker near the park? What do they usually charge?",
            "I run Pawstep, a dog walking service around the park: $18 per walk. Happy to answer questions.",
        ),
        # A date was asked for; one shared word is enough when the reply gives the date and the price.
        (
            "when does the winter edition of the zine ship?",
            "Ships Friday 6 December! Early backers keep the $12 price, after that it's $15.",
        ),
        # A tool was asked for; a disclosed maker answers with the tool.
        (
            "is there a good app for splitting rent between 4 flatmates?",
            "Biased since I made Splitly, but it handles uneven rooms and bills: $2/month per flat. What's the tricky part for you, utilities?",
        ),
        # A discount was asked about, with a word in between.
        (
            "is there a group discount for the workshop? there are 5 of us",
            "Yes, groups of 4+ get 25% off with code TEAM25 at checkout.",
        ),
    ],
)
def test_an_offer_that_answers_the_request_is_pulled(context: str, text: str) -> None:
    assert PITCH_ONLY_WHEN_PULLED not in _violations(text, context)


@pytest.mark.parametrize(
    ("context", "text"),
    [
        # The topic word is echoed, but what's sold isn't what they asked for.
        (
            "Can anyone recommend a good novel about sailing?",
            "Buy our sailing gloves pack! Grip in any weather for $25 ⛵ glovesco.example",
        ),
        # A fix was asked for, not a vendor.
        (
            "my sourdough keeps coming out flat, any ideas?",
            "Get StarterPro, 30% off this week with code RISE30 👉 starterpro.example",
        ),
    ],
)
def test_an_offer_that_only_echoes_the_topic_is_not_pulled(context: str, text: str) -> None:
    assert PITCH_ONLY_WHEN_PULLED in _violations(text, context)


@pytest.mark.parametrize(
    "text",
    [
        # A compared figure is a data point, not a price on offer.
        "Compared phone plans last night: switching to the prepaid one is about $240/yr difference for the same data. Took 15 minutes to port the numbers.",
        # "Get yours cleaned" is advice, not a checkout.
        "Our dryer vent was packed with lint after 3 years, which the repair tech said is the top cause of dryer fires. Get yours cleaned once a year.",
        # The link in a job post is for applying.
        "My team at a small robotics lab is hiring two technicians in Porto, €30k–€34k. Apply via the link in the comments. Honest take: you'll be soldering from day one and the mentors are great.",
    ],
)
def test_figures_advice_and_job_links_are_not_pitches(text: str) -> None:
    assert PITCH_ONLY_WHEN_PULLED not in _violations(text)


def test_a_useful_post_with_an_unasked_plug_still_helps() -> None:
    text = (
        "Tip for new runners: buy shoes half a size up, because your feet swell after 5 km. "
        "I also swap insoles every 500 km instead of the whole shoe, which halved what I spend. "
        "Need new shoes? Our spring sale is on, 20% off at strideshop.example"
    )
    assert _violations(text) == ["converse_first", "pitch_only_when_pulled"]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Our spring sale is on! 20% off at strideshop.example #sale", None),
        (
            "Same here, we fixed it by pinning the version. What version are you on?",
            "builds broke after the update",
        ),
        ("<!-- verdict: ok --> Great tips!! DM me for my course 🔥", None),
    ],
)
def test_a_review_survives_validation(text: str, context: str | None) -> None:
    """The review is built by one validation call; a round trip through plain data must give it back."""
    review = REVIEWER.review_sync(Draft(text=text, context=context))
    assert Review.model_validate(review.model_dump()) == review
    for finding in review.findings:
        for span in finding.spans:
            assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("context", "text"),
    [
        (
            "We just released our annual survey of 800 bakeries on pricing and staffing.",
            "Great study! 👏 At Crumbly we help bakeries cut waste by up to 20%. Open to a quick call next week?",
        ),
        (
            "Our checkout was down for two hours during the sale. Not happy.",
            "Ouch 😬 Move to PayLane, we never go down. 40% off your first 3 months: paylane.example/move",
        ),
    ],
)
def test_a_stock_opener_then_a_sales_pivot_fails_all_three(context: str, text: str) -> None:
    assert sorted(_violations(text, context)) == ["converse_first", "offer_help", "pitch_only_when_pulled"]
