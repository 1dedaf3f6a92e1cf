"""Candidates: the cheap lexical pass that picks the sentences worth parsing.

A sentence is a candidate when it names an actor (a dictionary mention) or has a personal pronoun that
may stand for one, and has an action word: an inflected form of a word some pattern cannot match without
(``PatternSet.key_lemmas``: its object, clause verb, modal or trigger). Only candidates are parsed,
which is what keeps the coder fast.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from brink.coder.lexicon import noun_forms, verb_forms

PRONOUNS: Final = frozenset({"he", "she", "they", "it", "we", "i"})


def action_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every surface form (lower case) of the lemmas, as verbs and as nouns."""
    out: set[str] = set()
    for lemma in lemmas:
        out.add(lemma)
        out.update(form for _, form in verb_forms(lemma))
        out.update(form for _, form in noun_forms(lemma))
    return frozenset(out)


def is_candidate(words: Iterable[str], has_mention: bool, forms: frozenset[str]) -> bool:
    """``words``: the sentence's lower-case words."""
    has_action = False
    has_pronoun = has_mention
    for w in words:
        if w in forms:
            has_action = True
            if has_pronoun:
                return True
        elif w in PRONOUNS:
            has_pronoun = True
            if has_action:
                return True
    return False
