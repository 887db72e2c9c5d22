"""The offline reviewer's rewrites, suggestions and evidence: each stands alone and shows what it says."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.model import CONVERSE_FIRST, PITCH_ONLY_WHEN_PULLED, Review
from bot.review.offline import OfflineReviewer
from bot.review.offline_rewrite import _ENDS_WITH_LINK, _ends_with_link
from bot.settings import BUNDLED_DATA

ROOT = Path(__file__).resolve().parents[2]
LABELLED_SETS = sorted([*ROOT.glob("data/*.jsonl"), *ROOT.glob("bench/*.jsonl")])
REVIEWER = OfflineReviewer(load_principles(BUNDLED_DATA / "principles.toml"))
STOCK_QUESTIONS = ("What has worked for you?", "What have you tried so far?")
OWN_WORDS = 6  # a rewrite says at least this much in the draft's own words, besides the stock question
QUOTED = re.compile(r"“([^”]*)”")
SHOUTED_RUN = re.compile(r"\b[A-Z]{2,}(?:'[A-Z]+)? [A-Z]{2,}\b")
PRICING_POST = (
    "After six months of A/B testing our pricing page, the biggest win came from removing the "
    "monthly/annual toggle."
)
PRICEWELL = (
    "Great post! 🙌 Check out Pricewell, our pricing-page optimizer. It runs all of these tests for you "
    "automatically. Use code PRICE20 for 20% off your first three months!"
)
LAUNCH = (
    "🚀🚀 IT'S HERE!!! Lumatone 3 is LIVE and it will change how you mix music FOREVER 🔥 "
    "Launch pricing ends soon, don't miss out! Link in bio 👆 #launch #music #producer"
)


def review(text: str, context: str | None = None) -> Review:
    return REVIEWER.review_sync(Draft(text=text, context=context))


def own_words(rewrite: str) -> str:
    """The rewrite without the stock question the reviewer adds."""
    for question in STOCK_QUESTIONS:
        rewrite = rewrite.removesuffix(question)
    return rewrite.strip()


def overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in others)


def quoted_in_draft(quote: str, text: str) -> bool:
    """The quote is the draft's own words; a shortened one (…) stops at the end of a word."""
    words = quote.removesuffix("…")
    text = re.sub(r"\s*\n\s*", " ", text)
    at = text.find(words)
    if at < 0:
        return False
    following = text[at + len(words) : at + len(words) + 1]
    return not (quote.endswith("…") and following.isalnum() and words[-1:].isalnum())


# Nothing worth keeping is left once the pitch and the hype go: a bare opener, a fragment or shouting,
# plus a stock question, is worse than no rewrite at all.
NO_REWRITE = [
    (LAUNCH, None),
    (PRICEWELL, PRICING_POST),  # "Great post! It runs all of these tests…": "It" pointed at the cut product
    ("Your draft here #growth #marketing #sales", None),
    ("Big launch today! Buy now and DM me for the discount code.", None),
    ("Great tips!!! If anyone needs a mortgage, call Mike at 555-0177", "Post: 7 mistakes homebuyers make"),
    (
        "Hey! We offer a tool for exactly this. Here's our pricing page: remindly.example/pricing",
        "Has anyone found a good way to chase late invoices without sounding rude?",
    ),
    ("¡OFERTA! 🔥 Limpieza dental a solo $59 este mes. ¡Agenda tu cita hoy! Link en la bio 😁", None),
    ("Super excited!!! Our new course just dropped, link in bio 👆", None),
    # Left over with nothing useful and no conversation of its own: the stock question can't carry it.
    ("new video is up on my channel!! go watch and subscribe, link in bio 🔥", None),
    ("We just closed our Series A! 🎉 Book a demo at acme.example and get 20% off.", None),
]


@pytest.mark.parametrize(("text", "context"), NO_REWRITE)
def test_no_rewrite_when_only_an_opener_or_a_fragment_would_be_left(text: str, context: str | None) -> None:
    result = review(text, context)
    assert result.violations and result.suggestions  # something to fix, and words saying what
    assert result.rewrite is None


