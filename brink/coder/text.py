"""Text plumbing for the coder's hot path: normalisation, sentence split, tokens.

``normalise(text)`` returns ``" " + lowered + " "`` where every character that is not a letter or a
digit became a space, so that index ``i + 1`` of the result is index ``i`` of the text. Dictionary keys
go through the same function, so the key table walked over the normalised text (``key_table.KeyTable``)
finds whole-word matches only ("u.s." and "U.S." both become "u s").
"""

from __future__ import annotations

import re
from typing import Final

_PUNCTUATION: Final = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\n\r\x0b\x0c"
    "\u00a0\u00ab\u00bb\u00b7\u00bf\u00a1\u2010\u2011\u2012\u2013\u2014\u2015\u2018\u2019\u201a\u201b"
    "\u201c\u201d\u201e\u201f\u2022\u2026\u2032\u2033\u2039\u203a\u2212\u3000\u200b\ufeff\u00ad"
)
_TABLE: Final = {ord(ch): " " for ch in _PUNCTUATION}
# Fast path: latin-1 (and ASCII) text lower-cases within latin-1, one character to one, so lowering and
# the punctuation are one byte table that CPython applies in C (no per-character dictionary lookup,
# no generic lower-casing)
_LOWER_LATIN1_TABLE: Final = bytes(
    32 if chr(i).lower() in _PUNCTUATION else ord(chr(i).lower()) for i in range(256)
)
_WIDE_PUNCTUATION: Final = tuple(ch for ch in _PUNCTUATION if ord(ch) > 255)
_PUNCTUATION_RE: Final = re.compile("[" + re.escape(_PUNCTUATION) + "]")

# Stems left when the tokenizer splits "n't" off ("didn't" -> "didn" "t"): with a following "t"
# they negate. Shared by the coder's negation rule and the tone.
NEGATED_CONTRACTION_STEMS: Final = frozenset(
    [
        "didn",
        "doesn",
        "don",
        "isn",
        "wasn",
        "weren",
        "won",
        "can",
        "couldn",
        "wouldn",
        "shouldn",
        "hasn",
        "haven",
        "hadn",
        "aren",
        "ain",
        "mustn",
    ]
)
QUOTE_CHARS: Final = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
OPENING_QUOTES: Final = frozenset("\u201c\u201e\u00ab")
CLOSING_QUOTES: Final = frozenset("\u201d\u00bb")
_CLOSERS: Final = frozenset("\"'\u2019\u201d)]\u00bb")
_OPENERS: Final = frozenset("\"'\u2018\u201c([\u00ab")
_ENDERS: Final = ".!?"

# Abbreviations after which a period does not end a sentence (lower case, without the period).
ABBREVIATIONS: Final = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "sens",
        "reps",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vs",
        "v",
        "inc",
        "corp",
        "co",
        "ltd",
        "bros",
        "dept",
        "est",
        "approx",
        "fig",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "al",
        "ave",
        "blvd",
        "brig",
        "pres",
        "amb",
        "sec",
        "hon",
        "messrs",
        "gens",
    ]
)

_LONGEST_ABBREVIATION: Final = 6  # letters and periods (a test checks it against ABBREVIATIONS)


def normalise(text: str) -> str:
    # Punctuation is uncased and no letter lower-cases to it, so the wide punctuation ("’", "“")
    # goes first; then most texts are latin-1, lowered and cleaned by one byte table in C.
    if not text.isascii():
        for ch in _WIDE_PUNCTUATION:
            if ch in text:
                text = text.replace(ch, " ")
    try:
        return " " + text.encode("latin-1").translate(_LOWER_LATIN1_TABLE).decode("latin-1") + " "
    except UnicodeEncodeError:  # Cyrillic, Arabic, CJK letters: lowered, then one C-level substitution
        pass
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two (e.g. "İ"): keep offsets aligned
        lowered = "".join(ch.lower()[0] for ch in text)
    return " " + _PUNCTUATION_RE.sub(" ", lowered) + " "


def normalise_phrase(phrase: str) -> str:
    """Normalise a dictionary phrase to the key form of the dictionary's key table: ' word word '."""
    return " " + " ".join(phrase.lower().translate(_TABLE).split()) + " "


