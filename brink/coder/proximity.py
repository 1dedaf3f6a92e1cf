"""Proximity: "deployed troops close to the border with Ukraine" says where, as "deployed troops near the
border with Ukraine" does. The parser hangs that "to" on the adverb of nearness ("close", "next",
"adjacent": grammar.yaml ``proximity_words``), not on the verb, so a pattern's ``prep:near`` slot, read on
the verb alone, would miss it. These are the nouns such a phrase points at, read on the trigger and on its
object ("held drills close to Taiwan" may hang the adverb on "drills")."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from brink.coder import tree


@functools.cache
def proximity_words() -> frozenset[str]:
    """grammar.yaml's words of nearness, read once per process."""
    from brink.coder.lexicon import load_grammar  # (the dictionaries' loader; only its grammar file here)

    return frozenset(load_grammar().proximity_words)


def near_objects(tok: Token) -> list[Token]:
    """The objects of "to" under a word of nearness that modifies ``tok`` or, for a verb, its object
    ("close to the border" -> border; "next to the embassy" -> embassy), with their conjuncts; [] if none."""
    words = proximity_words()
    heads = [tok, *tree.objects(tok)] if tok.pos_ not in ("NOUN", "PROPN") else [tok]
    return [
        o
        for h in heads
        for a in tree.children(h, ("advmod", "amod", "prep"))
        if a.lower_ in words
        for p in tree.children(a, ("prep",))
        if p.lower_ == "to"
        for o in tree.with_conjuncts(tree.children(p, ("pobj",)))
    ]
