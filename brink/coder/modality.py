"""Modality: whether a matched action is negated, conditional or hypothetical, read from the parse.

- negated: a ``neg`` dependent on the trigger or on a verb governing it ("did not threaten to attack"),
  or a negative determiner on its object ("no plans"), or a verb of denial above it; a negative subject
  ("nobody attacked", "none of the ships fired"), a failed act ("failed to capture"), one not yet done
  ("has yet to withdraw"), one done "without" ("struck without warning Egypt") or refrained from
- conditional: an ``advcl`` introduced by if/unless on the trigger or a verb governing it, or the trigger
  inside such a clause
- hypothetical: a modal of possibility (would, could, might, may, should) on the trigger or the verb
  governing it, a question (also one inside quotation marks: 'attack?"'), a "whether" clause, the
  purpose of a journey or a dispatch ("sent agents to assassinate": the aim, not the deed), an act asked
  for ("urged Iran to release"), a noun event with "any" ("any strike on Iran would ..."), or a verb,
  adjective or noun of speculation, likelihood, plan or preparation above it ("is preparing to dispatch",
  "is poised to invade", "is unlikely to strike", "exploring plans for a strike"). A "would" that only
  shifts a reported "will" into the past ("said it would send aid") is the future, not a possibility.

A noun event ("an attack", "strikes") takes the modality of the verb it is the subject of ("an attack could
be imminent") or that carries it ("could launch strikes"); any event inside claims or reports that someone
denies ("denied claims that its soldiers killed", "ruled out any link to the attack") or calls untrue
("reports that ... were false", "no truth to reports that ...") is negated.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Final

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from brink.coder import scope
from brink.coder.claim_denials import (
    REPORTING,
    ancestors,
    denied_afterwards,
    denied_by_other_clause,
    in_denied_claim,
)
from brink.coder.compact import compact
from brink.coder.conditions import CONDITION_MARKS, has_condition, inside_condition, inverted_condition
from brink.coder.consequence import caused_by_an_act
from brink.coder.readiness import not_ready
from brink.coder.scope import is_denial
from brink.coder.tree import CARRIERS

HYPOTHETICAL_MODALS: Final = frozenset({"would", "could", "might", "may", "should", "can"})
SPECULATION: Final = frozenset(
    {"consider", "mull", "weigh", "contemplate", "plan", "propose", "suggest", "discuss", "seek", "want",
     "hope", "wish", "intend", "fear", "speculate", "rumour", "rumor", "expect", "prepare", "explore",
     "ponder", "worry", "likely", "unlikely", "poised", "poise", "possible", "appear", "seem"}
)  # fmt: skip
# (not "ready", "willing", "prepared to": those state an intent, itself an event, 03 or 13)
DENIAL: Final = scope.words().denial_verbs
# persuading is asking harder: "to convince the Taliban to begin negotiations" begins none yet
PERSUADING: Final = frozenset(
    {"convince", "persuade", "pressure", "pressurise", "pressurize", "coax", "prod", "lobby"}
)
# "urged Russia to withdraw and to end its support": what is asked for is not done
APPEALS: Final = PERSUADING | frozenset(
    {"urge", "call", "ask", "appeal", "request", "press", "implore", "beg", "encourage", "invite", "demand",
     "exhort"}
)  # fmt: skip
# "is set to meet", "is due to visit", "is scheduled to hold talks": a time-table, the future
SCHEDULE: Final = frozenset({"set", "due", "schedule"})
# "nobody attacked", "none of the ships fired", "no one was detained"
NEGATIVE_SUBJECTS: Final = frozenset({"nobody", "none", "neither", "nothing"})
# "failed to capture the city": the act did not happen
FAILED: Final = frozenset({"fail", "unable"})  # "were unable to reach an agreement"
REFRAIN: Final = frozenset({"refrain", "abstain", "desist"})
CLOSING_QUOTES: Final = "\"'\u201d\u2019 )"
# "refuses to acknowledge the drone strikes", "did not confirm the attack": a noun event they take as object
# is only as true as the acknowledging is
ACKNOWLEDGING: Final = frozenset({"acknowledge", "confirm", "admit"})
# verbs of going or sending whose purpose clause is not yet done ("sent agents to assassinate")
DISPATCH: Final = frozenset(
    {"send", "dispatch", "deploy", "travel", "go", "come", "fly", "move", "head", "mobilize", "mobilise",
     "train", "recruit", "arm", "hire", "plot", "prepare", "gather", "mass", "arrive", "return"}
)  # fmt: skip
# a crowd that gathers "to protest" protests by gathering: that purpose is done, not aimed at
ASSEMBLING: Final = frozenset({"gather", "mass", "come", "march", "assemble", "converge", "rally"})
DEMONSTRATING: Final = frozenset(
    {"protest", "demonstrate", "rally", "denounce", "condemn", "demand", "mourn", "commemorate", "voice"}
)  # fmt: skip
_PAST: Final = frozenset({"VBD", "VBN", "VBG"})  # (VBG: "..., saying it would respond")
_NOMINAL: Final = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    conditional: bool = False
    hypothetical: bool = False
    future: bool = False


def _chain(trigger: Token) -> list[Token]:
    """The trigger and the verbs it is the complement of, up to (not through) a verb of saying; a noun
    event's chain goes on from the verb it is the subject of or that carries it."""
    out = [trigger]
    tok = trigger
    if tok.pos_ in _NOMINAL:
        head = tok.head
        carried = head.lemma_.lower() in CARRIERS or head.lemma_.lower() in ACKNOWLEDGING
        if tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "dobj" and carried):
            tok = head
            out.append(tok)
    while tok.dep_ in ("xcomp",) and tok.head != tok:
        tok = tok.head
        out.append(tok)
    return out


