"""What the offline reviewer can see in a text: normalised wording, hidden tricks and tagged phrases.

Everything is compiled once at import. Reading a draft is one pass over its words (a dictionary lookup
per word; only trigger words run patterns) plus a few regex passes that start with a literal or a
character class, which lets the regex engine skip ahead instead of trying every position.
Offsets refer to the normalised text; `Normalised.draft_range` maps them back to the draft.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

# ----------------------------------------------------------------------------------------------------------
# Normalisation: undo disguises, so 'D M  m e', 'ＤＭ me' and 'DM\u200bme' all read 'dm me'.
# ----------------------------------------------------------------------------------------------------------

# Characters people slip between letters to dodge filters; readers never see them.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064\u034f\u2028\u2029")
_PUNCT = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2009": " "}
# Cyrillic and Greek letters that look Latin. Swapped in only when the text is mostly Latin, or inside a word
# that mixes scripts, so a genuinely Russian or Greek post is left alone.
_LOOKALIKES = str.maketrans("аеорсухіјѕһԁӏвкмнтοαρικτυεν", "aeopcyxijshdlbkmhtoapiktuev")
_TRICKY = re.compile("[" + "".join(sorted(_INVISIBLE)) + r"\u0370-\u03ff\u0400-\u04ff\u0300-\u036f]")
_LATIN = re.compile(r"[a-z]")
_FOREIGN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W_]+")
# Three or more lone letters with one separator between them ("l i n k", "D.M.E"); two spaces split words.
_SPACED = re.compile(r"(?<![^\W_])[^\W\d_](?:(?: {1,2}|[.*_·\-])[^\W\d_](?![^\W_])){2,}")
_JOINED_LETTERS = re.compile(r"[.*_·-](?<=[^\W\d_][.*_·-])(?=[^\W\d_][.*_·-][^\W\d_])")
# Caches of small, repeated computations; cleared when full so a long-running bot doesn't grow without bound.
CACHE_LIMIT = 50_000
_char_cache: dict[str, str] = {}


def _word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read and edit than a list)."""
    return frozenset(text.split())


