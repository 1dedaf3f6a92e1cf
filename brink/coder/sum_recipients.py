"""Sum recipients: "pledged $1 billion in assistance to Nepal" gives the sum to Nepal. The small model
hangs the "to" on the kind of help the sum is counted in ("assistance"), not on the verb nor on the sum (the
"in" itself hangs on either), so a pattern's ``prep:to`` slot read on the verb and its object misses it.
Only a sum (a number, or a word of the @sum class: dollar, million ...) counted "in" a noun lends that
noun's preposition: "killed five people in attacks on Kabul" is no sum given."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.verb_classes import VerbClasses


@cache
def _sum_words() -> frozenset[str]:
    return VerbClasses.load().members("sum")


def _is_sum(tok: Token) -> bool:
    return tok.tag_ == "CD" or tok.lemma_.lower() in _sum_words()


def counted_in_objects(verb: Token, word: str) -> list[Token]:
    """The objects of preposition ``word`` on the noun a verb's sum object is counted in ("$1 billion in
    assistance to Nepal" -> Nepal); [] for a noun trigger or an object that is no sum."""
    if verb.pos_ in ("NOUN", "PROPN"):
        return []
    sums = [o for o in tree.objects(verb) if _is_sum(o)]
    return [
        x
        for h in ([*sums, verb] if sums else [])
        for p in tree.children(h, ("prep",))
        if p.lower_ == "in"
        for kind in tree.children(p, ("pobj",))
        for x in tree.prep_objects(kind, word, through_object=False)
    ]
