"""Reviews and tips as Discord embeds that always fit Discord's message limits."""

from __future__ import annotations

import discord

from bot.review.model import Finding, Review
from bot.text_fit import shorten
from bot.tips import TipOfTheDay
from bot.wording import (
    REWRITE_HEADING,
    SUGGESTIONS_HEADING,
    TIP_HEADING,
    TitleFor,
    quotes_to_show,
    review_credit,
    tip_credit,
    verdict_label,
)

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
MESSAGE_CHARS = 2000
TITLE_CHARS = 256
DESCRIPTION_CHARS = 4096
FIELD_VALUE_CHARS = 1024
FOOTER_CHARS = 2048
FIELDS_PER_EMBED = 25
EMBEDS_TOTAL_CHARS = 6000  # summed over every embed in one message

QUOTE_CHARS = 160
SUGGESTION_CHARS = 400
NOTE_CHARS = 300
LABEL_CHARS = 80  # field names are short labels; 25 of them at Discord's 256 would eat the whole message
SHORTEST_CLIP = 40

VERDICT_EMOJI = {"ok": "✅", "pushy": "⚠️"}
VERDICT_COLOURS = {"ok": discord.Colour.green(), "pushy": discord.Colour.orange()}


def clip(text: str, limit: int) -> str:
    """Trimmed, then shortened to `limit` characters at a word break when one is near."""
    # Discord drops the whitespace around embed text anyway; trimming first keeps the limits honest.
    return shorten(text.strip(), limit)


def quote(span: str) -> str:
    one_line = " ".join(span.split())
    return f"> “{discord.utils.escape_markdown(clip(one_line, QUOTE_CHARS))}”"


def finding_field(finding: Finding, title_for: TitleFor) -> tuple[str, str]:
    mark = "✅" if finding.passed else "❌"
    name = clip(f"{mark} {title_for(finding.principle)}", LABEL_CHARS)
    lines = [discord.utils.escape_markdown(finding.reason.strip()) or "—"]
    lines.extend(quote(text) for text in quotes_to_show(finding))
    return name, clip("\n".join(lines), FIELD_VALUE_CHARS)


def suggestion_fields(suggestions: list[str], room: int) -> list[tuple[str, str]]:
    """Bullets packed into as many fields as needed (at most `room`), never splitting one suggestion."""
    fields: list[tuple[str, str]] = []
    current: list[str] = []
    bullets = [f"• {clip(s, SUGGESTION_CHARS)}" for s in suggestions if s.strip()]
    for bullet in bullets:
        if current and len("\n".join([*current, bullet])) > FIELD_VALUE_CHARS:
            fields.append(("", "\n".join(current)))
            current = []
        current.append(bullet)
    if current:
        fields.append(("", "\n".join(current)))
    fields = fields[:room]
    return [(SUGGESTIONS_HEADING if n == 0 else "More ideas", value) for n, (_, value) in enumerate(fields)]


def review_embeds(review: Review, review_id: int | None, title_for: TitleFor) -> list[discord.Embed]:
    """The review, then the suggested rewrite (if any), within every per-field and per-message limit."""
    lines = [f"Score {review.score}/100"]
    lines.extend(f"ℹ️ {clip(note, NOTE_CHARS)}" for note in review.notes)
    embed = discord.Embed(
        title=f"{VERDICT_EMOJI[review.verdict]} {verdict_label(review.verdict)}",
        description=clip("\n".join(lines), DESCRIPTION_CHARS),
        colour=VERDICT_COLOURS[review.verdict],
    )
    findings = review.findings[: FIELDS_PER_EMBED - 1]
    for finding in findings:
        name, value = finding_field(finding, title_for)
        embed.add_field(name=name, value=value, inline=False)
    for name, value in suggestion_fields(review.suggestions, FIELDS_PER_EMBED - len(findings)):
        embed.add_field(name=name, value=value, inline=False)
    embed.set_footer(text=clip(footer(review, review_id), FOOTER_CHARS))
    embeds = [embed]
    if review.rewrite and review.rewrite.strip():
        rewrite = discord.Embed(title=REWRITE_HEADING, colour=discord.Colour.blurple())
        rewrite.description = clip(review.rewrite, DESCRIPTION_CHARS)
        embeds.append(rewrite)
    return fit_total(embeds)


def footer(review: Review, review_id: int | None) -> str:
    return review_credit(review) + (f" · review #{review_id}" if review_id is not None else "")


def fit_total(embeds: list[discord.Embed], limit: int = EMBEDS_TOTAL_CHARS) -> list[discord.Embed]:
    """Trim the longest descriptions and field values until all embeds together fit one message."""
    while (excess := sum(len(e) for e in embeds) - limit) > 0:
        parts: list[tuple[int, discord.Embed, int | None]] = [
            (len(e.description or ""), e, None) for e in embeds
        ]
        parts += [(len(f.value or ""), e, n) for e in embeds for n, f in enumerate(e.fields)]
        size, embed, index = max(parts, key=lambda part: part[0])
        if size <= SHORTEST_CLIP:
            raise ValueError("embeds can't be trimmed to fit one Discord message")
        target = max(SHORTEST_CLIP, size - excess)
        if index is None:
            embed.description = clip(embed.description or "", target)
        else:
            field = embed.fields[index]
            embed.set_field_at(
                index, name=field.name or "", value=clip(field.value or "", target), inline=bool(field.inline)
            )
    return embeds


def tip_embed(tip: TipOfTheDay, title_for: TitleFor) -> discord.Embed:
    embed = discord.Embed(
        title=clip(f"💡 {TIP_HEADING} · {title_for(tip.tip.principle)}", TITLE_CHARS),
        description=clip(tip.tip.text, DESCRIPTION_CHARS),
        colour=discord.Colour.gold(),
    )
    embed.set_footer(text=tip_credit(tip))
    return embed


def one_line(text: str) -> str:
    """A plain message that fits Discord's content limit."""
    return clip(text, MESSAGE_CHARS)
