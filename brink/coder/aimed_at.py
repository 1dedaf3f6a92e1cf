"""What a repression act with no named target is aimed at, before its pattern's default target (the
source's own protesters) stands in.

Tear gas and water cannon are aimed at crowds, and a sentence that names none ("police fired tear gas
outside the compound") means the source's own protesters. But a water cannon is also fired at ships: "One
of the Chinese cutters also used its water cannon to intimidate the Philippine vessels" is China against the
Philippines, and "Chinese ships fired water cannons at boats delivering food supplies" names no protesters at
all. Two readings, both from the parse:

- a vessel as the object of the act's purpose clause ("used its water cannon *to intimidate the Philippine
  vessels*") is the target when it names an actor (a crowd there is left to the pattern: "fired tear gas to
  disperse protesters" keeps its default);
- a vessel as what the act is aimed at (the object of "at", "on", "against", or of the purpose clause:
  the ``@vessels`` noun class, from WordNet) means no crowd: no default target.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.verb_classes import VerbClasses

# the prepositions a repression act's target hangs on ("fired tear gas at / on / against ...")
_AIMED: Final = ("at", "on", "against")


@cache
def _vessels() -> frozenset[str]:
    return VerbClasses.load().members("vessels")


def _infinitive(tok: Token) -> bool:
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def purpose_objects(trigger: Token) -> list[Token]:
    """The objects of the infinitive clause saying what ``trigger`` was done for ("used water cannon to
    disperse the crowd": the crowd)."""
    clauses = [c for c in trigger.children if c.dep_ in ("xcomp", "advcl") and _infinitive(c)]
    return [o for c in clauses for o in tree.objects(c)]


def is_vessel(noun: Token) -> bool:
    return noun.lemma_.lower() in _vessels()


def vessels_purposed(trigger: Token) -> list[Token]:
    """The vessels the act's purpose clause is about ("to intimidate the Philippine vessels"); a crowd
    there ("to disperse protesters") is left to the pattern's own slots and default."""
    return [o for o in purpose_objects(trigger) if is_vessel(o)]


def aimed_at_vessels(trigger: Token) -> bool:
    """Is ``trigger`` aimed at a vessel (a boat, a ship) rather than at people?"""
    aimed = [o for word in _AIMED for o in tree.prep_objects(trigger, word)] + purpose_objects(trigger)
    return any(is_vessel(o) for o in aimed)
