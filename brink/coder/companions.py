"""Companions: "Indian warships together with the US Navy held an exercise", "Israel, along with the United
States, struck Iran", "French troops alongside Malian soldiers attacked": the actor named by "together with",
"along with" or "alongside" on the subject does the act with it, as a conjoined subject would.

The parser hangs the phrase on the subject, or on the verb when commas set it off before the verb; only
that place counts ("fought alongside Malian troops" after the verb says where, not who else fought)."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree

# "together with", "along with": an adverb or preposition and "with"; "alongside" alone
_WITH_WORDS: Final = frozenset({"together", "along"})
_ALONE: Final = frozenset({"alongside"})


def with_companions(subjects: list[Token], verb: Token) -> list[Token]:
    """``subjects`` of ``verb`` followed by the companions named on each of them, or on the verb between
    the subject and the verb."""
    if not subjects:
        return subjects
    out = list(subjects)
    first = min(s.i for s in subjects)
    heads = [*subjects, verb] if first < verb.i else list(subjects)
    for head in heads:
        for p in tree.children(head, ("prep", "advmod")):
            if head.i == verb.i and not first < p.i < verb.i:
                continue
            for c in tree.with_conjuncts(_companions(p)):
                if all(c.i != x.i for x in out):
                    out.append(c)
    return out


def _companions(p: Token) -> list[Token]:
    """The nouns a companion phrase headed by ``p`` names ([] when ``p`` heads none)."""
    word = p.lower_
    if word in _ALONE:
        return tree.children(p, ("pobj",))
    if word == "with" and any(c.lower_ in _WITH_WORDS for c in tree.children(p, ("advmod",))):
        return tree.children(p, ("pobj",))
    if word in _WITH_WORDS:
        return [
            o for w in tree.children(p, ("prep",)) if w.lower_ == "with" for o in tree.children(w, ("pobj",))
        ]
    return []
