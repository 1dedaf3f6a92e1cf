"""Readiness: an act its doer is said not to be ready, willing or able to do is not done.

"His country was not ready to lift all sanctions against North Korea", "China was unwilling to release the
detainees": the act is the to-infinitive of an adjective complement ("ready to lift"), and the negation sits
on the copula ("was not"), out of the trigger's own chain of complements that ``modality.modality_of`` reads.
The adjectives are data (data/readiness.yaml): only those whose denial denies the act ("not afraid to attack"
affirms it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from brink.coder.data_files import read_model

_DATA: Final = Path(__file__).parent / "data" / "readiness.yaml"


class ReadinessFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    ready: list[str]
    unready: list[str]


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = read_model(ReadinessFile, _DATA)
    return frozenset(data.ready), frozenset(data.unready)


def not_ready(chain: list[Token]) -> bool:
    """Is the top of the trigger's chain (``modality._chain``: the trigger and the verbs and adjectives it
    is the to-complement of) an adjective that denies the act: "unwilling to", or "ready to" under a
    negated copula ("was not ready to lift")?"""
    ready, unready = _words()
    for adjective in chain[1:]:
        if adjective.dep_ != "acomp" or adjective.pos_ != "ADJ":
            continue
        lemma = adjective.lemma_.lower()
        if lemma in unready:
            return True
        if lemma in ready and any(c.dep_ == "neg" for c in (*adjective.children, *adjective.head.children)):
            return True
    return False
