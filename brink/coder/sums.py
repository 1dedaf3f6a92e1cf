"""Sums written with a currency sign: "$50,000", "€2 billion", "£300,000".

The small model parses "offered Japan $50,000 in aid" with the number as the object and the sign as its
modifier, so no currency word (the @sum class: dollar, euro, million ...) is there for a pattern's
``object`` to read. The sign stands for its currency's word.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

# the signs news English writes before a sum, and the @sum word each stands for
CURRENCY_SIGNS: Final = {"$": "dollar", "US$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₹": "rupee"}


def currency_words(number: Token) -> set[str]:
    """The currency words the signs on a numeric object stand for ("$50,000" -> dollar)."""
    if number.tag_ != "CD":
        return set()
    return {CURRENCY_SIGNS[c.text] for c in number.children if c.text in CURRENCY_SIGNS}


def states_a_sum(word: Token, sum_words: frozenset[str]) -> bool:
    """Does ``word``'s phrase state a sum of money: a currency word (``sum_words``, the @sum class: "10
    million dollars", "a multi-billion deal") or a currency sign ("$50 million")? ("aid" alone states
    none.)"""
    return any(w.lemma_.lower() in sum_words or currency_words(w) for w in word.subtree)
