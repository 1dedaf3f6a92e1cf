"""A warning against a party's words is a rebuke, not a threat: "sternly warned against the envoy's
'provocative' remarks", "warned against such irresponsible statements". The warner disapproves of what was
said and threatens no act; coded as a threat, the words' owner became its target. The nouns are
brink/coder/data/warned_words.yaml's. A warning with a penalty ("warned against such remarks or face
expulsion") or a condition still threatens."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

import yaml
from spacy.tokens import Token

from brink.coder import tree
from brink.coder.modality import threat_is_conditional
from brink.coder.threat_words import threat_words

_DATA: Final = Path(__file__).parent / "data" / "warned_words.yaml"


@cache
def speech_nouns() -> frozenset[str]:
    return frozenset(yaml.safe_load(_DATA.read_text(encoding="utf-8"))["speech_nouns"])


def warned_against_words(trigger: Token) -> bool:
    """Is ``trigger`` a warning "against" words (remarks, statements, rhetoric) with no condition or
    penalty?"""
    if trigger.lemma_.lower() not in threat_words().warning_verbs:
        return False
    against = tree.prep_objects(trigger, "against", through_object=False)
    if not against or not all(n.lemma_.lower() in speech_nouns() for n in against):
        return False
    return not threat_is_conditional(trigger)
