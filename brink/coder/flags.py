"""Flags: the state a vessel belongs to, told by the flag it flies ("two oil tankers flying the flags of
Panama and Tanzania", "a ship sailing under the flag of Liberia"). Read for the ``owner`` slot of seizures
(17): the seized ship's flag state is the target.

(A name glued to a hyphen, "a Panama-flagged tanker", "an Egyptian-owned tanker", is not found as a
mention yet, so those forms are not read here.)"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree

# the verbs of a flag ("flying the flag of Panama", "sailing under the flag of Liberia") and its nouns
_FLY: Final = frozenset({"fly", "sail", "carry", "bear"})
_FLAG: Final = frozenset({"flag", "colour", "color", "ensign"})


def owners(noun: Token) -> list[Token]:
    """The names of the state whose flag ``noun`` (a vessel) flies."""
    out: list[Token] = []
    for c in noun.children:
        if c.dep_ != "acl" or c.lemma_.lower() not in _FLY:
            continue
        flags = [
            *tree.objects(c),
            *(o for p in tree.children(c, ("prep",)) for o in tree.children(p, ("pobj",))),
        ]
        for flag in flags:
            if flag.lemma_.lower() in _FLAG:
                out.extend(tree.prep_objects(flag, "of", through_object=False))
                # "flying a Panamanian flag"
                out.extend(m for m in flag.children if m.dep_ in ("amod", "compound") and m.pos_ != "PRON")
    return out
