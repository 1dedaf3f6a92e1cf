"""Decrees: acts a government does by ordering them ("ordered the expulsion of dozens of Russian
diplomats", "ordered the immediate closure of Iran's embassy", "executed the release of 183 prisoners").

An order about the orderer's own relations, prisoners or territory is the act itself, not a demand of
anyone (gold README: an order by a government about its own territory or relations is the act). Only the
roots done by decree count: yielding (08), reducing relations (16) and coercion (17); "ordered air strikes"
stays uncarried (an order to use force may be called off, tree.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Protocol

from spacy.tokens import Token

# the verbs that decree the noun event they take as object
DECREES: Final = frozenset({"order", "decree", "execute"})
# the roots of the noun events a decree carries
DECREED_ROOTS: Final = frozenset({"08", "16", "17"})
# nouns that only count what their "of" names ("the expulsion of dozens of diplomats", "the release of a
# group of hostages")
QUANTITIES: Final = frozenset(
    {"dozen", "hundred", "thousand", "score", "group", "batch", "handful", "number", "couple", "total"}
)


class _Found(Protocol):
    """What of a match this module reads (match.Match)."""

    @property
    def trigger(self) -> Token: ...

    @property
    def code(self) -> str: ...

    @property
    def noun(self) -> bool: ...


def decreed(noun: Token, code: str) -> bool:
    """Is ``noun`` (a noun event of ``code``) the object of a verb that decrees it ("ordered the
    expulsion")?"""
    return (
        code[:2] in DECREED_ROOTS
        and noun.dep_ in ("dobj", "nsubjpass")
        and noun.head.lemma_.lower() in DECREES
    )


def counted(noun: Token) -> list[Token]:
    """What a quantity noun after "of" counts: "the expulsion of dozens of diplomats" -> diplomats."""
    return [
        g
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj" and o.lemma_.lower() in QUANTITIES
        for q in o.children
        if q.dep_ == "prep" and q.lower_ == "of"
        for g in q.children
        if g.dep_ == "pobj"
    ]


def overruled(found: Mapping[int, _Found]) -> set[int]:
    """The decreeing verbs whose own event gives way to the noun event they decree: "ordered the expulsion
    of" is the expulsion (not a demand), "executed the release of" the release (not a killing)."""
    out: set[int] = set()
    for i, m in found.items():
        verb = m.trigger
        if m.noun or verb.lemma_.lower() not in DECREES:
            continue
        for o in verb.children:
            inner = found.get(o.i)
            if (
                o.dep_ == "dobj"
                and inner is not None
                and inner.noun
                and decreed(o, inner.code)
                and inner.code[:2] != m.code[:2]
            ):
                out.add(i)
    return out