def _shared(tok: Token) -> list[Token]:
    """The verb whose auxiliaries a coordinated verb without its own shares: "will hold talks and meet
    the leaders" (meet: will), "could attack or blockade" (blockade: could)."""
    if tok.dep_ != "conj" or any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
        return []
    head = tok.head
    # "may expel diplomats, impose new sanctions": a list without a conjunction shares it too
    joined = any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in head.children) or not any(
        c.dep_ == "cc" for c in head.children
    )
    return [head] if joined and head.pos_ in ("VERB", "AUX") else []


def _asked_for(trigger: Token, governor: Token | None) -> bool:
    """Is the act what an appeal or demand asks for ("called on Russia to withdraw ... and to end its
    support")? Coordinated verbs share their first verb's governor. The appeal's own event (``governor``,
    when it took this act over as its complement) is no request of itself."""
    tok = trigger
    if tok.pos_ in _NOMINAL and tok.dep_ == "dobj":  # "urged Israel to resume talks": the talks are asked for
        tok = tok.head
    infinitive = tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    while tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and tok.head != tok:
        tok = tok.head
        # "calls on Russia to withdraw ... and to end its support": the parse may join the second "to end"
        # to the appeal itself
        if infinitive and tok.lemma_.lower() in APPEALS and (governor is None or tok.i != governor.i):
            return True
    while tok.dep_ == "xcomp" and tok.head != tok:
        tok = tok.head
        if governor is not None and tok.i == governor.i:
            return False
        if tok.lemma_.lower() in APPEALS:
            return True
    return False


# "called off a strike on Iran", "the talks were postponed": a noun event called off has not happened
CANCELLING: Final = frozenset({"cancel", "abort", "scrap", "postpone", "shelve", "scrub"})


def _called_off(trigger: Token, governor: Token | None) -> bool:
    """Is the noun event the object of a verb that calls it off ("called off a military strike", "the
    visit was postponed")? The complement pattern's own verb ("cancelled talks": 16) is the event."""
    if trigger.pos_ not in _NOMINAL or trigger.dep_ not in ("dobj", "nsubjpass"):
        return False
    verb = trigger.head
    if governor is not None and verb.i == governor.i:
        return False
    lemma = verb.lemma_.lower()
    return lemma in CANCELLING or (lemma == "call" and any(c.lower_ == "off" for c in verb.children))


