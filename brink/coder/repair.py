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

The same model reads some whole clauses as one noun phrase: "The United States relaxed sanctions on Cuba",
"Armenia ceded control of the villages" come out with no verb at all, the object noun as the root, the
participle as its adjective and the subject as a compound or npadvmod. In a sentence with no other verb, a
past participle or past form (VBN/VBD) hung as ``amod`` on the root noun, right after a proper name that
ends where it starts, is the verb: the name its subject and the noun its object.
"""

from __future__ import annotations

from typing import Final

from spacy.attrs import DEP, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

_PARTICIPLE_TAGS: Final = frozenset({"VBN", "VBD"})
_FINITE_HAVE_TAGS: Final = frozenset({"VBP", "VBZ", "VBD"})


def repair(doc: Doc) -> Doc:
    """The doc with each misread "have ADV participle object" turned into the participle's clause, and a
    verbless "Name participle noun" read as the clause it is."""
    # (only a participle tagged word hung as "amod" can be one: found from the arrays, not a Token per word;
    # a repair changes no tag and makes no later word "amod", so the words found first are all there are)
    rows = doc.to_array([TAG, DEP]).tolist()
    for i in [i for i, (tag, dep) in enumerate(rows) if dep == _AMOD and tag in _PARTICIPLE_TAG_IDS]:
        tok = doc[i]
        have = _misread_have(tok)
        if have is not None:
            _promote(tok, have)
    verbless = _verbless_clause(doc)
    if verbless is not None:
        subject, participle, noun = verbless
        participle.head = participle
        participle.dep_ = "ROOT"
        noun.head = participle
        noun.dep_ = "dobj"
        subject.head = participle
        subject.dep_ = "nsubj"
    return doc


_PARTICIPLE_TAG_IDS: Final = frozenset(get_string_id(t) for t in _PARTICIPLE_TAGS)
_AMOD: Final = get_string_id("amod")
_ROOT: Final = get_string_id("ROOT")
_SUBJECT_LIKE: Final = frozenset({"compound", "npadvmod", "nmod", "nsubj"})


def _verbless_clause(doc: Doc) -> tuple[Token, Token, Token] | None:
    """(subject, participle, object) of a sentence the model read as one noun phrase, or None."""
    roots = [doc[i] for i, dep in enumerate(doc.to_array(DEP).tolist()) if dep == _ROOT]
    if len(roots) != 1 or roots[0].pos_ not in ("NOUN", "PROPN"):
        return None
    noun = roots[0]
    participles = [
        c for c in noun.children if c.dep_ == "amod" and c.tag_ in _PARTICIPLE_TAGS and c.i < noun.i
    ]
    if len(participles) != 1 or any(t.pos_ in ("VERB", "AUX") for t in doc if t.i != participles[0].i):
        return None
    participle = participles[0]
    subjects = [
        c
        for c in (*participle.children, *noun.children)
        if c.i < participle.i
        and c.dep_ in _SUBJECT_LIKE
        and c.pos_ == "PROPN"
        and c.right_edge.i == participle.i - 1
    ]
    return (subjects[0], participle, noun) if len(subjects) == 1 else None


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
