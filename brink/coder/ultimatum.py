"""A demand with a penalty for refusing it is an ultimatum: "demanded that the crews surrender within the hour
or face an assault", "ordered the militia to leave or face force". CAMEO 139 (give ultimatum: threaten to
act if demands are not met); the gold rules code an ultimatum as a conditional threat, not as a demand.

The penalty is the demanded act's alternative joined by "or": a verb of facing or risking ("or face
sanctions", "or risk arrest"), or "or else". A demand without one ("demanded that troops withdraw") stays
a demand."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Final

from spacy.tokens import Token

from brink.coder.modality import Modality

DEMAND: Final = "10"
ULTIMATUM: Final = "139"
# the verbs of the alternative that names a penalty ("or face an assault", "or risk expulsion")
PENALTY_VERBS: Final = frozenset({"face", "risk"})


def has_penalty(trigger: Token) -> bool:
    """Does the clause the demand ``trigger`` governs offer a penalty as the alternative ("... or face X",
    "... or risk Y", "... or else")? Read as words after the trigger in its subtree, as
    modality.threat_is_conditional reads them: the parse often makes "or face force" a noun phrase."""
    words = [(t.lower_, t.lemma_.lower()) for t in trigger.subtree if t.i > trigger.i]
    return any(
        a == "or" and (b_lemma in PENALTY_VERBS or b == "else")
        for (a, _), (b, b_lemma) in itertools.pairwise(words)
    )


def demand_as_ultimatum(code: str, mod: Modality, trigger: Token) -> tuple[str, Modality]:
    """A demand (root 10) whose demanded act has a penalty for refusing it: an ultimatum (139), conditional
    by definition; any other code as it was."""
    if not code.startswith(DEMAND) or mod.negated or not has_penalty(trigger):
        return code, mod
    return ULTIMATUM, replace(mod, conditional=True)
