"""Consequences: a threat whose response is caused by a hostile act names a condition.

"Trump warned Iran that an attack on US interests would trigger an overwhelming response", "U.S. attempts
to harm Chinese interests will be met with firm countermeasures": no "if" is written, but the response is
promised only for the act, so the threat is conditional (tests/gold/README.md). Read from the parse: in the
threat's clause, a verb with "will" / "would" whose subject is a hostile act (the verb class @attack_event
and data/consequence.yaml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from brink.coder.data_files import read_model
from brink.coder.verb_classes import VerbClasses

_DATA: Final = Path(__file__).parent / "data" / "consequence.yaml"
_FUTURE_AUX: Final = frozenset({"will", "would", "'ll", "'d", "shall"})
_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass"})
# "the attack will be met with a response": a response to an act done, not a condition
_DEFINITE: Final = frozenset({"the", "this", "that", "these", "those"})


class ConsequenceFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    nouns: list[str]


@cache
def _acts() -> frozenset[str]:
    data = read_model(ConsequenceFile, _DATA)
    return frozenset(data.nouns) | VerbClasses.load().members("attack_event")


def caused_by_an_act(trigger: Token) -> bool:
    """Does a will / would clause of the threat (the trigger or a verb under it) have a hostile act not yet
    done as its subject ("an attack on US interests would trigger a response"; not "the attack")?"""
    acts = _acts()
    return any(
        verb.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in verb.children)
        # (the subject's tag is not read: the parser tags "U.S. attempts" a verb even as a subject)
        and any(s.dep_ in _SUBJECTS and s.lemma_.lower() in acts and not _definite(s) for s in verb.children)
        for verb in trigger.subtree
    )


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children)