def _negative_subject(tok: Token) -> bool:
    """ "nobody attacked", "no one was detained", "none of the ships fired"."""
    for s in tok.children:
        if s.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if s.lower_ in NEGATIVE_SUBJECTS:
            return True
        if s.lower_ == "one" and any(d.lower_ == "no" for d in s.children):
            return True
    return False


def _yet_to(tok: Token) -> bool:
    """ "has yet to withdraw", "is yet to sign": ``tok`` is the "have"/"be" with "yet"."""
    yet = any(c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children)
    return yet and tok.lemma_.lower() in ("have", "be")


def _without(tok: Token) -> bool:
    """ "struck the city without warning Egypt", "refrained from attacking": the act is not done."""
    if tok.dep_ != "pcomp":
        return False
    prep = tok.head
    # "refrained from attacking", "abstained from imposing sanctions": held back, not done
    return prep.lower_ == "without" or (prep.lower_ == "from" and prep.head.lemma_.lower() in REFRAIN)


def _purpose(tok: Token) -> bool:
    """The purpose of a journey or a dispatch: "sent agents to Dubai to assassinate ...", "travelled to
    Gaza to negotiate": the aim, not yet the deed (an infinitive hung on a verb of going or sending as an
    adverbial clause). On other verbs the purpose names what the act does ("met to discuss the peace
    process", "fired tear gas to disperse crowds"): that is done."""
    if tok.tag_ != "VB" or tok.head.lemma_.lower() not in DISPATCH:
        return False
    # "massed troops on the border to invade": the parse may hang the purpose as an xcomp after the object
    after_object = tok.dep_ == "xcomp" and any(c.dep_ == "dobj" and c.i < tok.i for c in tok.head.children)
    if tok.dep_ != "advcl" and not after_object:
        return False
    if tok.head.lemma_.lower() in ASSEMBLING and tok.lemma_.lower() in DEMONSTRATING:
        return False  # "thousands gathered to protest": the gathering is the protest
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def is_question(text: str) -> bool:
    """Does the sentence end with a question mark, perhaps inside its closing quotation mark?"""
    return text.rstrip().rstrip(CLOSING_QUOTES).endswith("?")


# "Why did Turkey shoot down the plane?": a why/how question in the past asks about a done act
_PRESUPPOSING: Final = frozenset({"why", "how"})
_DONE_AUX: Final = frozenset({"did", "has", "have", "had"})


def _presupposed(sent: Span) -> bool:
    """Does the question take its act as done ("Why did Turkey shoot down ...?", "How has Israel struck
    ...?")? A yes/no question ("Will China invade?", "Did Russia attack?") asserts nothing."""
    return any(a.lower_ in _PRESUPPOSING and b.lower_ in _DONE_AUX for a, b in itertools.pairwise(sent))


# what a noun event may only be: "the threat of a US strike", "the risk of war" (data/scope.yaml)
PROSPECT_NOUNS: Final = scope.words().prospect_nouns
PROSPECT_ADJECTIVES: Final = frozenset(
    {"possible", "potential", "imminent", "impending", "looming", "likely", "probable", "unlikely",
     "hypothetical", "planned", "proposed", "expected", "feared", "threatened", "future", "eventual"}
)  # fmt: skip


_PAST_AUX: Final = frozenset({"had", "has", "have", "was", "were"})


def _evidential(verb: Token, chain: list[Token]) -> bool:
    """ "Evidence suggests troops killed civilians": "suggest" with a clause in the past (indicative) reports
    what the evidence shows; with a base form or "should" ("suggested that NATO send troops") it proposes."""
    if verb.lemma_.lower() != "suggest":
        return False
    clause = next((t for t in chain if t.dep_ == "ccomp" and t.head.i == verb.i), None)
    if clause is None:
        return False
    return clause.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in _PAST_AUX for c in clause.children
    )


