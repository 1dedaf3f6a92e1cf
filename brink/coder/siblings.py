"""Siblings: the target a list of measures shares. "Pakistan suspended the Simla Agreement, closed the
border crossing and paused all trade with India": each verb of the list is a measure against India, named
once, by the last one. A verb whose pattern's target slots name no actor reads the same slots on the verbs
conjoined with it that share its subject, nearest first.
"""

from __future__ import annotations

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.match import Match
from brink.coder.roles import Resolved, SentenceActors
from brink.coder.scene import scene_target


def targets_elsewhere(m: Match, actors: SentenceActors, speaker: Resolved | None) -> list[Resolved]:
    """For a match whose own target slots name no actor: the state where its act happened (patterns with
    ``scene_target``, brink/coder/scene.py), else the target its conjoined verbs name (``sibling_targets``).
    """
    if m.pattern.spec.scene_target and (scene := scene_target(m, actors)):
        return scene
    return sibling_targets(m, actors, speaker)


def sibling_targets(m: Match, actors: SentenceActors, speaker: Resolved | None) -> list[Resolved]:
    """The actors the pattern's target slots name on the nearest verb conjoined with the trigger that shares
    its subject ([] if none names one). Not for a pattern that needs a target: its verb means an act against
    someone only with one of its own ("blocked its airspace" is no protest). Nor for a threat: whom a threat
    coordinated with another act is aimed at is threat_rules.threatened's to say ("criticized the US and
    warned of retaliation" is aimed at the US; "hosted the Sudanese leader and warned" at no one)."""
    t = m.trigger
    if t.pos_ != "VERB" or m.pattern.spec.needs_target or m.code.startswith("13"):
        return []
    for sib in sorted(_sharing_subject(t), key=lambda s: abs(s.i - t.i)):
        other = Match(m.pattern, sib, m.code)
        for slot in m.pattern.spec.target:
            found = actors.slot(other, slot, speaker)
            if found:
                return [Resolved(r.mention, t, r.how) for r in found]
    return []


def _sharing_subject(verb: Token) -> list[Token]:
    """The verbs conjoined with ``verb`` that have no subject of their own where it has one, or the reverse:
    one clause's verbs, one doer."""
    own = bool(tree.children(verb, tree.SUBJECT_DEPS))
    return [
        c for c in verb.conjuncts if c.pos_ == "VERB" and not (own and tree.children(c, tree.SUBJECT_DEPS))
    ]