# Rewrites that are kept, and words that must not survive in them.
REWRITES = [
    # "It" pointed at the product the rewrite cuts.
    (
        "Check out Pricewell, our pricing-page optimizer. It runs all of these tests for you automatically. "
        "We ran 40 pricing tests last year: removing the annual toggle was the only change that lifted "
        "revenue by more than 5%. Use code PRICE20 for 20% off!",
        ["It runs", "Pricewell", "PRICE20"],
    ),
    # All-caps hype goes; the substance stays.
    (
        "IT'S HERE!!! We spent 14 months rebuilding our exporter, and a 2GB project now saves in 9 seconds "
        "instead of 3 minutes. Preorder now at lumatone.example, link in bio!",
        ["IT'S HERE", "!!", "Preorder"],
    ),
    # A shouted notice is kept, in sentence case.
    (
        "OFFICE CLOSED MONDAY FOR THE BANK HOLIDAY. "
        "ALL SUPPORT TICKETS WILL BE ANSWERED FIRST THING TUESDAY MORNING. I'LL BE ON THE PHONES MYSELF.",
        ["OFFICE CLOSED", "SUPPORT TICKETS"],
    ),
    # A hashtag inside a sentence keeps its word; the trailing ones go.
    (
        "Come find us at the #job fair on Friday, booth 12: we have 40 open roles and the hiring managers "
        "will be there in person. #hiring #careers",
        ["#", "the fair"],
    ),
    # Tags before a closing link go too; the link stays.
    (
        "Proud of our volunteers: 40 of them cleaned 2 miles of riverbank on Saturday and pulled out 300 kg "
        "of trash, most of it plastic bottles and old fishing line. #RiverDay #volunteers example.org/photos",
        ["#", "RiverDay", "volunteers example"],
    ),
    # A "P.S." or a list number whose line was cut goes with it.
    (
        "Three things that cut our support queue in half:\n1. A pinned FAQ answering the top 10 questions.\n"
        "2. Buy our Helpdesk Pro plan at helpdesk.example for $49/month.\n"
        "3. Canned replies reviewed every quarter.\nP.S. Use code HALF for 50% off!",
        ["2.", "P.S."],
    ),
]


@pytest.mark.parametrize(("text", "gone"), REWRITES)
def test_a_rewrite_stands_on_its_own(text: str, gone: list[str]) -> None:
    rewrite = review(text).rewrite
    assert rewrite is not None
    for words in gone:
        assert words not in rewrite
    assert not SHOUTED_RUN.search(rewrite)
    assert len(own_words(rewrite).split()) >= OWN_WORDS


def test_a_rewrite_keeps_the_draft_s_words_lines_and_names() -> None:
    assert review(REWRITES[2][0]).rewrite == (
        "Office closed Monday for the bank holiday. All support tickets will be answered first thing Tuesday "
        "morning. I'll be on the phones myself. What has worked for you?"
    )
    assert "Come find us at the job fair on Friday" in (review(REWRITES[3][0]).rewrite or "")
    assert (review(REWRITES[4][0]).rewrite or "").endswith(
        "fishing line. example.org/photos\nWhat has worked for you?"
    )
    listed = review(REWRITES[5][0]).rewrite or ""
    assert (
        "1. A pinned FAQ answering the top 10 questions.\n3. Canned replies reviewed every quarter." in listed
    )


# Drafts whose suggestions and reasons quote their words, some long enough to be shortened.
QUOTING = [
    "Agree? 👇 The best CFOs don't use spreadsheets any more. Try LedgerLoop free for 30 days.",
    "Did you know 60% of small businesses close within 6 months of a cyberattack? Protect yours with "
    "ShieldNow, plans from $29/month, call 555-0100 today!",
    "Who else is SO ready for summer?! ☀️ Comment YES below! 👇 #summer #vibes #weekend",
    "🎁 FREE checklist! Just enter your email and card details at listly.example to get it.",
    LAUNCH,
]


@pytest.mark.parametrize("text", QUOTING)
def test_every_phrase_a_suggestion_or_reason_quotes_is_in_the_draft(text: str) -> None:
    result = review(text)
    assert any(QUOTED.search(line) for line in result.suggestions)  # the fixes do name the draft's words
    for line in result.suggestions + [f.reason for f in result.findings]:
        for quote in QUOTED.findall(line):
            assert quoted_in_draft(quote, text), (quote, line)


def test_a_shortened_quote_ends_at_a_word_break() -> None:
    text = QUOTING[1]
    result = review(text)
    converse = result.finding(CONVERSE_FIRST)
    assert converse is not None and not converse.passed
    quotes = QUOTED.findall(converse.reason) + [
        q for line in result.suggestions for q in QUOTED.findall(line)
    ]
    shortened = [q for q in quotes if q.endswith("…")]
    assert shortened and all(quoted_in_draft(q, text) for q in shortened)


# Replies that take up the message they answer mostly inside an unasked pitch.
REPLIES_WITH_A_PITCH = [
    (PRICEWELL, PRICING_POST),
    (
        "Our app TaskNest has exactly this in its templates gallery, sign up for the free 14-day trial 😊",
        "Does anyone have a good template for a sprint retro?",
    ),
    (
        "yo my plugin SmoothCam Pro fixes exactly this lol, $25 on the asset store, link in my profile 👌",
        "does anyone know how to fix the jittering camera in Godot when following the player?",
    ),
]


