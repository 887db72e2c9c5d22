"""The message a draft replies to: does it ask for a recommendation, vendor, price, date or the offer?"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.review.offline_hidden import HIDDEN_MARKS, HIDDEN_WORDS, mask_hidden
from bot.review.offline_lexicon import table_rows
from bot.review.offline_normalise import WORD, normalise, word_set
from bot.review.offline_sentences import stem

# Context that asks for something: trigger words | pattern. A match means a pitch in reply was invited.
PULL_TABLE = r"""
what
    what\s+are\s+(?:you|y'?all|people|folks)\s+(?:all\s+)?(?:working\s+on|building|making|shipping|launching|hacking\s+on)\b
tell share drop show plug post
    (?:tell\s+us\s+about|share|drop|show\s+(?:us|me|off)|plug|post)\s+(?:your|what\s+you(?:'re|\s+are)?)\s*
    (?:own\s+)?(?:projects?|work|channels?|links?|stuff|startups?|apps?|games?|art|music|sites?|products?|side\s+projects?
    |building|working\s+on|making)\b
self | (?<!no\s)(?<!not\s)(?<!dont\s)(?<!don't\s)self[-\s]?promo(?:tion)?\b
recommend recommends recommended recommending recommendation recommendations recs rec | \w+
suggestion suggestions | suggestions?\s+(?:for|on)\s+(?:a|an|any|good)\b
anyone anybody someone you
    \w+\s+(?:know|knows|have|got)\s+(?:of\s+)?(?:a|an|any)\s+(?:good|decent|reliable|cheap
    |great)\s+%RESOURCE%
is are
    (?:is|are)\s+there\s+(?:a|an|any)\s+(?:good|decent|reliable|cheap|great|affordable|solid|simple|free|better)\s+
    %RESOURCE%\w+
know knows
    knows?\s+(?:of\s+)?(?:a|an|any)\s+(?:good\s+)?(?:tool|app|service|vendor|shop|store|place|company
    |plugin|software)
what
    what\s+(?:are|do|does|is|should)\s+(?:people|you|folks|y'?all|everyone|teams|you\s+guys|others
    |you\s+all|i)\s+(?:using|use|recommend|suggest|go\s+with|buy|pay\s+for)\b
what
    what(?:'s|\s+is|\s+are)\s+(?:a\s+|an\s+|the\s+|some\s+)?(?:good|best|decent|reliable|cheap|affordable
    |solid|favorite|favourite|go-to)\s+(?!(?:way|approach|method|strategy|time|practice|thing|habit|idea
    |rule|advice|tip)s?\b)
what do can send share
    (?:what(?:'s|\s+is|\s+are)|do\s+you\s+have|can\s+(?:you|i)\s+get|send\s+me|share)\b[^?.!]{0,30}\b
    (?:price|prices|pricing|rates?|quote|fees?|cost)\b
price pricing rates cost | (?:price|pricing|rates|cost)\s*\?
which
    which\s+(?:[\w$-]+\s+){1,5}(?:should|would|do)\s+(?:i|you|we)\s+(?:get|buy|use|choose|pick|go\s+with)\b
who | who\s+(?:do|should|would)\s+(?:you|i)\s+(?:use|hire|call|go\s+to|recommend)\b
looking
    looking\s+for\s+(?:a|an)\s+(?:good\s+|reliable\s+|cheap\s+|local\s+)?(?!(?:way|advice|tip|job|role
    |co-?founder)s?\b)\w+
looking | looking\s+for\s+(?:someone|somebody|anyone)\s+(?:who|to|in|near|that|around)\b
need needs | needs?\s+(?:someone|somebody)\s+(?:to|who|for)\b
lmk | lmk\s+(?:your\s+)?(?:rates|prices?|pricing|quotes?|cost)\b
where
    where\s+(?:can|do|should|could)\s+(?:i|we|you|one)\s+(?:buy|get|find|order|purchase|pick\s+up|grab
    |sign\s+up)\b|where\s+to\s+(?:buy|get|find|order)\b|where\s+did\s+you\s+(?:get|buy)\b|where(?:'s
    |\s+is)\s+the\s+link\b
how
    how\s+much\s+(?:is|are|was|would|will|for|to|do\s+you\s+charge|does\s+(?:it|this|that|one|a|an
    |the)\s+\w+\s+cost|do\s+(?:they|these|you)\s+(?:cost|charge|go\s+for|run))\b
how | how\s+(?:do|can)\s+i\s+(?:order|buy|sign\s+up|join|book|get\s+(?:one|it|this|that))\b
when
    when\s+(?:is|does|will|do|are|can)\b[^?]{0,40}\b(?:release|launch|out|available|ship|open|drop|start
    |come\s+out|go\s+on\s+sale|back\s+in\s+stock|restock|next\s+(?:batch|drop|session|cohort|class))
release | release\s+date\b
eta | eta\b
what how
    (?:what|how)\s+(?:would|will|does|do|is)\s+(?:the\s+)?(?:pricing|price|it\s+cost|this\s+cost)\b
is are
    (?:is|are)\s+(?:it|this|these|they|you|the\s+\w+(?:\s+\w+)?)\s+(?:still\s+)?(?:available|in\s+stock
    |open|taking|coming)\b
do
    do\s+you\s+(?:ship|deliver|sell|have\s+(?:any|a|it|this|one)|offer|make|take|accept|carry|stock|cater
    |do)\b
can | can\s+i\s+(?:order|book|buy|get\s+(?:one|it|this)|preorder|pre-order|purchase|reserve)\b
are | are\s+you\s+(?:taking|accepting|open|available)\b
any | any\s+(?:openings|availability|slots|spots)\b|any\s+%DEAL%
is got do | (?:is\s+there\s+(?:a|any)|got\s+a|do\s+you\s+have\s+(?:a|any))\s+(?:[a-z-]+\s+)?%DEAL%
link | link\s*\?
send | send\s+(?:me\s+)?(?:the\s+)?link\b
interested | interested\b
take | take\s+my\s+money
anyone anybody who someone | (?:anyone|anybody|who'?s|someone)\s+(?:selling|sells|renting|offering)\b
wtb | wtb\b
looking want wanting | (?:looking|want|wanting)\s+to\s+(?:buy|hire|rent)\b
budget | budget\s+(?:is\s+|of\s+|around\s+|about\s+|~\s*)?[$€£]?\d[\d,.]*k?(?![\w])
does do
    (?:does|do)\s+(?:anyone|anybody|someone)\s+(?:here\s+)?(?:do|make|sell|offer|fix|repair|teach|tutor
    |cater|deliver|rent)\b
for | for\s+hire\s*\?
quelqu vous | (?:quelqu'un|vous)\s+(?:conna[i\u00ee]t|connaissez|conseille|recommande)
connaît connait | conna[i\u00ee]t\s+(?:un|une)\s+bon
alguien alguno | (?:alguien|alguno)\s+(?:conoce|recomienda)
cuánto cuanto | cu[a\u00e1]nto\s+(?:cuesta|cobran|vale)
dónde donde | d[o\u00f3]nde\s+(?:compro|puedo\s+comprar)
alguém alguem | algu[e\u00e9]m\s+(?:conhece|recomenda|indica)
quanto | quanto\s+custa
combien | combien\b
kennt | kennt\s+jemand
was | was\s+kostet
empfehlen empfehlung empfehlungen empfiehlt empfehlt | \w+
"""

# The message replied to: does it ask for a recommendation, vendor, price, date or the offer itself?

_PULL_TRIGGERS: dict[str, list[re.Pattern[str]]] = {}
for _words, _pattern in table_rows(PULL_TABLE, 2):
    _compiled = re.compile(_pattern)
    for _word in _words.split():
        _PULL_TRIGGERS.setdefault(_word, []).append(_compiled)


@dataclass(slots=True, frozen=True)
class ContextReading:
    """What the message being replied to asks for."""

    pull: str | None  # the words that ask for a recommendation, vendor, price, date or the offer
    complaint: bool
    question: bool
    stems: frozenset[str]
    asks_price: bool = False  # anywhere in the message, not only in the words that make the pull


# Words and phrases of an unhappy customer, so a make-good offer isn't mistaken for a pitch.
_COMPLAINT_WORDS = word_set(
    """broken broke damaged late missing refund disappointed disappointing terrible awful worst
    unacceptable angry frustrated frustrating crash crashed crashes crashing rude down outage error
    errors bug bugs glitch glitchy problem issue stuck overcharged ridiculous scam wtf useless"""
)
_COMPLAINT_PHRASES: dict[str, re.Pattern[str]] = {
    word: re.compile(pattern)
    for word, pattern in (
        ("never", r"never\s+(?:arrived|came|showed)"),
        ("still", r"still\s+(?:waiting|hasn'?t|not|no\b|nothing|broken|down)"),
        ("nobody", r"nobody\s+(?:picks|answers|responds|replied|called|got\s+back)"),
        ("wrong", r"wrong\s+(?:order|item|size)"),
        ("charged", r"charged\s+(?:twice|me\s+twice)"),
        ("logged", r"logged\s+me\s+out"),
        ("fix", r"fix\s+it\b"),
        ("doesn", r"doesn'?t\s+work"),
        ("doesnt", r"doesnt\s+work"),
        ("not", r"not\s+working"),
        ("no", r"no\s+(?:response|reply|answer|one\s+(?:picks|answers|responds|replied|called))"),
        ("ignored", r"ignored"),
        ("can", r"can'?t\s+(?:log|pay|access|sign|get|use|find)"),
        ("cant", r"cant\s+(?:log|pay|access|sign|get|use|find)"),
        ("where", r"where(?:'s|\s+is)\s+my\b"),
        ("hasn", r"hasn'?t\s+(?:arrived|shipped|come)"),
        ("lost", r"lost\s+my\b"),
        ("fed", r"fed\s+up"),
        ("cold", r"cold\s+food"),
    )
}
_PRICE_QUESTION = re.compile(
    r"\bhow\s+much\b|\blmk\s+(?:your\s+)?(?:rates|prices?|pricing|quotes?|cost)\b|\b(?:charges?|charging|pric(?:e|es|ed|ing)|rates?|costs?|fees?|quotes?|budget)\b[^.!\n]*\?"
)
_ASK_START = re.compile(
    r"\s*(?:how|what|where|when|who|which|why|is|are|do|does|can|could|should|any|anyone)\b"
)


def read_context(context: str | None) -> ContextReading | None:
    """Read the message the draft replies to, or None when there is none."""
    if not context or not context.strip():
        return None
    return _read_context(context)


@lru_cache(maxsize=1024)
def _read_context(context: str) -> ContextReading:
    """Cached: replies in one thread share the message they answer, and the reading is never changed."""
    text = normalise(context).text
    if any(mark in text for mark in HIDDEN_MARKS) or not HIDDEN_WORDS.isdisjoint(text.split()):
        text = mask_hidden(text, checked=True)[0]
    pull: str | None = None
    complaint = False
    stems: set[str] = set()
    for word in WORD.finditer(
        text
    ):  # one pass: what they ask for, whether they complain, what they talk about
        token = word[0]
        if pull is None and token in _PULL_TRIGGERS:
            for pattern in _PULL_TRIGGERS[token]:
                found = pattern.match(text, word.start())
                if found:
                    pull = found.group().strip()
                    break
        if not complaint and token in _COMPLAINT_PHRASES:
            complaint = bool(_COMPLAINT_PHRASES[token].match(text, word.start()))
        root = stem(token)
        if root:
            stems.add(root)
            complaint = complaint or token in _COMPLAINT_WORDS
    return ContextReading(
        pull=pull,
        complaint=complaint,
        question="?" in text or bool(_ASK_START.match(text)),
        stems=frozenset(stems),
        asks_price=pull is not None and bool(_PRICE_QUESTION.search(text)),
    )
