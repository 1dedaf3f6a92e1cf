"""Disaster scene: condolences or aid for "the victims of the earthquake that hit eastern Turkey", "people
affected by the earthquake in Nepal" go to the state the disaster struck. A target slot that names no actor
but whose phrase names a natural disaster (verb_classes.yaml ``natural_force``) stands for the country of
the place that disaster hit: a place after "in", "near" ... in the disaster's phrase, or the object of the
clause that says what it struck ("that hit eastern Turkey", "that struck parts of Mindanao")."""

from __future__ import annotations

import functools
from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.actor_values import Mention
from brink.coder.key_forms import COUNTRY
from brink.coder.match import Match
from brink.coder.roles import Resolved, SentenceActors
from brink.coder.slots import slot_tokens

# prepositions that say where a disaster struck ("the earthquake in Nepal", "floods across Pakistan")
_WHERE: Final = frozenset({"in", "near", "across", "off", "on", "along"})


@functools.cache
def natural_forces() -> frozenset[str]:
    """The nouns of verb_classes.yaml's ``natural_force`` class, read once per process."""
    from brink.coder.verb_classes import VerbClasses

    return VerbClasses.load().members("natural_force")


def disaster_target(match: Match, actors: SentenceActors, sources: list[Resolved]) -> list[Resolved]:
    """The state a natural disaster named in the phrase of one of the pattern's target slots struck, or []
    (no such disaster, no place with a country, or only the sources' own country)."""
    if actors.owners is None:
        return []
    resolver, _ = actors.owners
    own = {r.mention.actor.country for r in sources}
    for slot in match.pattern.spec.target:
        for tok in slot_tokens(match, slot):
            if tok.pos_ not in tree.NOUN_POS:
                continue
            for disaster in _disasters(tok):
                for start, end, country in _struck(disaster, actors):
                    info = resolver.lexicon.countries.get(country)
                    if country not in own and info is not None:
                        actor = resolver.country_actor(info, 0)
                        return [Resolved(Mention(start, end, actor, COUNTRY), tok, "place")]
    return []


def _disasters(tok: Token) -> list[Token]:
    forces = natural_forces()
    return [n for n in tok.subtree if n.pos_ == "NOUN" and n.lemma_.lower() in forces]


def _struck(disaster: Token, actors: SentenceActors) -> list[tuple[int, int, str]]:
    """The places with a country the disaster struck, nearest first: in its own prepositional phrases, or in
    the object of its relative or participle clause."""
    spots: list[Token] = [
        o
        for p in tree.children(disaster, ("prep",))
        if p.lower_ in _WHERE
        for o in tree.children(p, ("pobj",))
    ]
    for clause in tree.children(disaster, ("relcl", "acl")):
        spots += tree.objects(clause)
    found: list[tuple[int, int, str]] = []
    for spot in spots:
        words = list(spot.subtree)
        lo = actors.offset + words[0].idx
        hi = actors.offset + words[-1].idx + len(words[-1].text)
        found += [(a, b, p.country) for a, b, p in actors.located if lo <= a and b <= hi and p.country]
        for w in words:
            m = actors.mention_at(w)
            if m is not None and m.cat == COUNTRY and m.actor.country:
                found.append((m.start, m.end, m.actor.country))
    at = actors.offset + disaster.idx
    return sorted(set(found), key=lambda x: abs(x[0] - at))
