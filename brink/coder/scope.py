"""Scope: how far a denial, a negation or a condition reaches in the dependency parse.

The modality stage (``modality.py``) asks these questions of a matched act; the words come from
``data/scope.yaml``, the structure from the parse (heads and dependency labels, never word order):

- is the act inside the clause a denial governs, however deep ("denied that the United States is gearing
  up to attack Iran": attack -advcl-> gearing -ccomp-> denied)? Only clausal links count on the way
  (``ccomp``, ``xcomp``, ``advcl``, ``conj``) and the last one into the denial must be a complement: a
  clause coordinated with the denial ("denied it and said troops had attacked") or hung on it as an
  adverbial ("denied it, saying rebels had attacked") is asserted by the denier, not denied;
- has the act stopped ("no longer recognises", "will fight no more")?
- is it conditional on a noun phrase ("would strike in case of any provocation", "in the event of an
  attack")?
- is a threat a warning against an act ("warned the United States against ramping up sanctions": what
  follows is threatened only if the act is done)?
- which words of a denied claim name the side it is about (its accuser or the side it says was hit)?
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

import yaml
from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

SCOPE_FILE: Final = Path(__file__).parent / "data" / "scope.yaml"
# the links a clause hangs on the verb above it by
_CLAUSAL: Final = frozenset({"ccomp", "xcomp", "advcl", "conj"})
# the links by which a denial governs what it denies
_DENIED: Final = frozenset({"ccomp", "xcomp"})
# how many clauses up a denial is looked for
_DEPTH: Final = 6
_VERBS: Final = frozenset({"VERB", "AUX"})
_FUTURE: Final = frozenset({"will", "would", "'ll", "shall", "wo"})
# the subject of a warned act that is the warner itself ("Israel warned it would strike")
_SELF: Final = frozenset({"it", "they", "we", "he", "she", "i"})


class ScopeWords(BaseModel):
    """``data/scope.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    denial_verbs: frozenset[str]
    denial_particles: dict[str, frozenset[str]]
    ceasing_adverbs: frozenset[str]
    condition_nouns: dict[str, dict[str, str]]
    condition_words: frozenset[str]
    conditional_codes: frozenset[str]
    dissuading_verbs: frozenset[str]
    denied_side_prepositions: frozenset[str]
    claim_nouns: frozenset[str]
    predicting_verbs: frozenset[str]
    commentators: frozenset[str]
    prospect_nouns: frozenset[str]


@cache
def words() -> ScopeWords:
    """The packaged scope.yaml, loaded once per process."""
    with SCOPE_FILE.open(encoding="utf-8") as handle:
        return ScopeWords.model_validate(yaml.safe_load(handle))


def is_denial(tok: Token) -> bool:
    """A verb of denial: "denied", "rejected", "ruled out"."""
    lemma = tok.lemma_.lower()
    w = words()
    if lemma in w.denial_verbs:
        return True
    particles = w.denial_particles.get(lemma)
    return particles is not None and any(
        c.dep_ in ("prt", "advmod") and c.lower_ in particles for c in tok.children
    )


def under_denied_clause(trigger: Token, governor: Token | None = None) -> bool:
    """Is the act's verb inside a clause a denial governs, through clausal links only? ``governor``: the
    complement pattern's own verb, whose event this is ("refused to send" coded 12): not a denial of it."""
    tok = trigger
    for _ in range(_DEPTH):
        head = tok.head
        if head.i == tok.i or tok.dep_ not in _CLAUSAL or head.pos_ not in _VERBS:
            return False
        if governor is not None and head.i == governor.i:
            return False
        if is_denial(head):
            return tok.dep_ in _DENIED
        tok = head
    return False


def ceased(chain: list[Token]) -> bool:
    """ "Islamabad no longer recognised the Taliban government": a negated adverb of time on the act's verb
    says the act has stopped."""
    adverbs = words().ceasing_adverbs
    return any(
        c.dep_ == "advmod"
        and c.lemma_.lower() in adverbs
        and any(g.dep_ in ("neg", "det", "advmod") and g.lower_ in ("no", "not") for g in c.children)
        for t in chain
        for c in t.children
    )


def _condition_noun(noun: Token) -> bool:
    """ "case" in "in case of", "event" in "in the event that", "condition" in "on condition that"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    det = words().condition_nouns.get(prep.lower_, {}).get(noun.lemma_.lower())
    if det is None:
        return False
    dets = {d.lower_ for d in noun.children if d.dep_ == "det"}
    return dets == ({det} if det else set()) and any(
        c.dep_ in ("prep", "acl", "relcl", "ccomp") for c in noun.children
    )


def _condition_word(word: Token) -> bool:
    """ "long" in "as long as X does", "provided" in "provided that X does": a word that heads a condition
    clause (it has one)."""
    return word.lower_ in words().condition_words and any(c.dep_ in ("advcl", "ccomp") for c in word.children)


def condition_phrases(chain: list[Token]) -> list[Token]:
    """The conditions hung on the act's verb (or the verbs governing it) by a noun or a word, not by
    if/unless: "would strike South Korea in case of any provocation", "in the event of an attack", "on
    condition that Canberra changes its policy", "as long as Hamas releases the hostages", "provided that
    NATO stops". Each is given by its noun or word."""
    out: list[Token] = []
    for t in chain:
        for c in t.children:
            if c.dep_ == "prep":
                out.extend(n for n in c.children if _condition_noun(n))
            if c.dep_ in ("advmod", "prep", "advcl") and _condition_word(c):
                out.append(c)
    return out