def _planned(trigger: Token, governor: Token | None = None) -> bool:
    """A noun event named as the object of a plan or of speculation ("plans for a military strike on
    Iran", "exploring options for an attack", "the threat of a US strike"): up through its preposition and
    noun phrases to the verb; or one only possible ("a possible strike", "an attack was imminent"). The
    complement pattern's own word ("threat" of a 13) is the event, not a prospect of it."""
    if trigger.pos_ not in _NOMINAL:
        return False
    if any(c.dep_ == "amod" and c.lower_ in PROSPECT_ADJECTIVES for c in trigger.children):
        return True
    head = trigger.head
    if trigger.dep_ == "nsubj" and any(
        c.dep_ == "acomp" and c.lower_ in PROSPECT_ADJECTIVES for c in head.children
    ):
        return True
    if scope.only_an_option(trigger):  # "a strike remains an option"
        return True
    for tok in ancestors(trigger):
        if governor is not None and tok.i == governor.i:
            return False
        if tok.lemma_.lower() in SPECULATION or (
            tok.pos_ in _NOMINAL and tok.lemma_.lower() in PROSPECT_NOUNS
        ):
            return True
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def _backshifted(tok: Token) -> bool:
    """Is ``tok`` (a verb with "would") the complement of a past verb of saying ("said it would send")?
    Then its "would" is a reported "will"."""
    head = tok.head
    if tok.lemma_.lower() == "be" and tok.pos_ == "AUX":  # "a strike would be a disaster, he said": a verdict
        return False
    return tok.dep_ == "ccomp" and head != tok and head.lemma_.lower() in REPORTING and head.tag_ in _PAST


# "not just warning X, (but) issuing a threat": the act is asserted, and outdone
_NOT_JUST: Final = frozenset({"just", "only", "merely", "simply"})


def _not_just(neg: Token) -> bool:
    i = neg.i + 1
    return i < len(neg.doc) and neg.doc[i].lower_ in _NOT_JUST


_NEG: Final = get_string_id("neg")
_DET: Final = get_string_id("det")
_NO: Final = get_string_id("no")
_NEGATED_BY_NO: Final = frozenset(get_string_id(d) for d in ("dobj", "nsubj", "nsubjpass"))


def modality_of(trigger: Token, governor: Token | None = None) -> Modality:
    """``governor``: the trigger of a complement pattern that took this event over, if any."""
    chain = _chain(trigger)
    if governor is not None and governor not in chain:
        chain += _chain(governor)
    # (the children's labels and words read from the compact parse: these walks run for every event)
    parse, doc = compact(trigger.doc), trigger.doc
    labels, lowers, kids = parse.labels, parse.lowers, parse.kids
    negated = any(labels[c] == _NEG and not _not_just(doc[c]) for t in chain for c in kids[t.i])
    negated = negated or any(
        labels[d] == _DET and lowers[d] == _NO
        for t in chain
        for o in kids[t.i]
        if labels[o] in _NEGATED_BY_NO  # "no missiles hit", "no talks were held"
        for d in kids[o]
    )
    # a noun event with "no": "had no extradition treaty", "no talks were held"
    negated = negated or (
        trigger.pos_ in _NOMINAL and any(labels[d] == _DET and lowers[d] == _NO for d in kids[trigger.i])
    )
    negated = negated or any(_negative_subject(t) or _without(t) for t in chain) or scope.ceased(chain)
    negated = negated or not_ready(chain)  # "was not ready to lift sanctions", "unwilling to release"
    negated = negated or any(scope.under_denied_clause(t, governor) for t in chain)
    top = chain[-1]
    governors = chain[1:] + ([top.head] if top.dep_ in ("xcomp", "ccomp") else [])
    # the complement pattern's own verb is the event coded ("ruled out resuming talks": 12, "proposed to
    # mediate": 03): its meaning is the event's, not a denial or a plan of it
    governors = [t for t in governors if governor is None or t.i != governor.i]
    if any(is_denial(t) for t in governors):  # "denied attacking", "refused to send"
        negated = True
    if any(t.lemma_.lower() in FAILED for t in governors):  # "failed to capture"
        negated = True
    if any(_yet_to(t) for t in chain[:-1] + governors):  # "has yet to withdraw": not done so far
        negated = True
    negated = negated or in_denied_claim(trigger) or denied_afterwards(trigger)
    negated = negated or _called_off(trigger, governor) or denied_by_other_clause(trigger)
    conditional = any(has_condition(t) for t in chain) or inside_condition(trigger)
    conditional = (
        conditional or any(inverted_condition(t) for t in chain) or bool(scope.condition_phrases(chain))
    )
    aux = {
        c.lower_
        for t in chain + [h for x in chain for h in _shared(x)]
        for c in t.children
        if c.dep_ == "aux" and not (c.lower_ in ("would", "'d") and _backshifted(t))
    }
    hypothetical = bool(aux & HYPOTHETICAL_MODALS)
    speculating = [t for t in governors if t.lemma_.lower() in SPECULATION and not _evidential(t, chain)]
    if speculating or _planned(trigger, governor) or scope.predicted(chain):
        hypothetical = True
    if any(t.lower_ == "about" and t.dep_ == "acomp" for t in governors):
        hypothetical = True  # "are about to sign a deal": not signed yet
    if _asked_for(trigger, governor):
        hypothetical = True
    if trigger.pos_ in _NOMINAL and any(d.dep_ == "det" and d.lower_ == "any" for d in trigger.children):
        hypothetical = True  # "any strike on Iran would ...": no strike in particular
    if any(c.dep_ == "mark" and c.lower_ == "whether" for t in chain for c in t.children):
        hypothetical = True  # "has not decided whether to attack"
    question = is_question(trigger.sent.text) and not _presupposed(trigger.sent)
    if question or any(_purpose(t) for t in chain):
        hypothetical = True
    future = bool(aux & {"will", "shall", "'ll"}) or any(c.lower_ == "going" for c in chain)
    # "is set to meet", "were set to begin drills": a schedule not yet carried out is hypothetical for every
    # root (tests/gold/README.md), not only a future
    scheduled = any(t.lemma_.lower() in SCHEDULE for t in governors)
    return Modality(negated, conditional, hypothetical or scheduled, future or scheduled)