def key_for(phrase: str) -> str:
    """Key that matches ``phrase`` inside a normalised text: internal spacing kept as in the text.

    "U.S. embassy" in a text normalises to "u s  embassy" (two spaces: the period and the space), so
    keys keep the phrase's own punctuation-derived spacing; only the ends are trimmed.
    """
    inner = phrase.lower().translate(_TABLE).strip()
    return " " + inner + " "


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)``: paragraphs (newlines) split at . ! ? before a capital."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    pos = 0
    while pos < n:
        end = text.find("\n", pos)
        if end < 0:
            end = n
        _split_paragraph(text, pos, end, spans)
        pos = end + 1
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _split_paragraph(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    if start >= end:
        return  # a blank line
    candidates: list[int] = []
    kinds = 0  # how many of the enders occur: candidates of one are in order already
    for ender in _ENDERS:
        i = text.find(ender, start, end)
        if i >= 0:
            kinds += 1
        while i >= 0:
            candidates.append(i)
            i = text.find(ender, i + 1, end)
    if not candidates:
        _add_span(text, start, end, spans)
        return
    if kinds > 1:
        candidates.sort()
    sentence_start = start
    last_cut = -1
    for c in candidates:
        if c < last_cut:
            continue
        j = c + 1
        while j < end and (text[j] in _CLOSERS or text[j] in _ENDERS):
            j += 1
        if j >= end:
            break
        if not text[j].isspace():
            continue
        k = j
        while k < end and text[k].isspace():
            k += 1
        if k >= end:
            break
        code = ord(text[k])
        if code < 128:  # ASCII: a capital, a digit or an opening quote or bracket, from the code point
            if not (65 <= code <= 90 or 48 <= code <= 57 or code in (34, 39, 40, 91)):  # " ' ( [
                continue
        else:
            nxt = text[k]
            if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
                continue
        if text[c] == "." and _is_abbreviation(text, sentence_start, c):
            continue
        _add_span(text, sentence_start, j, spans)
        sentence_start = k
        last_cut = k
    _add_span(text, sentence_start, end, spans)


def _is_abbreviation(text: str, start: int, period: int) -> bool:
    ws = max(text.rfind(" ", start, period), text.rfind("\u00a0", start, period)) + 1
    word = text[ws:period]
    if word and word[0] in "(\"'\u201c\u2018[":  # the method call only where there is something to strip
        word = word.lstrip("(\"'\u201c\u2018[")
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # initials: "J. Smith"
    if len(word) > _LONGEST_ABBREVIATION:
        return False  # most sentence ends ("said."): lower-casing never shortens a word
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return True
    # dotted acronyms: "U.S", "U.N", "D.C"
    return (
        "." in lowered
        and len(lowered) <= 5
        and all(part.isalpha() and len(part) <= 2 for part in lowered.split("."))
    )


class Tokens:
    """Word tokens of one sentence: lower-case words with character offsets into the article text, and
    what only the text shows about them (upper-case initials, punctuation after them).

    ``marks`` (words of at most ``longest_mark`` characters): the caller's words to find, whose indexes
    go to ``marked``, in the same pass."""

    __slots__ = ("capitalised", "ends", "marked", "n", "odd_gaps", "starts", "words")

    def __init__(
        self, text: str, norm: str, start: int, end: int, marks: frozenset[str], longest_mark: int
    ) -> None:
        segment = norm[start + 1 : end + 1]
        words = segment.split()
        n = len(words)
        starts = [0] * n
        ends = [0] * n
        # indexes of the tokens whose first character is upper case in the text (name candidates), and of
        # the tokens not followed by exactly one space (punctuation, several spaces, the sentence end):
        # the few tokens the sentence's later passes visit instead of all of them
        capitalised: list[int] = []
        odd_gaps: list[int] = []
        marked: list[int] = []
        base: int = start
        p: int = 0
        for i in range(n):
            w = words[i]
            gap_at = p  # where the previous word ended
            # ``segment.find(w, p)`` without the call: only whitespace lies between ``p`` and the word,
            # so it starts at the first character equal to its own first one
            first = ord(w[0])
            while ord(segment[p]) != first:
                p += 1
            if i and (p != gap_at + 1 or ord(text[base + gap_at]) != 32):
                odd_gaps.append(i - 1)
            s = base + p
            starts[i] = s
            code = ord(text[s])
            if (65 <= code <= 90) if code < 128 else text[s].isupper():
                capitalised.append(i)
            length = len(w)
            if length <= longest_mark and w in marks:
                marked.append(i)
            p += length
            ends[i] = base + p
        if n and (base + p + 1 != end or ord(text[base + p]) != 32):
            odd_gaps.append(n - 1)
        self.words = words
        self.starts = starts
        self.ends = ends
        self.n = n
        self.capitalised = capitalised
        self.odd_gaps = odd_gaps
        self.marked = marked

    def index_at_or_after(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        lo, hi = 0, self.n
        starts = self.starts
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def index_containing(self, offset: int) -> int:
        """Index of the token that contains or follows ``offset``."""
        lo, hi = 0, self.n
        ends = self.ends
        while lo < hi:
            mid = (lo + hi) // 2
            if ends[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo
