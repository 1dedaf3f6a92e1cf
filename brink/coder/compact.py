"""The compact parse: a parsed sentence's columns read once from its Doc, for the hot tree walks.

Reading a spaCy ``Token`` builds a Python object per word and per asking, and ``Token.children`` scans
the word's subtree for every asking; the coder's walks ask for the same words' children, labels and
lemmas again and again. ``CompactParse`` holds, per word index, the head, the dependency label, the
lower-case form, the lemma and the part of speech (string-store ids, from one ``Doc.to_array`` call) and
every word's children (indices in word order, as ``Token.children`` gives them), built in one pass over
the heads. One per Doc, kept in its ``user_data`` (no Token in it: no reference cycle).

The parse must be final when it is first read: ``parse.parse`` repairs the docs (repair.py, the last step
to change heads or labels) before any stage walks them.
"""

from __future__ import annotations

from typing import Final

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.tokens import Doc

_KEY: Final = "brink.compact"


class CompactParse:
    """One parsed Doc's columns as lists (string-store ids) and its words' children."""

    __slots__ = ("heads", "kids", "labels", "lemmas", "lowers", "pos")

    def __init__(self, doc: Doc) -> None:
        columns = doc.to_array([HEAD, DEP, LOWER, LEMMA, POS])
        # (HEAD is the offset to the head, stored unsigned: read as signed it goes backwards too)
        offsets: list[int] = columns[:, 0].view(numpy.int64).tolist()
        self.heads: list[int] = [i + off for i, off in enumerate(offsets)]
        self.labels: list[int] = columns[:, 1].tolist()
        self.lowers: list[int] = columns[:, 2].tolist()
        self.lemmas: list[int] = columns[:, 3].tolist()
        self.pos: list[int] = columns[:, 4].tolist()
        kids: list[list[int]] = [[] for _ in offsets]
        for i, head in enumerate(self.heads):
            if head != i:
                kids[head].append(i)
        self.kids: list[tuple[int, ...]] = [tuple(k) for k in kids]


def compact(doc: Doc) -> CompactParse:
    """``doc``'s compact parse (built at the first asking, then kept with the doc)."""
    found: CompactParse | None = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = CompactParse(doc)
    return found
