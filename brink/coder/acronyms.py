"""Acronyms given in brackets after a name: "Reporters sans Frontières (RSF)", "the Human Rights Council
(UNHRC)". The bracketed letters abbreviate the name just before them, so they stand for that name's actor,
even when the dictionary knows the same letters as another actor ("RSF" is also Sudan's Rapid Support
Forces). Read on the raw text after the dictionary pass; no parse is needed."""

from __future__ import annotations

from typing import Final

from brink.coder.actor_values import Mention

_OPEN: Final = frozenset({"(", " ("})


def abbreviates(letters: str, name: str) -> bool:
    """Are ``letters`` (upper case) the initials of ``name``'s words, in order, from its first word on,
    some words skipped ("Reporters sans Frontières": RSF; "United Nations Human Rights Council": UNHRC)?"""
    words = name.replace("-", " ").split()
    if words and words[0].lower() == "the":
        words = words[1:]
    initials = [w[0].upper() for w in words if w[:1].isalpha()]
    if not letters or not initials or letters[0] != initials[0] or len(letters) > len(initials):
        return False
    k = 0
    for c in initials:
        if k < len(letters) and c == letters[k]:
            k += 1
    return k == len(letters)


def with_bracketed_acronyms(text: str, ms: list[Mention]) -> list[Mention]:
    """``ms`` (one sentence's mentions, in text order) with each bracketed acronym that abbreviates the
    mention just before it given that mention's actor."""
    out = ms
    for k in range(1, len(ms)):
        prev, m = ms[k - 1], ms[k]
        surface = text[m.start : m.end]
        if (
            text[prev.end : m.start] not in _OPEN
            or text[m.end : m.end + 1] != ")"
            or not surface.isalpha()
            or not surface.isupper()
            or m.actor is prev.actor
            or not abbreviates(surface, text[prev.start : prev.end])
        ):
            continue
        if out is ms:
            out = list(ms)
        out[k] = m.with_actor(prev.actor)
    return out
