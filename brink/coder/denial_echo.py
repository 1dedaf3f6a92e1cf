"""Denial echoes: a verb of disapproval or rejection that only repeats a denial is no event of its own.

"Iran rejected the accusations levelled by Britain, denouncing them as unfounded": the participle
"denouncing them" says again what "rejected the accusations" said; its object is a pronoun standing for
the denied accusations, not an actor criticised. The gold rules (tests/gold/README.md, "Statements" and
"Reject") code the denial (016) once; coding the echo as criticism (11) or rejection (12) adds an event the
sentence does not report, often with a wrong target read from the pronoun. Read from the parse: the echo
hangs on the denial's own trigger as an adverbial or conjoined clause and has a pronoun object.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Doc, Token

from brink.coder.denials import DENY, trigger_token
from brink.coder.found import Found

# roots an echo would be coded as: disapprove (11), reject (12)
_ECHO_ROOTS: Final = frozenset({"11", "12"})
# how the echo hangs on the denial: "..., denouncing them as ...", "... and called it propaganda"
_ECHO_DEPS: Final = frozenset({"advcl", "xcomp", "conj"})
# objects that stand for what was just denied
_ECHO_OBJECTS: Final = frozenset({"it", "them", "this", "these", "those", "that"})


def _echoes(tok: Token, denial_triggers: set[int]) -> bool:
    """Does ``tok`` hang on a denial's trigger and take a pronoun object ("denouncing them as unfounded")?"""
    return (
        tok.dep_ in _ECHO_DEPS
        and tok.head.i in denial_triggers
        and any(c.dep_ == "dobj" and c.lower_ in _ECHO_OBJECTS for c in tok.children)
    )


def drop_denial_echoes(found: list[Found], doc: Doc) -> list[Found]:
    """``found`` without the disapprovals and rejections that only repeat a denial coded in the sentence."""
    denials = {tok.i for f in found if f.code == DENY and (tok := trigger_token(doc, f)) is not None}
    if not denials:
        return found
    out: list[Found] = []
    for f in found:
        tok = trigger_token(doc, f) if f.code[:2] in _ECHO_ROOTS else None
        if tok is None or not _echoes(tok, denials):
            out.append(f)
    return out
