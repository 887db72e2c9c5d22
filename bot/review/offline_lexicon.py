"""The offline reviewer's phrase rules: which words, in which patterns, tag which kind of phrase.

Kept as tables so the wording is easy to read and edit; `offline_scan` compiles them once at import.
"""

from __future__ import annotations

# Rule tables. Each row is ' | '-separated fields; a line indented by four spaces continues the row's
# pattern; '#' lines are comments. %NAME% stands for a shared fragment defined just below.

_FRAGMENTS = {
    "%DAY%": r"(?:mon|tues|wednes|thurs|fri|satur|sun)day",
    "%SPOT%": r"(?:spot|seat|place|slot|table|copy|ticket|tickets|kit|bundle|appointment|session)",
    "%PRODUCT%": (
        r"(?:new\s+|latest\s+|own\s+)?(?:products?|services?|business|app|apps|tool|platform|software|saas|solutions?"
        r"|program(?:me)?s?|course|courses|coaching|cohort|agency|firm|shop|store|clinic|brand|kit|bundle|packages?"
        r"|plans?|pricing|prices|rates|menu|collection|listings?|e-?book|masterclass|workshops?|webinar|membership"
        r"|plugin|extension|asset|game|book|crm|erp|api|sdk|bot|dashboard"
        r"|(?<!job\s)(?<!last\s)(?<!first\s)(?<!counter\s)(?<!salary\s)offer|deals?|sale|classes|subscription"
        r"|box|formula|supplements?|template\s+pack|studio|portfolio|(?:ai|crypto)\s+\w+|q\d\s+\w+|\d+[\s-]*week\s+\w+)\b"
    ),
    "%RESOURCE%": (
        r"(?!(?:template|resource|guide|tutorial|checklist|article|doc|docs|example|explanation|way|tip|advice|method"
        r"|trick|video|walkthrough|reference|source|spreadsheet|script|framework|formula|rule|read|book)s?\b)"
    ),
    "%DEAL%": r"(?:discount|promo|coupon|codes?|deals?)\b",
    # After "follow me": where to walk ("follow me to the car park"), not where to follow someone online.
    "%NOT_WALKING%": (
        r"(?!\s+(?:back|around|along|home|there|here|out|to|into|in|down|up|inside|outside|through|over|closely)\b)"
    ),
    # Asking people to look at your own things, or to follow, join or back them.
    "%LOOK%": (
        r"(?:check(?:ed|ing|out)?|look(?:ed|ing)?|watch(?:ed|ing)?|visit(?:ed|ing)?|see|go|head|come|stop|swing|peep"
        r"|peek|pop|take|have|give|listen)(?:\s+(?:out|over|by|in|into|at|to|a\s+(?:look|listen|watch|visit)"
        r"\s+(?:at|to)?|it\s+a\s+(?:look|listen|watch))){0,2}\s*(?:my|our)\s+(?:[\w-]+\s+){0,2}%OWN%"
    ),
    "%BACK%": (
        r"(?:sub(?:s|bed)?|su[bcs]{1,3}ri?be?\w*|fol+ow(?:ed|ing)?|like[ds]?|share|join(?:ed)?|support|add)"
        r"\s+(?:to\s+|on\s+)?(?:my|our)\s+(?:[\w-]+\s+){0,2}%OWN%"
    ),
    # Your own channel, page or shop: what self-promotion invites people to look at, follow or join.
    "%OWN%": (
        r"(?:channel|chanel|chanell|vids?|videos?|vlogs?|page|profile|stream|streams|content|music|songs?|mixtape"
        r"|tracks?|beats?|art|artwork|shop|store|site|website|blog|podcast|insta|instagram|ig|tiktok|youtube|yt"
        r"|twitch|twitter|account|playlist|covers?|portfolio|album|ep|single|merch|bio|reels?|clips?|shorts"
        r"|socials|soundcloud|spotify|etsy|server|discord|poll|livestream|live|telegram|stuff|montage|edits?"
        r"|gameplay|highlights|vods?|remix|mix|fan\s?page|newsletter|substack|onlyfans|patreon|twitter|x)\b"
    ),
    "%REVIEWER%": (
        r"(?:ai|bots?|llms?|language\s+models?|(?:ai\s+)?(?:moderation|review|content)\s+(?:tools?|bots?|systems?)"
        r"|moderators?|reviewers?|classifiers?|filters?|algorithms?|automated\s+\w+)"
    ),
}