def in_condition_phrase(tok: Token) -> bool:
    """Is ``tok`` the clause of such a condition ("as long as Hamas releases": releases)?"""
    if tok.dep_ not in ("advcl", "ccomp", "acl", "pobj", "pcomp"):
        return False
    head = tok.head
    if head.dep_ == "prep" and head.head.i != head.i:  # "in case of an attack": attack -> of -> case
        head = head.head
    return _condition_noun(head) or _condition_word(head)


def dissuaded(trigger: Token) -> bool:
    """A warning against an act ("warned the United States against ramping up sanctions"): the threat it
    carries holds only if the act is done."""
    if trigger.lemma_.lower() not in words().dissuading_verbs:
        return False
    return any(
        p.dep_ == "prep" and p.lower_ == "against" and any(c.dep_ == "pcomp" for c in p.children)
        for p in trigger.children
    )


def conditional_code(code: str) -> bool:
    """A code whose act is a condition by definition (an ultimatum)."""
    return code in words().conditional_codes


def _on_claim(by: Token) -> bool:
    """Is this "by" on the claim ("allegations by Russia", "accusations levelled by Britain"), so its object
    is the accuser?"""
    head = by.head
    if head.dep_ == "acl":  # "accusations levelled by": the verb hung on the claim noun
        head = head.head
    return head.lemma_.lower() in words().claim_nouns


def denied_sides(head: Token) -> list[Token]:
    """The words of what the denial ``head`` denies that may name the side it is about, in text order: the
    objects of "by" on the claim (the accuser, also as a passive agent), "with", "against", "across",
    "into"."""
    preps = words().denied_side_prepositions
    out: list[Token] = []
    for part in head.children:
        if part.dep_ not in ("dobj", "ccomp", "xcomp", "prep"):
            continue
        for tok in part.subtree:
            if (
                tok.dep_ in ("prep", "agent")
                and tok.lower_ in preps
                and (tok.lower_ != "by" or _on_claim(tok))
            ):
                out.extend(c for c in tok.children if c.dep_ == "pobj")
    return sorted(out, key=lambda t: t.i)


def predicted(chain: list[Token]) -> bool:
    """A forecast: the act's clause, with "will" or "would", is the complement of a verb of belief or
    prediction ("observers believe Russia will attack Moldova") or of what a commentator says ("analysts
    said China would blockade Taiwan"). Its act is not announced by its doer: hypothetical."""
    top = chain[-1]
    if top.dep_ != "ccomp" or not any(
        c.dep_ == "aux" and c.lower_ in _FUTURE for t in chain for c in t.children
    ):
        return False
    verb, w = top.head, words()
    if verb.lemma_.lower() in w.predicting_verbs:
        return True
    return any(s.dep_ == "nsubj" and s.lemma_.lower() in w.commentators for s in verb.children)


def only_an_option(trigger: Token) -> bool:
    """A noun event that is only an option ("a military strike against North Korea remains an option",
    "war is a real possibility")."""
    if trigger.dep_ != "nsubj":
        return False
    nouns = words().prospect_nouns
    return any(c.dep_ == "attr" and c.lemma_.lower() in nouns for c in trigger.head.children)


def warned(trigger: Token) -> bool:
    """An act the warner says it will do ("Israel warned it would strike Iranian nuclear sites"): the act's
    clause, with "will" or "would" and a pronoun subject, is the complement of a verb of warning. A warning
    of another's act ("warned that Iran could attack") is not one."""
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj":  # "warned it would launch strikes"
        tok = tok.head
    while tok.dep_ == "xcomp" and tok.head.i != tok.i:  # "warned it would continue to strike"
        tok = tok.head
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in words().dissuading_verbs:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in tok.children):
        return False
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    return bool(subjects) and all(s.lower_ in _SELF for s in subjects)


def trailing_conditions(trigger: Token, marks: frozenset[str]) -> list[Token]:
    """ "..., warning of consequences if it fails to do so": the parser hangs the condition of a participle
    after a comma on the participle's head; an if/unless clause (``marks``) of that head after the
    participle is its."""
    if trigger.dep_ != "advcl" or trigger.tag_ != "VBG":
        return []
    return [
        c
        for c in trigger.head.children
        if c.dep_ == "advcl"
        and c.i > trigger.i
        and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
    ]
