"""An article updated in place (same URL, new text) and what it repeats of its earlier versions.

A developing story is re-published at its URL as it grows: a paragraph added at the top, a figure
corrected, the rest unchanged. Ingest publishes each new text as a *revision* (its own id, from the
URL and the text: ``brink.ingestion.ids.revision_id``; ``revision_of`` the first version's id), so
its new sentences are coded. The sentences it repeats were coded already with an earlier version:
coding them again would count the same strike twice in the pair's index. So ingest marks them
(``Article.repeated_spans``: character ranges of the revision's text) and the extract worker drops
the events that lie inside them (``is_repeated``).

Sentences are compared by a short hash of their case- and whitespace-folded words. A sentence of
at least :data:`NEAR_MIN_WORDS` words edited by one word (a figure corrected, a word added or dropped:
"killed 3" → "killed 5") is still the sentence coded before, so it counts as repeated too: each such
sentence also contributes the hashes of itself with one word left out, and two sentences share one
of these hashes exactly when one word deleted, inserted or replaced turns one into the other
(docs/adr/0025-near-repeated-sentences.md). The split is deliberately plain (a full stop, question
or exclamation mark followed by a space, and line breaks): both versions are split the same way,
and adjacent repeated pieces are merged, so a sentence cut at an abbreviation ("U.S. forces") is
still recognised as a whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

from schemas.article import MAX_REPEATED_SPANS

# A piece: from a non-space to the end of its line or to a sentence mark followed by a space.
_PIECE = re.compile(r"\S.*?(?:[.!?][\"'”’)\]]*(?=\s)|$)", re.MULTILINE)
_SPACE = re.compile(r"\s+")
PIECE_HASH_HEX = 16  # 64 bits: a collision between two sentences of one URL's versions is not a concern

# Near repeats are looked for only in sentences this long: in a shorter one a single word is much of
# what it says ("Iran struck." / "Iraq struck."), and two different short sentences are one edit apart.
NEAR_MIN_WORDS = 8
# ... and this short at most: each word of a sentence adds one stored hash (8 bytes), so a piece that
# runs on for a paragraph (a list with no full stop) is matched exactly, as before.
NEAR_MAX_WORDS = 80


def _digest(words: Sequence[str]) -> str:
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:PIECE_HASH_HEX]


def _words(piece: str) -> list[str]:
    """The piece's case-folded words (what ``_digest`` hashes, joined by single spaces)."""
    return _SPACE.sub(" ", piece.casefold()).split()


def pieces(text: str) -> list[tuple[int, int, str]]:
    """The text's sentence-like pieces: (start, end, hash)."""
    return [(m.start(), m.end(), _digest(_words(m.group()))) for m in _PIECE.finditer(text)]


def _one_word_out(words: Sequence[str]) -> set[str]:
    """The hashes of the piece with each of its words left out in turn: none for a piece shorter
    than NEAR_MIN_WORDS or longer than NEAR_MAX_WORDS words."""
    if not NEAR_MIN_WORDS <= len(words) <= NEAR_MAX_WORDS:
        return set()
    return {_digest([*words[:i], *words[i + 1 :]]) for i in range(len(words))}


def _keys(piece: str) -> set[str]:
    """Every hash by which a later version can recognise the piece: its own and its one-word-out ones."""
    words = _words(piece)
    return {_digest(words), *_one_word_out(words)}


def piece_hashes(text: str) -> frozenset[str]:
    """What ingest keeps of a version: the hashes of its pieces and of their one-word-out forms."""
    return frozenset(key for m in _PIECE.finditer(text) for key in _keys(m.group()))


def repeated_spans(text: str, seen: Iterable[str], limit: int = MAX_REPEATED_SPANS) -> list[tuple[int, int]]:
    """The ranges of ``text`` made of pieces an earlier version had (``seen``: its ``piece_hashes``),
    exactly or but for one word, runs of them separated only by whitespace merged into one range;
    at most ``limit`` ranges (``_at_most``)."""
    known = set(seen)
    spans: list[tuple[int, int]] = []
    for match in _PIECE.finditer(text):
        start, end = match.span()
        if known.isdisjoint(_keys(match.group())):
            continue
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return _at_most(spans, limit)


def _at_most(spans: list[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    """``spans`` with the narrowest gaps closed until at most ``limit`` remain. The Article contract
    bounds its ranges: a revision interleaving old and new sentences thousands of times would
    otherwise be refused by the extract worker, new text and all. Closing a gap leaves the new text
    in it uncoded (a miss), never codes an old sentence again (a double count)."""
    excess = len(spans) - limit
    if excess <= 0:
        return spans
    closed = set(sorted(range(1, len(spans)), key=lambda i: (spans[i][0] - spans[i - 1][1], i))[:excess])
    merged: list[tuple[int, int]] = []
    for i, span in enumerate(spans):
        if i in closed:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return merged


def is_repeated(span: Sequence[int], repeated: Sequence[Sequence[int]]) -> bool:
    """Whether an event's ``span`` lies inside one of the ``repeated`` ranges."""
    low, high = span[0], span[1]
    return any(start <= low and high <= end for start, end in repeated)
