"""Everything Party Coach says in Slack that isn't a review, written for a marketer, not a developer."""

from __future__ import annotations

from bot.principles import PrincipleSet
from bot.slack.message import SlackMessage, context, section
from bot.slack.mrkdwn import escape
from bot.tips import TipOfTheDay

COMMAND = "/review"
REVIEWING = "Reviewing your draft… :hourglass_flowing_sand:"
REVIEWING_EDIT = "Reviewing your edit… :hourglass_flowing_sand:"
REVIEWING_MESSAGE = "Reviewing this message… :hourglass_flowing_sand: Only you will see the review."
SORRY = "Sorry, something went wrong on my side and I couldn't finish this. Please try again in a minute."
CANT_READ = (
    "I can't read messages in that channel yet, so I couldn't review it. "
    "Invite me with `/invite @Party Coach` in the channel, then add the reaction again."
)
NO_TEXT = "That message has no text for me to review. I review the words of a post, not images or files."
MESSAGE_GONE = (
    "I couldn't find that message any more (it may have been deleted), so there's nothing to review."
)
BAD_DRAFT = "I can't review that: {reason}."


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
        "Each review has *Helpful* / *Not helpful* buttons: your votes make the coach better. "
        "Open my *Home* tab to see your recent reviews and how your pushy rate changes week by week.",
    ]
    return SlackMessage(text="How to use Party Coach", blocks=[section("\n".join(lines))])


def tip_message(tip: TipOfTheDay, principles: PrincipleSet) -> SlackMessage:
    """The daily tip, as posted in a channel or shown by /review tip."""
    title = principles.title(tip.tip.principle)
    body = f":bulb: *Tip of the day* · {escape(title)}\n{escape(tip.tip.text)}"
    return SlackMessage(
        text=f"Tip of the day ({title}): {tip.tip.text}",
        blocks=[section(body), context(f"Party Coach · {tip.day}")],
    )


def feedback_thanks(helpful: bool) -> str:
    if helpful:
        return ":raised_hands: Thanks! I've noted that this review was helpful."
    return (
        ":memo: Thanks for telling me. I've noted that this review wasn't helpful, and it helps me improve."
    )
