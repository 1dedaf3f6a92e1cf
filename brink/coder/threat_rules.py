"""Threat and time-table rules over a pattern's match: conditional acts that are threats, warnings that are
advice, a threat's target from its condition, one threat per speaker, meetings announced for later."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from spacy.tokens import Token

from brink.coder import scope, tree
from brink.coder.found import Found
from brink.coder.match import Match
from brink.coder.modality import (
    DENIAL,
    REPORTING,
    SPECULATION,
    Modality,
    condition_clauses,
    is_question,
)
from brink.coder.pattern_files import PatternSet
from brink.coder.roles import REPORTING as ROLE_REPORTING
from brink.coder.roles import Resolved, SentenceActors
from brink.coder.ultimatum import demand_as_ultimatum
from brink.coder.verb_classes import VerbClasses

# verbs that say or warn: who says a threat (roles.REPORTING adds those that only report)
SAYING: Final = REPORTING | ROLE_REPORTING | frozenset({"caution", "swear"})

# meetings, visits and talks (04) announced for later are a time-table, not yet held (tests/gold/README.md:
# "will hold talks" is hypothetical); an announced decision ("will expel", "will send aid") is the act
SCHEDULED_ROOTS: Final = ("04",)


def scheduled(code: str, mod: Modality) -> Modality:
    if mod.future and not mod.hypothetical and code.startswith(SCHEDULED_ROOTS):
        return replace(mod, hypothetical=True)
    return mod


# litotes: "will not go unanswered", "would not hesitate to act" assert a reply; the "not" is the
# idiom's own. Another negation above it ("did not say ...", "denied that ...") still negates the threat.
LITOTES_PATTERNS: Final = frozenset(
    {
        "threaten.not_unanswered",
        "threaten.not_leave_unanswered",
        "threaten.not_hesitate",
        "threaten.not_rule_out",
    }
)
# idioms whose bare form says the opposite: force "ruled out" is not threatened
NEEDS_NOT: Final = frozenset({"threaten.not_rule_out"})


def litotes(m: Match, mod: Modality) -> Modality:
    if m.pattern.spec.id in NEEDS_NOT and not mod.negated:
        return replace(mod, negated=True)
    if not mod.negated or m.pattern.spec.id not in LITOTES_PATTERNS:
        return mod
    head = m.trigger
    while head.head.i != head.i:  # (spaCy makes a new Token on each access: compare indices)
        head = head.head
        if head.lemma_.lower() in DENIAL or any(c.dep_ == "neg" for c in head.children):
            return mod
    if sum(c.dep_ == "neg" for c in m.trigger.children) != 1:
        return mod
    return replace(mod, negated=False)


# a hostile act announced on a condition is a threat of it (tests/gold/README.md: "a conditional threat is
# coded 13"): "Russia may sever ties with the US if Washington seizes its assets" threatens the US
THREAT_OF_ROOTS: Final = ("15", "16", "17", "18", "19", "20")
THREAT_PATTERN: Final = "threaten.to_act"  # its complement table maps a threatened act's code to a 13x code
_NOT_YET: Final = frozenset({"will", "shall", "'ll", "would", "may", "might", "could", "can"})
_READY: Final = frozenset({"ready", "prepared"})


def threat_codes(patterns: PatternSet) -> dict[str, str]:
    for c in patterns.patterns:
        if c.spec.id == THREAT_PATTERN:
            return dict(c.spec.complement)
    return {}


_WEAK: Final = frozenset({"may", "might", "could"})


def conditional_threat(
    code: str, mod: Modality, m: Match, table: dict[str, str], src: Resolved, actors: SentenceActors
) -> tuple[str, Modality]:
    """The code and modality of a hostile act announced on a condition the act's own clause states (not an
    act inside the condition: "if Israel strikes"): the threat of that act, made, conditional. A possible
    act ("could seize ... if") that a newspaper, an analyst or another side reports is their forecast."""
    trigger = m.inner.trigger if m.inner is not None else m.trigger
    # "stands ready to strike Syria if its troops cross", "is prepared to attack if ...": readiness stated
    # on a condition announces the act as "will" does (the condition may hang on "stands"); a noun
    # trigger's readiness is its carrying verb's ("ready to launch operations against ...")
    verb = trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger
    ready = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _READY
    if not ((mod.conditional or ready) and code.startswith(THREAT_OF_ROOTS)):
        return code, mod
    if not (condition_clauses(trigger) or (ready and condition_clauses(verb.head.head))):
        # "jets are ready to strike Iran": with no condition, a readiness is no act yet (hypothetical); but
        # the source's own side declaring it ("Erdogan said his army was ready to launch operations
        # against Kurdish militants") threatens the act, as a readiness to help offers it (gold rules: 03)
        if not ready or mod.negated:
            return code, mod
        if declared_by_own_side(trigger, src, actors):
            return _threat_of(code, table), replace(mod, hypothetical=False, future=True)
        return code, replace(mod, hypothetical=True)
    if not ready and not any(c.dep_ == "aux" and c.lower_ in _NOT_YET for c in trigger.children):
        return code, mod
    if tree.modals(trigger) & _WEAK and said_by_another(trigger, src, actors):
        return code, mod
    return _threat_of(code, table), replace(mod, hypothetical=False, future=True, conditional=True)


def _threat_of(code: str, table: dict[str, str]) -> str:
    """The threat code of a threatened act's code (threaten.to_act's complement table)."""
    return next((table[code[:n]] for n in range(len(code), 1, -1) if code[:n] in table), "130")


def declared_by_own_side(trigger: Token, src: Resolved, actors: SentenceActors) -> bool:
    """Is the clause of ``trigger`` said by a verb of saying or warning whose subjects are all of the source's
    own side (not the narrator's words: no verb of saying at all is no declaration)?"""
    verbs = _saying_verbs(trigger)
    return bool(verbs) and any(tree.subjects(v) for v in verbs) and not said_by_another(trigger, src, actors)


def _saying_verbs(trigger: Token) -> list[Token]:
    """The verbs of saying or warning above ``trigger``'s clause, and those hanging on the sentence's root
    after it ('"...," the newspaper reported')."""
    verbs = []
    t = trigger
    while t.head.i != t.i:
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in SAYING:
            verbs.append(t.head)
        t = t.head
    root = trigger.sent.root
    verbs += [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i > trigger.i
              and c.lemma_.lower() in SAYING]  # fmt: skip
    return verbs


def said_by_another(trigger: Token, src: Resolved, actors: SentenceActors) -> bool:
    """Is the clause of ``trigger`` said by someone not of the source's side: the subject of a verb of saying
    or warning above it (or one hanging on the sentence's root after it: '"...," the newspaper reported')
    that is no actor (analysts, experts), the media, or another country's?"""
    own = src.mention.actor.country
    for subject in (s for v in _saying_verbs(trigger) for s in tree.subjects(v)):
        r = actors.of_token(subject, None)
        if r is None or r.mention.actor.role == "MED" or r.mention.actor.country != own:
            return True
    return False


def threat_by_modal(m: Match, mod: Modality, src: Resolved, actors: SentenceActors) -> Modality:
    """A threat whose pattern names its modal ("may retaliate if the U.S. strikes", "would respond to any
    incursion") on a condition stated is a threat made, not a possibility: the modal is the threat's own
    form. Not when someone else says it (an analyst's or a newspaper's "Iran could retaliate if ..." is a
    forecast), under a verb of speculation ("expects Iran may retaliate"), or in a question."""
    c = m.pattern
    if not (mod.hypothetical and mod.conditional and c.modal and m.code.startswith("13")):
        return mod
    if not tree.modals(m.trigger) & c.modal or is_question(m.trigger.sent.text):
        return mod
    t = m.trigger
    while t.head.i != t.i:
        t = t.head
        if t.lemma_.lower() in SPECULATION:
            return mod
    if src.mention.actor.country is None or said_by_another(m.trigger, src, actors):
        return mod
    return replace(mod, hypothetical=False)


def warned_threat(code: str, mod: Modality, m: Match, table: dict[str, str]) -> tuple[str, Modality]:
    """A hostile act the warner says it will do ("Israel warned it would strike Iranian nuclear sites") is a
    threat of that act (gold rules: warnings are 13), made, not the act."""
    trigger = m.inner.trigger if m.inner is not None else m.trigger
    if mod.negated or not code.startswith(THREAT_OF_ROOTS) or not scope.warned(trigger):
        return code, mod
    return _threat_of(code, table), replace(mod, hypothetical=False, future=True)


def _side(f: Found) -> str:
    actor = f.source.mention.actor
    return actor.country or actor.code


def one_threat_per_speaker(found: list[Found]) -> list[Found]:
    """A sentence's threat with no target is dropped when the same side threatens someone in it: "North
    Korea issued a threat, saying the US would face a response" is one threat, against the US."""
    aimed = {_side(f) for f in found if f.code.startswith("13") and f.target is not None}
    if not aimed:
        return found
    return [f for f in found if not (f.code.startswith("13") and f.target is None and _side(f) in aimed)]


_THREAT_PREPS: Final = ("against", "on", "at", "to")


def threatened(
    m: Match, actors: SentenceActors, speaker: Resolved | None, sources: list[Resolved]
) -> list[Resolved]:
    """A threat's target when its pattern's slots name none: the actor of its condition ("vowed retaliation
    if Tehran attacks", "will retaliate should Seoul hold drills"), else the one its threatened act is
    aimed at ("threatened to cut gas sales to Ukraine", "vowed to retaliate against Israel")."""
    own = {s.mention.actor.code for s in sources}
    for clause in condition_clauses(m.trigger):
        found = [r for t in tree.subjects(clause) if (r := actors.of_token(t, speaker)) is not None]
        found = [r for r in found if r.mention.actor.code not in own]
        if found:
            return found
    for clause in tree.clauses(m.trigger):
        if clause.dep_ != "xcomp":
            continue
        for word in _THREAT_PREPS:
            found = [
                r for t in tree.prep_objects(clause, word) if (r := actors.of_token(t, speaker)) is not None
            ]
            found = [r for r in found if r.mention.actor.code not in own]
            if found:
                return found
    force_at = _force_at_place(m, actors, sources)
    if force_at:
        return force_at
    return _answered_doer(m.trigger, actors, speaker, own) or _coordinated_target(
        m.trigger, actors, speaker, own
    )


def _force_at_place(m: Match, actors: SentenceActors, sources: list[Resolved]) -> list[Resolved]:
    """ "threatened a ground offensive in Rafah": force threatened at a named place of another state is aimed
    at that state (an attack noun of the class @attack_event, brink/coder/data/verb_classes.yaml)."""
    classes = VerbClasses.load()
    if not any("attack_event" in classes.classes_of(o.lemma_, "noun") for o in tree.objects(m.trigger)):
        return []
    own = {s.mention.actor.country for s in sources}
    # (the parser hangs "in Rafah" on the offensive or on the verb)
    for slot in ("object", "prep:in"):
        found = [r for r in actors.place_target(m, slot) if r.mention.actor.country not in own]
        if found:
            return found
    return []


_ANSWERING: Final = ("to", "for")  # "a response to US sanctions", "revenge for Israel's strike"


def _answered_doer(
    trigger: Token, actors: SentenceActors, speaker: Resolved | None, own: set[str]
) -> list[Resolved]:
    """A reprisal promised for an act is aimed at the act's doer: "promised a strong response to US
    sanctions" (the US), "threatened a harsh response to the rocket fire from Gaza" (the act's owner,
    its "by" phrase, or where it came from)."""
    for word in _ANSWERING:
        for act in tree.prep_objects(trigger, word):
            if act.pos_ != "NOUN":
                continue
            # ("Australian sanctions": a nationality names the doer as a compound name does)
            doers = tree.subjects(act) + tree.children(act, ("amod",))
            doers += tree.prep_objects(act, "from", through_object=False)
            found = [r for t in doers if (r := actors.of_token(t, speaker)) is not None]
            found = [r for r in found if r.mention.actor.code not in own and r.mention.actor.country]
            if found:
                return found
    return []


# acts of disapproval, force and reduced relations (CAMEO 11, 16, 18) aimed at a party a threat in the
# same breath is aimed at too ("hosted the Sudanese leader and threatened to close the border" is not)
_REBUKES: Final = frozenset(
    [
        "criticize",
        "criticise",
        "condemn",
        "denounce",
        "accuse",
        "blame",
        "slam",
        "rebuke",
        "censure",
        "castigate",
        "lambast",
        "reproach",
        "chide",
        "berate",
        "fault",
        "summon",
        "reject",
        "warn",
        "threaten",
        "sanction",
        "expel",
        "attack",
    ]
)


def _coordinated_target(
    trigger: Token, actors: SentenceActors, speaker: Resolved | None, own: set[str]
) -> list[Resolved]:
    """A threat coordinated with an act on a named party, sharing its subject, is aimed at that party:
    "North Korea criticized the United States ... and warned of retaliation", "Turkey summoned the Greek
    envoy and vowed a response" (a threat with its own subject is another clause's: not this)."""
    if trigger.dep_ != "conj" or tree.children(trigger, ("nsubj", "nsubjpass")):
        return []
    # "... and warned against scrapping the deal": the warning names what it is against, and no party
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in trigger.children):
        return []
    head = trigger.head
    while head.dep_ == "conj" and head.head != head:  # "criticized X, summoned Y and warned"
        head = head.head
    if head.lemma_.lower() not in _REBUKES:
        return []
    found = [r for t in tree.objects(head) if (r := actors.of_token(t, speaker)) is not None]
    return [r for r in found if r.mention.actor.code not in own and r.mention.actor.country is not None]


