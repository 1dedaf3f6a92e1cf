"""Small parts of an event that the pipeline reads off its sentence: the confidence of its actors, the
phrase that triggered it, its date, its quotation and its nearest place."""

from __future__ import annotations

from datetime import date

from brink.coder.dates import find_dates
from brink.coder.key_forms import Place
from brink.coder.match import Match
from brink.coder.quotes import Quotation
from brink.coder.roles import Resolved
from brink.coder.segment import Sentence
from brink.coder.text import normalise


def confidence_of(src: Resolved, tgt: Resolved | None) -> float:
    """0.8 for a parsed source (0.6 else); 0.2 less for a guessed source, 0.1 for a guessed target."""
    c = 0.8 if src.how == "parse" else 0.6
    if src.mention.actor.guessed:
        c -= 0.2
    if tgt is not None and tgt.mention.actor.guessed:
        c -= 0.1
    return round(c, 3)


def phrase_of(m: Match) -> str:
    words = [m.trigger.lemma_.lower()] + [
        c.lemma_.lower() for c in m.trigger.children if c.dep_ in ("prt", "dobj")
    ]
    if m.inner is not None:
        words.append(phrase_of(m.inner))
    return " ".join(words)


def date_of(sentence: str, published: date) -> date | None:
    words = normalise(sentence).split()
    dates = find_dates(words, published)
    return dates[0][1] if dates else None


def quote_of(sentence: Sentence, quoted: Quotation | None) -> str | None:
    """The quoted words of the sentence, when the action stands inside a quotation."""
    if quoted is None:
        return None
    start, end = max(sentence.start, quoted.start), min(sentence.end, quoted.end)
    words = sentence.text[start - sentence.start : end - sentence.start].strip(" ,")
    return words or None


def nearest_place(places: list[tuple[int, int, Place]], at: int) -> Place | None:
    if not places:
        return None
    return min(places, key=lambda p: abs(p[0] - at))[2]
