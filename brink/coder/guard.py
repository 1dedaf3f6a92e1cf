"""Guard: the bounds that keep one hostile or careless article from stalling the parse coder.

Measured on this machine (``bench/hostile_texts.py``), without these bounds:
- spaCy's tokenizer peels prefixes and suffixes off a whitespace-free run one character at a time,
  searching the rest of the run each time: a run of 1,600 brackets, quotes or emoji took 1.3-1.8 s and
  grows with the square of its length (a run of 2,000 brackets in a 4 KB article: 8.5 s);
- one 60 KB "sentence" without punctuation took 11-45 s and 150 MB to parse and code, one sentence
  naming 500 countries 8 s;
- an article of 10,000 short sentences took 22 s.
An extract worker codes in its event loop: minutes on one article stall its partitions, and past the
consumer group's session timeout the article goes to another worker, which stalls on it in turn.

So, all deterministic (the same article always gives the same events, whatever the machine's load):
- ``read_prefix``: the coder reads an article's first ``max_article_chars`` characters (ended at a
  paragraph or sentence end): finding the actors in 1 MB took 6 s;
- ``split_long``: a sentence longer than ``max_sentence_chars`` is split at its last clause punctuation
  (``; : ,`` or a dash) before the limit, else at its last space, else at the limit: nothing is dropped;
- ``for_parser``: a whitespace-free run longer than ``max_word_chars`` reaches the parser as spaces (no
  English word is that long; the run is a URL, markup or junk); the sentence's own text is unchanged;
- ``Limits.max_parsed_sentences``: the candidate sentences parsed per article (the rest are not coded);
- ``Limits.max_events``: once an article gave that many events, its later sentences are not coded (ten
  actors attacking ten others make 100 events a sentence: 40,000 from one 100 KB article, 14 s).
And ``sentence_case``: a sentence in capitals (wire copy: "IRAN THREATENED ISRAEL ON MONDAY, SAYING ...")
reaches the parser in lower case but for its first letter and its actors' names: the small English model
tags capitalised words as proper nouns and found no verb in it.
And ``visible``: control and format characters (NUL, escape codes, zero-width and bidirectional marks,
BOM) read as spaces, one for one, so every offset into the article stays valid.

What was cut is counted in ``Cuts`` (the caller logs it once per article; the extract worker counts it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds (settings BRINK_CODER_MAX_ARTICLE_CHARS, _MAX_SENTENCE_CHARS, _MAX_WORD_CHARS,
    _MAX_PARSED_SENTENCES and _MAX_EVENTS)."""

    max_article_chars: int = 50_000
    max_sentence_chars: int = 1000
    max_word_chars: int = 100
    max_parsed_sentences: int = 200
    max_events: int = 500


@dataclass(slots=True)
class Cuts:
    """What the bounds changed in one article."""

    unread_chars: int = 0  # characters past max_article_chars, not coded
    split_sentences: int = 0  # sentences split because they were longer than max_sentence_chars
    blanked_words: int = 0  # whitespace-free runs longer than max_word_chars kept from the parser
    unparsed_sentences: int = 0  # candidate sentences past max_parsed_sentences, not coded
    uncoded_sentences: int = 0  # parsed sentences after the article reached max_events, not coded

    def as_dict(self) -> dict[str, int]:
        return {
            "unread_chars": self.unread_chars,
            "split_sentences": self.split_sentences,
            "blanked_words": self.blanked_words,
            "unparsed_sentences": self.unparsed_sentences,
            "uncoded_sentences": self.uncoded_sentences,
        }

    def __bool__(self) -> bool:
        return any(self.as_dict().values())