# the threat scorer reads the action's own clause, not the whole sentence ("Hours after a mob attack on the
# embassy, Trump threatened Iran": the attack is not what Trump threatened)
_OTHER_CLAUSES: Final = frozenset({"conj", "cc", "parataxis"})  # the head's coordinated clauses
_FRONTED: Final = frozenset(
    {"prep", "npadvmod", "advcl", "advmod", "pcomp"}
)  # "Hours after ...,", "Earlier ..."
_ASIDES: Final = frozenset({"relcl", "appos"})  # what a noun is ("The group, which said ..."), anywhere
_CLAUSE_CLIMB: Final = frozenset({"xcomp"})  # "vowed to strike": the clause of "vowed"


def threat_clause(trigger: Token) -> str:
    """The words of the trigger's clause (the scorer's cues are looked for in them): the subtree of the
    verb governing the trigger (a noun trigger's verb, an infinitive's governing verb), without its
    coordinated clauses, the adverbials before the trigger, and relative clauses and appositions."""
    head = trigger
    while head.pos_ not in ("VERB", "AUX") and head.dep_ != "ROOT" and head.head != head:
        head = head.head
    while head.dep_ in _CLAUSE_CLIMB and head.head != head:
        head = head.head
    skipped: set[int] = set()
    for c in head.children:
        fronted = (
            c.i < trigger.i and c.dep_ in _FRONTED and (c.dep_ != "advmod" or c.n_lefts + c.n_rights > 0)
        )
        if c.dep_ in _OTHER_CLAUSES or fronted:
            skipped.update(t.i for t in c.subtree)
    for t in head.subtree:
        if t.dep_ in _ASIDES and t is not trigger and t is not head:
            skipped.update(s.i for s in t.subtree)
    return "".join(t.text_with_ws for t in head.subtree if t.i not in skipped).strip()


def as_said(
    code: str, mod: Modality, m: Match, table: dict[str, str], src: Resolved, actors: SentenceActors
) -> tuple[str, Modality]:
    """The code and modality of an act as its words say it: announced for later, said by litotes, a
    threat's own modal, a conditional or warned threat, a demand with a penalty (an ultimatum), an ultimatum
    (conditional by definition)."""
    mod = threat_by_modal(m, litotes(m, scheduled(code, mod)), src, actors)
    code, mod = conditional_threat(code, mod, m, table, src, actors)
    code, mod = warned_threat(code, mod, m, table)
    code, mod = demand_as_ultimatum(code, mod, m.trigger)  # "demanded ... or face an assault"
    if scope.conditional_code(code):  # an ultimatum is a conditional threat by definition (gold rules)
        mod = replace(mod, conditional=True)
    return code, mod
