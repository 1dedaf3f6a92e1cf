"""Denial scans: is an act named inside a claim that someone denies or calls untrue? "denied claims that its
soldiers killed ...", "ruled out any link to the attack", "reports that ... were false", "said Russian jets
bombed a hospital, which Moscow denied", "Ukraine said ..., but Moscow denied it". ``modality.modality_of``
reads such an act as negated.
"""

from __future__ import annotations

from typing import Final

from spacy.parts_of_speech import AUX, VERB
from spacy.strings import get_string_id
from spacy.tokens import Token

from brink.coder.compact import compact
from brink.coder.scope import is_denial

# what a denial denies: "denied claims that ...", "rejected reports of ...", "ruled out any link to ..."
CLAIM_NOUNS: Final = frozenset(
    {"claim", "allegation", "report", "accusation", "charge", "suggestion", "rumour", "rumor", "assertion",
     "link", "involvement", "role", "connection", "speculation", "contention"}
)  # fmt: skip
# verbs that report speech: a "would" in their complement is a reported "will" ("said it would send aid")
REPORTING: Final = frozenset(
    {"say", "announce", "tell", "warn", "add", "state", "declare", "insist", "stress", "vow", "pledge",
     "promise", "threaten", "confirm", "report", "write", "tweet"}
)  # fmt: skip
# the words between a denial and an act it covers: "rejected claims of a link to an attack that killed ..."
_DENIED_PATH: Final = frozenset({"dobj", "pobj", "prep", "relcl", "acl", "compound", "appos", "conj"})
# what a disputed claim is called: "reports that ... were false", "allegations ... are baseless"
FALSEHOOD: Final = frozenset(
    {"false", "untrue", "baseless", "groundless", "unfounded", "fabricated", "fake", "incorrect", "wrong",
     "lie", "nonsense", "fabrication", "inaccurate", "misleading"}
)  # fmt: skip
# "there is no truth to reports that ...", "no basis for claims that ..."
NO_GROUNDS: Final = frozenset({"truth", "basis", "evidence", "substance", "foundation"})
_NOMINAL: Final = frozenset({"NOUN", "PROPN"})
# how far up the parse a noun event or a denied claim is looked for
_ANCESTORS: Final = 8
_NOUN_DEPS: Final = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "appos"})


def ancestors(tok: Token) -> list[Token]:
    out: list[Token] = []
    while tok.head != tok and len(out) < _ANCESTORS:
        tok = tok.head
        out.append(tok)
    return out


def in_denied_claim(trigger: Token) -> bool:
    """Is the event inside a claim that is denied ("denied claims that its soldiers killed ...", "rejected
    reports of an attack", "ruled out any link to the attack")?"""
    if any(
        tok.pos_ in _NOMINAL
        and tok.lemma_.lower() in CLAIM_NOUNS
        and tok.dep_ in ("dobj", "nsubjpass")
        and is_denial(tok.head)
        for tok in ancestors(trigger)
    ):
        return True
    claims = [t for t in ancestors(trigger) if t.pos_ in _NOMINAL and t.lemma_.lower() in CLAIM_NOUNS]
    return any(_disputed(c) for c in claims) or _under_denial(trigger)


def _disputed(claim: Token) -> bool:
    """A claim said to be untrue: "reports that ... were false", "there was no truth to reports that ...",
    "allegations that ... are baseless"."""
    head = claim.head
    if claim.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in FALSEHOOD for c in head.children
    ):
        return True
    if claim.dep_ == "pobj" and head.dep_ == "prep":  # "no truth to reports", "no basis for claims"
        noun = head.head
        return noun.lemma_.lower() in NO_GROUNDS and any(d.lower_ == "no" for d in noun.children)
    return False


