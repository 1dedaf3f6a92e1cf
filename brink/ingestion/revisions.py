"""An article updated in place (same URL, new text) and what it repeats of its earlier versions.

A developing story is re-published at its URL as it grows: a paragraph added at the top, a figure
corrected, the rest unchanged. Ingest publishes each new text as a *revision* (its own id, from the
URL and the text: ``brink.ingestion.ids.revision_id``; ``revision_of`` the first version's id), so
its new sentences are coded. The sentences it repeats were coded already with an earlier version:
coding them again would count the same strike twice in the pair's index. So ingest marks them
(``Article.repeated_spans``: character ranges of the revision's text) and the extract worker drops
the events that lie inside them (``is_repeated``).

Sentences are compared by a short hash of their case- and whitespace-folded text. The split is
deliberately plain (a full stop, question or exclamation mark followed by a space, and line
breaks): both versions are split the same way, and adjacent repeated pieces are merged, so a
sentence cut at an abbreviation ("U.S. forces") is still recognised as a whole.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

# A piece: from a non-space to the end of its line or to a sentence mark followed by a space.
_PIECE = re.compile(r"\S.*?(?:[.!?][\"'”’)\]]*(?=\s)|$)", re.MULTILINE)
_SPACE = re.compile(r"\s+")
PIECE_HASH_HEX = 16  # 64 bits: a collision between two sentences of one URL's versions is not a concern


def _digest(piece: str) -> str:
    folded = _SPACE.sub(" ", piece.casefold()).strip()
    return hashlib.sha256(folded.encode()).hexdigest()[:PIECE_HASH_HEX]


def pieces(text: str) -> list[tuple[int, int, str]]:
    """The text's sentence-like pieces: (start, end, hash)."""
    return [(m.start(), m.end(), _digest(m.group())) for m in _PIECE.finditer(text)]


def piece_hashes(text: str) -> frozenset[str]:
    return frozenset(h for _, _, h in pieces(text))


def repeated_spans(text: str, seen: Iterable[str]) -> list[tuple[int, int]]:
    """The ranges of ``text`` made of pieces whose hash is in ``seen`` (an earlier version's), runs of
    them separated only by whitespace merged into one range."""
    known = set(seen)
    spans: list[tuple[int, int]] = []
    for start, end, digest in pieces(text):
        if digest not in known:
            continue
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def is_repeated(span: Sequence[int], repeated: Sequence[Sequence[int]]) -> bool:
    """Whether an event's ``span`` lies inside one of the ``repeated`` ranges."""
    low, high = span[0], span[1]
    return any(start <= low and high <= end for start, end in repeated)
