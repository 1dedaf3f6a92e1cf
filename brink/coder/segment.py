"""Segment: an article's text into sentences with character offsets (the first stage of the coder)."""

from __future__ import annotations

from dataclasses import dataclass

from brink.coder.guard import Cuts, split_long
from brink.coder.text import split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def segment(text: str, max_chars: int | None = None, cuts: Cuts | None = None) -> list[Sentence]:
    """Sentences of ``text``: paragraphs split at . ! ? before a capital, abbreviations kept whole; with
    ``max_chars``, a longer sentence split at clause punctuation (``brink.coder.guard.split_long``)."""
    spans = split_sentences(text)
    if max_chars is not None:
        spans = split_long(text, spans, max_chars, cuts if cuts is not None else Cuts())
    return [Sentence(k, s, e, text[s:e]) for k, (s, e) in enumerate(spans)]
