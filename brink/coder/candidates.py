"""Candidates: the cheap lexical pass that picks the sentences worth parsing.

A sentence is a candidate when it names an actor (a dictionary mention) or has a personal pronoun that
may stand for one, and has an action word: an inflected form of a word some pattern cannot match without
(``PatternSet.key_lemmas``: its object, clause verb, modal or trigger). Only candidates are parsed,
which is what keeps the coder fast.

A sentence the classifier's second opinion cannot code (``may_have_second_opinion``: it needs dictionary
actors of two codes, and only a lent country the parse recounts changes a sentence's mentions) must also
hold, for some pattern, a form of its trigger and of each word set that pattern cannot match without
(object, clause verb, modal: ``PatternWords``). Such a sentence codes nothing when no pattern matches, so
not parsing it changes no event: it only saves its parse (~6 % of the parsed sentences of news articles;
a hyphenated trigger read by its first letter run and one actor code named twice: another ~1.5 %). A
later pronoun reads the antecedent order of an unparsed sentence from its first five words rather than
its parsed subject: the same mention when it names one, and an actor of the same code otherwise (checked
byte for byte by ``bench.same_output``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

from brink.coder.actor_values import Mention
from brink.coder.inflection import noun_forms, verb_forms
from brink.coder.lent_countries import any_lent

PRONOUNS: Final = frozenset({"he", "she", "they", "it", "we", "i"})


def action_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every surface form (lower case) of the lemmas, as verbs and as nouns."""
    out: set[str] = set()
    for lemma in lemmas:
        out.add(lemma)
        out.update(form for _, form in verb_forms(lemma))
        out.update(form for _, form in noun_forms(lemma))
    return frozenset(out)


@lru_cache(maxsize=1024)
def _forms_of(lemmas: frozenset[str]) -> frozenset[str]:
    """``action_forms``, once per distinct lemma set (many patterns share a verb class). A lemma with other
    characters than letters ("cease-fire", "'ll") stands for each of its letter runs: the normalised text
    the words come from has punctuation as spaces, so "cease" or "fire" may be it (a superset: safe)."""
    plain = [w for w in lemmas if w.isalpha()]
    pieces = {p for w in lemmas if not w.isalpha() for p in re.findall(r"[^\W_]+", w.lower())}
    return action_forms(plain) | pieces


@lru_cache(maxsize=1024)
def _trigger_forms(lemmas: frozenset[str]) -> frozenset[str]:
    """``_forms_of`` for trigger lemmas, a lemma with other characters than letters standing for its first
    letter run only: a trigger is one word of the parse, so a trigger lemma "sit-in" is the lemma of a word
    like "sit-in" or "Sit-ins", whose first run "sit" the normalised text holds ("in", which nearly every
    sentence holds, would let any sentence through)."""
    plain = [w for w in lemmas if w.isalpha()]
    firsts = {runs[0] for w in lemmas if not w.isalpha() if (runs := re.findall(r"[^\W_]+", w.lower()))}
    return action_forms(plain) | frozenset(firsts)


class PatternWords:
    """Per trigger form, the other word sets (as surface forms) that some pattern with that trigger needs:
    a sentence may match a pattern only if it holds a trigger form and a form from each of its sets."""

    def __init__(self, needs: Iterable[tuple[frozenset[str], tuple[frozenset[str], ...]]]) -> None:
        """``needs``: per pattern, its trigger lemmas and the lemma sets it cannot match without."""
        by_form: dict[str, set[tuple[frozenset[str], ...]]] = {}
        for trigger, others in needs:
            # (a set whose words have no letter or digit cannot be told from the text: not required)
            required = tuple(sorted((f for f in map(_forms_of, others) if f), key=len))
            for form in _trigger_forms(trigger):
                by_form.setdefault(form, set()).add(required)
        # a trigger form with a pattern that needs nothing more: any other requirement of it is moot
        self.by_form: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {
            form: ((),) if () in options else tuple(options) for form, options in by_form.items()
        }

    def may_match(self, words: Iterable[str]) -> bool:
        """``words``: the sentence's lower-case words."""
        present = set(words)
        by_form = self.by_form
        for w in present:
            for required in by_form.get(w, ()):
                if all(not forms.isdisjoint(present) for forms in required):
                    return True
        return False


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


def may_have_second_opinion(named: Sequence[Mention]) -> bool:
    """May the learned second opinion code a sentence whose dictionary mentions are ``named``? It needs two
    actors of different codes (``Pipeline._second_opinion``); the parse changes a sentence's mentions only by
    recounting a lent country (``unlent_countries``), so without one the codes named now are all it sees.
    (A sentence for which this is False and no pattern may match codes nothing, and the mentions a later
    pronoun looks through are the same parsed or not.)"""
    if len(named) < 2:
        return False
    return any_lent(named) or len({m.actor.code for m in named}) > 1
