"""Who a noun phrase of people stands for when its head is not the actor: the men of a named armed group
("fighters of the Islamic State") and the critics of a state ("government critics", "Kremlin critics").
Also the words that stand for several sides at once ("each other", "their joint patrol"; "the governments of
A and B" is tree.plural_of_parties). Used by roles.SentenceActors; works on mentions (article offsets),
covered through ``covering``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from spacy.tokens import Token

from brink.coder.actor_values import Mention
from brink.coder.entry_actors import EntryActors
from brink.coder.key_forms import AGENT, GROUP, PERSON

_MEMBER_OF: Final = frozenset({"of", "from"})  # "fighters of the Islamic State", "militants from Boko Haram"
_CRITICS: Final = frozenset({"critic", "opponent", "foe", "detractor"})  # "government critics"
_AMOUNTS: Final = frozenset(
    {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "number", "score", "handful"}
)
# the modifiers of a noun that name whom it opposes ("government critics", "Putin opponents")
_OPPOSED_DEPS: Final = frozenset({"amod", "compound", "nmod"})

Covering = Callable[[Token], Mention | None]


def group_of(m: Mention, tok: Token, covering: Covering) -> Mention | None:
    """ "fighters of the Islamic State", "militants from Boko Haram": an agent noun ``tok`` (mention ``m``)
    with "of"/"from" and a named armed group is that group's men, so the group is the actor (the agent
    alone, a generic "fighters", would take the country of a place and lose the group)."""
    if m.cat != AGENT:
        return None
    for p in tok.children:
        if p.dep_ != "prep" or p.lower_ not in _MEMBER_OF:
            continue
        for o in p.children:
            g = covering(o) if o.dep_ == "pobj" else None
            if g is not None and g.cat == GROUP and g.actor.kind == "armed_group":
                return g
    return None


def critics_of(tok: Token, covering: Covering, resolver: EntryActors, offset: int) -> Mention | None:
    """ "government critics", "Kremlin critics", "regime opponents": people who oppose the state (or a person
    of it) that modifies them are that country's opposition, not its government (which would make "police
    detained government critics" the state acting on itself, and drop it). Not a group's opponents ("Hamas
    opponents"), and not "critics of the war" (a complement says what, not whose)."""
    if tok.lemma_.lower() in _AMOUNTS or tok.like_num:  # "dozens of government critics"
        tok = next((o for p in tok.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), tok)
    if tok.lemma_.lower() not in _CRITICS:
        return None
    agent = resolver.lexicon.agents_by_id.get("opposition")
    if agent is None:
        return None
    for c in tok.children:
        if c.dep_ not in _OPPOSED_DEPS or c.i > tok.i:
            continue
        m = covering(c)
        if m is None or not (m.actor.kind == "state" or m.cat == PERSON) or not m.actor.country:
            continue
        actor = resolver.agent_actor(agent, tok.text, m.actor.country, None)
        return Mention(offset + c.idx, offset + tok.idx + len(tok.text), actor, AGENT)
    return None


def reciprocal(tok: Token) -> bool:
    """ "each other" (the slot is "other") or "one another" (the slot is "one")."""
    word = tok.lower_
    if word == "other":
        return any(c.lower_ == "each" for c in tok.children)
    return word == "one" and any(c.lower_ == "another" for c in tok.children)


def joint(tok: Token) -> bool:
    """ "Russia and China concluded their joint patrol": "their" on an act both sides do together."""
    return (
        tok.lower_ == "their" and tok.dep_ == "poss" and any(c.lower_ == "joint" for c in tok.head.children)
    )


# the nouns that, counted as two ("the two sides", "both countries"), name the parties told before them
_PAIRED: Final = frozenset(
    {"side", "country", "nation", "state", "government", "leader", "neighbour", "neighbor", "party",
     "capital", "man", "president", "minister", "premier"}
)  # fmt: skip


def two_sides(tok: Token) -> bool:
    """ "the two sides held the 13th round of consultation", "both countries agreed": the pair of parties the
    sentence named before (roles.SentenceActors reads them from its last conjoined subject)."""
    if tok.lemma_.lower() not in _PAIRED or tok.tag_ not in ("NNS", "NNPS"):
        return False
    # ("flights between their countries": "their" on the paired noun names the same pair)
    return any(
        (c.dep_ == "nummod" and c.lower_ == "two")
        or (c.dep_ in ("det", "predet") and c.lower_ == "both")
        or (c.dep_ == "poss" and c.lower_ == "their")
        for c in tok.children
    )


def names_both(tok: Token) -> bool:
    """ "each other", "their joint patrol", "the two sides": words that stand for the sides told before."""
    return reciprocal(tok) or joint(tok) or two_sides(tok)
