"""Who a matched action is done by and to, and its code: the pattern's target slots and their fallbacks
(a complement's target, the act's scene, the place attacked, the destination's state), the two sides of a
"between" noun event, the state that reports an agentless passive, and the code a doer's role or a missing
target chooses. ``Pipeline._events`` calls these for each match.
"""

from __future__ import annotations

from typing import Final

from brink.coder import tree
from brink.coder.agency import role_of
from brink.coder.disaster_scene import disaster_target
from brink.coder.match import Match
from brink.coder.purpose_targets import purpose_targets
from brink.coder.reciprocal import reciprocal_target
from brink.coder.roles import Resolved, SentenceActors
from brink.coder.siblings import targets_elsewhere
from brink.coder.slots import slot_tokens

_STATE_ROLES: Final = frozenset({"GOV", "MIL", "COP"})
_VIOLENCE: Final = frozenset({"18", "19", "20"})


def reporting_state(m: Match, speaker: Resolved | None, targets: list[Resolved]) -> list[Resolved]:
    """An agentless passive reported by a state's official of another state's people ("Ortega said American
    diplomats will be expelled", "a Georgian official said the Russians had been detained"): the state
    that reports it is the one that does it. Not violence: "its plane was shot down" is done to the reporter,
    "weapons have been deployed" by someone it accuses."""
    t = m.trigger
    if (
        m.code[:2] in _VIOLENCE
        or speaker is None
        or not targets
        or t.pos_ != "VERB"
        or not tree.is_passive(t)
    ):
        return []
    if any(c.dep_ == "agent" for c in t.children):
        return []
    says = speaker.token.head  # the verb of saying: it governs the passive, or hangs on it ("..., X said")
    if t.head.i != says.i and says.head.i != t.i:
        return []
    actor = speaker.mention.actor
    if actor.country is None or actor.role not in _STATE_ROLES:
        return []
    if any(r.mention.actor.country in (None, actor.country) for r in targets):
        return []
    return [speaker]


def is_mutual(m: Match) -> bool:
    """Does the action hold between its sources ("A and B agreed to reopen the crossing": the complement's
    pattern says so too)?"""
    return m.pattern.spec.mutual or (m.inner is not None and is_mutual(m.inner))


def sides_between(m: Match, actors: SentenceActors, speaker: Resolved | None) -> list[Resolved]:
    """A noun event with no doer of its own whose pattern reads a "between" phrase ("talks between Kabul
    and the Taliban resumed"): the two sides are its sources, each towards the other."""
    if m.trigger.pos_ not in ("NOUN", "PROPN") or "prep:between" not in m.pattern.spec.target:
        return []
    sides = actors.slot(m, "prep:between", speaker)
    return sides if len({r.mention.actor.code for r in sides}) > 1 else []


def targets_of(
    m: Match, actors: SentenceActors, speaker: Resolved | None, sources: list[Resolved]
) -> list[Resolved]:
    """The first slot of the pattern's target list that names an actor; else the complement's own; else,
    for violence by a source that names its own country, the country of the place attacked."""
    named = [(slot, toks) for slot in m.pattern.spec.target if (toks := slot_tokens(m, slot))]
    for deep in (False, True):  # an actor a slot names itself before one deeper in a slot's phrase
        for slot, toks in named:
            found = actors.slot(m, slot, speaker, deep=deep, tokens=toks)
            if found:
                return found
    if disaster := disaster_target(m, actors, sources):  # "victims of the earthquake that hit Turkey"
        return disaster
    if m.inner is not None:
        inner = targets_of(m.inner, actors, speaker, sources)
        if inner:
            return inner
    if elsewhere := targets_elsewhere(m, actors, speaker):  # the act's scene, a conjoined verb's target
        return elsewhere
    if aimed := purpose_targets(m, actors, speaker, sources):  # "drills aimed at deterring China"
        return aimed
    if between := reciprocal_target(m, actors, sources):  # "suspended dialogue between them"
        return between
    # "pounded the province of Aleppo", "struck targets in Damascus"; not "police clashed with fans in
    # Madrid": a generic source took its country from the same place, so the place would name both sides
    if m.code[:2] in _VIOLENCE and sources and all(r.mention.has_country for r in sources):
        for slot in (*m.pattern.spec.target, "prep:in"):
            found = actors.place_target(m, slot)
            if found:
                return found
    if m.pattern.spec.place_target and sources:  # "resume flights to Damascus": the destination's state
        own = {r.mention.actor.country for r in sources}
        for slot in m.pattern.spec.target:
            found = [r for r in actors.place_target(m, slot) if r.mention.actor.country not in own]
            if found:
                return found
    return []


def code_for(m: Match, src: Resolved, tgt: Resolved | None, converse: bool = False) -> str:
    spec = m.pattern.spec
    role = role_of(src)
    if role is not None and role in spec.by_role:
        code = spec.by_role[role]
        # CAMEO 18 is violence without conventional military force: rebels attacking or storming an
        # army's positions fight it (19; "stormed" is a riot's word, 145); abducting soldiers stays 181
        if (
            code[:2] == "18"
            and m.code[:2] in ("19", "14")
            and tgt is not None
            and tgt.mention.actor.role == "MIL"
        ):
            return m.code if m.code[:2] == "19" else "190"
        return code
    if tgt is None and spec.untargeted is not None:
        return spec.untargeted
    if converse and spec.converse is not None and m.inner is None:
        return spec.converse
    return m.code


def source_target_pairs(
    sources: list[Resolved], targets: list[Resolved], mutual: bool, symmetric: bool
) -> tuple[list[tuple[Resolved, Resolved | None]], int]:
    """The (source, target) pairs of one match's events, and the index from which on they are the reversed
    ones of a symmetric action (coded with the converse code): each source towards each target; sources of a
    mutual action with no target towards each other; else each source untargeted."""
    pairs: list[tuple[Resolved, Resolved | None]] = []
    reversed_from = 0  # pairs from this index on are the reversed ones of a symmetric action
    if not targets and mutual and len(sources) > 1:
        pairs = [(a, b) for a in sources for b in sources if a is not b]
        reversed_from = len(pairs)
    elif targets:
        pairs = [(a, b) for a in sources for b in targets]
        reversed_from = len(pairs)
        if symmetric:  # "A held talks with B": B held talks with A too
            pairs += [(b, a) for a, b in pairs if b is not None]
    else:
        pairs = [(a, None) for a in sources]
        reversed_from = len(pairs)
    return pairs, reversed_from