def table_rows(table: str, fields: int) -> list[list[str]]:
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
contact | dm mp | (?:dm|mp)\s*(?:moi|nous)\b
contact | escríbeme escribeme escríbenos mándame mandame envíame enviame manda
    (?:escr\u00edbe(?:me|nos)|escribeme|m\u00e1ndame|mandame|env\u00edame|enviame|manda(?:me)?)\b[^.!?\n]{0,30}
    \b(?:dm|md|mensaje|privado)\b
contact | por | por\s+(?:dm|md|privado|inbox)\b
contact | message text whatsapp email inbox
    (?:message|text|whatsapp|email|inbox)\s+(?:me|us)\s*(?:to\s+(?:order|book|buy|join|get|reserve|claim
    |sign|schedule|start)|for\s+(?:pricing|prices?|details|info|a\s+quote|rates|the\s+link|more|a\s+free)
    |today|now|[!.]|$)
# "Call me" between friends is no sales call: only "call us", or a call to buy, book or claim.
contact | call
    call\s+(?:us|now|today|to\s+(?:book|order|reserve|schedule|claim)|for\s+(?:a|your|pricing|details)|
    (?:me\s+|us\s+)?(?:now|today)\s+(?:on|at)\s+\d|(?:[a-z]+\s+){0,2}at\s+\d{3})
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
    |my|by\s+%DAY%|before\s+%DAY%)\b
cta | grab get claim snag secure reserve save
    (?:grab|get|claim|snag|secure|reserve|save)\s+(?:yours(?!\s+(?:[a-z]+ed|done|seen|redone)\b)|your\s+(?:free\s+)?%SPOT%s?|one\s+(?:now|today
    |before|while)|it\s+(?:now|today|here|before|while))
cta | grab get | (?:grab|get)\s+(?:our|my)\b|get\s+(?:\d+\s+months?\s+free|started\s+(?:today|now))
cta | book booking
    book(?:ing)?\s+(?:a\s+|an\s+|your\s+|my\s+|our\s+|\d+\s*-?\s*min\w*\s+)?(?:free\s+)?(?:[\w-]+\s+){0,2}?(?:demo
    |audit|assessment|quote|estimate|trial|call
    |consult\w*|session|appointment|spot|slot|meeting|tour|visit|time|class|install\w*|service|cleaning
    |showing|table|stay|now|today|online|this\s+(?:week|month|weekend)|with\s+(?:me|us)|in\s+advance
    |yours)\b|book\s*!
cta | to | to\s+book\b
cta | book | book\s+(?:at|via|through|here|online|before|by)\b
cta | schedule set hop jump happy
    (?:schedule\s+(?:a|your|an)\s+(?:free\s+)?(?:call|consult\w*|demo|meeting|session|appointment|tour)|
    (?:happy\s+to\s+)?set\s+up\s+a\s+(?:quick\s+)?(?:call|demo|meeting|chat)|(?:hop|jump)\s+on\s+a\s+
    (?:quick\s+)?call|happy\s+to\s+(?:hop|jump|get\s+you)\s+on\s+a\s+call)
cta | open free up
    (?:open|free|up)\s+(?:to|for)\s+a\s+(?:quick\s+|short\s+)?(?:\d+[\s-]*min\w*\s+)?(?:call|demo|meeting|chat)\b
cta | like want request get see grab
    (?:like|want|request|get|see|grab)\s+(?:a|an|our|the)\s+(?:free\s+|quick\s+|live\s+
    |personali[sz]ed\s+)?demo\b
cta | calendly | calendly
cta | show
    show\s+you\s+(?:a\s+(?:quick\s+|short\s+|live\s+)?demo|around\s+(?:our|the\s+(?:app|platform|tool))|how\s+(?:we|our)\b)
cta | upgrade | upgrade\s+(?:today|now|to\s+(?:premium|pro|plus|gold|vip)\b)
cta | jetzt | jetzt\s+(?:[\w-]+\s+){0,3}(?:kaufen|buchen|bestellen|sichern|anmelden|testen|abonnieren)\b
cta | switch | switch\s+(?:today|now|over\s+(?:today|now)|to\s+us\b)
cta | my our | (?<=in\s)(?:my|our)\s+bio\b
cta | devis presupuesto orçamento kostenloses kostenlose preventivo
    devis\s+gratuit|presupuesto\s+(?:gratis|sin\s+compromiso)|or\u00e7amento\s+(?:gr\u00e1tis|gratuito)
    |kostenlose[sn]?\s+(?:angebot|beratung|erstgespr\u00e4ch|demo|testphase)|preventivo\s+gratuito
