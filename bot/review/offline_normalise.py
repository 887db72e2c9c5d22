"""Normalised text for the offline reviewer: case, compatibility forms and disguises undone.

'D M  m e', 'ＤＭ me' and 'DM\u200bme' all read 'dm me'. `Normalised.draft_range` maps offsets
back to the draft.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

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
WORD = re.compile(r"[^\W_]+")
# Three or more lone letters with one separator between them ("l i n k", "D.M.E"); two spaces split words.
_SPACED = re.compile(r"(?<![^\W_])[^\W\d_](?:(?: {1,2}|[.*_·\-])[^\W\d_](?![^\W_])){2,}")
# Letters joined by dots, stars or dashes ("d.m.e", "e-m-a-i-l").
_JOINED_LETTERS = re.compile(r"[.*_·-](?<=[^\W\d_][.*_·-])(?=[^\W\d_][.*_·-][^\W\d_])")
# Markup that pasted or exported text carries ("&amp;", "&#39;", "<br />", "<a href=…>"): readers see
# what it stands for. Comments are left alone: reading them is the hidden-text check's job.
_MARKUP = re.compile(
    r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,30});|</?(?:a|b|i|u|p|br|em|strong|span|div|font)\b[^<>]{0,300}>",
    re.IGNORECASE,
)
# Caches of small, repeated computations; cleared when full so a long-running bot doesn't grow without bound.
CACHE_LIMIT = 50_000
_char_cache: dict[str, str] = {}


def word_set(text: str) -> frozenset[str]:
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


def is_letter(char: str) -> bool:
    r"""What a regex's [^\W\d_] matches: a word character that is not a decimal digit."""
    code = ord(char)
    if code < 128:
        return 97 <= code | 32 <= 122  # a-z or A-Z: the common case, without a Unicode lookup
    return char.isalnum() and not char.isdecimal()


def _maybe_spaced(text: str) -> bool:
    """Cheap test for letter spacing: three lone letters in a row, or letters joined by dots or dashes."""
    return _lone_letters(text) or _JOINED_LETTERS.search(text) is not None


def _lone_letters(text: str) -> bool:
    """Three one-letter words in a row ("l i n k")."""
    run = 0
    for piece in text.split():
        if len(piece) == 1 and is_letter(piece):
            run += 1
            if run == 3:
                return True
        else:
            run = 0
    return False


def _decode_markup(text: str) -> tuple[str, list[int]] | None:
    """HTML entities decoded and simple tags turned into blanks, with each character's draft index."""
    if ("&" not in text and "<" not in text) or _MARKUP.search(text) is None:
        return None
    chars: list[str] = []
    origin: list[int] = []
    cursor = 0
    for match in _MARKUP.finditer(text):
        chars.extend(text[cursor : match.start()])
        origin.extend(range(cursor, match.start()))
        piece = match.group()
        plain = (
            html.unescape(piece) if piece.startswith("&") else ("\n" if piece[1:3].lower() == "br" else " ")
        )
        chars.extend(plain)
        origin.extend([match.start()] * len(plain))
        cursor = match.end()
    chars.extend(text[cursor:])
    origin.extend(range(cursor, len(text)))
    return "".join(chars), origin


def normalise(text: str) -> Normalised:
    """Fold case, markup, compatibility forms, invisible characters, look-alike letters and letter spacing."""
    decoded = _decode_markup(text)
    if decoded is None:
        return _fold_text(text)
    plain, where = decoded
    folded = _fold_text(plain)
    inner = folded.origin if folded.origin is not None else range(len(folded.text))
    return Normalised(folded.text, [where[i] for i in inner])


def _fold_text(text: str) -> Normalised:
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