# Every control (Cc) and format (Cf) character of Unicode 15 except the newline: C0 and C1 controls, DEL,
# the soft hyphen, Arabic and Syriac number signs, zero-width spaces and joiners, bidirectional marks and
# isolates, invisible operators, BOM, interlinear annotation marks, tags (tests/unit/test_coder_guard.py
# checks it against ``unicodedata``)
_INVISIBLE_RANGES: Final = (
    (0x00, 0x09),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    (0xAD, 0xAD),
    (0x600, 0x605),
    (0x61C, 0x61C),
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
_INVISIBLE: Final = re.compile(
    "[" + "".join(re.escape(chr(a)) + "-" + re.escape(chr(b)) for a, b in _INVISIBLE_RANGES) + "]"
)
_CLAUSE_ENDS: Final = (";", ":", ",", "\u2014", "\u2013")


def visible(text: str) -> str:
    """``text`` with its control and format characters (except newlines) as spaces: the same length."""
    if _INVISIBLE.search(text) is None:
        return text
    return _INVISIBLE.sub(" ", text)


def read_prefix(text: str, max_chars: int, cuts: Cuts) -> str:
    """The part of ``text`` the coder reads: all of it up to ``max_chars``; else its first ``max_chars``
    characters, ended at the last paragraph or sentence end (". ") in their second half if there is one,
    else at the last space there."""
    if len(text) <= max_chars:
        return text
    half = max_chars // 2
    end = text.rfind("\n", half, max_chars)
    if end < 0:
        end = text.rfind(". ", half, max_chars - 1)
        end = end + 1 if end >= 0 else text.rfind(" ", half, max_chars)
    if end < 0:
        end = max_chars
    cuts.unread_chars = len(text) - end
    return text[:end]


def split_long(text: str, spans: list[tuple[int, int]], max_chars: int, cuts: Cuts) -> list[tuple[int, int]]:
    """``spans`` with every span longer than ``max_chars`` split into pieces of at most ``max_chars``."""
    if all(e - s <= max_chars for s, e in spans):
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if e - s > max_chars:
            cuts.split_sentences += 1
        while e - s > max_chars:
            cut = _cut_point(text, s, s + max_chars)
            end = cut
            while end > s and text[end - 1].isspace():
                end -= 1
            out.append((s, end))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to end a piece of ``text[start:limit]``: after its last clause punctuation followed by a space
    in its second half, else at its last space there, else at ``limit``."""
    half = start + (limit - start) // 2
    best = -1
    for mark in _CLAUSE_ENDS:
        i = text.rfind(mark, half, limit - 1)
        while i >= 0 and not text[i + 1].isspace():
            i = text.rfind(mark, half, i)
        best = max(best, i + 1 if i >= 0 else -1)
    if best > 0:
        return best
    space = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
    return space if space > start else limit


def sentence_case(sentence: str, start: int, names: list[tuple[int, int]]) -> str:
    """``sentence`` (at ``start`` in the article) as the parser gets it: when it is in capitals and has
    words of two letters or more besides its names (``names``: the article offsets of its actor mentions),
    lower case but for its first letter and the names' initials; else as it is. The same length."""
    if not sentence.isupper() or sum(1 for w in sentence.split() if len(w) > 1) < 3:
        return sentence
    chars = [c if len(c.lower()) != 1 else c.lower() for c in sentence]
    first = next((i for i, c in enumerate(chars) if c.isalpha()), None)
    if first is not None:
        chars[first] = sentence[first]
    for lo, hi in names:
        for i in range(max(lo - start, 0), min(hi - start, len(chars))):
            if i == lo - start or not chars[i - 1].isalpha():
                chars[i] = sentence[i]
    return "".join(chars)


def for_parser(sentence: str, max_word_chars: int, cuts: Cuts) -> str:
    """The sentence as the parser gets it: whitespace-free runs longer than ``max_word_chars`` as spaces
    (the same length, so the parse's character offsets are the sentence's)."""
    if len(sentence) <= max_word_chars:
        return sentence
    long_run = _long_runs(max_word_chars)
    if long_run.search(sentence) is None:
        return sentence

    def blank(m: re.Match[str]) -> str:
        cuts.blanked_words += 1
        return " " * len(m.group())

    return long_run.sub(blank, sentence)


_RUNS: dict[int, re.Pattern[str]] = {}


def _long_runs(max_word_chars: int) -> re.Pattern[str]:
    pattern = _RUNS.get(max_word_chars)
    if pattern is None:
        pattern = _RUNS[max_word_chars] = re.compile(rf"\S{{{max_word_chars + 1},}}")
    return pattern
