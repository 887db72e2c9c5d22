"""The offline reviewer's learned model: reproducible weights, real-world registers, honest explanations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.evaluation import LabelledDraft, score_reviews
from bot.principles import load_principles
from bot.review.draft import Draft
from bot.review.model import CONVERSE_FIRST, OFFER_HELP, PITCH_ONLY_WHEN_PULLED, Review
from bot.review.offline import OfflineReviewer
from bot.review.offline_features import _TOKEN as FULL_TOKEN
from bot.review.offline_features import MAX_CHARS, draft_features, word_tokens
from bot.review.offline_judges import judge_rules
from bot.review.offline_model import MODEL_FILE, load_weights, weigh, weigh_draft
from bot.review.offline_reading import read_draft
from bot.settings import BUNDLED_DATA
from bot.training import ROOT, TRAINING_FILES, load_examples

REVIEWER = OfflineReviewer(load_principles(BUNDLED_DATA / "principles.toml"))
REAL_DEV = ROOT / "../shared/eval/real-dev.jsonl"
needs_shared = pytest.mark.skipif(not REAL_DEV.is_file(), reason="../shared/eval/ is not beside the project")


def review(text: str, context: str | None = None) -> Review:
    return REVIEWER.review_sync(Draft(text, context))


@needs_shared
def test_the_shipped_weights_are_what_party_coach_train_makes(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    out = tmp_path / "weights.json"
    result = CliRunner().invoke(cli, ["train", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "trained on" in result.output
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    rebuilt = json.loads(out.read_text(encoding="utf-8"))
    assert rebuilt["principles"] == shipped["principles"]
    assert rebuilt["trained_on"] == shipped["trained_on"]
    assert rebuilt["bias"] == pytest.approx(shipped["bias"], abs=2e-4)
    # Rounding to four places can tip a weight at the edge in or out of the file; nothing else may differ.
    for name in rebuilt["weights"].keys() | shipped["weights"].keys():
        ours = rebuilt["weights"].get(name, [0.0, 0.0, 0.0])
        theirs = shipped["weights"].get(name, [0.0, 0.0, 0.0])
        assert ours == pytest.approx(theirs, abs=2e-4), name


def test_the_weights_file_loads_in_the_reviewers_order() -> None:
    model = load_weights()
    assert len(model.bias) == 3
    assert all(len(row) == 3 for row in model.weights.values())
    assert len(model.weights) > 1000


def test_training_reads_only_labelled_files_in_the_dev_sets_format() -> None:
    for name in TRAINING_FILES:
        path = ROOT / name
        if not path.is_file():
            continue
        for example in load_examples(path):
            assert example.verdict in ("ok", "pushy")
            assert example.violations <= {CONVERSE_FIRST, OFFER_HELP, PITCH_ONLY_WHEN_PULLED}


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("would mean the world if u checked out my channel and subscribed 🙏", None),
        ("Sucscribe to me!", None),
        ("please have a look at my channel, new video every week", None),
        ("Im live on twitch rn come hang out", "kai: lol\nmo: that was close"),
        ("sub4sub anyone? i always sub back", None),
        ("Use my referral code JANE50 for a free month", None),
        ("twitch.tv/pixelpaul_live", "ana: gg\nben: KEKW"),
        ("Congratulations! You have won a £500 voucher. To claim, reply WIN to 80055 now.", None),
        ("check out my new music video on youtube, link in bio", "Great cover, the bridge gave me chills"),
        ("Folgt mir auf Insta, ich poste jeden Tag neue Clips", None),
        (
            "drop a follow and i'll follow u back, promise",
            "jo: what a save\nli: GG",
        ),
        ("tips keep the stream alive streamlabs.com/nightowl_42", "dee: nice run\nsam: PogChamp"),
        ("follow me on insta @bramble.sketches for daily doodles", None),
        ("my ig is @velvet_fern if anyone wants to see more", None),
        ("did this exact trick blindfolded, it's on my channel if u want to see", None),
        ("sub4sub?", None),
        ("Your reward points expire tonight, redeem now: points-bonus.example.com", None),
        (
            "sorry mods, follow me I stream chess puzzles every night",
            "mod_ana: reminder: no self promo in chat",
        ),
        ("suscríbanse a mi canal, subo recetas cada semana", None),
    ],
)
def test_self_promotion_in_any_register_is_an_unasked_pitch(text: str, context: str | None) -> None:
    result = review(text, context)
    pitch = result.finding(PITCH_ONLY_WHEN_PULLED)
    assert result.verdict == "pushy" and pitch is not None and not pitch.passed, pitch
    assert result.score < 50
    assert pitch.spans and all(text[s.start : s.end] == s.text for s in pitch.spans)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("I love this song", None),
        ("haha same", None),
        ("🔥🔥🔥", None),
        ("this slaps", "New single out now, made it in my kitchen"),
        ("ok see you at 6, I'll bring the charger", None),
        ("congrats!! so happy for you both", "We got engaged last night 💍"),
        ("lmao chat is wild today", "a: KEKW\nb: LUL"),
        ("ok follow me to the car park, it's behind the gym", None),
        ("can you confirm now? I'll tell the others", None),
    ],
)
def test_short_reactions_and_personal_chat_are_ok(text: str, context: str | None) -> None:
    result = review(text, context)
    assert result.verdict == "ok", [f.reason for f in result.findings]
    assert result.finding(PITCH_ONLY_WHEN_PULLED).passed  # type: ignore[union-attr]


def test_a_plug_that_answers_an_invitation_to_share_stays_welcome() -> None:
    result = review(
        "I'm building a tiny app that turns voice memos into to-do lists, mostly to scratch my own itch. "
        "Early version is up at memo2do.example if anyone wants to try it.",
        "Ask HN: What are you working on? Share the side project you're building.",
    )
    assert result.verdict == "ok", [f.reason for f in result.findings]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "I run Billbird, so biased. honestly a spreadsheet works until you have 10 clients. "
            "after that we're $5/month. how many clients do you bill?",
            "any recommendations for a simple invoicing tool for freelancers?",
        ),
        (
            "founder of Tallyho here, grain of salt. a shared calendar is plenty for two people; "
            "past five we charge $4/seat. what do you use now?",
            "any recs for a rota app for a tiny cafe team?",
        ),
    ],
)
def test_a_disclosed_honest_answer_to_a_request_for_recs_is_pulled(text: str, context: str) -> None:
    """In other words than the question's: saying who you are and giving a view answers what was asked."""
    result = review(text, context)
    assert result.verdict == "ok", [f.reason for f in result.findings]
    assert result.finding(PITCH_ONLY_WHEN_PULLED).passed  # type: ignore[union-attr]


