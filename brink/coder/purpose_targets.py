"""Purpose targets: whom an act with no target of its own is aimed at, when the sentence says so through its
purpose ("held drills aimed at deterring China", "deployed frigates to deter Russia", "could launch a missile,
perhaps aimed at Japan"). Two readings over the parse, both from the act (the trigger, its object, or the
object of its to-clause):

- a participle of aiming ("aimed", "directed", "targeted") with an "at" object: that object, or, when the
  object is a gerund of deterring ("aimed at deterring China"), the gerund's object;
- a to-clause of deterring ("to deter Russia", "to counter Iran"): its object.

Only actors the parse names there count; no path, no target. Only for hostile acts short of violence (CAMEO
13-17: threats, protests, posture, cuts, coercion) whose pattern codes the same act with or without a target:
"held drills with Japan" is cooperation and "launched a missile at Japan" an attack, so a purpose must not
make drills or a launch into those. The words are data (data/purposes.yaml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from brink.coder import tree
from brink.coder.data_files import read_model
from brink.coder.match import Match
from brink.coder.roles import Resolved, SentenceActors

_DATA: Final = Path(__file__).parent / "data" / "purposes.yaml"
_HOSTILE: Final = frozenset({"13", "14", "15", "16", "17"})


class PurposesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    aims: list[str]
    deterrents: list[str]


@cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    data = read_model(PurposesFile, _DATA)
    return frozenset(data.aims), frozenset(data.deterrents)


def _to_clauses(tok: Token) -> list[Token]:
    return [
        c
        for c in tok.children
        if c.dep_ in ("advcl", "xcomp") and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
    ]


def aimed_words(trigger: Token) -> list[Token]:
    """The words naming what ``trigger``'s act is for: the objects of its aiming participles' "at" and of
    its deterring to-clauses (the trigger's own, its object's, and its to-clause's object's)."""
    aims, deterrents = _words()
    purposes = _to_clauses(trigger)
    heads = [trigger, *tree.objects(trigger), *purposes, *(o for p in purposes for o in tree.objects(p))]
    out: list[Token] = []
    for p in purposes:
        if p.lemma_.lower() in deterrents:  # "deployed frigates to deter Russia"
            out.extend(tree.objects(p))
    for h in heads:
        for aim in h.children:
            if aim.dep_ not in ("acl", "advcl") or aim.tag_ != "VBN" or aim.lemma_.lower() not in aims:
                continue
            for at in tree.children(aim, ("prep",)):
                if at.lower_ != "at":
                    continue
                for o in at.children:
                    if o.dep_ == "pobj":  # "aimed at Japan"
                        out.extend(tree.with_conjuncts([o]))
                    elif o.dep_ == "pcomp" and o.lemma_.lower() in deterrents:  # "aimed at deterring China"
                        out.extend(tree.objects(o))
    return out


def purpose_targets(
    m: Match, actors: SentenceActors, speaker: Resolved | None, sources: list[Resolved]
) -> list[Resolved]:
    """The actors the act's purpose names as its aim ([] if none)."""
    spec = m.pattern.spec
    if m.code[:2] not in _HOSTILE or spec.untargeted is not None or spec.symmetric or spec.mutual:
        return []
    own = {id(r.mention) for r in sources}
    out: list[Resolved] = []
    for tok in aimed_words(m.trigger):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        r = actors.of_token(tok, speaker)
        if r is None or id(r.mention) in own or r.mention.actor.country is None:
            continue
        if all(x.mention is not r.mention for x in out):
            out.append(Resolved(r.mention, tok, r.how))
    return out
