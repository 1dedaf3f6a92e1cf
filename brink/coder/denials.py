"""Denials: whom a denial (CAMEO 016) is about, when its own words name no one.

The gold rules (tests/gold/README.md, "Statements") code a denial of an act as 016 from the denier to the
side the denied act was said to hit: "India dismissed reports that its fighter jets had violated Pakistan's
airspace" is India denying towards Pakistan, "the administration denied it is sending special forces into
Iran" the United States towards Iran. The denied act itself is coded negated (``modality.py``); this stage
only lends its target to the denial that governs it, read from the parse (the act's trigger lies in the
denial's object or clause), never from word order. When no coded act lends one, the denied words may still
name the side: the accuser or the side hit, as the object of "by", "with", "against", "across" or "into".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from spacy.tokens import Doc, Token

from brink.coder import tree
from brink.coder.found import Found
from brink.coder.roles import SentenceActors
from brink.coder.scope import denied_sides

# the code of "deny responsibility"
DENY: Final = "016"
# how the denied words hang on the denial: its object ("dismissed reports that ..."), its clause ("denied it
# is sending ..."), a preposition ("denied involvement in ...") — not a conjoined clause of its own
_DENIED: Final = frozenset({"dobj", "ccomp", "xcomp", "prep"})


def trigger_token(doc: Doc, found: Found) -> Token | None:
    """The trigger word of ``found`` in ``doc`` (the sentence's parse; spans are article offsets)."""
    start, end = found.trigger_span
    return tree.span_root(doc, start - found.sentence.start, end - found.sentence.start)


def _denies(head: Token, trigger: Token) -> bool:
    """Is ``trigger`` inside what the denial ``head`` denies (its object or clause)?"""
    tok = trigger
    while tok.head.i != tok.i and tok.head.i != head.i:  # (Token objects are views: compare positions)
        tok = tok.head
    return tok.head.i == head.i and tok.i != head.i and tok.dep_ in _DENIED


def _own_side(denial: Found, act: Found) -> bool:
    """Is the act's target the denier itself or its own country ("denied its soldiers killed ...")?"""
    assert act.target is not None
    denier, hit = denial.source.mention.actor, act.target.mention.actor
    return hit.code == denier.code or hit.country is None or hit.country == denier.country


def _other_doer(denial: Found, act: Found) -> bool:
    """Is the act's doer another state's actor than the denier ("Egypt denied that Israel had carried out an
    airstrike", "denied reports that US aircraft entered its airspace")?"""
    denier, doer = denial.source.mention.actor, act.source.mention.actor
    return doer.country is not None and denier.country is not None and doer.country != denier.country


def _with_denied_target(denial: Found, head: Token, acts: list[Found], doc: Doc) -> Found:
    """The target of a denied act that hit another side; else, when the act is another state's, its doer
    (the denial answers the accusation against that state: Egypt denying that Israel struck is towards
    Israel)."""
    denied = [
        act for act in acts if (trigger := trigger_token(doc, act)) is not None and _denies(head, trigger)
    ]
    for act in denied:
        if act.target is not None and not _own_side(denial, act):
            return replace(denial, target=act.target)
    for act in denied:
        if _other_doer(denial, act):
            return replace(denial, target=act.source)
    return denial


def _boundary_preps(tok: Token) -> list[Token]:
    """The "between" phrases on ``tok`` or on its "of" chain ("the line of actual control between ...")."""
    out: list[Token] = []
    for prep in tok.children:
        if prep.dep_ != "prep":
            continue
        if prep.lower_ == "between":
            out.append(prep)
        elif prep.lower_ == "of":
            out.extend(p for obj in prep.children if obj.dep_ == "pobj" for p in _boundary_preps(obj))
    return out


def _with_boundary_sides(tok: Token) -> list[Token]:
    """``tok`` and the sides a boundary it names lies between: "trespassed across the line of actual control
    between China and India" names China and India (the denier's own side is skipped by the caller)."""
    out = [tok]
    for prep in _boundary_preps(tok):
        for obj in prep.children:
            if obj.dep_ == "pobj":
                out.extend([obj, *(c for c in obj.subtree if c.dep_ == "conj" and c.head.i == obj.i)])
    return out


def _crossed(head: Token) -> list[Token]:
    """The sides of a boundary the denied clause's act crossed as its object ("denied that its soldiers had
    crossed the border between Pakistan and India"); only a clause with a verb (an act with an agent), never
    a noun phrase ("denied any role in the clashes between ..." names who fought, not whom it is about)."""
    out: list[Token] = []
    for clause in head.children:
        if clause.dep_ in ("ccomp", "xcomp"):
            for obj in clause.children:
                if obj.dep_ == "dobj":
                    out.extend(_with_boundary_sides(obj)[1:])
    return out


def _with_named_side(denial: Found, head: Token, actors: SentenceActors) -> Found:
    """The side the denied words name when no coded act lends one: the accuser ("rejected accusations
    levelled by the British administration against Iran": Britain) or the side the claim says was hit ("denied
    reports that its troops were locked in a standoff with the Indian security forces": India), read from
    the objects of a few prepositions only (``scope.denied_sides``), never the denier's own country and never
    a place ("an attack in Tajikistan")."""
    denier = denial.source.mention.actor
    for tok in [
        *(side for named in denied_sides(head) for side in _with_boundary_sides(named)),
        *_crossed(head),
    ]:
        side = actors.of_token(tok, denial.speaker)
        if side is None or side.mention.actor.code == denier.code:
            continue
        country = side.mention.actor.country
        if country is not None and country != denier.country:
            return replace(denial, target=side)
    return denial


def lend_denied_targets(found: list[Found], doc: Doc, actors: SentenceActors | None = None) -> list[Found]:
    """Each untargeted denial takes the target of a negated act its subtree holds (the first such act the
    sentence codes), else the doer of such an act when it is another state's, else (with ``actors``) the side
    its denied words name; other events are returned unchanged."""
    if not any(f.code == DENY and f.target is None for f in found):
        return found
    acts = [f for f in found if f.modality.negated and f.code != DENY]
    out: list[Found] = []
    for f in found:
        head = trigger_token(doc, f) if f.code == DENY and f.target is None else None
        if head is not None:
            f = _with_denied_target(f, head, acts, doc)
            if f.target is None and actors is not None:
                f = _with_named_side(f, head, actors)
        out.append(f)
    return out
