"""Readings of one token's dependents that filling a role needs: a noun act's "by" phrases (also those the
parser hangs on its verb), a passive's agent, "such as", a possessive pronoun, and the modifiers that name a
noun's two sides ("Indian and Chinese troops", "Israeli-Palestinian talks").
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree

# the modifiers of a noun that may name its sides: "Indian and Chinese troops", "US-China talks"
SIDE_DEPS: Final = frozenset({"amod", "compound", "nmod"})
_HYPHENS: Final = frozenset({"-", "–", "—"})


def by_phrases(act: Token) -> list[Token]:
    """The "by" phrases of a noun ``act``; the parser often hangs them on the active verb whose object
    the noun is ("condemns the invasion of Ukraine by Russia"): a verb in the active voice has no doer
    "by" a noun phrase of its own (a gerund is its means: "responded by shelling")."""
    own = [p for p in act.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"]
    verb = act.head
    if own or act.dep_ != "dobj" or verb.pos_ != "VERB" or tree.is_passive(verb):
        return own
    return [
        p
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "by" and p.i > act.i
        and any(o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN") for o in p.children)
    ]  # fmt: skip


def has_agent(tok: Token) -> bool:
    return any(c.dep_ == "agent" for c in tok.children)


def after_such(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "such"


def owned_by_pronoun(tok: Token) -> bool:
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def side_modifiers(tok: Token) -> list[Token]:
    """The modifiers of ``tok`` that name two or more sides: "Indian and Chinese" (conjuncts), "US and
    Philippine", "Israeli-Palestinian", "US-China" (two words joined by a hyphen)."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ in SIDE_DEPS:
            out.extend([c, *c.conjuncts] if c.conjuncts else hyphened(c))
    return out


def hyphened(modifier: Token) -> list[Token]:
    """In "Israeli-Palestinian" the word before the hyphen hangs on the one after it."""
    doc = modifier.doc
    for x in modifier.children:
        if x.dep_ in SIDE_DEPS and x.i + 2 == modifier.i and doc[x.i + 1].text in _HYPHENS:
            return [x, modifier]
    return []
