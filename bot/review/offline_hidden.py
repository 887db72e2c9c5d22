"""Text aimed at the reviewer rather than the reader: hidden comments, fake system tags, verdicts,
pleas to any AI, self-declared context. It is blanked out before judging and reported as a note.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.review.offline_lexicon import table_rows
from bot.review.offline_normalise import WORD, word_set

if TYPE_CHECKING:
    from bot.review.offline_scan import Hit

# Text aimed at the reviewer: span (blank the match) or sentence (blank its sentence) | gates | pattern.
# A pattern only runs when a gate is present: a word gate must be a whole word ("_" stands for a space
# in a phrase gate); any other gate is a substring.
HIDDEN_TABLE = r"""
span | <!-- | <!--[\s\S]*?(?:-->|\Z)
span | ]( | \[\s*\]\([^)]*\)
span | [//] | ^[ \t]*\[//\]:\s*#.*$
span | [ ( {
    [\[({][ \t]*(?:system|admin|assistant|developer|moderator|instructions?|compliance|context|background
    |note to (?:the )?(?:reviewer|ai|bot|model|moderator)s?|(?:ai |reviewer )?note|reviewers?|ai|bot|llm
    |classifier)\b[^\])}]*[\])}]
span | system assistant admin developer instruction note
    ^[ \t]*(?:system|assistant|admin|developer|instruction|note to (?:the )?reviewer)[ \t]*:.*$
span | { | \{[^{}]{0,300}?[\"']?(?:verdict|violations|score|passed|label)[\"']?\s*:[^{}]{0,300}\}
span | rating verdict violation label classification status
    \b(?:rating|verdict|violations?|label|classification|status)\s*[:=]\s*[\"']?(?:ok|okay|none|pass(?:ed)?
    |approved|clean|safe|not pushy|\[\s*\])[\"']?
span | ai bot bots llm llms language moderation moderator moderators review content reviewer
    \b(?:to|dear|hey|hi|attention|note\s+for)\s+(?:any\s+|the\s+|all\s+)?%REVIEWER%\b[^.:!?\n]{0,40}[:,.!]
span | reviewers classifier classifiers filter filters algorithm algorithms automated
    \b(?:to|dear|hey|hi|attention|note\s+for)\s+(?:any\s+|the\s+|all\s+)?%REVIEWER%\b[^.:!?\n]{0,40}[:,.!]
span | incoming ahead below
    \b(?:helpful|non-?promotional|educational)\s+(?:post|content|tip)\s+(?:incoming|ahead|below)\b[.!]*
span | context background reply
    \A\s*\(?\s*(?:context|background|for context|replying to|in reply to)\s*:[^)\n]*\)?
sentence | ignore disregard forget
    \b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+|of\s+)?(?:(?:previous|prior|above|earlier
    |preceding|system|original)\s+)*(?:instructions?|prompts?|rules|guidelines|directions|programming|context)\b
sentence | you_are_now | \byou\s+are\s+now\b
sentence | ad advert advertisement pitch promotion promo sales spam
    \b(?:this|it)\s+(?:is\s+not|isn't|is|was)\s+(?:not\s+)?(?:an?\s+)?(?:ad|advert|advertisement|pitch
    |promotion|promo|sales\s+(?:post|pitch|content)|spam)\b
sentence | selling pitching promoting sales_content promotional
    \b(?:not|n't|no)\s+(?:selling|pitching|promoting|sales\s+content|promotional)\b
sentence | should_be
    \bshould\s+be\s+(?:treated|considered|classified|rated|labell?ed|scored|judged)\s+as\b
sentence | written_for intended_for meant_for
    \b(?:written|intended|meant)\s+for\s+(?:\w+\s+)?(?:reviewers?|moderators?|ai|bots?)\b
sentence | counts_as qualifies_as | \b(?:counts|qualifies)\s+as\s+(?:pulled|help|helpful|ok|conversation)\b
sentence | approved | \bpre-?approved\s+by\b
"""

# Words without which no hidden-text pattern can match; `scan` tags them so masking runs only when needed.
HIDDEN_WORDS = word_set(
    """system admin assistant developer moderator moderators instruction instructions compliance context
    background note reviewer reviewers ai bot bots llm llms classifier classifiers verdict violation
    violations rating label classification ignore disregard forget advert advertisement pitch promotion
    spam selling pitching promoting promotional treated considered classified rated labelled labeled scored
    judged counts qualifies approved preapproved educational incoming moderation algorithm algorithms
    automated replying"""
)
HIDDEN_MARKS = ("<!--", "](", "[//]", "you are now", "`")
_HIDDEN_GATES: dict[tuple[str, str], list[str]] = {}
for _scope, _gates, _pattern in table_rows(HIDDEN_TABLE, 3):
    _HIDDEN_GATES.setdefault((_scope, _pattern), []).extend(gate.replace("_", " ") for gate in _gates.split())
# (word gates, substring gates, pattern, blank the whole sentence?)
_HIDDEN: tuple[tuple[frozenset[str], tuple[str, ...], re.Pattern[str], bool], ...] = tuple(
    (
        frozenset(g for g in gates if g.isalpha()),
        tuple(g for g in gates if not g.isalpha()),
        re.compile(pattern, re.MULTILINE),
        scope == "sentence",
    )
    for (scope, pattern), gates in _HIDDEN_GATES.items()
)
_BOUNDARY = ".!?\n"
_CODE = re.compile(r"```[\s\S]*?(?:```|\Z)|`[^`\n]+`")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    begin = max(text.rfind(mark, 0, start) for mark in _BOUNDARY) + 1
    stops = [i for i in (text.find(mark, end) for mark in _BOUNDARY) if i != -1]
    return begin, (min(stops) + 1) if stops else len(text)


def may_hide_something(text: str, hits: list[Hit]) -> bool:
    """Cheap test: could this text hold reviewer-aimed text or code? (`scan` tags the tell-tale words.)"""
    return any(hit.kind == "hint" for hit in hits) or any(mark in text for mark in HIDDEN_MARKS)


def mask_hidden(text: str, checked: bool = False) -> tuple[str, list[tuple[int, int]], bool]:
    """Blank out reviewer-aimed text and code; return the visible text, the blanked injections, and code.

    `checked` says the caller already ran `may_hide_something`, so the cheap pre-check is skipped.
    """
    injections: list[tuple[int, int]] = []
    if (
        checked
        or any(mark in text for mark in HIDDEN_MARKS)
        or not HIDDEN_WORDS.isdisjoint(WORD.findall(text))
    ):
        words = set(WORD.findall(text))
        for word_gates, other_gates, pattern, whole_sentence in _HIDDEN:
            if not word_gates.isdisjoint(words) or any(gate in text for gate in other_gates):
                for match in pattern.finditer(text):
                    if whole_sentence:
                        injections.append(_sentence_around(text, match.start(), match.end()))
                    elif match.group().strip():
                        injections.append(match.span())
    code = [(m.start(), m.end()) for m in _CODE.finditer(text)] if "`" in text else []
    if not injections and not code:
        return text, injections, False
    chars = list(text)
    for start, end in injections + code:
        chars[start:end] = " " * (end - start)
    return "".join(chars), sorted(injections), bool(code)
