"""Means: an attack made only with non-lethal means is coercion, not armed violence.

"Two Chinese coast guard ships have hit a Philippine supply boat with water cannons", "police attacked the
protesters with tear gas and batons": the attack verb matches a pattern of military force (19) or assault
(18), but what it reports is force short of violence — CAMEO 175, escalation level 3 (tests/gold/README.md:
tear gas, rubber bullets, water cannon at sea). The means are data (data/means.yaml); the rule reads the
attack's own "with" / "using" phrase in the parse.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from brink.coder.data_files import read_model

_DATA: Final = Path(__file__).parent / "data" / "means.yaml"
# the roots of armed violence an attack verb's pattern may give; 20 (mass killing) is never made with water
_VIOLENT_ROOTS: Final = ("18", "19")


class MeansFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    nonlethal: list[str]


@cache
def _means() -> tuple[str, frozenset[tuple[str, ...]]]:
    data = read_model(MeansFile, _DATA)
    return data.code, frozenset(tuple(entry.lower().split()) for entry in data.nonlethal)


def with_means(code: str, trigger: Token) -> str:
    """``code``, or the code of force short of violence when the act is one of armed violence (18, 19) made
    only with non-lethal means: every noun of the trigger's "with" phrase or "using" clause is one."""
    if code[:2] not in _VIOLENT_ROOTS:
        return code
    nonlethal, phrases = _means()
    nouns = _instruments(trigger)
    if nouns and all(_phrase(n) in phrases for n in nouns):
        return nonlethal
    return code


def _instruments(trigger: Token) -> list[Token]:
    """The nouns of the trigger's "with" phrase ("hit the boat with water cannons") or "using" clause
    ("attacked boats using water cannon"), with their conjuncts ("with tear gas and batons")."""
    heads: list[Token] = []
    for c in trigger.children:
        if c.dep_ == "prep" and c.lower_ == "with":
            heads += [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() == "use":
            heads += [o for o in c.children if o.dep_ == "dobj"]
    return [n for h in heads for n in (h, *(c for c in h.children if c.dep_ == "conj"))]


def _phrase(noun: Token) -> tuple[str, ...]:
    """The noun's lemma after its compound and adjective words ("water cannons" -> ("water", "cannon"))."""
    before = [c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod") and c.i < noun.i]
    return (*before, noun.lemma_.lower())
