"""Reciprocal parties: the target of an act on a relation whose two sides a phrase names without naming
either ("the US suspended dialogue between them", "pledging to deepen ties between the two countries",
"signed a memorandum to boost bilateral ties"). The doer is one side; the other is the party the sentence
names with it: the one conjoined with the doer's own name ("the chill between the United States and Russia
... between them": Russia), else the one other country the sentence names. Two or more candidates and no
pair: no target (a null target is better than a guessed one). The words are data (data/reciprocal.yaml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from brink.coder import tree
from brink.coder.actor_values import Mention
from brink.coder.data_files import read_model
from brink.coder.match import Match
from brink.coder.roles import Resolved, SentenceActors

_DATA: Final = Path(__file__).parent / "data" / "reciprocal.yaml"


class ReciprocalFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    pronouns: list[str]
    adjectives: list[str]
    sides: list[str]
    counts: list[str]


@cache
def _words() -> ReciprocalFile:
    return read_model(ReciprocalFile, _DATA)


def _names_the_pair(tok: Token, actors: SentenceActors) -> bool:
    """Is ``tok`` (an object of "between") a word for the two sides: "them", "the two countries"?"""
    words = _words()
    if tok.pos_ == "PRON":
        return tok.lower_ in words.pronouns
    if tok.tag_ not in ("NNS", "NNPS") or tok.lemma_.lower() not in words.sides or tok.conjuncts:
        return False
    if actors.mention_at(tok) is not None or any(
        c.dep_ in ("poss", "compound", "amod", "nmod") and actors.mention_at(c) is not None
        for c in tok.children
    ):  # "between the two Koreas", "between Indian and Chinese troops": they name the sides themselves
        return False
    counted = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet")}
    return bool(counted & set(words.counts)) and not any(c.dep_ == "prep" for c in tok.children)


def reciprocal_phrase(trigger: Token, actors: SentenceActors) -> Token | None:
    """The word that names the two sides of the relation ``trigger`` acts on: a "between" object of the
    trigger, its object or its to-clause's object ("between them"), or a "bilateral" on one of those nouns."""
    heads = [trigger, *(c for c in trigger.children if c.dep_ == "xcomp")]
    for head in heads:
        for o in tree.prep_objects(head, "between"):
            if _names_the_pair(o, actors):
                return o
        nouns = [head] if head.pos_ in ("NOUN", "PROPN") else tree.objects(head)
        for n in nouns:
            if any(c.dep_ == "amod" and c.lower_ in _words().adjectives for c in n.children):
                return n
    return None


def reciprocal_target(m: Match, actors: SentenceActors, sources: list[Resolved]) -> list[Resolved]:
    """The other side of a relation named as a pair ([] when the sentence does not name just one)."""
    own = {r.mention.actor.country for r in sources}
    if not own or None in own:
        return []
    phrase = reciprocal_phrase(m.trigger, actors)
    if phrase is None:
        return []
    for tok in m.trigger.sent:  # a pair named together: "the United States and Russia", "A and B"
        first = actors.mention_at(tok)
        if first is None or first.actor.country not in own or not tok.conjuncts:
            continue
        paired = [x for c in tok.conjuncts if (x := actors.mention_at(c)) is not None]
        others = [x for x in paired if x.actor.country is not None and x.actor.country not in own]
        if others:
            return [Resolved(x, phrase, "parse") for x in _one_per_country(others)]
    others = [x for x in actors.mentions if x.actor.country is not None and x.actor.country not in own]
    alone = _one_per_country(others)
    return [Resolved(alone[0], phrase, "parse")] if len(alone) == 1 else []


def _one_per_country(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for x in mentions:
        seen.setdefault(x.actor.country or "", x)
    return list(seen.values())