@dataclass(slots=True)
class Normalised:
    """Lower-cased, NFKC, de-obfuscated text; `origin[i]` is the draft index of character i."""

    text: str
    origin: list[int] | None  # None means the identity mapping

    def draft_range(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def _fold(char: str) -> str:
    folded = _char_cache.get(char)
    if folded is None:
        if char in _INVISIBLE:
            folded = ""
        else:
            base = _PUNCT.get(char) or unicodedata.normalize("NFKC", char).lower()
            folded = "".join(c for c in base if unicodedata.category(c) != "Mn" and c not in _INVISIBLE)
        if len(_char_cache) >= CACHE_LIMIT:
            _char_cache.clear()
        _char_cache[char] = folded
    return folded


def _unmix(word: re.Match[str]) -> str:
    """A word mixing Latin with look-alike letters is a disguise; a wholly Cyrillic word is left alone."""
    text = word.group()
    return text.translate(_LOOKALIKES) if _LATIN.search(text) and _FOREIGN.search(text) else text


def _maybe_spaced(text: str) -> bool:
    """Cheap test for letter spacing: three lone letters in a row, or letters joined by dots or dashes."""
    tokens = text.split()
    if list(map(len, tokens)).count(1) >= 3:
        run = 0
        for token in tokens:
            run = run + 1 if len(token) == 1 and token.isalpha() else 0
            if run >= 3:
                return True
    return bool(_JOINED_LETTERS.search(text))


def normalise(text: str) -> Normalised:
    """Fold case, compatibility forms, invisible characters, look-alike letters and letter spacing."""
    if text.isascii():
        if not _maybe_spaced(text):
            return Normalised(text.lower(), None)
    elif unicodedata.is_normalized("NFKC", text) and not _TRICKY.search(text):
        # Most emoji-laden posts need nothing but case folding and straight quotes, one for one.
        lowered = text.lower()
        for curly, plain in _PUNCT.items():
            if curly in lowered:
                lowered = lowered.replace(curly, plain)
        if len(lowered) == len(text) and not _maybe_spaced(lowered):
            return Normalised(lowered, None)
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else _fold(char)
        for piece in folded:
            chars.append(piece)
            origin.append(index)
    flat = "".join(chars)
    if _FOREIGN.search(flat):
        if len(_LATIN.findall(flat)) > len(_FOREIGN.findall(flat)):
            flat = flat.translate(_LOOKALIKES)
        else:
            flat = _LETTERS.sub(_unmix, flat)
    spaced = list(_SPACED.finditer(flat))
    if not spaced:
        return Normalised(flat, origin)
    keep: list[str] = []
    keep_origin: list[int] = []
    cursor = 0
    for match in spaced:
        keep.extend(flat[cursor : match.start()])
        keep_origin.extend(origin[cursor : match.start()])
        for i in range(match.start(), match.end()):
            char = flat[i]
            # A double space between spaced-out letters is the word break; single separators go.
            if char.isalpha() or (char == " " and flat[i - 1] == " "):
                keep.append(char)
                keep_origin.append(origin[i])
        cursor = match.end()
    keep.extend(flat[cursor:])
    keep_origin.extend(origin[cursor:])
    return Normalised("".join(keep), keep_origin)


# ----------------------------------------------------------------------------------------------------------
# Rule tables. Each row is ' | '-separated fields; a line indented by four spaces continues the row's
# pattern; '#' lines are comments. %NAME% stands for a shared fragment defined just below.
# ----------------------------------------------------------------------------------------------------------

_FRAGMENTS = {
    "%DAY%": r"(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    "%SPOT%": r"(?:spot|seat|place|slot|table|copy|ticket|tickets|kit|bundle|appointment|session)",
    "%PRODUCT%": (
        r"(?:new\s+|latest\s+|own\s+)?(?:products?|services?|business|app|apps|tool|platform|software|saas|solutions?"
        r"|program(?:me)?s?|course|courses|coaching|cohort|agency|firm|shop|store|clinic|brand|kit|bundle|packages?"
        r"|plans?|pricing|prices|rates|menu|collection|listings?|e-?book|masterclass|workshops?|webinar|membership"
        r"|plugin|extension|asset|game|book|crm|erp|api|sdk|bot|dashboard|offer|deals?|sale|classes|subscription"
        r"|box|formula|supplements?|template\s+pack|(?:ai|crypto)\s+\w+|q\d\s+\w+|\d+[\s-]*week\s+\w+)\b"
    ),
    "%RESOURCE%": (
        r"(?!(?:template|resource|guide|tutorial|checklist|article|doc|docs|example|explanation|way|tip|advice|method"
        r"|trick|video|walkthrough|reference|source|spreadsheet|script|framework|formula|rule|read|book)s?\b)"
    ),
    "%DEAL%": r"(?:discount|promo|coupon|codes?|deals?)\b",
    "%REVIEWER%": (
        r"(?:ai|bots?|llms?|language\s+models?|(?:ai\s+)?(?:moderation|review|content)\s+(?:tools?|bots?|systems?)"
        r"|moderators?|reviewers?|classifiers?|filters?|algorithms?|automated\s+\w+)"
    ),
}


def _table_rows(table: str, fields: int) -> list[list[str]]:
    """Parse a rule table into rows of `fields` strings, the last being the pattern."""
    rows: list[list[str]] = []
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("    "):
            rows[-1][-1] += line[4:]
            continue
        row = line.split(" | ", fields - 1)
        rows.append(row + [""] * (fields - len(row)))
    for row in rows:
        for name, fragment in _FRAGMENTS.items():
            row[-1] = row[-1].replace(name, fragment)
    return rows


# Phrases in a draft: kind | trigger words | pattern tried where a trigger word starts.
# Strong pitch kinds: contact, cta, promo, scheme. Weak ones (self_offer, urgency, hype) only count together.
RULE_TABLE = r"""
# Calls to get in touch: DM me, call us, contact us.
contact | dm pm | (?:dm|pm)\s*(?:me|us|now|today|to\b|for\b|if\b|with\b|['\"][^'\"]{1,20}['\"])
contact | dm dms | dms?\s+(?:are\s+)?open\b
contact | d | d[\s.]+m[\s.]+(?:me|us)\b
contact | send | send\s+(?:me|us)\s+an?\s+(?:dm|pm|message|text|email)
contact | slide | slide\s+into\s+(?:my|our)\s+dms
contact | message text whatsapp email inbox
    (?:message|text|whatsapp|email|inbox)\s+(?:me|us)\s*(?:to\s+(?:order|book|buy|join|get|reserve|claim
    |sign|schedule|start)|for\s+(?:pricing|prices?|details|info|a\s+quote|rates|the\s+link|more|a\s+free)
    |today|now|[!.]|$)
contact | call
    call\s+(?:me|us|now|today|to\s+(?:book|order|reserve|schedule)|for\s+(?:a|your|pricing|details)|
    (?:[a-z]+\s+){0,2}at\s+\d)
contact | give | give\s+(?:us|me)\s+a\s+(?:call|ring|buzz)
contact | contact | contact\s+(?:us|me)\b
contact | get | get\s+in\s+touch\b
contact | reach
    reach\s+out\s+(?:to\s+(?:us|me)\s+)?(?:today|now|for\s+(?:a|pricing|details)|to\s+(?:book|schedule|get))
# Commercial calls to action.
cta | link links
    links?\s+(?:is\s+|are\s+)?(?:in|on|en|na|im)\s+(?:the\s+|my\s+|our\s+|a\s+|la\s+)?(?:bio|comments?
    |profile|thread|description|first\s+comment|replies|story|stories)\b
cta | link linkinbio | link(?:\s*below|inbio)\b
cta | lien | lien\s+(?:en|dans\s+la)\s+bio
cta | tap click swipe
    (?:tap|click)\s+(?:the\s+)?(?:link|here|below|to\s+(?:shop|buy|book|order))|swipe\s+up
cta | buy purchase
    (?:buy|purchase)\s+(?:it|our|my|now|today|here|yours|ours|one|this|them|from\s+us|at|online|before
    |while|the\s+(?:bundle|course|kit|book|package|program))\b|buy\s*[!.]
cta | come
    come\s+(?:buy|get|grab|see\s+us|visit|shop|try\s+(?:our|it|us)|(?:down|in|by|over)\s+(?:to|and)\b)
cta | visit | visit\s+(?:us|our|my|the\s+(?:shop|store|site|website)|[a-z0-9-]+\.[a-z]{2,})
cta | order shop
    (?:order|shop)\s+(?:now|today|online|yours|here|ahead|your|from\s+us|the\s+(?:sale|collection|new)|our
    |my|by\s+%DAY%)\b
cta | grab get claim snag secure reserve save
    (?:grab|get|claim|snag|secure|reserve|save)\s+(?:yours|your\s+(?:free\s+)?%SPOT%s?|one\s+(?:now|today
    |before|while)|it\s+(?:now|today|here|before|while))
cta | grab get | (?:grab|get)\s+(?:our|my)\b|get\s+(?:\d+\s+months?\s+free|started\s+(?:today|now))
cta | book booking
    book(?:ing)?\s+(?:a\s+|an\s+|your\s+|my\s+|our\s+|\d+\s*-?\s*min\w*\s+)?(?:free\s+)?(?:demo|call
    |consult\w*|session|appointment|spot|slot|meeting|tour|visit|time|class|install\w*|service|cleaning
    |showing|table|stay|now|today|online|this\s+(?:week|month|weekend)|with\s+(?:me|us)|in\s+advance
    |yours)\b|book\s*!
cta | to | to\s+book\b
cta | schedule set hop jump happy
    (?:schedule\s+(?:a|your|an)\s+(?:free\s+)?(?:call|consult\w*|demo|meeting|session|appointment|tour)|
    (?:happy\s+to\s+)?set\s+up\s+a\s+(?:quick\s+)?(?:call|demo|meeting|chat)|(?:hop|jump)\s+on\s+a\s+
    (?:quick\s+)?call|happy\s+to\s+(?:hop|jump|get\s+you)\s+on\s+a\s+call)
cta | like want request get see grab
    (?:like|want|request|get|see|grab)\s+(?:a|an|our|the)\s+(?:free\s+|quick\s+|live\s+
    |personali[sz]ed\s+)?demo\b
cta | calendly | calendly
cta | sign signing signup | sign(?:ing)?[\s-]*ups?\b|signup
cta | subscribe | subscribe\b
cta | register enroll enrol enrollment enrolment
    (?:register|enrol+(?:ment)?)\s+(?:now|today|here|at|is\s+open|opens|closes)\b
cta | join
    join\s+(?:my|our|the)\s+(?:team|program(?:me)?|cohort|course|challenge|membership|wait\s*list|list
    |newsletter|masterclass|webinar|academy|vip|\d+[\s-]*(?:week|day|month))
cta | try | try\s+(?:it|us|\w+)\s+(?:free|for\s+free|risk[\s-]free)|try\s+(?:it|us)\s+(?:today|now)
cta | free
    (?<![-\w])free\s+(?:\d+[\s-]*day\s+)?trial|(?<![-\w])free\s+(?:consult\w*|quote|estimate|valuation
    |home\s+valuation|market\s+analysis|assessment|audit|strategy\s+(?:call|session)|discovery\s+call
    |inspection|demo|shipping|delivery|gift)
cta | day | day\s+(?:free\s+)?trial
cta | start | start\s+(?:your|a)\s+(?:free\s+)?trial
cta | hire | hire\s+(?:me|us)\b
cta | it | it'?s\s+time\s+to\s+talk
cta | comment
    comment\s+['\"]?[a-z0-9]+['\"]?\s+(?:below\s+)?(?:and|&|to|for)\s+(?:i'?ll|we'?ll|i\s+will|get|receive
    |the\s+link|my|our)
cta | agenda reserva compra compre escríbenos réservez achetez commandez jetzt haz
    (?:agenda\s+tu|reserva\s+(?:ya|tu|hoy)|compra\s+(?:ya|ahora|hoy)|compre\s+(?:j\u00e1|agora)
    |escr\u00edbenos|r\u00e9servez|achetez|commandez|jetzt\s+(?:kaufen|buchen|bestellen)|haz\s+tu\s+pedido)
# Discounts, codes, sales.
promo | promo discount coupon voucher referral affiliate offer
    (?:promo|discount|coupon|voucher|referral|affiliate|offer)\s*codes?\b
promo | code codes
    codes?\s*[:=]?\s*['\"]?(?:[a-z]+\d+[a-z\d]*|\d+[a-z]+[a-z\d]*)\b|codes?\s+['\"]?[a-z]{4,}['\"]?\s+
    (?:for|at|to|gets?|saves?)\s+(?:\d|a\s+free|free|your)
promo | promo use
    (?:promo|use)\s+['\"]?[a-z]+\d+\b|use\s+(?:the\s+)?(?:code|coupon|promo|discount|voucher)\b
promo | sale | (?<!of\s)sale\b
promo | deal deals | deals?\s+(?:alert|ends|of\s+the\s+(?:day|week)|is\s+(?:live|back|on))
promo | great amazing huge best hot big unbeatable incredible
    (?:great|amazing|huge|best|hot|big|unbeatable|incredible)\s+(?:deals?|prices|savings)\b
promo | financing | financing\s+(?:available|options|this)
promo | lifetime exclusive special limited early black cyber flash bundle holiday
    (?:lifetime|exclusive|special|limited[\s-]*time|early[\s-]*bird|black\s+friday|cyber\s+monday|flash
    |bundle|holiday)\s+(?:deal|offer|price|pricing|discount|special|sale|rate|bundle)s?\b
promo | new
    new\s+(?:patient|client|customer|member|student)s?\s+(?:special|offer|deal|discount|price|pricing)
promo | special specials | specials?\s+(?:is|are)\s+(?:back|live|here|on)|special\s+offer
promo | spring summer fall autumn winter tuesday monday wednesday thursday friday saturday sunday
    [a-z]+\s+(?:[a-z]+\s+)?(?:special|sale|deal|promo)\b
promo | weekend | [a-z]+\s+(?:[a-z]+\s+)?(?:special|sale|deal|promo)\b
promo | half | half\s+(?:off|price)
promo | up | up\s+to\s+\d+\s?%
promo | first
    first\s+\d+\s+(?:customers|people|buyers|orders|sign-?ups|clients|shoppers|guests)\s+(?:get|gets
    |receive|will\s+(?:get|receive)|to\s+(?:order|sign|buy|book|join))\b
promo | bogo | bogo\b
promo | save | save\s+(?:up\s+to\s+)?(?:\d+\s?%|[$\u20ac\u00a3]\s?\d)
promo | mention | mention\s+(?:this\s+(?:post|ad|code|tweet)|code)
promo | oferta descuento desconto promoção rabatt angebot réduction soldes
    (?:oferta|descuento|desconto|promo\u00e7\u00e3o|rabatt|angebot|r\u00e9duction|soldes)\b
promo | free | (?<![-\w])free\s+(?:\w+\s+)?(?:add-?on|upgrade|gift)
# Schemes: MLM recruiting and token shilling.
scheme | presale pre whitelist airdrop starter | presale|pre-sale|whitelist|airdrop|starter\s+kit
scheme | earn make
    (?:earn|make)\s+(?:up\s+to\s+)?[$\u20ac\u00a3]?\d[\d,.]*k?\s*(?:/|a|per)\s*(?:month|week|day|mo|wk)
scheme | be unlimited passive residual | be\s+your\s+own\s+boss|(?:unlimited|passive|residual)\s+income
scheme | guaranteed | guaranteed\s+(?:returns?|profits?|income)
# What a "free" offer costs: the gate.
gate_req | enter drop leave give share send provide submit fill with
    (?:enter|drop|leave|give|share|send|provide|submit|fill\s+in|with)\s+(?:us\s+)?(?:your\s+)?(?:work\s+
    |business\s+|best\s+)?(?:e-?mail|phone|number|credit\s+card|card)
gate_req | credit | credit\s+card
gate_req | email phone | (?:e-?mail|phone)\s+(?:address|number)
gate_req | follow | follow\s+(?:us|me)\s+(?:and|&|\+)\s+(?:tag|like|share|retweet|rt)
gate_req | follow | follow\s+(?:us|me)\s+(?:so|and)\s+(?:i|we)\s*(?:'ll|can|will|could)?\s*(?:dm|send|message)
gate_req | tag | tag\s+(?:\d+|two|three|a)\s+friends?
gate_req | retweet rt share | (?:retweet|rt|share)\s+this\b
# Free things, and signs that they come without strings.
free_offer | free
    (?<![-\w])free\b[!\s]*(?:\d+[\s-]*(?:day|week|month)\s+)?(?:\w+\s+)?(?:guide|e-?book|checklist|template
    |plan|class|masterclass|webinar|training|download|report|pdf|resource|toolkit|kit|pack|bundle|templates
    |course|workshop
    |sample|copy|cheat\s*sheet|playbook|audit|session|consult\w*|months?|weeks?|access|lesson|trial
    |screenings?|swipe\s+file)\b
free_offer | months month weeks | (?:months?|weeks?)\s+(?:free|gratis)\b
free_offer | gratis | gratis\b
ungated | no
    no\s+(?:login|log-?in|sign[\s-]*ups?|signup|email|e-mail|opt[\s-]*in|strings|catch|charge|cost|account
    |registration|paywall|card)\b
ungated | without
    without\s+(?:signing\s+up|a\s+login|logging\s+in|an?\s+account|an?\s+email|registering|paying)
ungated | public open
    (?:public|open)\s+(?:google\s+)?(?:doc|sheet|notion|copy|link|repo|template|spreadsheet|page)
    |open[\s-]source
ungated | free
    (?<![-\w])free\s+(?:to\s+(?:use|copy|duplicate|download|attend|join)|for\s+(?:anyone|everyone))
ungated | free | (?<![-\w])free,?\s+no\s+(?:pitch|sales|strings|catch|sign)
ungated | no | no\s+(?:sales\s+)?(?:pitch|upsell)\b
ungated | totally completely | (?:totally|completely)\s+free\b(?!\s+trial)
# Weak pitch signals: only together do they make a pitch.
self_offer | our my | (?:our|my)\s+(?:[a-z0-9'-]+\s+){0,2}?%PRODUCT%
self_offer | we we're i
    we\s+(?:offer|sell|provide|specialize|specialise)\b|we'?re\s+(?:offering|selling|launching
    |giving\s+away)|i\s+(?:built|made|created|launched|sell|offer)\s+(?:an?\s+)?(?:[a-z-]+\s+){0,2}(?:tool
    |app|course|program|platform|product|service|plugin|template|business|shop)
self_offer | is | is\s+(?:now\s+)?live\b|is\s+out\s+now\b
self_offer | launching launched | launch(?:ing|ed)\s+(?:today|this\s+week|on\s+product\s*hunt)
self_offer | on | on\s+product\s*hunt\b
self_offer | now just
    now\s+(?:live|available|open|on\s+sale|in\s+stock|shipping|booking|enrolling|taking\s+(?:orders
    |bookings|clients))|just\s+(?:launched|dropped|released)\b
self_offer | cohort enrollment enrolment registration doors preorders bookings
    (?:cohort|enrol+ment|registration|doors|pre-?orders|bookings)\s+(?:is\s+|are\s+)?(?:now\s+)?(?:open
    |live)
self_offer | swing stop pop drop | (?:swing|stop|pop|drop)\s+by\b
self_offer | grand | grand\s+(?:opening|re-?opening|launch)
self_offer | check try | (?:check\s+(?:out\s+)?|try\s+)(?:our|my)\s+%PRODUCT%
self_offer | pricing | pricing\s+page
self_offer | let | let'?s\s+(?:talk|chat|connect)\s*[.!]
self_offer | new | new\s+(?:listing|arrivals?|collection|drop|release|menu|product)\b
urgency | won will | (?:won'?t|will\s+not)\s+last
urgency | don | don'?t\s+(?:wait|miss\s+(?:out|it))
urgency | limited | limited\s+(?:time|spots?|seats?|stock|availability|edition|offer)
urgency | only just | (?:only|just)\s+\d+\s+(?:left|spots?|seats?|dates?|units?|copies|places|slots|days?)
urgency | hurry act last | hurry|act\s+(?:now|fast)|last\s+chance
urgency | offer sale deal discount promo special
    (?:offer|sale|deal|discount|promo|special)\s+(?:ends|expires|valid)
urgency | ends spots doors registration enrollment cart
    (?:ends|(?:spots|doors|registration|enrollment|cart)\s+(?:close|closes|closing))\s+(?:today|tonight
    |tomorrow|soon|at\s+midnight|midnight|this|in\s+\d|%DAY%)
urgency | before | before\s+it'?s\s+gone|before\s+the\s+price\s+goes\s+up
urgency | this | this\s+(?:week|weekend|month)\s+only
urgency | while | while\s+(?:supplies|stocks?)\s+last
urgency | days | days?\s+left\b
hype | lowest best | (?:lowest|best)\s+(?:rates?|prices?|deals?)\s+in\s+(?:town|the\s+\w+)
hype | leading | leading\s+provider
hype | game moon transform | game[\s-]*changer|moon\b|transform(?:ed|ation)?\s+(?:your|\d)
# Help: tips, lessons, insights, answers.
help | tip tips | tips?\s*[:\-\u2014]|tips?\s+(?:for|while|on|from|to|that|i|we)\b
help | dica dicas consejo consejos truco astuce conseil conseils tipp | [a-z]+\b
help | psa fyi protip | (?:psa|fyi|protip)\b
help | heads pro | heads[\s-]*up|pro[\s-]*tip
help | what
    what\s+(?:actually\s+|really\s+|finally\s+)?(?:worked|helped|works|helps|changed|fixed|broke|made\s+
    (?:the|a)\s+difference)|what\s+i'?d\s+(?:do|add|change|suggest|recommend)|what\s+(?:i|we)\s+(?:learned
    |do\s+now|changed|found|noticed)
help | something thing
    (?:something|thing)\s+(?:that\s+)?(?:helped|worked|changed|saved|i'?d\s+add|i\s+learned)
help | trick key secret fix workaround solution
    (?:trick|key|secret|fix|workaround|solution)\s*(?:is\b|was\b|:)
help | rule | rule\s+of\s+thumb
help | had have has one common biggest real main number turns turned ones what
    (?:had|have|has)\s+one\s+thing\s+in\s+common|(?:the\s+)?(?:common|one)\s+(?:thread|pattern
    |denominator)\b|(?:biggest|real|main|number\s+one)\s+(?:reason|difference|predictor|driver|lever|factor
    |win|unlock)\b|turn(?:s|ed)\s+out\b|ones?\s+that\s+(?:got|worked|won|converted|performed|succeeded
    |stuck)\b|what\s+(?:separates|distinguishes)\b
help | here
    here'?s\s+(?:how|what\s+(?:worked|helped|i|we)|the\s+(?:trick|fix|checklist|template|breakdown|process
    |framework|math|data)|a\s+(?:free|public)|my\s+(?:checklist|template|process|framework|notes))
    |here\s+is\s+how
help | how | how\s+(?:i|we)\s+(?:fixed|solved|cut|grew|got|doubled|reduced|handle|do\s+it|did\s+it)
help | lesson lessons learned learnt takeaway takeaways mistake mistakes | [a-z]+\b
help | my | my\s+(?:advice|tip|rule|approach|process|checklist)\b
help | i
    i'?d\s+(?:recommend|suggest|add|start|focus|go\s+with|pick|look|check|avoid|skip)|i\s+(?:recommend
    |suggest)\b
help | in from | in\s+my\s+experience|from\s+(?:my\s+)?experience
help | make | make\s+sure\b
help | remember | remember\s+to\b
help | matters helps works pays
    (?:matters|helps|works|pays\s+off)\s+(?:more|most|far\s+more|better|best|a\s+lot|less)
help | instead rather far | instead\s+of|rather\s+than|far\s+(?:less|more|better|worse)\b
help | step steps checklist | steps?\s*(?:\d|:)|checklist
data | doubled tripled halved quadrupled from by
    (?:doubled|tripled|halved|quadrupled)\b|from\s+~?\d[\d.,%]*\s*\w*\s+to\s+~?\d|by\s+(?:a\s+)?(?:third
    |half|quarter)\b
help | happy
    happy\s+to\s+(?:share|answer|explain|walk|send|look|review)\b(?!\s+(?:our|my)\s+(?:pricing|prices|rates
    |deck|brochure|catalog))
help | no | no\s+charge\b
# First-hand experience and opinions.
own_answer | mine | mine\s*(?:is|was|are|were|:|—|-)\s
experience | i
    i\s+(?:switched|stopped|started|cut|dropped|moved|tried|found|use|used|learned|noticed|tested|measured
    |tracked|got|spent|had|ran|built|wish)\b|i'?ve\s+(?:seen|had|found|tried|used|been|learned)
experience | we
    we\s+(?:switched|stopped|started|cut|dropped|moved|tried|found|use|used|learned|noticed|tested|measured
    |tracked|put|got|had|ran|spent)\b
opinion | hot unpopular honestly imo imho | hot\s+take|unpopular\s+opinion|honestly\b|imo\b|imho\b
opinion | i | i\s+(?:think|believe|feel|reckon|suspect|bet)\b
# Credit and recognition of someone specific.
recognition | shout shoutout shoutouts | shout[\s-]*outs?\s+to
recognition | congrats congratulations | congrat(?:s|ulations)\s+(?:to|on)\b
recognition | kudos props hats | (?:kudos|props)\s+to|hats\s+off\s+to
recognition | huge big special | (?:huge|big|special)\s+(?:thanks|thank\s+you)\s+to
recognition | thank thanks
    thank\s+you\s+to|thanks\s+to\s+(?:the|everyone|all|our|my|[a-z]+\s+(?:for|who))|thanks,?\s+@
recognition | credit grateful | credit\s+(?:goes\s+)?to|grateful\s+to
# Announcing your own news: fine to share, but not help and not conversation.
announce | thrilled excited proud pleased happy delighted humbled honored honoured big we
    (?:thrilled|excited|proud|pleased|happy|delighted|humbled|honou?red)\s+to\s+(?:announce|introduce
    |unveil|be\s+(?:named|joining|part)|share\s+(?:that|the\s+news|some\s+news|(?:our|my)\s+(?:news|new
    |latest|big))|join)|big\s+news|we'?re\s+(?:thrilled|excited|proud|delighted)|proud\s+of\s+(?:every|our
    |my|the\s+team|this\s+team)
# Contests: something to win, paid for with likes, tags and shares.
contest | win giveaway giving to enter chance
    win\s+(?:a|an|one|\d|free|our|this|the)|giveaway|giving\s+away|to\s+enter\b|enter\s+to\s+win
    |chance\s+to\s+win
# Stock openers and greetings: polite, but not conversation on their own.
opener | great nice awesome amazing fantastic excellent wonderful cool interesting good love loved
    (?:great|nice|awesome|amazing|fantastic|excellent|wonderful|cool|interesting|good|love|loved)\s+
    (?:this\s+|the\s+|your\s+)?(?:post|article|tips?|read|guide|share|thread|content|video|points?|question
    |list|write[\s-]*up|insights?|stuff|work|news|job)\b
opener | congrats congratulations sorry thank thanks
    congrat(?:s|ulations)\b|sorry\s+to\s+hear|thank(?:s|\s+you)\b
greeting | hi hey hello howdy yo gm greetings | (?:hi|hey|hello|howdy|yo|gm|greetings)\b
greeting | happy
    happy\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|holidays|new\s+year)
# Asks that give nothing back.
ask | follow | follow\s+(?:us|me|for|along|@)
ask | like rt retweet repost share reblog
    (?:like|rt|retweet|repost|share|reblog)\s*(?:\+|&|,|and\s+(?:rt|share|follow|retweet|subscribe)|if\b
    |this\s+(?:post|with)|it\s+with)
ask | please | please\s+(?:share|like|follow|vote|retweet|rt|subscribe|donate|support)
ask | give | give\s+(?:it|us|me|this|my\s+page)\s+a\s+(?:like|follow|share)
ask | love appreciate | (?:love|appreciate)\s+(?:your|the|any)\s+support
ask | chip donate upvote upvotes | chip\s+in\b|donate\b|upvotes?\b
ask | vote | vote\s+(?:for|now|today)
ask | tag | tag\s+(?:a|your|someone|\d+|two|three)\b
ask | turn don
    turn\s+on\s+(?:post\s+)?notifications|don'?t\s+forget\s+to\s+(?:like|follow|subscribe|share|turn)
ask | smash hit double save tell spread support
    (?:smash|hit)\s+(?:that|the)\s+(?:like|follow|subscribe|bell)|double[\s-]*tap|save\s+(?:this
    |for\s+later)|tell\s+(?:your|all\s+your)\s+friends|spread\s+the\s+word|support\s+(?:us|my|our|local
    |small)
ask | check | check\s+(?:it|us|me)\s+out
# Bait: looks like a question or an invitation, isn't one.
bait | rt retweet like share repost | (?:rt|retweet|like|share|repost)\s+if\b
bait | drop | drop\s+(?:a|an|your)\s+(?:\S{1,3}|emoji|heart|comment|yes|like)\s*(?:below|if|in|$)
bait | comment type reply
    (?:comment|type|reply)\s+(?:['\"][^'\"]{1,20}['\"]|[a-z0-9]+\s+(?:below|and|to|for|if|or)\b)
bait | who | who'?s\s+with\s+me
bait | stop pov attention | stop\s+scrolling|pov\s*:|attention\s+[a-z]+\s*!
# Invitations to reply that aren't phrased as questions.
invite | would i
    (?:would|i'?d)\s+love\s+(?:to\s+hear|(?:your|some|any)\s+(?:thoughts|feedback|input|ideas|take|stories|advice
    |opinions?|questions|experiences?)|feedback|thoughts|input|ideas)
invite | happy ask ama | happy\s+to\s+(?:answer|take)\s+(?:any\s+)?questions|ask\s+me\s+anything|ama\b
invite | let | let\s+me\s+know\s+(?:what|how|if|your|in|which)
invite | tell | tell\s+me\s+(?:about|what|how|where|which|your)
invite | share | share\s+(?:your|yours)\b
invite | curious keen eager | curious\s+(?:to\s+hear|what|how|whether|if|about)|(?:keen|eager)\s+to\s+hear
invite | drop | drop\s+(?:her|him|them|us|me)\s+a\s+(?:note|line|comment)
invite | reply comment
    (?:reply|comment)\s+(?:below\s+|here\s+)?with\s+your\s+(?:own\s+)?(?:story|stories|experience|tips?
    |favou?rite|answer|thoughts|take|best|worst|go-to)
invite | open | open\s+to\s+(?:feedback|ideas|suggestions)
invite | feedback thoughts suggestions ideas
    (?:feedback|thoughts|suggestions|ideas)\s+(?:very\s+|always\s+)?(?:welcome|appreciated|wanted)
invite | if | if\s+anyone\s+(?:wants|has|else)
# A reply pointing at what was said.
deictic | exactly | exactly\s+(?:this|that|what)
deictic | we
    we\s+(?:have|sell|make|carry|stock|ship|offer|do)\s+(?:one|that|this|these|those|them|it|exactly)\b
deictic | same me | same\s+(?:here|thing|problem|issue|boat)|me\s+too\b
deictic | it | it\s+(?:does|doesn'?t|is|isn'?t|can|can'?t|will|won'?t)\b
deictic | that
    that'?s\s+(?:frustrating|awesome|great|rough|normal|a\s+great|so|really|honestly|huge|amazing|brutal)
deictic | i
    i'?ll\s+be\s+there|i'?ve\s+got\s+(?:one|some|a\s+few|that|it|two|extras?)\b|i\s+have\s+(?:one|some
    |a\s+few|two|extras?)\b|i\s+do\s*!
# Claimed demand, and the specific, checkable kind.
claim | by | by\s+popular\s+demand
claim | since as because | (?:since|as|because)\s+(?:you|y'?all)\s+(?:asked|requested|wanted)
claim | as since
    (?:as|since)\s+(?:literally\s+)?(?:everyone|people|so\s+many|you\s+all)\b[^.!?]{0,30}(?:asking|dming
    |messaging|requested|asked)
claim | everyone people y you
    (?:everyone|people|y'?all|you\s+guys)(?:'s|\s+has|\s+have)?\s+been\s+(?:asking|dming|messaging|begging)
claim | my | my\s+dms\s+(?:are|have\s+been)\s+(?:full|blowing|flooded)
claim | you | you\s+asked,?\s+(?:we|i)\s+(?:listened|delivered)
claim | as | as\s+requested\b
followup | since as because after
    (?:since|as|because|after)\s+(?:a\s+(?:bunch|few|couple|handful|number|lot)\s+of|several\s+of|some\s+of
    |many\s+of|lots\s+of|\d+\s+of)\s+you\s+(?:have\s+)?(?:asked|were\s+asking|requested|wanted\s+to\s+know
    |messaged)\b[^.!?:]{0,20}\b(?:after|at|during|in|on|from|following|under)\s+(?:my\s+|our\s+|the\s+
    |yesterday'?s\s+|last\s+\w+'?s\s+|this\s+\w+'?s\s+|\w+day'?s\s+)?(?:ama|talk|webinar|stream|livestream
    |workshop|meetup|session|thread|post|video|demo|panel|q\s*&\s*a|call|episode|keynote|presentation|class
    |lecture|event|comments?|podcast|space|launch|office\s+hours)
# Disclosing who you are or where you work.
disclosure | full disclosure i so i'm
    full\s+disclosure|disclosure|i'?m\s+(?:obviously\s+)?biased|so\s+(?:i'?m\s+)?(?:obviously\s+)?biased
    |i\s+(?:work|own|run)\s+(?:at|a|an|the)\b|i'?m\s+(?:a|an|the)\s+[a-z]+\s+(?:at|here)
# Fundraising for a cause: an ask, but not a sales pitch.
fundraiser | raising donate donations donation fundraiser fundraising chip gofundme sponsor
    (?:raising\s+(?:money|funds)|donat\w+|fundrais\w+|chip\s+in|gofundme|sponsor\s+me)\b
# Job posts.
hiring | we we're now hiring jobs job
    (?:we'?re|we\s+are|now)\s+hiring|hiring\s*(?:[!:]|a\b|an\b|for\b|two\b|three\b|\d)|#?jobs?\s*:
hiring | we your apply
    we\s+need\s+(?:a|an)\s+(?:part-time|full-time|freelance|contract|remote|senior|junior)|your\s+(?:resume
    |r\u00e9sum\u00e9|cv|portfolio)\b|apply\s+(?:here|now|at|via|through|on)\b
hiring | looking
    looking\s+for\s+(?:a|an)\s+(?:[a-z-]+\s+){0,3}(?:dev|developer|engineer|designer|writer|editor|manager
    |assistant|intern|marketer|contractor|freelancer|analyst)
# An apology, not "sorry to hear that" (the stock opener before a pitch).
apology | sorry apologies apologize apologise messed
    sorry\b(?!\s+to\s+hear)|apologi[sz]e|apologies|messed\s+up
# Slogans that sound like advice.
platitude | consistency discipline hustle mindset success successful failure rejection grind dream
    [a-z]+\b
platitude | dreams passion talent excuses comfort journey perfection greatness winners invest | [a-z]+\b
platitude | investment motivation potential purpose blessed gratitude manifest vibes believe | [a-z]+\b
platitude | never keep trust work you
    never\s+(?:give|stop)|keep\s+(?:going|pushing|grinding)|trust\s+the\s+process|work\s+hard
    |you\s+got\s+this
"""

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

# Context that asks for something: trigger words | pattern. A match means a pitch in reply was invited.
PULL_TABLE = r"""
recommend recommends recommended recommending recommendation recommendations recs rec | \w+
suggestion suggestions | suggestions?\s+(?:for|on)\s+(?:a|an|any|good)\b
anyone anybody someone you
    \w+\s+(?:know|knows|have|got)\s+(?:of\s+)?(?:a|an|any)\s+(?:good|decent|reliable|cheap
    |great)\s+%RESOURCE%
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
which | which\s+\w+\s+(?:should|would|do)\s+(?:i|you)\s+(?:get|buy|use|choose|pick)\b
who | who\s+(?:do|should|would)\s+(?:you|i)\s+(?:use|hire|call|go\s+to|recommend)\b
looking
    looking\s+for\s+(?:a|an)\s+(?:good\s+|reliable\s+|cheap\s+|local\s+)?(?!(?:way|advice|tip|job|role
    |co-?founder)s?\b)\w+
looking | looking\s+for\s+(?:someone|somebody|anyone)\s+(?:who|to|in|near|that|around)\b
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
is are
    (?:is|are)\s+(?:it|this|these|they|you|the\s+\w+(?:\s+\w+)?)\s+(?:still\s+)?(?:available|in\s+stock
    |open|taking|coming)\b
do
    do\s+you\s+(?:ship|deliver|sell|have\s+(?:any|a|it|this|one)|offer|make|take|accept|carry|stock|cater
    |do)\b
can | can\s+i\s+(?:order|book|buy|get\s+(?:one|it|this)|preorder|pre-order|purchase|reserve)\b
are | are\s+you\s+(?:taking|accepting|open|available)\b
any | any\s+(?:openings|availability|slots|spots)\b|any\s+%DEAL%
is got do | (?:is\s+there\s+a|got\s+a|do\s+you\s+have\s+a)\s+%DEAL%
link | link\s*\?
send | send\s+(?:me\s+)?(?:the\s+)?link\b
interested | interested\b
take | take\s+my\s+money
anyone anybody who someone | (?:anyone|anybody|who'?s|someone)\s+(?:selling|sells|renting|offering)\b
wtb | wtb\b
looking want wanting | (?:looking|want|wanting)\s+to\s+(?:buy|hire|rent)\b
budget | budget\s+(?:is\s+|of\s+|around\s+|about\s+|~\s*)?[$€£]?\d
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


# ----------------------------------------------------------------------------------------------------------
# Text aimed at the reviewer rather than the reader: hidden comments, fake system tags, verdicts,
# pleas to any AI, self-declared context. It is blanked out before judging and reported as a note.
# ----------------------------------------------------------------------------------------------------------

# Words without which no hidden-text pattern can match; `scan` tags them so masking runs only when needed.
_HIDDEN_WORDS = _word_set(
    """system admin assistant developer moderator moderators instruction instructions compliance context
    background note reviewer reviewers ai bot bots llm llms classifier classifiers verdict violation
    violations rating label classification ignore disregard forget advert advertisement pitch promotion
    spam selling pitching promoting promotional treated considered classified rated labelled labeled scored
    judged counts qualifies approved preapproved educational incoming moderation algorithm algorithms
    automated replying"""
)
_HIDDEN_MARKS = ("<!--", "](", "[//]", "you are now", "`")
_HIDDEN_GATES: dict[tuple[str, str], list[str]] = {}
for _scope, _gates, _pattern in _table_rows(HIDDEN_TABLE, 3):
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
    return any(hit.kind == "hint" for hit in hits) or any(mark in text for mark in _HIDDEN_MARKS)


def mask_hidden(text: str, checked: bool = False) -> tuple[str, list[tuple[int, int]], bool]:
    """Blank out reviewer-aimed text and code; return the visible text, the blanked injections, and code.

    `checked` says the caller already ran `may_hide_something`, so the cheap pre-check is skipped.
    """
    injections: list[tuple[int, int]] = []
    if (
        checked
        or any(mark in text for mark in _HIDDEN_MARKS)
        or not _HIDDEN_WORDS.isdisjoint(_WORD.findall(text))
    ):
        words = set(_WORD.findall(text))
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


# ----------------------------------------------------------------------------------------------------------
# Scanning: every tagged phrase, number, link, hashtag and list item in a text.
# ----------------------------------------------------------------------------------------------------------


class Hit(NamedTuple):
    """A tagged phrase in the normalised text."""

    kind: str
    start: int
    end: int


_new_hit = tuple.__new__  # builds a Hit without the Python-level __new__ call

_TRIGGERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _kind, _words, _pattern in _table_rows(RULE_TABLE, 3):
    _compiled = re.compile(_pattern)
    for _word in _words.split():
        _TRIGGERS.setdefault(_word, []).append((_kind, _compiled))
# Words that might introduce text aimed at the reviewer; a "hint" hit means masking is worth running.
_ANYWHERE = re.compile("")
for _word in _HIDDEN_WORDS:
    _TRIGGERS.setdefault(_word, []).append(("hint", _ANYWHERE))

_MONEY = re.compile(
    r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|r\$)\s?)\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn)?\b"
    r"(?:\s?(?:-|–|to)\s?[$€£]?\d[\d,]*(?:\.\d+)?k?)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:€|£|usd|eur|dollars|euros|bucks|reais|pesos|eth|btc|sol)\b"
)
# Every number is looked at once; the checks below are anchored at it, so no pattern scans the whole text.
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:k|m|bn)?\s?(?:€|£|usd|eur|gbp|dollars|euros|bucks|reais|pesos|eth|btc|sol)\b"
)
# Substrings that must appear for an amount without a currency sign ("29 €", "40 dollars") to be money.
_CURRENCY_HINTS = ("€", "£", "usd", "eur", "gbp", "dollar", "buck", "reais", "peso", "eth", "btc", "sol")
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|r\$))\s?$")
_MONEY_AFTER = re.compile(
    r"\s?(?:/\s?|\s(?:per|a|an|each)\s)(?:mo|month|mois|mes|monat|yr|year|seat|user|hr|hour|h|session|person"
    r"|tooth|night|week|wk|day|class|piece|token|lesson|visit)\b|\s(?:off|once|flat|full|mini|only|each)\b"
    r"|\s?\((?:reg|was|normally|usually|orig)"
)
# The word right before an amount that frames it as an offer ("only $99", "starts at $45", "reg. $260").
_OFFER_WORDS = _word_set(
    """only just from at for special price prices priced cost costs run runs now reg reg. regularly
    normally was solo à desde por deal bundle package grab get"""
)
# Words near an amount that make it something spent or earned, not a price on offer.
_SPENT_WORDS = _word_set(
    """paid pay paying spent spend spending bought sold saved save lost raised earned billed earn make
    makes made revenue mrr arr budget got thrifted scored snagged picked found"""
)
_PERCENT_OFF = re.compile(
    r"\d+(?:\.\d+)?\s?%\s?(?:off|discount|de\s+descuento|de\s+desconto|de\s+r[ée]duction|rabatt)|\d+\s?percent\s?off"
    r"|\d+percentoff"
)
_PHONE = re.compile(r"\d{3}(?:[\s.-]\d{3})?[-.]\d{4}\b|\d{3}\s\d{3}\s\d{4}\b|\d{3}\)\s?\d{3}[\s.-]\d{4}\b")
_TLD = re.compile(
    r"\.(?:com|net|org|io|co|ai|app|dev|shop|store|ly|me|gg|xyz|biz|info|example|link|page|site|online|tech"
    r"|so|to|tv|fm|us|uk|ca|de|fr|es|br|gov|edu|blog|live)\b"
)
# A link is commercial by where it leads (the path), or when the site itself is a checkout or booking page.
_COMMERCIAL_PATH = re.compile(
    r"sale|shop|store|buy|pric|deal|promo|offer|discount|coupon|checkout|cart|product|demo|sign-?up|trial"
    r"|ltd|order|booking|/bf\b|subscribe|join|register|/listing|collections?/"
)
_COMMERCIAL_HOST = re.compile(r"calendly|gumroad|amzn|checkout|buy\.|shop\.|store\.")
_HASHTAG = re.compile(r"#[^\W_][\w]*")
_LONG_URL = re.compile(r"(?:https?://|www\.)\S+")
_COMMERCIAL_TAG = re.compile(
    r"(?<!whole)sale$|deals?$|discount|promo|offer|coupon|(?:book|shop|buy|order|call)now|linkinbio"
    r"|\d*percentoff|giveaway|forsale|limitedtime|freeshipping|blackfriday|cybermonday|presale|^ad$|^sponsored$"
)
_DATA = re.compile(r"\d+(?:\.\d+)?(?:\s?%|x\b)")
_LIST_LINE = re.compile(r"\n[ \t]*(?:\d{1,2}[.)/]|[-•*▪→]|\(\d\))[ \t]+\S")
_LIST_INLINE = re.compile(r"\d\)\s+\w")  # "(1) ..." or " 1) ...": the character before is checked in code
_COUNT_LEFT = re.compile(
    r"\d+\s+(?:spots?|seats?|dates?|slots|places|units?|copies|left)\s*(?:left|remaining)?\b"
)


def _url_hits(text: str, hits: list[Hit]) -> None:
    for match in _TLD.finditer(text):
        start = match.start()
        while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(<[\"'→>":
            start -= 1
        end = match.end()
        while end < len(text) and not text[end].isspace() and text[end] not in ")>]\"'":
            end += 1
        while end > match.end() and text[end - 1] in ".,!?;:":
            end -= 1
        if hits and hits[-1].kind in ("url", "commercial_url") and hits[-1].end >= end:
            continue
        url = text[start:end]
        if "@" in url and "/" not in url:
            continue
        hits.append(Hit("commercial_url" if _is_commercial(url) else "url", start, end))
    for match in _LONG_URL.finditer(text) if "://" in text or "www." in text else ():
        if not any(h.start <= match.start() < h.end for h in hits):
            kind = "commercial_url" if _is_commercial(match.group()) else "url"
            hits.append(Hit(kind, match.start(), match.end()))


def _is_commercial(url: str) -> bool:
    host, _, path = url.split("://")[-1].partition("/")
    return bool(_COMMERCIAL_HOST.search(host) or _COMMERCIAL_PATH.search("/" + path))


def _money_hit(text: str, number: re.Match[str], symbols: bool, words: bool) -> Hit | None:
    """A money amount at this number, tagged as an offer ('only $99', '$19/mo') or just a figure."""
    start = number.start()
    symbol = _CURRENCY_BEFORE.search(text, max(0, start - 4), start) if symbols else None
    if symbol:
        start = symbol.start()
    elif not words or not _CURRENCY_AFTER.match(text, number.end()):
        return None
    amount = _MONEY.match(text, start)
    end = amount.end() if amount else number.end()
    before = text[max(0, start - 22) : start].split()
    after = _MONEY_AFTER.match(text, end)
    spent = not _SPENT_WORDS.isdisjoint(before) or "me" in before[-2:] or "us" in before[-2:]
    framed = bool(before) and before[-1].strip(":(") in _OFFER_WORDS
    offer = not spent and bool(after or framed)
    return Hit("offer_price" if offer else "money", start, after.end() if after else end)


def _number_hits(text: str, hits: list[Hit]) -> None:
    symbols = any(symbol in text for symbol in "$€£¥₹")
    currency_words = symbols or any(hint in text for hint in _CURRENCY_HINTS)
    percent = "%" in text or "percent" in text
    counts = "left" in text or "remaining" in text
    for number in _NUMBER.finditer(text):
        start, end = number.span()
        if currency_words:
            money = _money_hit(text, number, symbols, currency_words)
            if money:
                hits.append(money)
        # A number glued to a word ('code10', 'h2') or inside a version ('4.12.1') is not a figure.
        if start and (
            text[start - 1].isalpha() or (text[start - 1] in "_." and text[start - 2 : start - 1].isdigit())
        ):
            continue
        after = text[end : end + 2]
        # Cheap look at what follows decides which of the anchored patterns can possibly match here.
        if percent and (after[:1] in "%p" or after in (" %", " p")):
            _add_match(hits, "promo", _PERCENT_OFF, text, start)
        if end - start == 3 and after[:1] in (" ", ".", "-", ")"):
            _add_match(hits, "phone", _PHONE, text, start)
        if after[:1] in ("%", "x") or after in (" %", " x"):
            _add_match(hits, "data", _DATA, text, start)
        if counts and after[:1] == " ":
            _add_match(hits, "urgency", _COUNT_LEFT, text, start)


def _add_match(hits: list[Hit], kind: str, pattern: re.Pattern[str], text: str, start: int) -> None:
    found = pattern.match(text, start)
    if found:
        hits.append(_new_hit(Hit, (kind, start, found.end())))


_DIGIT = re.compile(r"\d")


def scan(text: str) -> list[Hit]:
    """Every tagged phrase in `text` (already normalised and masked), in no particular order."""
    hits: list[Hit] = []
    add = hits.append
    rules_for = _TRIGGERS.get
    for word in _WORD.finditer(text):  # the hot loop: kept free of function calls that aren't needed
        rules = rules_for(word[0])
        if rules:
            start = word.start()
            for kind, pattern in rules:
                found = pattern.match(text, start)
                if found:
                    add(_new_hit(Hit, (kind, start, found.end())))
    if _DIGIT.search(text):
        _number_hits(text, hits)
    if "#" in text:
        for m in _HASHTAG.finditer(text):
            commercial = _COMMERCIAL_TAG.search(m.group()[1:])
            hits.append(Hit("commercial_tag" if commercial else "hashtag", m.start(), m.end()))
    if "." in text:
        _url_hits(text, hits)
    if "\n" in text:
        hits.extend(Hit("list", m.start() + 1, m.end()) for m in _LIST_LINE.finditer("\n" + text))
    if ")" in text:
        for m in _LIST_INLINE.finditer(text):
            before = text[m.start() - 1 : m.start()]
            if before in ("(", " ", "\n", "\t", ""):
                hits.append(Hit("list", m.start() - (before == "("), m.end()))
    return hits


# ----------------------------------------------------------------------------------------------------------
# Sentences, and the words a reply shares with what it answers.
# ----------------------------------------------------------------------------------------------------------

# A sentence ends at . ! ? … or an emoji followed by a space, or at a line break. The pattern starts with one
# character class on purpose: the regex engine can then skip ahead, which a leading alternation prevents.
_SENTENCE_END = re.compile(
    r"[\n.!?…\U0001F300-\U0001FAFF](?:(?<=\n)\n*|[.!?…\U0001F300-\U0001FAFF]*[\"')\]]*(?=\s|$))"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges (start, end) with surrounding blanks trimmed; empty pieces are dropped."""
    ranges: list[tuple[int, int]] = []
    cursor = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        piece = text[cursor:end]
        kept = piece.strip()
        if kept:
            start = cursor + len(piece) - len(piece.lstrip())
            ranges.append((start, start + len(kept)))
        cursor = end
    return ranges


_stem_cache: dict[str, str] = {}  # token -> stem, or "" for a word that carries no meaning here


def stem(word: str) -> str:
    """A crude stem good enough to notice that a reply talks about the same things ("" for filler)."""
    found = _stem_cache.get(word)
    if found is None:
        meaningful = word not in STOPWORDS and (len(word) >= 3 or (len(word) == 2 and word.isdigit()))
        found = _stem(word) if meaningful else ""
        if len(_stem_cache) >= CACHE_LIMIT:
            _stem_cache.clear()
        _stem_cache[word] = found
    return found


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    return word[:5]


def content_words(text: str) -> list[tuple[str, int]]:
    """(stem, offset) for the words that carry meaning: no stopwords, no one- or two-letter words."""
    found = []
    cached = _stem_cache.get
    for word in _WORD.finditer(text):
        token = word[0]
        root = cached(token)
        if root is None:
            root = stem(token)
        if root:
            found.append((root, word.start()))
    return found


# Words too common to show that a reply engages with what it answers.
STOPWORDS = _word_set(
    """the and for are but not you your yours all any can had her was one our out day get has him his how
    man new now old see two way who boy did its let put say she too use that with have this will from
    they know want been good much some time very when come here just like long make many more only over
    such take than them well were what where which while would there their about after again also
    because before being could does doing down each even every first going into most other should still
    these those through under until upon very might must need really thing things yeah yes okay ok lol
    haha thanks thank hey hello great nice awesome anyone anybody someone something everyone people
    actually honestly literally pretty lot lots way ways best better i'm i've it's that's don't can't
    won't didn't doesn't gonna wanna got getting gets also already always never ever then them they're
    we're you're what's here's there's finally maybe kind sort stuff via per etc"""
)


# ----------------------------------------------------------------------------------------------------------
# The message replied to: does it ask for a recommendation, vendor, price, date or the offer itself?
# ----------------------------------------------------------------------------------------------------------

_PULL_TRIGGERS: dict[str, list[re.Pattern[str]]] = {}
for _words, _pattern in _table_rows(PULL_TABLE, 2):
    _compiled = re.compile(_pattern)
    for _word in _words.split():
        _PULL_TRIGGERS.setdefault(_word, []).append(_compiled)


@dataclass(slots=True)
class ContextReading:
    """What the message being replied to asks for."""

    pull: str | None  # the words that ask for a recommendation, vendor, price, date or the offer
    complaint: bool
    question: bool
    stems: frozenset[str]


# Words and phrases of an unhappy customer, so a make-good offer isn't mistaken for a pitch.
_COMPLAINT_WORDS = _word_set(
    """broken broke damaged late missing refund disappointed disappointing terrible awful worst
    unacceptable angry frustrated frustrating crash crashed crashes crashing rude down outage error
    errors bug bugs glitch glitchy problem issue stuck overcharged ridiculous scam wtf useless"""
)
_COMPLAINT_PHRASES: dict[str, re.Pattern[str]] = {
    word: re.compile(pattern)
    for word, pattern in (
        ("never", r"never\s+(?:arrived|came|showed)"),
        ("still", r"still\s+(?:waiting|hasn'?t)"),
        ("wrong", r"wrong\s+(?:order|item|size)"),
        ("charged", r"charged\s+(?:twice|me\s+twice)"),
        ("logged", r"logged\s+me\s+out"),
        ("fix", r"fix\s+it\b"),
        ("doesn", r"doesn'?t\s+work"),
        ("doesnt", r"doesnt\s+work"),
        ("not", r"not\s+working"),
        ("no", r"no\s+(?:response|reply|answer)"),
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
_ASK_START = re.compile(
    r"\s*(?:how|what|where|when|who|which|why|is|are|do|does|can|could|should|any|anyone)\b"
)


def read_context(context: str | None) -> ContextReading | None:
    """Read the message the draft replies to, or None when there is none."""
    if not context or not context.strip():
        return None
    text = normalise(context).text
    if any(mark in text for mark in _HIDDEN_MARKS) or not _HIDDEN_WORDS.isdisjoint(text.split()):
        text = mask_hidden(text, checked=True)[0]
    pull: str | None = None
    complaint = False
    stems: set[str] = set()
    for word in _WORD.finditer(
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
    )
