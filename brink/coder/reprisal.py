"""A response promised to a hostile act already done is a threat of reprisal, with no condition stated:
"Nasrallah vowed to respond to Israel's killing of the group's commander", "Tehran will respond to the
attack on its embassy". The response patterns of 13_threaten.yaml need a condition (a response to a
proposal or a letter is no threat); an act of force, sanction or expulsion it answers (the nouns of
brink/coder/data/act_anaphora.yaml's ``answered`` and the @attack_event class) stands in for it.

Not for a possible, denied or asked response ("could respond", "did not say it would retaliate", "Will Iran
respond?"): a response forecast, often an analyst's, is no threat."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

import yaml
from spacy.tokens import Token

from brink.coder import tree
from brink.coder.modality import Modality, is_question
from brink.coder.verb_classes import VerbClasses

_DATA: Final = Path(__file__).parent / "data" / "act_anaphora.yaml"
# where the answered act stands: "respond to the killing", "retaliate for the attack"
_PREPS: Final = ("to", "for", "against")
_WEAK: Final = frozenset({"may", "might", "could", "can"})


@cache
def answered_nouns() -> frozenset[str]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    return frozenset(data["answered"]) | frozenset(VerbClasses.load().members("attack_event"))


def answers_hostile_act(trigger: Token, mod: Modality) -> bool:
    """Does the response ``trigger`` promises (itself, or a clause it governs: "vowed to respond") answer a
    hostile act named in its "to"/"for"/"against" phrase, asserted (``mod``: not negated nor hypothetical:
    "did not indicate it would retaliate for the attack"), not asked ("Will Iran respond to the
    killings?") and with no weak modal on it?"""
    if mod.negated or mod.hypothetical or is_question(trigger.sent.text):
        return False
    nouns = answered_nouns()
    for verb in (trigger, *tree.clauses(trigger)):
        if tree.modals(verb) & _WEAK:
            return False
        for word in _PREPS:
            if any(n.lemma_.lower() in nouns for n in tree.prep_objects(verb, word, through_object=False)):
                return True
    return False
