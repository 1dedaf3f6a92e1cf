"""A judgement said in other words: "described the move as illegal", "called the strikes an obvious case
of terrorism", "called Russia's statement irresponsible", "said Turkish actions are unacceptable". The
speaker condemns without a verb of criticism: a naming verb gives its object a condemning evaluation as
its predicate, or a verb of saying reports a clause that is a copula with one. The words are
brink/coder/data/condemning.yaml's; patterns ask for the frame with ``judged: true``
(brink/coder/patterns/11_disapprove.yaml). Who is judged is the pattern's target slots' business (the
doer of the act judged: gold README)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import yaml
from spacy.tokens import Token

_DATA: Final = Path(__file__).parent / "data" / "condemning.yaml"
# where a naming verb's evaluation stands: "called X Y" (oprd, or a second object), "deemed X illegal"
# (acomp / xcomp / ccomp in the small model's readings)
_PREDICATES: Final = frozenset({"oprd", "acomp", "attr", "xcomp", "ccomp", "dobj"})
# the evaluation's own words: "a clear violation", "an obvious case of terrorism"
_INSIDE: Final = frozenset({"amod", "compound", "dobj", "prep", "pobj"})
_NEGATIONS: Final = frozenset({"not", "n't", "never", "no"})


@dataclass(frozen=True, slots=True)
class Condemning:
    words: frozenset[str]
    saying: frozenset[str]
    naming: frozenset[str]
    holding: frozenset[str]
    responsible: frozenset[str]


@cache
def condemning() -> Condemning:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return Condemning(
        words=frozenset(raw["adjectives"]) | frozenset(raw["nouns"]),
        saying=frozenset(raw["saying_verbs"]),
        naming=frozenset(raw["naming_verbs"]),
        holding=frozenset(raw["holding_verbs"]),
        responsible=frozenset(raw["responsible"]),
    )


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in tok.children if c.dep_ in {"neg", "det"})


def _evaluates(head: Token, depth: int = 3) -> bool:
    """Is ``head`` (or a word of its phrase, ``depth`` steps down: "the strikes an obvious case of
    terrorism" as the small model reads it) a condemning evaluation, not negated?"""
    if _negated(head):
        return False
    if _lemma(head) in condemning().words:
        return True
    if depth == 0:
        return False
    return any(_evaluates(c, depth - 1) for c in head.children if c.dep_ in _INSIDE and c.i > head.i)


def _named(verb: Token) -> bool:
    """ "called X Y" / "described X as Y": an evaluation after the verb's object."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubj"} and c.i > verb.i]
    if not objects:
        return False
    first = min(o.i for o in objects)
    for c in verb.children:
        if c.i <= first:
            continue
        if c.dep_ == "prep" and c.lower_ == "as":
            if any(_evaluates(x, 1) for x in c.children if x.dep_ in {"pobj", "amod", "acomp"}):
                return True
        elif c.dep_ in _PREDICATES and _evaluates(c):
            return True
    # "described the move as illegal" read with "as" on the object
    return any(
        _evaluates(x, 1)
        for o in objects
        for p in o.children
        if p.dep_ == "prep" and p.lower_ == "as"
        for x in p.children
        if x.dep_ in {"pobj", "amod", "acomp"}
    )


def _said(verb: Token) -> bool:
    """ "said the actions are unacceptable": a reported copula clause whose predicate condemns."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or _lemma(clause) != "be" or _negated(clause):
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
            continue
        if any(_evaluates(c) for c in clause.children if c.dep_ in {"acomp", "attr"}):
            return True
    return False


def _held_responsible(verb: Token) -> bool:
    """ "holds Hamas responsible for", "held Pyongyang accountable": the small model hangs the predicate as
    oprd, ccomp or advcl."""
    return any(
        c.i > verb.i and c.dep_ in {"oprd", "acomp", "xcomp", "ccomp", "advcl"} and not _negated(c)
        for c in verb.children
        if _lemma(c) in condemning().responsible
    )


def condemning_frame(verb: Token) -> bool:
    """Does ``verb`` deliver a condemning judgement: a naming verb with a condemning predicate on its
    object, a verb of saying reporting that something is condemnable, or a holding verb with a predicate
    of responsibility?"""
    lemma = _lemma(verb)
    words = condemning()
    if lemma in words.holding:
        return _held_responsible(verb)
    if lemma in words.naming and _named(verb):
        return True
    return lemma in words.saying and _said(verb)