def _under_denial(trigger: Token) -> bool:
    """Is the event named inside the object of a denial, through noun phrases, prepositions and relative
    clauses only ("rejected claims of a link to an attack that killed 100": the parse may hang "to an
    attack" on "rejected")?"""
    tok = trigger
    for _ in range(_ANCESTORS):
        head = tok.head
        if head == tok or tok.dep_ not in _DENIED_PATH:
            return False
        # (a claim noun the tagger reads as a verb, "as baseless Ukrainian claims that ...", is still a noun)
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in _NOUN_DEPS:
            return tok.dep_ in ("dobj", "prep") and is_denial(head)
        tok = head
    return False


# "..., which Moscow denied", "..., a claim the group denied": a denial of the whole report, after it
_DENIAL_ANTECEDENTS: Final = frozenset({"which", "that"})
# the verb that reports a claim is itself done ("Ukraine accused Russia of ..., which Moscow denied")
_CLAIMING: Final = REPORTING | frozenset({"accuse", "claim", "allege", "blame", "charge"})


_CLAUSE_LABELS: Final = frozenset(get_string_id(d) for d in ("relcl", "advcl"))
_VERB_POS_IDS: Final = frozenset({VERB, AUX})


def denied_afterwards(trigger: Token) -> bool:
    """Is the act reported in a clause that a relative clause after it says is denied: "said Russian jets
    bombed a hospital on Monday, which Moscow denied", "said Hezbollah fired rockets, a claim the group
    rejected"? The denial's antecedent is the clause that holds the act (the parse hangs the relative
    clause on its last noun); the reporting verb itself stays asserted."""
    parse, doc = compact(trigger.doc), trigger.doc  # (the words after the act read from the compact parse)
    for i in range(trigger.i + 1, trigger.sent.end):
        if parse.labels[i] not in _CLAUSE_LABELS or not is_denial(tok := doc[i]):
            continue
        head = tok.head
        which = any(c.lower_ in _DENIAL_ANTECEDENTS and c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
        noun = head.lemma_.lower() in CLAIM_NOUNS or head.lower_ == "something"  # "something Moscow denies"
        claim = tok.dep_ == "relcl" and noun and head.dep_ in ("appos", "npadvmod")
        if not (which or claim):
            continue
        clause = head
        while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
            clause = clause.head
        if clause.lemma_.lower() in _CLAIMING:  # "accused Russia of ..., which Moscow denied"
            return trigger.i != clause.i and trigger in clause.subtree
        if trigger in clause.subtree:
            return True
    return False


# what a later denial takes as its object: "but Moscow denied it", "denied the charge", "any involvement"
_DENIED_OBJECTS: Final = frozenset({"it", "this", "that", "them", "these"})


def denied_by_other_clause(trigger: Token) -> bool:
    """Is the act reported by a verb of saying or accusing that a later clause denies: "Ukraine said
    Russian troops shelled Kharkiv, but Moscow denied it", "...; Moscow denied the claim", "Russian troops
    shelled Kharkiv, Ukraine said, while Moscow denied any involvement"? The accusing verb stays asserted;
    an act the writer states and someone denies ("Russia shelled Kharkiv, but Moscow denied it") stays too."""
    parse, doc = compact(trigger.doc), trigger.doc  # (the words after the act read from the compact parse)
    for i in range(trigger.i + 1, trigger.sent.end):
        if parse.pos[i] not in _VERB_POS_IDS or not is_denial(verb := doc[i]):
            continue
        if not any(
            c.dep_ == "dobj" and (c.lower_ in _DENIED_OBJECTS or c.lemma_.lower() in CLAIM_NOUNS)
            for c in verb.children
        ):
            continue
        if verb.dep_ in ("conj", "advcl") and verb.head.lemma_.lower() in _CLAIMING:
            claim = verb.head
            if claim.dep_ == "parataxis":  # "X happened, Ukraine said, while Moscow denied ..."
                return trigger in claim.head.subtree and trigger.i != claim.i
            return trigger in claim.subtree and trigger.i != claim.i
        if verb.dep_ == "ROOT":  # "Ukraine said X happened; Moscow denied the claim"
            for claim in verb.children:
                if claim.dep_ == "ccomp" and claim.i < verb.i and claim.lemma_.lower() in _CLAIMING:
                    return trigger in claim.subtree and trigger.i != claim.i
    return False
