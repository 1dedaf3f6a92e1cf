"""Modality: whether a matched action is negated, conditional or hypothetical, read from the parse.

- negated: a ``neg`` dependent on the trigger or on a verb governing it ("did not threaten to attack"),
  or a negative determiner on its object ("no plans"), or a verb of denial above it
- conditional: an ``advcl`` introduced by if/unless on the trigger or a verb governing it, or the trigger
  inside such a clause
- hypothetical: a modal of possibility (would, could, might, may, should) on the trigger or the verb
  governing it, a question, or a verb of speculation/consideration above it
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Doc, Token

CONDITION_MARKS: Final = frozenset({"if", "unless", "provided", "lest"})
HYPOTHETICAL_MODALS: Final = frozenset({"would", "could", "might", "may", "should", "can"})
SPECULATION: Final = frozenset(
    {"consider", "mull", "weigh", "contemplate", "plan", "propose", "suggest", "discuss", "seek", "want",
     "hope", "wish", "intend", "fear", "speculate", "rumour", "rumor", "expect"}
)  # fmt: skip
DENIAL: Final = frozenset({"deny", "refuse", "reject", "decline", "dismiss"})
_GOVERNING: Final = frozenset({"xcomp", "ccomp", "conj"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False
    future: bool = False


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the verbs it is the complement of, up to (not through) a verb of saying."""
    out = [trigger]
    tok = trigger
    while tok.dep_ in ("xcomp",) and tok.head is not tok:
        tok = tok.head
        out.append(tok)
    return out


def _has_condition(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
            return True
    return False


def _in_condition(tok: Token) -> bool:
    while tok.head is not tok:
        if tok.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in tok.children
        ):
            return True
        if tok.dep_ not in _GOVERNING and tok.dep_ != "advcl":
            return False
        tok = tok.head
    return False


def modality_of(trigger: Token, governor: Token | None = None) -> Modality:
    """``governor``: the trigger of a complement pattern that took this event over, if any."""
    chain = _chain(trigger)
    if governor is not None and governor not in chain:
        chain += _chain(governor)
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    negated = negated or any(
        d.dep_ == "det" and d.lower_ == "no"
        for t in chain
        for o in t.children
        if o.dep_ == "dobj"
        for d in o.children
    )
    top = chain[-1]
    governors = chain[1:] + ([top.head] if top.dep_ in ("xcomp", "ccomp") else [])
    if any(t.lemma_.lower() in DENIAL for t in governors):  # "denied attacking", "refused to send"
        negated = True
    conditional = any(_has_condition(t) for t in chain) or _in_condition(trigger)
    aux = {c.lower_ for t in chain for c in t.children if c.dep_ == "aux"}
    hypothetical = bool(aux & HYPOTHETICAL_MODALS)
    if any(t.lemma_.lower() in SPECULATION for t in governors):
        hypothetical = True
    if trigger.sent.text.rstrip().endswith("?"):
        hypothetical = True
    future = bool(aux & {"will", "shall", "'ll"}) or any(c.lower_ == "going" for c in chain)
    return Modality(negated, conditional, hypothetical, future)


_THREAT_CONDITIONS: Final = frozenset({"if", "unless", "any", "otherwise", "whenever", "should"})


def threat_is_conditional(trigger: Token) -> bool:
    """A threat whose content is conditional: "would face a response if ...", "any use ... would be met
    with", "surrender or face an assault", "in case of any attack" (words in the threat's own clause)."""
    words = [t.lower_ for t in trigger.subtree]
    if any(w in _THREAT_CONDITIONS for w in words):
        return True
    return any(a == "or" and b in ("face", "else", "risk") for a, b in itertools.pairwise(words))


def sentence_modality(doc: Doc) -> Modality:
    """The modality of a whole sentence, for an event without a trigger word (the classifier's): any
    negation, if/unless clause, modal of possibility, denial or question in it counts."""
    negated = conditional = hypothetical = False
    for t in doc:
        if t.dep_ == "neg" or t.lemma_.lower() in DENIAL:
            negated = True
        elif t.dep_ == "mark" and t.lower_ in CONDITION_MARKS:
            conditional = True
        elif t.dep_ == "aux" and t.lower_ in HYPOTHETICAL_MODALS:
            hypothetical = True
    return Modality(negated, conditional, hypothetical or doc.text.rstrip().endswith("?"))
