"""Agreement terms: what an agreement is for decides its root, not the agreeing alone.

The signed-agreement patterns (patterns/05_diplomatic_cooperation.yaml, code 057) fire on "signed / reached /
agreed a deal". The gold rules (tests/gold/README.md, "Intent", "Cooperation") split them:
- an agreement reached (not signed) on an act still to come ("reached an agreement with China to pull back
  troops", "agreed a deal to complete the evacuation") is the intent to do it: 030, as "agreed to do X";
- a business deal ("signed a contract with", "a multi-billion gas deal", "an agreement to buy jets") is
  material, economic cooperation: 061.
The words are data (data/agreement_terms.yaml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from brink.coder import tree
from brink.coder.data_files import read_model
from brink.coder.sums import states_a_sum
from brink.coder.verb_classes import VerbClasses

_DATA: Final = Path(__file__).parent / "data" / "agreement_terms.yaml"
SIGNED_AGREEMENT: Final = "057"
INTENT: Final = "030"
BUSINESS_DEAL: Final = "061"


class AgreementTermsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reaching: list[str]
    business: list[str]
    buying: list[str]


@cache
def _words() -> AgreementTermsFile:
    return read_model(AgreementTermsFile, _DATA)


@cache
def _agreement_nouns() -> frozenset[str]:
    return VerbClasses.load().members("agreement")


@cache
def _sum_words() -> frozenset[str]:
    return VerbClasses.load().members("sum")


def agreement_code(trigger: Token, code: str) -> str:
    """The code of an agreement event whose pattern said ``code``: 030 or 061 when its terms say so (see the
    module doc), else ``code`` unchanged."""
    if code != SIGNED_AGREEMENT or trigger.pos_ not in tree.VERB_POS:
        return code
    words = _words()
    agreements = _agreements(trigger)
    purposes = [p for a in [trigger, *agreements] for p in _to_infinitives(a)]
    if trigger.lemma_.lower() in words.reaching and purposes:
        return INTENT
    buying = any(p.lemma_.lower() in words.buying for p in purposes)
    if buying or any(_business(a, words) for a in agreements):
        return BUSINESS_DEAL
    return code


def _agreements(trigger: Token) -> list[Token]:
    """The agreement nouns the trigger takes: its objects, or the object of its preposition ("agreed on")."""
    nouns = _agreement_nouns()
    found = [o for o in tree.objects(trigger) if o.lemma_.lower() in nouns]
    for prep in tree.children(trigger, ("prep",)):
        found.extend(o for o in tree.children(prep, ("pobj",)) if o.lemma_.lower() in nouns)
    return found


def _to_infinitives(word: Token) -> list[Token]:
    """The to-infinitive clauses on ``word`` that say what the agreeing parties are to do ("an agreement to
    pull back", "agreed a deal to complete"). One with a doer of its own ("an agreement for India to obtain
    S-400 systems") names another's act or a purchase, not the parties' own intent: it is left out."""
    return [
        c
        for c in word.children
        if c.dep_ in ("acl", "xcomp", "advcl", "relcl")
        and c.pos_ in tree.VERB_POS
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        and not tree.children(c, ("nsubj", "nsubjpass"))
    ]


def _business(agreement: Token, words: AgreementTermsFile) -> bool:
    """A business deal: a contract, or an agreement worth a stated sum ("a multi-billion deal", "a USD 2.6
    billion agreement", "a $5 billion deal")."""
    if agreement.lemma_.lower() in words.business:
        return True
    sums = _sum_words()
    modifiers = ("nummod", "compound", "amod", "quantmod")
    return any(c.dep_ in modifiers and states_a_sum(c, sums) for c in agreement.children)