def test_a_disclosure_alone_does_not_pull_a_bare_sales_push() -> None:
    result = review(
        "Full disclosure: I run Billbird. Sign up today with code SAVE20!",
        "any recommendations for a simple invoicing tool for freelancers?",
    )
    assert not result.finding(PITCH_ONLY_WHEN_PULLED).passed  # type: ignore[union-attr]


SHARE_THREAD = "What are you working on this week? Share what you're making."


@pytest.mark.parametrize(
    ("text", "push"),
    [
        (
            "We make a scanner app that reads handwritten recipe cards into clean text. "
            "Bakeries love it; if you run one, get in touch and we'll set you up.",
            "get in touch",
        ),
        ("I'm building a budgeting sheet for students. Launch week: 30% off with code STUDY30!", "30% off"),
        (
            "Mostly tinkering with map tiles while I look for my next gig. Resume in my profile, "
            "open to freelance work!",
            "Resume in my profile",
        ),
        (
            "Our studio ships mobile apps for clinics and gyms. Anyone here need developers for a launch?",
            "need developers for a launch?",
        ),
    ],
)
def test_an_invitation_to_share_pulls_a_description_not_a_sales_push(text: str, push: str) -> None:
    result = review(text, SHARE_THREAD)
    pitch = result.finding(PITCH_ONLY_WHEN_PULLED)
    assert result.verdict == "pushy" and pitch is not None and not pitch.passed, pitch
    assert push in pitch.reason and "hear about your work" in pitch.reason


@pytest.mark.parametrize(
    "text",
    [
        "If you're struggling tonight, the crisis line is free and always open: 1-800-555-0199.",
        "Had this grinder two years, paid $90 on sale, still going strong. What beans are you using?",
        "Three things that cut our onboarding time in half: a checklist, a buddy, and a demo day. "
        "Tip: write the checklist with last month's hire. Follow me for more of these.",
    ],
)
def test_a_helpline_a_bargain_you_got_or_a_follow_sign_off_under_a_tip_is_not_a_pitch(text: str) -> None:
    pitch = review(text).finding(PITCH_ONLY_WHEN_PULLED)
    assert pitch is not None and pitch.passed, pitch.reason if pitch else None


def test_the_newcomers_example_is_never_a_confident_ok() -> None:
    text = "would mean the world if u checked out my channel and subscribed 🙏"
    result = review(text)
    help_finding = result.finding(OFFER_HELP)
    assert result.verdict == "pushy" and result.score < 50
    # The ask is never the evidence that something useful was shared.
    assert help_finding is not None
    assert not (help_finding.passed and any("channel" in s.text for s in help_finding.spans))


@pytest.mark.parametrize(
    "text",
    ["Tom &amp; Jerry was my childhood, what a classic", "it&#39;s the best cover of this song<br />no cap"],
)
def test_html_entities_and_tags_are_read_as_what_they_stand_for(text: str) -> None:
    result = review(text)
    assert result.verdict == "ok"
    for finding in result.findings:
        for span in finding.spans:
            assert text[span.start : span.end] == span.text  # quotes still point at the draft as written


