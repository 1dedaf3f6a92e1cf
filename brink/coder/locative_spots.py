"""Where a sentence says something is: a place named after a locative preposition.

"protesters in Baghdad", "rebels in northern Syria" (scan.prev_word skips the direction), and also a place
that names the thing after a determiner: "protesters who gathered at a Tehran square", "fighting in the
Kashmir valley". A generic agent takes its country from such a place before any other (mentions.py). A
country's adjective after a determiner is not such a place: "rallied at the Egyptian embassy" says whose
embassy it is, not where the crowd is from (an embassy stands in another country).
"""

from __future__ import annotations

from typing import Final

from brink.coder.scan import DIRECTIONS, prev_word

LOCATIVE_PREPS: Final = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around"})
_DETERMINERS: Final = frozenset({"a", "an", "the"})


def after_locative(norm: str, start: int) -> bool:
    """Does a locative preposition come right before offset ``start`` (normalised text)?"""
    return prev_word(norm, start) in LOCATIVE_PREPS


def after_locative_determiner(norm: str, start: int) -> bool:
    """ "at a Tehran square", "in the northern Kashmir valley": a locative preposition, then a determiner
    (and any direction words), before text offset ``start``."""
    words = norm[max(0, start - 60) : start + 1].split()
    while words and words[-1] in DIRECTIONS:
        words.pop()
    return len(words) > 1 and words[-1] in _DETERMINERS and words[-2] in LOCATIVE_PREPS


def is_locative(norm: str, start: int, end: int, covers: list[tuple[int, int]], place: bool = True) -> bool:
    """Is the name at ``start:end`` a place said after a locative preposition? After a determiner, only a
    ``place`` (a name the gazetteer knows: a city used as its government is one, "Tehran"; a country's
    adjective is not: "near the Turkish border") that no longer actor mention (one of ``covers``) contains
    ("at the Tehran embassy")."""
    if after_locative(norm, start):
        return True
    if not place or not after_locative_determiner(norm, start):
        return False
    return not any(s <= start and end <= e and e - s > end - start for s, e in covers)
