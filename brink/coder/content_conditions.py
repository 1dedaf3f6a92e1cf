"""Conditions on what is promised, demanded or refused: "Hayashi refused to attend the dinner if Lavrov is
there", "Iran refused to resume talks unless sanctions are lifted".

The gold rules (tests/gold/README.md, `conditional`) flag an event whose promised, demanded or refused action
depends on an explicit condition. The parser hangs the if / unless clause on that action (the trigger's
to-complement), out of the trigger's own chain that ``modality.modality_of`` reads. Threats (13) have their
own reading (``modality.threat_is_conditional``).
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder.modality import CONDITION_MARKS

# intent (promise, offer), demand and rejection: speech acts about an action of their own complement
_CONTENT_ROOTS: Final = ("03", "10", "12")


def content_is_conditional(code: str, trigger: Token) -> bool:
    """Is ``code`` a promise, demand or refusal whose complement action carries an if / unless clause?"""
    if not code.startswith(_CONTENT_ROOTS):
        return False
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
        for x in trigger.children
        if x.dep_ == "xcomp"
        for c in x.children
    )
