"""Condition reading: is an act the content of an if/unless clause, or does a verb carry one? "if Washington
seizes Russian assets, ...", "vowed to retaliate should Seoul hold drills", "If the South Korean military
fires on the boats, ..." (the small model's broken parse). ``modality.modality_of`` reads such an act as
conditional.
"""

from __future__ import annotations

from typing import Final

from spacy.strings import get_string_id
from spacy.tokens import Token

from brink.coder import scope
from brink.coder.compact import compact

CONDITION_MARKS: Final = frozenset({"if", "unless", "provided", "lest"})
_NOMINAL: Final = frozenset({"NOUN", "PROPN"})
_GOVERNING: Final = frozenset({"xcomp", "ccomp", "conj"})


def has_condition(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
            return True
    return False


def inverted_condition(tok: Token) -> bool:
    """A condition without "if", its auxiliary first: "vowed to retaliate should Seoul hold drills",
    "had Iran attacked, ...". The small model hangs such a clause as an advcl or ccomp."""
    return any(_is_inverted_clause(c) for c in tok.children)


def _is_inverted_clause(c: Token) -> bool:
    if c.dep_ not in ("advcl", "ccomp"):
        return False
    first = c.left_edge
    inverted = first.dep_ == "aux" and first.lower_ in ("should", "were", "had") and first.head.i == c.i
    return inverted and any(s.dep_ in ("nsubj", "nsubjpass") and s.i > first.i for s in c.children)


_MARK: Final = get_string_id("mark")
_IF_WORDS: Final = frozenset(get_string_id(w) for w in ("if", "unless"))


def _in_broken_condition(trigger: Token) -> bool:
    """ "If the South Korean military fires on the boats, Pyongyang will retaliate": the small model may
    read the verb as a noun ("fires") and hang "if" on the main clause. The words between an if/unless and
    the next comma, before the verb the "if" is hung on, are the condition all the same."""
    parse = compact(trigger.doc)  # (the words before the act read from the compact parse)
    for i in range(trigger.sent.start, trigger.i):
        head = parse.heads[i]
        if parse.labels[i] != _MARK or parse.lowers[i] not in _IF_WORDS or head <= trigger.i:
            continue
        comma = next((t.i for t in trigger.doc[i:head] if t.text in (",", ";")), None)
        if comma is not None and trigger.i < comma:
            return True
    return False


def _in_condition(tok: Token) -> bool:
    if _in_broken_condition(tok):
        return True
    if tok.pos_ in _NOMINAL and tok.dep_ in ("dobj", "nsubj", "nsubjpass"):
        tok = tok.head  # "if the two nations conduct joint exercises": the noun event's verb
    while tok.head != tok:
        if tok.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in tok.children
        ):
            return True
        if _is_inverted_clause(tok) or scope.in_condition_phrase(tok):
            return True
        if tok.dep_ not in _GOVERNING and tok.dep_ != "advcl":
            return False
        tok = tok.head
    return False


def inside_condition(trigger: Token) -> bool:
    """Is the trigger the content of an if/unless clause ("if Washington seizes Russian assets, ...")? That
    act is a condition, neither done nor announced."""
    return _in_condition(trigger)
