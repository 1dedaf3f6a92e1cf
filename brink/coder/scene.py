"""Scene: the state where the act a noun names took place, for patterns whose target is that state and not
an actor named beside the act ("claimed responsibility for the attack that killed 30 people in Lahore":
Pakistan; "... for the bombing in Kerman, Iran": Iran).

The act is the noun a pattern's target slot names; its scene is the nearest named place with a country
(the gazetteer's places, not actor mentions: "a US-promoted meeting" names no scene) anywhere in the noun's
subtree, its relative and participle clauses included, since that is where reports say where an attack
happened.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder.actor_values import Mention
from brink.coder.key_forms import COUNTRY
from brink.coder.match import Match
from brink.coder.roles import Resolved, SentenceActors
from brink.coder.slots import slot_tokens


def scene_target(match: Match, actors: SentenceActors) -> list[Resolved]:
    """The state of the place where the act of the pattern's first target slot that names a noun happened
    ([] when its phrase and clauses name no place with a country)."""
    if actors.owners is None:
        return []
    resolver, _ = actors.owners
    for slot in match.pattern.spec.target:
        for tok in slot_tokens(match, slot):
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            found = _nearest_place(tok, actors)
            if found is None:
                continue
            start, end, country = found
            info = resolver.lexicon.countries.get(country)
            if info is not None:
                return [Resolved(Mention(start, end, resolver.country_actor(info, 0), COUNTRY), tok, "place")]
    return []


# prepositions that say where something happened ("in Lahore", "near Kabul"); "of" only after a word of
# direction or surroundings ("south of Kabul", "the outskirts of Damascus")
_WHERE: Final = frozenset({"in", "near", "at", "outside", "inside", "across", "around"})
_AROUND: Final = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts",
     "suburb", "center", "centre", "heart"}
)  # fmt: skip


def _nearest_place(act: Token, actors: SentenceActors) -> tuple[int, int, str] | None:
    """The named place with a country inside ``act``'s subtree nearest to it: (start, end, country). A
    gazetteer place counts wherever it stands; a country or capital an actor mention names only where a
    place stands ("in Kerman, Iran", "south of Kabul"), not as a party ("a US-promoted meeting")."""
    words = list(act.subtree)
    lo = actors.offset + words[0].idx
    hi = actors.offset + words[-1].idx + len(words[-1].text)
    inside = [(a, b, p.country) for a, b, p in actors.located if lo <= a and b <= hi and p.country]
    for tok in words:
        m = actors.mention_at(tok)
        if m is not None and m.cat == COUNTRY and m.actor.country and _where(tok):
            inside.append((m.start, m.end, m.actor.country))
    if not inside:
        return None
    at = actors.offset + act.idx
    a, b, country = min(inside, key=lambda x: abs(x[0] - at))
    assert country is not None
    return a, b, country


def _where(tok: Token) -> bool:
    """Does ``tok`` stand where a place does: the object of "in", "near" ..., or set beside such a place
    ("in Kerman, Iran", "in Mazar-i-Sharif, northern Afghanistan")?"""
    while tok.dep_ in ("appos", "conj", "compound") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in _WHERE or (prep.lower_ == "of" and prep.head.lower_ in _AROUND)
