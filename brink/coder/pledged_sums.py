"""Pledged sums: aid pledged as a stated sum is announced aid (07), not an intent to give aid (033).

The gold rule (tests/gold/README.md, "Intent"): "pledged $100 million in aid" is announced aid, 07; an offer
of unspecified help stays 03. The noun form is a pattern of its own (patterns/07_provide_aid.yaml:
aid.pledged_sum); this is the verb form, "pledged to provide an additional $50 million", where the intent
pattern (patterns/03_intent_cooperate.yaml: intent.to_act) took over the aid clause and mapped 07 to 033.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.sums import states_a_sum
from brink.coder.verb_classes import VerbClasses

_AID: Final = "07"
_INTENT: Final = "03"


@cache
def _sum_words() -> frozenset[str]:
    return VerbClasses.load().members("sum")


@cache
def _pledging() -> frozenset[str]:
    """The verbs of pledging and offering (@pledge, @offer); "agreed to provide $5 million" stays an intent
    (the gold rule names aid "pledged or offered")."""
    classes = VerbClasses.load()
    return classes.members("pledge") | classes.members("offer")


def pledged_sum_code(trigger: Token, code: str, inner_code: str | None, inner_trigger: Token | None) -> str:
    """``code`` of an intent (its verb ``trigger``) that took over ``inner_code``'s clause: the inner aid code
    when what is pledged or offered is a stated sum ("pledged to provide $50 million"), else ``code``."""
    if inner_code is None or inner_trigger is None or code[:2] != _INTENT or inner_code[:2] != _AID:
        return code
    if trigger.lemma_.lower() not in _pledging():
        return code
    sums = _sum_words()
    if any(states_a_sum(o, sums) for o in tree.objects(inner_trigger)):
        return inner_code
    return code
