"""Segment: an article's text into sentences with character offsets (the first stage of the coder)."""

from __future__ import annotations

from dataclasses import dataclass

from brink.coder.text import split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def segment(text: str) -> list[Sentence]:
    """Sentences of ``text``: paragraphs split at . ! ? before a capital, abbreviations kept whole."""
    return [Sentence(k, s, e, text[s:e]) for k, (s, e) in enumerate(split_sentences(text))]
