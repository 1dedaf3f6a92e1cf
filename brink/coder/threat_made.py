"""Is a CAMEO 13 match a threat made? One stage the pipeline asks of every threat match, then of every
(threatener, target) pair it yields, and that names the reading under which nobody threatened anybody.

A verb of threatening or warning is often no threat: advice ("warned its citizens to leave"), a thing's risk
("the war threatens to draw in allies"), a rebuke of words ("warned against such remarks"), a prediction of
someone else's reprisal ("warned of Iranian retaliation"), a pronoun misread as the threatener's own side.
Each check is a small function of the parse; which are asked, in which order, and the words they read are
brink/coder/data/threat_made.yaml's. The name of the check that held is returned so that a caller (or a
person reading ``brink code --explain``'s sources) can tell why a threat was not coded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.match import Match
from brink.coder.modality import threat_is_conditional
from brink.coder.rebuke import warned_against_words
from brink.coder.reply_to_asking import answers_an_asking
from brink.coder.roles import Resolved, SentenceActors
from brink.coder.thing_subjects import subject_is_a_thing
from brink.coder.threat_words import threat_words

THREAT: Final = "13"


def advice(m: Match) -> bool:
    """A warning to do something is advice, not a threat: "warned its citizens to leave", "warned them to
    disperse" (but "warned Iran not to test ...", "warned it to stop or face ..." threaten)."""
    t = m.trigger
    if t.lemma_.lower() not in threat_words().warning_verbs or threat_is_conditional(t):
        return False
    told = [c for c in t.children if c.dep_ == "xcomp"]
    return bool(told) and not any(n.dep_ == "neg" for c in told for n in c.children)


def antecedent_disagrees(trigger: Token) -> bool:
    """A relative clause's threat whose verb does not agree with the noun the parse hangs it on: "a war with
    Hamas militants that threatens to draw in allies" (singular "threatens": the war, not the militants,
    threatens; an abstract subject's threat is figurative)."""
    relatives = threat_words().relative_pronouns
    if trigger.dep_ != "relcl" or not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in relatives for c in trigger.children
    ):
        return False
    plural = trigger.head.tag_ in ("NNS", "NNPS")
    return (trigger.tag_ == "VBZ" and plural) or (
        trigger.tag_ == "VBP" and trigger.head.tag_ in ("NN", "NNP")
    )


_STATE_ROLES: Final = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})


def threatens_itself(src: Resolved, tgt: Resolved | None) -> bool:
    """A threat whose target is a pronoun read as the threatener's own country ("Seoul warned Pyongyang,
    saying it would face retaliation": "it" is not Seoul's side): the pronoun was misread. So is a
    government's threat to its own state ("Taiwan independence means war" read as a Taiwanese official's)."""
    if tgt is None:
        return False
    country = src.mention.actor.country
    if country is None or tgt.mention.actor.country != country:
        return False
    # a government or its forces threatening their own state as a whole is a misread too: a domestic
    # threat names a group or a person (an armed group's threat to its own state is real)
    own_state = tgt.mention.actor.kind == "state" and src.mention.actor.role in _STATE_ROLES
    return tgt.how == "pronoun" or own_state


_DOERS: Final = frozenset({"poss", "amod", "compound"})


def reprisal_by_another(m: Match, src: Resolved, actors: SentenceActors, speaker: Resolved | None) -> bool:
    """A warning of someone else's reprisal is a prediction, not a threat: "the Pentagon warned of Iranian
    retaliation", "warned of a response by Russia" (the warner's own: "Iran warned of Tehran's response")."""
    if m.trigger.lemma_.lower() not in threat_words().warning_verbs:
        return False
    own = src.mention.actor.country
    for noun in tree.prep_objects(m.trigger, "of", through_object=False):
        doers = [c for c in noun.children if c.dep_ in _DOERS]
        doers += [o for p in noun.children if p.dep_ == "agent" or p.lower_ == "by" for o in p.children]
        for doer in doers:
            r = actors.of_token(doer, speaker)
            if r is not None and r.mention.actor.country not in (None, own):
                return True
    return False


MatchCheck = Callable[[Match, SentenceActors], bool]
PairCheck = Callable[[Match, Resolved, "Resolved | None", SentenceActors, "Resolved | None"], bool]

MATCH_CHECKS: Final[dict[str, MatchCheck]] = {
    "advice": lambda m, actors: advice(m),
    "antecedent": lambda m, actors: antecedent_disagrees(m.trigger),
    "thing_subject": lambda m, actors: subject_is_a_thing(m.trigger, actors),
    "rebuke": lambda m, actors: warned_against_words(m.trigger),
    "reply_to_asking": lambda m, actors: answers_an_asking(m.trigger),
}
PAIR_CHECKS: Final[dict[str, PairCheck]] = {
    "own_side": lambda m, src, tgt, actors, speaker: threatens_itself(src, tgt),
    "another_reprisal": lambda m, src, tgt, actors, speaker: reprisal_by_another(m, src, actors, speaker),
}


def not_a_threat(m: Match, actors: SentenceActors) -> str | None:
    """The name of the first check (threat_made.yaml's ``match`` order) under which the threat match ``m``
    threatens nobody; None when it is a threat made (or no threat match at all)."""
    if not m.code.startswith(THREAT):
        return None
    for name in threat_words().match_checks:
        if MATCH_CHECKS[name](m, actors):
            return name
    return None


def not_a_threat_to(
    m: Match, src: Resolved, tgt: Resolved | None, actors: SentenceActors, speaker: Resolved | None
) -> str | None:
    """The name of the first ``pair`` check under which ``src`` threatens no ``tgt`` by the match ``m``."""
    if not m.code.startswith(THREAT):
        return None
    for name in threat_words().pair_checks:
        if PAIR_CHECKS[name](m, src, tgt, actors, speaker):
            return name
    return None
