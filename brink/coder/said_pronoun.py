"""A subject pronoun in what a verb of saying reports stands for the one who says it: "Tehran fired
missiles at Israeli targets and warned it would respond" (it = Tehran, not the Israeli targets named last),
"Russia has warned the US it will retaliate" (it = Russia). News reports a threat this way; reading the
pronoun as the last name before it takes the threatener from the wrong clause.

Not for what is suffered ("warned Iran it would pay a price", "told Kenya it would face sanctions"): the
one who pays may be the addressee, and the last name is kept as before (roles.SentenceActors)."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.modality import REPORTING

# what the addressee of a warning suffers: its subject pronoun is not read as the warner
SUFFERED: Final = frozenset({"face", "pay", "regret", "suffer", "experience", "bear", "receive", "get"})


def teller_subjects(pronoun: Token) -> list[Token]:
    """The subjects, named before ``pronoun``, of the verb of saying whose reported clause ``pronoun`` is
    the subject of ("X warned (that) it would ..."); [] when it is not such a pronoun."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    clause = pronoun.head
    if clause.dep_ != "ccomp" or clause.lemma_.lower() in SUFFERED:
        return []
    # the suffered verb may be the clause's complement: "said it would have to pay"
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in SUFFERED for c in clause.children):
        return []
    says = clause.head
    if says.lemma_.lower() not in REPORTING or says.pos_ not in ("VERB", "AUX"):
        return []
    return [s for s in tree.subjects(says) if s.i < pronoun.i and s.pos_ != "PRON"]


def urged_subjects(pronoun: Token) -> list[Token]:
    """The one told to act, for a subject pronoun of a condition on what it was told to do: "urged the US to
    release them, warning of consequences if it fails to do so" (it = the US, not a place named last)."""
    if pronoun.dep_ != "nsubj" or pronoun.head.dep_ != "advcl":
        return []
    act = pronoun.head.head
    if act.dep_ != "xcomp" or not any(c.dep_ == "dobj" for c in act.head.children):
        return []
    return [s for s in tree.subjects(act) if s.i < pronoun.i and s.pos_ != "PRON"]


def after_its_words(pronoun: Token) -> bool:
    """Is ``pronoun`` the subject of a verb of saying whose reported words come before it ('"We will
    retaliate against India," it said')? Then the names before it in its sentence are what it says, not
    who says it: it stands for one named before the quotation."""
    if pronoun.dep_ != "nsubj":
        return False
    says = pronoun.head
    if says.lemma_.lower() not in REPORTING or says.pos_ not in ("VERB", "AUX"):
        return False
    if says.dep_ == "parataxis" and says.head.i < pronoun.i:
        return True
    return any(c.dep_ in ("ccomp", "parataxis") and c.i < pronoun.i for c in says.children)
