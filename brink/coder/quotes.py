"""Quotes: who speaks the sentences inside quotation marks.

A quotation (between a pair of quote marks in one paragraph) is attributed to the actor named right after
it with a verb of saying (`”, Trump tweeted.`, `" Hoffman added.`, `", said Pompeo.`) or right before it
(`Trump said: "...`). Every sentence that lies inside the quotation takes that speaker; the parse stage
adds the speakers it can read itself (the subject of a verb of saying).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from brink.coder.actor_values import Mention

OPENING: Final = '"\u201c'
CLOSING: Final = '"\u201d'
_SAYING = (
    r"said|says|say|tweeted|tweets|added|adds|wrote|writes|told|tells|stated|states|warned|warns|declared|"
    r"insisted|stressed|posted|noted|explained|continued|"
    # verbs that say and qualify the words: '"...," the army chief asserted', '"...," Nasrallah vowed'
    r"asserted|asserts|vowed|vows|cautioned|announced|emphasised|emphasized|reiterated|affirmed|claimed|"
    r"threatened|pledged|remarked"
)
_AFTER: Final = re.compile(
    rf"^[\s,.!?]*(?:(?P<who>[^,.;\n]{{1,60}}?)\s+(?:{_SAYING})\b|(?:{_SAYING})\s+(?P<who2>[^,.;\n]{{1,60}}))"
)
_BEFORE: Final = re.compile(rf"(?P<who>[^,.;\n\"\u201c\u201d]{{1,60}}?)\s+(?:{_SAYING})\s*[:,]?\s*$")


# How far before a quotation's opening mark (and after its closing one) the speaker is looked for: the
# patterns' name (at most 60 characters), verb of saying, spaces and colon fit in it. Searching the whole
# paragraph instead made a paragraph of 500 quotations (16 KB) take 10 s, growing as its square.
_WINDOW: Final = 160


@dataclass(frozen=True, slots=True)
class Quotation:
    start: int  # after the opening mark
    end: int  # at the closing mark
    speaker: Mention | None


# the only characters the pairing reads (the rest of the text is skipped at C speed)
_MARKS: Final = re.compile('[\n"\u201c\u201d]')


def _pairs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    open_at = -1
    line_start = 0
    for hit in _MARKS.finditer(text):
        i = hit.start()
        ch = text[i]
        if ch == "\n":
            open_at = -1
            line_start = i + 1
        elif open_at < 0 and ch == "\u201d":  # a quote opened in an earlier paragraph closes here
            out.append((line_start, i))
        elif open_at < 0 and ch in OPENING:
            open_at = i
        elif open_at >= 0 and ch in CLOSING:
            out.append((open_at + 1, i))
            open_at = -1
    return out


def _mention_in(mentions: list[Mention], start: int, end: int) -> Mention | None:
    for m in mentions:
        if start <= m.start and m.end <= end:
            return m
    return None


def quotations(text: str, mentions: list[Mention]) -> list[Quotation]:
    """The article's quotations with their speakers. ``mentions``: the article's, in order."""
    out: list[Quotation] = []
    for start, end in _pairs(text):
        speaker: Mention | None = None
        tail_end = text.find("\n", end, end + 1 + _WINDOW)
        tail = text[end + 1 : tail_end if tail_end >= 0 else end + 1 + _WINDOW]
        # a quotation closed by a full stop ended its sentence: what follows is a new one ('"... force." The
        # Iranian government announced the sanctions'), not its attribution (which follows a comma)
        hit = _AFTER.match(tail) if text[end - 1 : end] != "." else None
        if hit is not None:
            group = "who" if hit.group("who") else "who2"
            s, e = hit.span(group)
            speaker = _mention_in(mentions, end + 1 + s, end + 1 + e)
        if speaker is None:
            line_start = max(text.rfind("\n", max(start - 1 - _WINDOW, 0), start) + 1, start - 1 - _WINDOW, 0)
            head = text[line_start : start - 1]
            before = _BEFORE.search(head)
            if before is not None:
                s, e = before.span("who")
                speaker = _mention_in(mentions, line_start + s, line_start + e)
        out.append(Quotation(start, end, speaker))
    return out


def quotation_at(quotes: list[Quotation], start: int, end: int) -> Quotation | None:
    """The quotation that holds the span ``[start, end)`` (a sentence, a word)."""
    for q in quotes:
        if q.start <= start and end <= q.end + 1:
            return q
    return None


def spoken_in(quotes: list[Quotation], start: int, end: int) -> bool:
    """Does a quotation with a known speaker overlap ``[start, end)`` (a sentence)? Its words are that
    speaker's even when they name no one ('"Any attack on our ships will be met with a crushing response.
    We are ready," the commander said': the first sentence names no actor, yet has a speaker)."""
    return any(q.speaker is not None and q.start < end and start < q.end for q in quotes)
