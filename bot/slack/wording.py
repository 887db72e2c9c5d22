"""Everything Party Coach says in Slack that isn't a review, written for a marketer, not a developer."""

from __future__ import annotations

from bot.principles import PrincipleSet
from bot.slack.message import SlackMessage, context, section
from bot.slack.mrkdwn import escape
from bot.tips import TipOfTheDay
from bot.wording import TIP_HEADING, feedback_thanks, tip_credit

COMMAND = "/review"
REVIEWING = "Reviewing your draft… :hourglass_flowing_sand:"
REVIEWING_EDIT = "Reviewing your edit… :hourglass_flowing_sand:"
REVIEWING_MESSAGE = "Reviewing this message… :hourglass_flowing_sand: Only you will see the review."
CANT_READ = (
    "I can't read messages in that channel yet, so I couldn't review it. "
    "Invite me with `/invite @Party Coach` in the channel, then add the reaction again."
)
MESSAGE_GONE = (
    "I couldn't find that message any more (it may have been deleted), so there's nothing to review."
)


def help_message(review_emoji: str) -> SlackMessage:
    """What /review help shows."""
    lines = [
        "*Party Coach* reviews a post before you publish it, like a friend at a party would: "
        "*converse first*, *offer help*, and *pitch only when pulled*.",
        f"• `{COMMAND} your draft text` — a private review, only you see it",
        f"• `{COMMAND}` on its own — a form for your draft and the post you're replying to",
        f"• React with :{review_emoji}: to any message — the review appears in its thread",
        "• Message menu (⋯) → *Review with Party Coach* — a private review of any message",
        f"• `{COMMAND} tip` — today's tip",
        f"• `{COMMAND} forget me` — delete your drafts, reviews and feedback from my log",
        f"• `{COMMAND} settings` — admins: this channel's drafts, daily tip, emoji and reviewer",
        "Each review has *Helpful* / *Not helpful* buttons: your votes make the coach better. "
        "Open my *Home* tab to see your recent reviews and how your pushy rate changes week by week.",
    ]
    return SlackMessage(text="How to use Party Coach", blocks=[section("\n".join(lines))])


def tip_message(tip: TipOfTheDay, principles: PrincipleSet) -> SlackMessage:
    """The daily tip, as posted in a channel or shown by /review tip."""
    title = principles.title(tip.tip.principle)
    body = f":bulb: *{TIP_HEADING}* · {escape(title)}\n{escape(tip.tip.text)}"
    return SlackMessage(
        text=f"{TIP_HEADING} ({title}): {tip.tip.text}",
        blocks=[section(body), context(tip_credit(tip))],
    )


def thanks_for_feedback(helpful: bool) -> str:
    """The thank-you for a Helpful / Not helpful click."""
    return f"{':raised_hands:' if helpful else ':memo:'} {feedback_thanks(helpful)}"