_THREAT_CONDITIONS: Final = frozenset({"if", "unless", "any", "otherwise", "whenever", "should"})


def threat_is_conditional(trigger: Token) -> bool:
    """A threat whose content is conditional: "would face a response if ...", "any use ... would be met
    with", "surrender or face an assault", "in case of any attack" (words in the threat's own clause)."""
    words = [t.lower_ for t in trigger.subtree]
    if (
        any(w in _THREAT_CONDITIONS for w in words)
        or scope.trailing_conditions(trigger, CONDITION_MARKS)
        or scope.dissuaded(trigger)
        or caused_by_an_act(trigger)  # "an attack on US interests would trigger an overwhelming response"
    ):
        return True
    return any(a == "or" and b in ("face", "else", "risk") for a, b in itertools.pairwise(words))


def condition_clauses(trigger: Token) -> list[Token]:
    """The if/unless clauses (and inverted "should X ..." ones) on the trigger or the verbs governing it:
    "vowed retaliation if Tehran attacks" -> [attacks]. A threat's target is often the one who must not
    act."""
    out: list[Token] = []
    for t in _chain(trigger):
        for c in t.children:
            if (
                c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
            ) or (c.dep_ in ("advcl", "ccomp") and inverted_condition(t) and c.left_edge.dep_ == "aux"):
                out.append(c)
    # "in case of any provocation": its noun
    return (
        out + scope.trailing_conditions(trigger, CONDITION_MARKS) + scope.condition_phrases(_chain(trigger))
    )


def sentence_modality(doc: Doc) -> Modality:
    """The modality of a whole sentence, for an event without a trigger word (the classifier's): any
    negation, if/unless clause, modal of possibility, denial or question in it counts."""
    negated = conditional = hypothetical = False
    for t in doc:
        denial = t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in DENIAL  # (not "a border dispute")
        if t.dep_ == "neg" or denial or (t.dep_ == "det" and t.lower_ == "no"):
            negated = True
        elif t.dep_ == "mark" and t.lower_ in CONDITION_MARKS:
            conditional = True
        elif t.dep_ == "aux" and t.lower_ in HYPOTHETICAL_MODALS:
            hypothetical = True
    return Modality(negated, conditional, hypothetical or is_question(doc.text))