cta | sign signing signup | sign(?:ing)?[\s-]*ups?\b|signup
cta | subscribe | subscribe\b
# Self-promotion in any register: look at, follow, subscribe to or join your own channel, page or shop.
cta | check checked checking checkout look looking watch watching visit visiting see go | %LOOK%
cta | head come stop swing peep peek pop take have give listen | %LOOK%
cta | sub subs subbed subscribe subscribed subscribing subcribe suscribe sucscribe subscibe subscrib | %BACK%
cta | follow followed following folow like liked share join joined support add | %BACK%
cta | sub subs subscribe subcribe suscribe sucscribe subscibe
    (?:sub(?:s)?|su[bcs]{1,3}ri?be?)\s+(?:to\s+)?(?:me|us)\b
cta | sub s4s f4f l4l follow like sub4sub follow4follow like4like
    sub\s*(?:4|for)\s*sub|s4s|f4f|l4l|follow\s*(?:4|for)\s*follow|like\s*(?:4|for)\s*like
cta | please pls plz plss plzz kindly
    (?:please|pls|plz|plss|plzz|kindly)\s+(?:sub(?:scribe)?|su[bcs]{1,3}ri?be?|fol+ow|check\s+(?:out\s+)?my
    |visit\s+my
    |watch\s+my|support\s+my|like\s+my|share\s+my)\b
cta | i im i'm we we're were currently now going gone went
    (?:i'?m|i\s+am|we'?re|we\s+are|currently|now|going|gone|went)\s+(?:going\s+|now\s+
    |currently\s+)?live\b(?!\s+(?:in|with|near|at\s+home))
