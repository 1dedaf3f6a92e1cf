"""Repair: undo one misparse of the small English model before the patterns read the tree.

"Russia and China have twice vetoed council resolutions": with an adverb between the auxiliary and the
participle, ``en_core_web_sm`` reads "have" as the main verb ("have resolutions") and the participle as
an adjective on its object (``vetoed`` amod ``resolutions``), so the participle has no subject and
no event is found. The tree tells the misreading apart, not the word: a past participle (tag VBN, or VBD
as the model sometimes says) hung as ``amod`` on the direct object of a finite "have" that governs no
other verb, with only adverbs between "have" and the participle. That participle is the clause's verb:
it takes over the head's place, its subjects, its other dependents and the object, and "have" becomes
its auxiliary. Nothing else is changed ("have fortified positions" with no adverb, "has enriched uranium
stockpiles" read right by the model, stay as they are).
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Doc, Token

_PARTICIPLE_TAGS: Final = frozenset({"VBN", "VBD"})
_FINITE_HAVE_TAGS: Final = frozenset({"VBP", "VBZ", "VBD"})


def repair(doc: Doc) -> Doc:
    """The doc with each misread "have ADV participle object" turned into the participle's clause."""
    for tok in list(doc):
        have = _misread_have(tok)
        if have is not None:
            _promote(tok, have)
    return doc


def _misread_have(participle: Token) -> Token | None:
    """The "have" that took ``participle``'s place as the verb, or None when the parse is not that one."""
    if participle.tag_ not in _PARTICIPLE_TAGS or participle.dep_ != "amod":
        return None
    obj = participle.head
    if obj.dep_ != "dobj" or participle.i > obj.i:
        return None
    have = obj.head
    if have.lemma_.lower() != "have" or have.tag_ not in _FINITE_HAVE_TAGS or have.i > participle.i:
        return None
    between = have.doc[have.i + 1 : participle.i]
    if not between or any(t.pos_ != "ADV" for t in between):
        return None  # (with nothing between, the model's own reading is kept: "have armed groups")
    if any(c.dep_ in ("xcomp", "ccomp", "aux", "auxpass") for c in have.children):
        return None  # "have" already governs a verb or is itself an auxiliary's host
    return have


def _promote(participle: Token, have: Token) -> None:
    obj = participle.head
    was_root = have.head.i == have.i
    head, dep = have.head, have.dep_
    participle.head = participle if was_root else head
    participle.dep_ = dep
    for child in [c for c in have.children if c.i != obj.i]:
        child.head = participle
    obj.head = participle
    obj.dep_ = "dobj"
    have.head = participle
    have.dep_ = "aux"