@pytest.mark.parametrize(("text", "context"), REPLIES_WITH_A_PITCH)
def test_a_passed_converse_first_is_never_shown_by_the_pitch(text: str, context: str) -> None:
    result = review(text, context)
    converse, pitch = result.finding(CONVERSE_FIRST), result.finding(PITCH_ONLY_WHEN_PULLED)
    assert converse is not None and pitch is not None
    assert converse.passed and not pitch.passed
    pitched = [(s.start, s.end) for s in pitch.spans]
    assert all(not overlaps((s.start, s.end), pitched) for s in converse.spans)


def test_when_only_the_pitch_takes_up_their_words_the_reason_says_so() -> None:
    converse = review(PRICEWELL, PRICING_POST).finding(CONVERSE_FIRST)
    assert converse is not None and converse.passed
    assert converse.reason == "Takes up what they said, but only to bring in your offer."
    assert "It runs all of these tests" not in " ".join(s.text for s in converse.spans)


QUESTIONS = [
    # The question quoted inside a tip isn't the one the post asks its readers.
    (
        "Moderating a help channel for two years taught me one thing: say what you already tried. It saves "
        'everyone a round of "did you restart it?" What would you add to this list?',
        "What would you add to this list?",
    ),
    (
        "Loved the talk, 'why now?' is the question I ask every founder too. Which slide took longest?",
        "Which slide took longest?",
    ),
]


@pytest.mark.parametrize(("text", "question"), QUESTIONS)
def test_asks_a_real_question_quotes_the_question_the_draft_asks(text: str, question: str) -> None:
    converse = review(text).finding(CONVERSE_FIRST)
    assert converse is not None and converse.passed
    assert converse.reason.startswith("Asks a real question")
    assert [s.text for s in converse.spans] == [question]


def test_a_question_it_only_quotes_isn_t_called_its_own() -> None:
    converse = review(
        "Play a level once, then replay it asking 'what is this room teaching me?' and write down the answer."
    ).finding(CONVERSE_FIRST)
    assert converse is not None and converse.passed  # the judgement is the same; only its words change
    assert not converse.reason.startswith("Asks a real question")


def test_a_one_way_announcement_is_shown_by_words_not_by_emoji() -> None:
    converse = review(LAUNCH).finding(CONVERSE_FIRST)
    assert converse is not None and not converse.passed
    assert [s.text for s in converse.spans] == ["IT'S HERE!!!"]


def labelled_drafts() -> list[tuple[str, str | None]]:
    drafts = []
    for path in LABELLED_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                drafts.append((item["text"], item.get("context")))
    return drafts


def reading_problems(text: str, result: Review) -> list[str]:
    """What a marketer would trip over: quotes not in the draft, fragments, evidence of the opposite."""
    problems = [
        f"{quote!r} is not in the draft"
        for line in result.suggestions
        for quote in QUOTED.findall(line)
        if not quoted_in_draft(quote, text)
    ]
    if result.rewrite is not None and len(own_words(result.rewrite).split()) < OWN_WORDS:
        problems.append(f"fragment rewrite {result.rewrite!r}")
    pitch = result.finding(PITCH_ONLY_WHEN_PULLED)
    pitched = [(s.start, s.end) for s in pitch.spans] if pitch and not pitch.passed else []
    for finding in result.findings:
        spans = finding.spans
        if finding.passed and finding.principle != PITCH_ONLY_WHEN_PULLED:
            problems += [
                f"passed on the pitch {s.text!r}" for s in spans if overlaps((s.start, s.end), pitched)
            ]
        asks = finding.reason.startswith("Asks a real question")
        if asks and not any(re.search(r"\?(?![\"'’”])", s.text) for s in spans):
            problems.append(f"not a question: {spans[0].text!r}")
        if not finding.passed and spans and not any(re.search(r"[^\W_]", s.text) for s in spans):
            problems.append(f"shown by {spans[0].text!r}")
    return problems


def test_on_every_labelled_set_quotes_rewrites_and_evidence_hold_up() -> None:
    problems = []
    for text, context in labelled_drafts():
        problems += [f"{text[:40]!r}: {p}" for p in reading_problems(text, review(text, context))]
    assert problems == []


def test_the_demo_samples_read_well() -> None:
    samples = [json.loads(line) for line in (ROOT / "data" / "samples.jsonl").read_text().splitlines()]
    for sample in samples:
        result = review(sample["text"], sample["context"])
        assert reading_problems(sample["text"], result) == [], sample["id"]


@pytest.mark.parametrize(
    "body",
    [
        "read it at https://example.com/guide",
        "read it at https://example.com/guide\n",
        "read it at https://example.com/guide\n\n",
        "read it at https://example.com/guide ",
        "see www.",
        "see www.\u00a0",
        "notes in docs.example/x and then some words",
        "the link:example.com/a?b=1",
        "a\tb.co/x",
        "",
        "\n",
        "plain words only",
    ],
)
def test_a_closing_link_is_found_by_its_last_piece_as_by_the_whole_body(body: str) -> None:
    assert _ends_with_link(body) == (_ENDS_WITH_LINK.search(body) is not None)