cta | come | come\s+(?:and\s+)?(?:watch|hang|chill|join|say\s+hi|see)\b[^.!?\n]{0,40}\b(?:my|our|me)\b
cta | go come | (?:go|come)\s+(?:and\s+)?(?:follow|sub(?:scribe)?\s+to|check\s+out)\s+@?[\w-]+
cta | go | go\s+watch\s+@?[\w-]+(?:'s)?\s+(?:stream|channel|live|vod|video)
cta | follow
    follow\s+@?[\w-]+\s+on\s+(?:twitter|x|insta(?:gram)?|ig|tiktok|twitch|youtube|yt|kick|spotify)\b
cta | i im i'm we we're | (?:i'?m|we'?re|i\s+am|we\s+are)\s+(?:now\s+|currently\s+)?stream(?:ing|in)\b
cta | away more
    (?:away\s+from|more\s+(?:to|until|till))\s+(?:\d+\s*k?\s+)?(?:followers|subs|subscribers|follows)\b
cta | selling sell | sell(?:ing)?\s+(?:my\s+|a\s+|an\s+|some\s+)?(?:[\w-]+\s+){0,6}(?:for|at)\s+[$€£]?\d
contact | msg message whisper pm dm hmu hit
    (?:msg|message|whisper|pm|dm|hmu|hit\s+me\s+up)\s+(?:me\s+)?if\s+(?:(?:u|you|ur|you're|youre)\s+)?
    (?:are\s+)?(?:interested|need|want)\b
cta | search find
    (?:search|find)\s+(?:for\s+)?(?:me|him|her|us|@?[\w.-]+)\s+on\s+(?:%OWN%|[\w-]+\s+(?:%OWN%))
cta | show | show\s+(?:some|me\s+some|it\s+some)\s+(?:love|support)\b
cta | stream | stream\s+it\b
cta | every each | (?:every|each)\s+(?:sub|like|follow|view|listen|share)\s+(?:counts|helps|matters|means)
cta | just one | (?:just\s+)?one\s+(?:listen|view|sub|follow)\s+(?:would|will|helps?|means)
cta | check | check\s+me\s+out\b
cta | shout shoutout | shout\s*-?\s*out\s+(?:to\s+)?(?:my|our)\s+(?:[\w-]+\s+){0,2}%OWN%
cta | tap | tap\s+(?:my|the|on\s+my)\s+(?:pic|pfp|profile|photo|avatar|name|link)
cta | recipe link links details info
    (?:recipe|links?|details|info|more)\s+(?:is\s+|are\s+)?in\s+my\s+(?:profile|bio|about|page|description)
cta | hit | hit\s+me\s+up\s+(?:on|at|via)\s+\w+
cta | message msg dm text contact
    (?:message|msg|dm|text|contact)\s+(?:him|her|them)\s+(?:on|at|and|now|today|@)
cta | sub | sub\s+back\b
# Pointing people at your own profile or channel: "follow me on insta", "give us a follow", "my ig is @x",
# "it's on my channel if u want to see", the same in other languages.
cta | follow folow
    fol+ow\s+(?:me|us)\b%NOT_WALKING%|fol+ow\s+@[\w.]+
cta | give | give\s+(?:us|me|my\s+page)\s+a\s+follow\b
cta | my our
    (?:my|our)\s+(?:insta(?:gram)?|ig|tiktok|twitch|youtube|yt|soundcloud|snap(?:chat)?|twitter|channel)
    \s*(?:is\s+@?|:\s*@?|@)\w*[._\d@][\w.]*
cta | on
    on\s+my\s+(?:[\w-]+\s+)?(?:channel|chanel|insta(?:gram)?|ig|tiktok|youtube|yt|twitch|soundcloud|spotify|patreon
    |onlyfans|profile|page)\b(?!['\u2019]s)
cta | mi meu ma mon meinem
    (?:(?<=\ba\s)|(?<=\ben\s)|(?<=\bno\s)|(?<=\bauf\s)|(?<=\bsur\s))(?:mi|meu|ma|mon|meinem)\s+(?:canal|cha[i\u00ee]ne
    |kanal|perfil|profil)\b
cta | channel | channel\s+(?:aku|saya|ku|ko)\b
cta | out | out\s+now\s+on\s+(?:all|every|spotify|youtube|apple|soundcloud|my)
# A giveaway that needs the reader to act (follow, retweet, tag, enter) is an unasked offer.
cta | giveaway giveaways giving
    (?:giveaways?|giving\s+away)\b[^.!?\n]{0,60}[.!?]*[^.!?\n]{0,40}\b(?:claim|log\s*in|enter|click|go\s+to|visit|dm
    |follow|rt|retweet|tag|comment)\b
cta | sigan sigueme sígueme siganme síganme segue sigam folgt seguime
    (?:sigan|s[ií]gueme|s[ií]ganme|segue|sigam|folgt|seguime)\b(?:\s+(?:minha|meu|mir|mi|me|a\s+mi|no|en
    |auf)\b)?
cta | mera mere | mer[ae]\s+(?:bhi\s+)?(?:channel|chanel|page|vlog|video)
# Unasked text-message offers: keywords to text back, prizes to claim, opt-out footers, premium numbers.
cta | redeem claim collect activate unlock
    (?:redeem|claim|collect|activate|unlock)\s+(?:it\s+|them\s+|(?:your|ur)\s+(?:[\w-]+\s+){0,2})?
    (?:now|here|today|before|at\b|->|\u2192|:)
# "Confirm now?" between friends asks nothing; "verify your account here" and "verify now to avoid…" do.
cta | verify confirm
    (?:verify|confirm)\s+(?:(?:your|ur)\s+(?:[\w-]+\s+){0,2}?(?:now|today|here|at\b|->|\u2192|:)
    |(?:now|here)\s*(?::|->|\u2192|at\b|to\s+(?:avoid|keep|continue|unlock|restore)))
cta | reply txt text send sms
    (?:reply|txt|text|send|sms)\s+['\"]?[a-z0-9]{2,10}['\"]?\s+to\s+\d{4,6}\b|(?:reply|txt
    |text)\s+['\"]?stop\b
    |reply\s+['\"]?[a-z]+['\"]?\s+if\s+(?:serious|interested|you\s+want)
cta | stop stop2end | stop\s*2\s*(?:end|quit|opt)|stop2end
cta | to
    to\s+(?:accept|claim|redeem|collect|receive|unlock)\b[^.!?\n]{0,30}\b(?:reply|call|text|txt|click|visit
    |send|go|tap)\b
cta | claim | claim\s+(?:now|here|your|it|today|before|at|by|yours)\b
cta | submit send enter confirm update verify
    (?:submit|send|enter|confirm|update|verify)\s+(?:your\s+)?(?:name\s*(?:\+|and|&)\s*)?(?:card|bank|account
    |payment|kyc
    |billing)\s*(?:details|info|number)?\b
cta | click | click\s+(?:and|to)\s+(?:join|claim|get|win|see|watch|apply|start|register)\b
promo | you u ur your has have winner won congratulations congrats
    (?:(?:you|u)\s+(?:have\s+|'ve\s+|has\s+)?(?:been\s+)?(?:chosen|selected|pre-?approved)\b|(?:has|have
    |you'?ve|you|u)
    \s+won\b[^.!?\n]{0,30}\b(?:prize|cash|reward|voucher|gift|draw|trip|holiday|bonus|[£$€]\d)
    |winner\b[^.!?\n]{0,40}
    \b(?:claim|call|reply|text|txt|click|prize|selected))
promo | calls call premium per | (?:calls?\s+cost|premium[\s-]rate|per\s+min(?:ute)?\b)
promo | free
    free\s+(?:entry|ringtones?|spins|bets?|credits?|minutes|texts|gift\s+cards?|iphone|phone)\b
promo | earn make work
    (?:earn\s+[$£€]?|make\s+[$£€])\d[\d,.-]*\s*k?\s*(?:per|a|/|each)\s*(?:day|week|hour|month|hr|wk)
    |work\s+from\s+home
    |make\s+money\s+(?:online|from\s+home|fast)
promo | loan loans cashback compensation | (?:loans?|cashback|compensation)\b
cta | i i'll ill we we'll | (?:i|we)(?:'?ll|\s+will)\s+be\s+(?:going\s+)?live\b
cta | tune listen watch | tune\s+in\b|(?:listen|watch)\s+(?:live|now)\b
cta | come | come\s+(?:and\s+)?watch\s+@?[a-z0-9]*[_\d][\w]*
contact | write whisper | (?:write|whisper)\s+(?:me|us|in\s+(?:the\s+|my\s+)?(?:discord|dms?|telegram))\b
contact | my | my\s+(?:discord|snap|telegram|kik|line)\s*(?:is\s*|:\s*|-\s*)?@?[\w.]+#\d{4}\b
cta | click | click\s+(?:here|the\s+link|this\s+link|my\s+link|on\s+my|below)\b
promo | use enter with | (?:use|enter|with)\s+my\s+(?:code|link|referral|ref|invite)\b
promo | ref invite referral affiliate | (?:ref|invite|referral|affiliate)\s+(?:code|link)s?\b
cta | abonnieren abonniere abonnez suscríbete suscribete inscreva iscriviti
    (?:abonnieren|abonniere|abonnez|suscr\u00edbete|suscribete|inscreva-se|iscriviti)\b
cta | register enroll enrol enrollment enrolment
    (?:register|enrol+(?:ment)?)\s+(?:now|today|here|at|is\s+open|opens|closes)\b
cta | join
    join\s+(?:my|our|the)\s+(?:team|program(?:me)?|cohort|course|challenge|membership|wait\s*list|list
    |newsletter|masterclass|webinar|academy|vip|\d+[\s-]*(?:week|day|month))
cta | try
    try\s+(?:it|us|\w+)\s+(?:free|for\s+free|risk[\s-]free)|try\s+(?:it|us)\s+(?:today|now)
    |try\s+it\s*(?::|here\b|out\s*(?::|here\b|at\b))
cta | free
    (?<![-\w])free\s+(?:\d+[\s-]*day\s+)?trial|(?<![-\w])free\s+(?:consult\w*|quote|estimate|valuation
    |home\s+valuation|market\s+analysis|assessment|audit|strategy\s+(?:call|session)|discovery\s+call
    |inspection|demo|shipping|delivery|gift)
cta | day | day\s+(?:free\s+)?trial
cta | start | start\s+(?:your|a)\s+(?:free\s+)?trial
cta | hire | hire\s+(?:me|us)\b
# Offering yourself or your team for hire, unasked: your own services are a pitch too.
for_hire | resume résumé cv portfolio
    (?:resume|r\u00e9sum\u00e9|cv|portfolio)\s+(?:is\s+)?(?:in|on)\s+(?:my\s+|the\s+)?(?:profile|bio)\b
for_hire | available open
    (?:available|open)\s+(?:for|to)\s+(?:hire|freelance\s+(?:work|gigs|projects)|contract\s+work|new\s+clients
    |commissions)\b
for_hire | taking accepting | (?:taking|accepting)\s+(?:on\s+)?(?:new\s+)?(?:clients|commissions)\b
for_hire | need want
    (?:need|want)\s+(?:a\s+|some\s+)?(?:devs?|developers?|designers?|engineers?|an?\s+agency|a\s+freelancer)
    \s+(?:for|with|on)\b[^?.!\n]{0,20}\?
cta | it | it'?s\s+time\s+to\s+talk
cta | comment
    comment\s+(?:your\s+[a-z]+|['\"]?[a-z0-9]+['\"]?)\s+(?:below\s+)?(?:and|&|to|for)\s+(?:i'?ll|we'?ll|i\s+will|get|receive
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
# "On sale" is a promo when it says when ("on sale now", "on sale Friday"); "I paid $170 on sale" is a story.
promo | sale
    (?<!of\s)(?<!on\s)sale\b|(?<=on\s)sale\s*(?:now|today|tomorrow|this|next|until|till|through|ends|from|at|%DAY%
    |for\s+(?:a\s+)?limited|!)
promo | deal deals | deals?\s+(?:alert|ends|of\s+the\s+(?:day|week)|is\s+(?:live|back|on))
promo | great amazing huge best hot big unbeatable incredible
    (?:great|amazing|huge|best|hot|big|unbeatable|incredible)\s+(?:deals?|prices|savings)\b
promo | financing | financing\s+(?:available|options|this)
promo | lifetime exclusive special limited early black cyber flash bundle holiday
    (?:lifetime|exclusive|special|limited[\s-]*time|early[\s-]*bird|black\s+friday|cyber\s+monday|flash
    |bundle|holiday)\s+(?:deal|offer|price|pricing|discount|special|sale|rate|bundle|code)s?\b
promo | new
    new\s+(?:patient|client|customer|member|student)s?\s+(?:special|offer|deal|discount|price|pricing)
promo | special specials | specials?\s+(?:is|are)\s+(?:back|live|here|on)|special\s+offer
promo | spring summer fall autumn winter tuesday monday wednesday thursday friday saturday sunday
    [a-z]+\s+(?:[a-z-]+\s+)?(?:specials?|sales?|deals?|promos?)\b
promo | weekend | [a-z]+\s+(?:[a-z-]+\s+)?(?:specials?|sales?|deals?|promos?)\b
promo | half | half\s+(?:off|price)
promo | up | up\s+to\s+\d+\s?%
promo | first
    first\s+\d+\s+(?:customers|people|buyers|orders|sign-?ups|clients|shoppers|guests)\s+(?:get|gets
    |receive|will\s+(?:get|receive)|to\s+(?:order|sign|buy|book|join))\b
promo | bogo | bogo\b
promo | first
    first\s+(?:\d+|two|three|six)\s+months?\s+(?:free|on\s+us|for\s+(?:[$\u20ac\u00a3]\s?\d|free))
promo | save | save\s+(?:up\s+to\s+)?(?:\d+\s?%|[$\u20ac\u00a3]\s?\d)
promo | mention | mention\s+(?:this\s+(?:post|ad|code|tweet)|code)
promo | oferta descuento desconto promoção rabatt angebot sonderangebot réduction soldes
    (?:oferta\s+(?:especial|limitada|exclusiva|rel\u00e1mpago|del\s+d\u00eda)|descuento|desconto|promo\u00e7\u00e3o|rabatt
    |angebot\s+(?:gilt|endet|nur)|sonderangebot|r\u00e9duction|soldes)\b
promo | free | (?<![-\w])free\s+(?:\w+\s+)?(?:add-?on|upgrade|gift)
# Schemes: MLM recruiting and token shilling.
scheme | presale pre whitelist airdrop starter | presale|pre-sale|whitelist|airdrop|starter\s+kit
scheme | earn make
    (?:earn|make)\s+(?:up\s+to\s+)?[$\u20ac\u00a3]?\d[\d,.]*k?\s*(?:/|a|per)\s*(?:month|week|day|mo|wk)
scheme | be unlimited passive residual | be\s+your\s+own\s+boss|(?:unlimited|passive|residual)\s+income
scheme | guaranteed | guaranteed\s+(?:returns?|profits?|income)
scheme | still | still\s+early\b
scheme | don dont | don'?t\s+fade\b
scheme | ape aping | ap(?:e|ing)\s+in\b
scheme | ca contract | (?:ca|contract\s+address)\s*(?:in|is|:|below|pinned|\u2192)
scheme | about | about\s+to\s+(?:\d+x|moon|pump|explode|rip|send)\b
scheme | next hidden | (?:next|hidden)\s+(?:\d+x|gem|moonshot)\b
# What a "free" offer costs: the gate.
gate_req | enter drop leave give share send provide submit fill with
    (?:enter|drop|leave|give|share|send|provide|submit|fill\s+in|with)\s+(?:us\s+)?(?:your\s+)?(?:work\s+
    |business\s+|best\s+)?(?:e-?mail|phone|number|credit\s+card|card)
gate_req | credit | credit\s+card
gate_req | email phone | (?:e-?mail|phone)\s+(?:address|number)
gate_req | follow | follow\s+(?:us|me|@\w+)\s*(?:and|&|\+|,)\s*(?:tag|like|share|retweet|rt|comment)
gate_req | follow | follow\s+(?:us|me)\s+(?:so|and)\s+(?:i|we)\s*(?:'ll|can|will|could)?\s*(?:dm|send|message)
gate_req | tag | tag\s+(?:\d+|two|three|a)\s+friends?
gate_req | retweet rt share | (?:retweet|rt|share)\s+this\b
# Free things, and signs that they come without strings.
free_offer | free
    (?<![-\w])free\b[!\s]*(?:\d+[\s-]*(?:day|week|month)\s+)?(?:[\w-]+\s+){0,3}?(?:guide|e-?book|checklist|template
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
ungated | nothing not | (?:nothing|not)\s+(?:for\s+sale|to\s+(?:buy|sell))\b
ungated | totally completely | (?:totally|completely)\s+free\b(?!\s+trial)
# Weak pitch signals: only together do they make a pitch.
self_offer | our my | (?:our|my)\s+(?:[a-z0-9':-]+\s+){0,2}?%PRODUCT%
self_offer | on nous | (?:on|nous)\s+propos(?:e|ons)\s+(?:un|une|des)\b
self_offer | we we're i
    we\s+(?:offer|sell|provide|specialize|specialise)\b|we\s+help\s+(?:[a-z-]+\s+){1,3}(?:to\s+)?(?:get|grow
    |hire|cut|save|scale|find|increase|reduce|double|win|land|build|launch|lift|boost|improve|automate|streamline
    |generate|drive|close|fill|turn)\b|we'?re\s+(?:offering|selling|launching
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
self_offer | check try
    (?:check\s+(?:out\s+)?|try\s+)(?:our|my)\s+(?:%PRODUCT%|(?:web)?site\b|page\b|channel\b)
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
    (?:ends|(?:spots|doors|registration|enrollment|cart)\s+(?:(?:for\s+\S+\s+)?open|opens|close|closes|closing))
    \s+(?:today|tonight|next\s+(?:week|month|%DAY%)
    |tomorrow|soon|at\s+midnight|midnight|this|in\s+\d|%DAY%)
urgency | before | before\s+it'?s\s+gone|before\s+the\s+price\s+goes\s+up
urgency | this | this\s+(?:week|weekend|month)\s+only
urgency | while | while\s+(?:supplies|stocks?)\s+last
urgency | lock | lock\s+in\s+(?:this|the|your|today'?s|that)\s+(?:price|rate|discount|deal|spot)
urgency | days | days?\s+left\b
hype | lowest best | (?:lowest|best)\s+(?:rates?|prices?|deals?)\s+in\s+(?:town|the\s+\w+)
hype | leading | leading\s+provider
hype | game moon transform | game[\s-]*changer|moon\b|transform(?:ed|ation)?\s+(?:your|\d)
# Help: tips, lessons, insights, answers.
help | tip tips | tips?\s*[:\-\u2014]|tips?\s+(?:for|while|on|from|to|that|i|we|if)\b
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
help | how | how\s+to\s+(?:tell|spot|check|know|fix)\b
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
    (?:doubled|tripled|halved|quadrupled)\b|from\s+~?\d[\d.,%]*\s*\w*\s+to\s+~?\d|by\s+(?:(?:about|roughly
    |nearly|almost|around|over|more\s+than)\s+)?(?:a\s+)?(?:third|half|quarter)\b
help | happy
    happy\s+to\s+(?:share|answer|explain|walk|send|look|review)\b(?!\s+(?:our|my)\s+(?:pricing|prices|rates
    |deck|brochure|catalog))
help | no | no\s+charge\b
# First-hand experience and opinions.
own_answer | mine | mine\s*(?:is|was|are|were|:|—|-)\s
experience | i
    i\s+(?:switched|stopped|started|cut|dropped|moved|tried|found|use|used|learned|noticed|tested|measured
    |tracked|got|spent|had|ran|built|wish|asked|negotiated|replied|paid|saved)\b|i'?ve\s+(?:seen|had|found|tried|used|been|learned)
experience | we
    we\s+(?:(?:each|both|all|finally|eventually)\s+)?(?:switched|stopped|started|cut|dropped|moved|tried|found|use
    |used|learned|noticed|tested|measured|tracked|put|got|had|ran|spent|did|paid|saved|settled|negotiated)\b
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
    |list|write[\s-]*up|insights?|stuff|work|news|job|report|study|research|analysis|breakdown|piece|podcast
    |episode|talk|presentation|update|launch|story|idea|take)\b
opener | congrats congratulations sorry thank thanks
    congrat(?:s|ulations)\b|sorry\s+to\s+hear|thank(?:s|\s+you)\b
opener | oof ouch yikes ugh | (?:oof|ouch|yikes|ugh)\b
greeting | hi hey hello howdy yo gm greetings | (?:hi|hey|hello|howdy|yo|gm|greetings)\b
greeting | happy
    happy\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|holidays|new\s+year)
# Asks that give nothing back.
ask | follow | follow\s+(?:(?:us|me)\b%NOT_WALKING%|for|along|@)
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
ask | sub | sub\s*(?:4|for)\s*sub\b|sub\s+to\s+(?:me|my)\b
ask | i | i\s+(?:sub|follow)\s+back\b
# Follow-for-follow: a follow promised back for one now is self-promotion, however it's worded.
cta | i i'll ill | i(?:'?ll|\s+will|\s+always)?\s+(?:fol+ow|sub(?:scribe)?)\s+(?:(?:you|u|ya)\s+)?back\b
# Petitions and chain messages: they only ask.
ask | sign add forward send don't dont copy
    sign\s+(?:my|our|the|this)\s+petition|add\s+your\s+(?:name|signature)|forward\s+this\s+to
    |send\s+this\s+to\s+\d+
    |don'?t\s+break\s+the\s+chain|copy\s+(?:and\s+)?paste\s+this
# Begging: money, gifts or subs for yourself, with nothing in return.
ask | pay gift tip cashapp venmo paypal send donate
    (?:pay|gift|tip|cashapp|venmo|paypal|send|donate\s+to)\s+(?:me|my)\b(?:\s+(?:rent|bills?|some|money|a|\$
    |\d|pls
    |please|plz))?
ask | help | help\s+me\s+(?:with\s+|out\s+with\s+)?(?:[$€£]?\d|money|my\s+rent|rent|cash|bills?|pay)
ask | please pls plz | (?:please|pls|plz)\W*(?:help|support)\s+me\b
ask | can could
    (?:can|could)\s+(?:u|you|someone|anyone)\s+(?:pls\s+|plz\s+|please\s+)?(?:raid|host|shout\s*out)\b
ask | need
    (?:i\s+)?need\s+(?:[$€£]?\d[\d,.]*\s*(?:k|m)?\s*(?:dollars|bucks|usd|euros|rupiah|reais|pesos)?\b\s*)
    (?:for\s+(?:my\s+)?(?:rent|bills?|food|college|school|surgery|medicine))
ask | can could
    (?:can|could)\s+(?:i|u|you|someone|anyone)\s+(?:also\s+)?(?:have|get|gift|give)\s+(?:me\s+)?a\s+(?:sub
    |gift|follow)
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
disclosure | biased | biased\s*(?:[,:;)(\u2014-]|since\b|because\b|as\s+i\b|here\b|but\b)
disclosure | grain pinch | (?:grain|pinch)\s+of\s+salt\b
disclosure | co cofounder founder | (?:co-?)?founder\s+(?:of|at)\s+[\w.-]+\s+here\b
# Fundraising for a cause: an ask, but not a sales pitch.
fundraiser | raising donate donations donation fundraiser fundraising chip gofundme sponsor
    (?:raising\s+(?:money|funds)|donat\w+|fundrais\w+|chip\s+in|gofundme|sponsor\s+me)\b
# A crisis line or helpline: a number there is help, not a sales call.
helpline | hotline hotlines helpline helplines lifeline crisis suicide
    (?:hotlines?|helplines?|lifeline|crisis\s+(?:line|text\s+line|center|centre)|suicide\s+prevention)\b
# Job posts.
hiring | we we're now hiring jobs job
    (?:we'?re|we\s+are|now)\s+hiring|hiring\s*(?:[!:]|a\b|an\b|for\b|two\b|three\b|\d)|#?jobs?\s*:
hiring | we your apply
    we\s+need\s+(?:a|an)\s+(?:part-time|full-time|freelance|contract|remote|senior|junior)|your\s+(?:resume
    |r\u00e9sum\u00e9|cv|portfolio)\b|apply\s*(?::|here|now|at|via|through|on)\b
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