def test_html_links_around_a_channel_plug_do_not_hide_it() -> None:
    text = 'check out my channel &gt;&gt; <a href="https://www.youtube.com/@example">my channel</a>'
    assert review(text).verdict == "pushy"


def test_a_close_call_says_so_and_is_never_scored_as_certain() -> None:
    model = load_weights()
    close_calls = 0
    for path in sorted((ROOT / "data").glob("registers-*.jsonl")):
        for example in load_examples(path):
            reading = read_draft(Draft(example.text, example.context))
            chances = weigh_draft(reading, judge_rules(reading), model).probability
            unsure = [p for p, chance in chances.items() if 0.3 < chance < 0.7]
            result = review(example.text, example.context)
            said = [note for note in result.notes if "close call" in note]
            assert bool(said) == bool(unsure), example.id
            if unsure:
                close_calls += 1
                assert result.score < 100, example.id
    assert close_calls > 10  # the registers hold plenty of posts a careful reader would hesitate over


LABELLED = sorted((ROOT / "data").glob("drafts-*.jsonl")) + sorted((ROOT / "data").glob("registers-*.jsonl"))


def _labelled(path: Path) -> list[LabelledDraft]:
    return [
        LabelledDraft(e.id, e.text, e.context, None, "pushy" if e.verdict == "pushy" else "ok", e.violations)
        for e in load_examples(path)
    ]


@pytest.mark.parametrize("path", LABELLED, ids=[p.name for p in LABELLED])
def test_every_finding_quotes_the_draft_and_no_ask_scores_full_marks(path: Path) -> None:
    items = _labelled(path)
    reviews = [review(item.text, item.context) for item in items]
    for item, result in zip(items, reviews, strict=True):
        for finding in result.findings:
            for span in finding.spans:
                assert item.text[span.start : span.end] == span.text, item.id
        if result.verdict == "pushy":
            assert result.score < 50, item.id
        else:
            assert result.score >= 50, item.id
        help_finding = result.finding(OFFER_HELP)
        if help_finding is not None and not help_finding.passed:
            assert result.score < 100, item.id
    assert score_reviews(items, reviews).total == len(items)


@needs_shared
def test_real_posts_are_judged_far_better_than_chance() -> None:
    """Tuned on: this is the fit on the real set the model learned from, not a held-out figure."""
    items = _labelled(REAL_DEV)
    report = score_reviews(items, [review(i.text, i.context) for i in items])
    assert report.accuracy >= 0.85 and report.mcc >= 0.6


@pytest.mark.parametrize("path", LABELLED, ids=[p.name for p in LABELLED])
def test_reviewing_weighs_exactly_the_features_training_sees(path: Path) -> None:
    """The fast sums used when reviewing match the feature names `party-coach train` learns from."""
    model = load_weights()
    for example in load_examples(path):
        reading = read_draft(Draft(example.text, example.context))
        outcomes = judge_rules(reading)
        fast = weigh_draft(reading, outcomes, model).probability
        reference = weigh(draft_features(reading, outcomes), model).probability
        assert fast == pytest.approx(reference, abs=1e-9), example.id


def test_the_quick_tokeniser_finds_exactly_the_full_patterns_tokens() -> None:
    for path in LABELLED:
        for example in load_examples(path):
            visible = read_draft(Draft(example.text, example.context)).visible
            assert word_tokens(visible) == FULL_TOKEN.findall(visible, 0, MAX_CHARS), example.id


def test_a_model_that_has_met_the_words_before_weighs_exactly_as_a_fresh_one() -> None:
    """Remembered tokens (one per word, not per name) give the same sums: two links are two sites."""
    drafts = [
        Draft("Our new course is live at shop.example.com/buy, link in bio!"),
        Draft("The docs at github.com/acme/tool/wiki cover it; shop.example.com/buy is our store."),
        Draft("Sooooo good!!! What has worked for you?", "Any tips for cold outreach?"),
    ]
    warm = load_weights()
    for draft in drafts * 2:
        reading = read_draft(draft)
        outcomes = judge_rules(reading)
        fresh = weigh_draft(reading, outcomes, load_weights()).probability
        assert weigh_draft(reading, outcomes, warm).probability == fresh, draft.text


@pytest.mark.parametrize(
    ("visible", "tokens"),
    [
        ("don't @ @sam #tag # 3.5 x", ["don't", "@", "@sam", "#tag", "#", "3.5", "x"]),
        ("café2go 10x! é_é", ["café", "2", "go", "10", "x", "!", "é", "é"]),
        (
            "see www.example.com/a or shop.example.io now",
            ["see", "www.example.com/a", "or", "shop.example.io", "now"],
        ),
        ("not a link: shop.example.io.", ["not", "a", "link", ":", "shop", ".", "example", ".", "io", "."]),
    ],
)
def test_the_tokeniser_reads_words_handles_tags_numbers_and_symbols(visible: str, tokens: list[str]) -> None:
    assert word_tokens(visible) == tokens
