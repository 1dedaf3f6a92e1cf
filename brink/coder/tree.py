"""Reading a dependency parse (spaCy labels, ClearNLP style): who is the subject, object, prepositional
object or clause of a word. Shared by the match and roles stages; no state."""

from __future__ import annotations

from typing import Final

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from brink.coder.compact import CompactParse, compact
from brink.coder.decrees import DECREES

# the parts of speech of a clause's verb and of a noun event
VERB_POS: Final = ("VERB", "AUX")
NOUN_POS: Final = ("NOUN", "PROPN")
CLAUSE_DEPS: Final = frozenset({"xcomp", "ccomp", "oprd", "acomp"})
SUBJECT_DEPS: Final = frozenset({"nsubj", "csubj"})
RELATIVE_PRONOUNS: Final = frozenset({"who", "that", "which", "whom"})
# nouns made events by a verb that only carries them: "carried out strikes", "issued a threat"
LIGHT_VERBS: Final = frozenset(
    {"carry", "launch", "conduct", "stage", "issue", "make", "mount", "hold", "deliver", "give", "unleash",
     "step", "announce", "begin", "start", "resume", "renew", "continue", "wage", "intensify", "escalate",
     "reiterate", "repeat", "expand", "press", "pursue",
     "commence"}  # WordNet's synonym of begin and start (begin.v.03, start.v.06)
)  # fmt: skip
# "rounds of talks", "a wave of strikes", "the first phase of an agreement": a noun that only counts or
# divides the event noun after its "of"
COUNTING: Final = frozenset(
    {"round", "series", "wave", "spate", "string", "number", "day", "week", "month", "year", "barrage",
     "volley", "salvo", "flurry", "set", "kind", "type", "form", "phase", "stage", "tranche", "batch"}
)  # fmt: skip
# "launched a commission of inquiry", "sent a team of monitors": the body does its event for whoever formed it
BODIES: Final = frozenset({"commission", "committee", "panel", "team", "mission", "board", "body"})
_COUNTING_OR_BODIES: Final = COUNTING | BODIES  # (built once: subjects() is a hot path)
# "took the step of expelling", "made the decision of sending": the gerund is the taker's act
_DECISIONS: Final = frozenset({"step", "decision", "move", "measure", "action"})
# "harassing Taiwan with incursions": the verb's doer does the event its instrument names
_INSTRUMENT_PREPS: Final = frozenset({"with", "through", "via"})


# "agreed on a deal", "opened fire", "resorted to firing", "engaged in talks" ("ordered air strikes" is
# not one: an order may be called off)
# "vowed Iran to ...": no; "used tear gas to disperse": the user disperses, not the gas
_SUBJECT_CONTROL: Final = frozenset({"promise", "vow", "use", "employ"})
# "concluded a round of talks", "completed their exercises": a verb that finishes an event reports it done;
# "had talks with", "had a phone call", "will pay an official visit to": the subject of
# these verbs does the event noun they carry
CARRIERS: Final = LIGHT_VERBS | {
    "put", "place", "go", "agree", "open", "resort", "engage", "conclude", "complete", "finish", "have",
    "pay", "wrap",  # "wrapped up his visit": wrap_up is WordNet's finish (get_through.v.01)
}  # fmt: skip


# the verbs whose subject does the event noun they take: carriers, and decrees ("ordered the expulsion of")
_CARRIES_DOER: Final = CARRIERS | DECREES


def span_root(doc: Doc, start: int, end: int) -> Token | None:
    """The head token of the words at characters ``start``..``end`` of ``doc`` (widened to whole tokens), or
    None where they cover no token: how a dictionary mention (character offsets) meets the parse."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def carrying_participle(noun: Token) -> Token | None:
    """The participle of a light verb that carries ``noun`` from behind ("an airstrike carried out by the
    military", "strikes launched by Israel", "the sorties conducted by NATO"): a past participle modifying
    the noun (acl), of a verb of CARRIERS."""
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in CARRIERS:
            return c
    return None


# verbs whose participle tells a lasting state, not an act ("hostages held by Hamas", "towns controlled by
# rebels", "the mine owned by the state")
_STATIVE_PARTICIPLES: Final = frozenset({"hold", "keep", "control", "occupy", "own", "run", "possess"})


def reduced_passive(tok: Token) -> bool:
    """A past participle modifying a noun with its own "by" doer ("drones launched at Kyiv by Russia",
    "strikes conducted by US forces"): a participle clause with an actor, which the gold rules code like
    a passive clause (tests/gold/README.md, "Clauses, not noun phrases")."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ in ("VBN", "VBD")  # (the small model tags some such participles VBD: the agent tells)
        and tok.head.pos_ in NOUN_POS
        and tok.lemma_.lower() not in _STATIVE_PARTICIPLES
        # ("demanded the release of a tanker seized by Iran": the "of" noun of another act only says what
        # that act is about; its participle names the seizure as background, it does not tell it)
        and not (tok.head.dep_ == "pobj" and tok.head.head.lower_ == "of")
        and any(c.dep_ == "agent" and c.lower_ == "by" and children(c, ("pobj",)) for c in tok.children)
    )


def leader(tok: Token) -> Token | None:
    """The name in an "X-led" modifier of ``tok`` ("the NATO-led mission", "US-led forces"): who leads it."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and c.lemma_.lower() == "lead" and c.tag_ == "VBN":
            for x in c.children:
                if x.dep_ in ("npadvmod", "compound", "nmod", "amod") and x.i < c.i:
                    return x
    return None


def is_passive(tok: Token) -> bool:
    index, ids = _child_ids(tok)
    labels = index.labels
    return any(labels[j] in _PASSIVE_LABELS for j in ids) or _shares_passive(tok)


_PASSIVE_LABELS: Final = frozenset(get_string_id(d) for d in ("nsubjpass", "auxpass"))


def _shares_passive(tok: Token) -> bool:
    """ "were arrested and deported": a bare participle conjoined to a passive verb shares its voice and
    its subject (it has no subject or auxiliary of its own)."""
    if tok.dep_ != "conj" or tok.tag_ != "VBN" or tok.head.tag_ != "VBN":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in tok.children):
        return False
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children)


def _passive_subjects(tok: Token) -> list[Token]:
    own = children(tok, ("nsubjpass",))
    return own if own or not _shares_passive(tok) else children(tok.head, ("nsubjpass",))


def _agents(tok: Token) -> list[Token]:
    own = [p for a in children(tok, ("agent",)) for p in children(a, ("pobj",))]
    if own:
        return own
    return _agents(tok.head) if _shares_passive(tok) else _stray_agents(tok)


# the prepositional phrases a passive's misplaced "by" doer may hang in: places, times, charges; not reasons
# ("killed in retaliation for attacks by Israel": Israel did the attacks, not the killing) nor "with" ("was
# met with opposition by China": the opposition's)
_AGENT_PATH: Final = frozenset({"of", "in", "on", "at", "during", "near", "inside", "across"})


def _stray_agents(verb: Token) -> list[Token]:
    """ "accused of spying in Libya by a militia group", "killed on Tuesday in an ambush by the Taliban": the
    parser hangs a passive's "by" doer on a noun or gerund of a phrase after the verb; the
    nearest such "by" (with a noun, not "by shelling"), reached through prepositional phrases only, is it."""
    queue = [c for c in verb.children if c.dep_ in ("prep", "agent") and c.i > verb.i]
    while queue:
        p = queue.pop(0)
        if p.lower_ == "by":
            doers = [o for o in children(p, ("pobj",)) if o.pos_ in ("NOUN", "PROPN")]
            if doers:
                return doers
            continue
        if p.lower_ not in _AGENT_PATH:
            continue
        queue += children(p, ("prep",))
        for o in children(p, ("pobj", "pcomp")):
            if o.pos_ in ("NOUN", "PROPN") or o.tag_ == "VBG":
                queue += children(o, ("prep",))
    return []


def children(tok: Token, deps: frozenset[str] | tuple[str, ...]) -> list[Token]:
    # (the labels compared as string-store hashes: reading ``dep_`` looks each child's label up as a string,
    # and this is the coder's most called tree walk)
    hashes = _LABEL_HASHES.get(deps)
    if hashes is None:
        hashes = _LABEL_HASHES[deps] = frozenset(get_string_id(d) for d in deps)
    index, ids = _child_ids(tok)
    labels = index.labels
    doc = tok.doc
    return [doc[j] for j in ids if labels[j] in hashes]


def _child_ids(tok: Token) -> tuple[CompactParse, tuple[int, ...]]:
    """The doc's compact parse and the indices of ``tok``'s children, in order (as ``tok.children`` gives
    them): the walks ask for the same word's children again and again, and spaCy builds a Token for every
    child at every asking."""
    parse = compact(tok.doc)
    return parse, parse.kids[tok.i]


# dependency label sets (as the callers spell them: a few dozen constants) -> their string-store hashes
_LABEL_HASHES: dict[frozenset[str] | tuple[str, ...], frozenset[int]] = {}


def with_conjuncts(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        out.append(t)
        out.extend(c for c in t.conjuncts if c.i > t.i)
    return out


def plural_of_parties(tok: Token) -> list[Token]:
    """ "the representatives of the United States and the Taliban", "the governments of Australia, Britain and
    Canada": a plural noun whose "of" names two or more parties stands for each of them (a singular one,
    "the president of Greece and Cyprus", is one person; no list: [])."""
    if tok.tag_ not in ("NNS", "NNPS"):
        return []
    named = with_conjuncts(prep_objects(tok, "of", through_object=False))
    # "representatives from the U.S. and Iran", "officials from India and Pakistan": envoys "from" two
    # parties are each party's (not "refugees from Syria and Iraq": people who left them)
    if len(named) < 2 and tok.lemma_.lower() in _ENVOYS:
        named = with_conjuncts(prep_objects(tok, "from", through_object=False))
    return named if len(named) > 1 else []


# the people who act for the party named after "from"
_ENVOYS: Final = frozenset(
    {"representative", "official", "delegate", "delegation", "diplomat", "envoy", "negotiator", "minister",
     "leader", "officer", "commander", "lawmaker", "legislator", "parliamentarian", "team"}
)  # fmt: skip


def _relative_head(tok: Token) -> Token:
    """'forces that attacked': the relative pronoun stands for the noun the clause modifies; so does a
    quantifier over it ("the governments of A, B and C, all of whom have expelled ...")."""
    if tok.head.dep_ == "relcl" and (tok.lower_ in RELATIVE_PRONOUNS or _quantified_relative(tok)):
        antecedent = tok.head.head
        # "attacks on bases that house U.S. troops, including one on December 27 that killed a contractor":
        # a relative clause the parse hangs on a noun past an "including" phrase of that noun is about what
        # the phrase names (the one attack), not the noun (the troops did not kill the contractor)
        for p in children(antecedent, ("prep",)):
            if p.lower_ in _EXAMPLE_PREPS and p.i < tok.i:
                return next(iter(children(p, ("pobj",))), antecedent)
        return antecedent
    return tok


# prepositions that single out members of the noun they hang on ("attacks, including one on Friday")
_EXAMPLE_PREPS: Final = frozenset({"including", "like", "notably", "especially"})


# quantifiers that take a relative pronoun through "of": "all of whom", "both of which", "each of whom"
_QUANTIFIERS: Final = frozenset({"all", "both", "each", "some", "most", "many", "several"})


def _quantified_relative(tok: Token) -> bool:
    ofs = [p for p in children(tok, ("prep",)) if p.lower_ == "of"]
    return tok.lower_ in _QUANTIFIERS and any(o.lower_ in RELATIVE_PRONOUNS for p in ofs for o in p.children)


def subjects(tok: Token) -> list[Token]:
    """The doer(s) of ``tok``: its subject, a passive's "by" agent, inherited down xcomp/conj chains;
    for a noun event, its possessor/compound ("Iran's threats", "US strikes"), its "by" phrase, or the
    subject of the light verb that carries it ("carried out strikes")."""
    if tok.pos_ in ("NOUN", "PROPN"):
        own = children(tok, ("poss",)) + [
            c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"
        ]
        carried = tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_ in _CARRIES_DOER
        # "China and India launched their exercise": a possessive pronoun only repeats the carrier's subject
        if own and not (carried and all(c.pos_ == "PRON" for c in own) and subjects(tok.head)):
            return own
        by = prep_objects(tok, "by", through_object=False)
        if by:
            return by
        if carried:
            return subjects(tok.head)
        participle = carrying_participle(tok)
        if participle is not None:  # "an airstrike carried out by Myanmar's military"
            return with_conjuncts(_agents(participle))
        # "put its forces on high alert": the verb that carries the noun through a preposition
        if tok.dep_ == "pobj" and tok.head.head.lemma_ in CARRIERS:
            return subjects(tok.head.head)
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in _COUNTING_OR_BODIES:
            return subjects(tok.head.head)  # "held two rounds of talks", "set up a commission of inquiry"
        if tok.dep_ == "pobj" and tok.head.lower_ in _INSTRUMENT_PREPS and tok.head.head.pos_ == "VERB":
            return subjects(tok.head.head)
        return []
    if is_passive(tok):
        return with_conjuncts(_agents(tok))
    own = children(tok, SUBJECT_DEPS)
    if len(own) > 1:
        # a clause has one subject: two unconjoined ones are a misparse, most often a dateline read as one
        # ("TEGUCIGALPA, Honduras — The United States is resuming ..."); the one nearest the verb is it
        own = [min(own, key=lambda t: abs(tok.i - t.i))]
    if own:
        return with_conjuncts([_relative_head(t) for t in own])
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.dep_ == "xcomp":
        # "urged the US to release them, warning of ...": a participle after a comma, hung by the parser on
        # the infinitive, is said by the subject of the clause the infinitive completes
        t = tok.head
        while t.dep_ == "xcomp" and t.head.i != t.i:
            t = t.head
        return subjects(t)
    if tok.dep_ == "xcomp" and tok.head.dep_ == "acomp":  # "was ready to offer": the subject of "was"
        return subjects(tok.head.head)
    if tok.dep_ == "xcomp":  # object control: "urged Iraq to protect" -> Iraq; else the head's subject
        # a passive head's subject does the clause: "Obama is expected to meet", "Iran was urged to stop"
        raised = children(tok.head, ("nsubjpass",))
        if raised and not children(tok.head, ("agent",)):
            return with_conjuncts([_relative_head(t) for t in raised])
        controllers = children(tok.head, ("dobj",))
        if controllers and tok.head.lemma_ not in _SUBJECT_CONTROL:
            return with_conjuncts(controllers)
        return subjects(tok.head)
    if tok.dep_ == "conj" and _infinitive(tok.head) and _finite(tok):
        # "called for Hamas to halt its attacks and has spoken to Olmert": a finite verb hung on an
        # infinitive is the coordinate of the clause above it
        t = tok.head
        while t.dep_ != "ROOT" and t.head.i != t.i and not _finite(t):
            t = t.head
        return subjects(t) if _finite(t) else []
    if tok.dep_ in ("conj", "advcl") and tok.head.pos_ in ("VERB", "AUX"):
        return subjects(tok.head)
    if tok.dep_ == "relcl":
        return [tok.head]
    # "strikes carried out by US forces" (and the participle the small model tags VBD)
    if (tok.dep_ == "acl" and tok.tag_ == "VBN") or reduced_passive(tok):
        return prep_objects(tok, "by", through_object=False)
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and _perceived(tok.head):
        return [tok.head]  # "detected aircraft crossing the line", "video showed troops firing on"
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and _sent_message(tok.head):
        return subjects(
            tok.head.head
        )  # "issued a statement condemning", "sent a reply vowing to": the sender
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ == "NOUN" and tok.head.lemma_ in _CROWDS:
        return [tok.head]  # "arrested 400 people protesting against the regime": the people protest
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG":  # a gerund after a preposition: its doer is the clause's
        governor = tok.head.head
        if governor.pos_ in ("VERB", "AUX"):  # "prevented Iran from attacking", "accused Iraq of spying"
            controllers = children(governor, ("dobj",))
            return with_conjuncts(controllers) if controllers else subjects(governor)
        if governor.dep_ == "dobj" and governor.lemma_ in _DECISIONS:
            return subjects(governor.head)  # "took the step of expelling"
    return []


# nouns of people in a crowd: a participle on one says what they do ("people protesting", "students marching")
_CROWDS: Final = frozenset(
    {"people", "person", "protester", "protestor", "demonstrator", "student", "resident", "worker",
     "supporter", "activist", "crowd", "villager", "farmer", "citizen", "youth", "woman", "man"}
)  # fmt: skip


# verbs of perception whose object is seen doing the act its participle names
_PERCEPTION: Final = frozenset(
    {"detect", "spot", "see", "observe", "track", "witness", "monitor", "film", "show", "record", "catch",
     "photograph", "capture", "sight"}
)  # fmt: skip


# what a speaker issues or sends: a participle on one says what its sender does
_MESSAGES: Final = frozenset(
    {"statement", "reply", "response", "letter", "message", "note", "communique", "communiqué", "declaration",
     "memo", "memorandum", "cable", "telegram"}
)  # fmt: skip


def _sent_message(noun: Token) -> bool:
    return noun.dep_ == "dobj" and noun.lemma_.lower() in _MESSAGES and noun.head.pos_ == "VERB"


def _perceived(noun: Token) -> bool:
    return noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "dobj" and noun.head.lemma_ in _PERCEPTION


_FINITE_TAGS: Final = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _finite(tok: Token) -> bool:
    """Does ``tok`` head a tensed clause ("has spoken", "spoke", "will speak")?"""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    return tok.tag_ in _FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE_TAGS for c in tok.children
    )


def _infinitive(tok: Token) -> bool:
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def objects(tok: Token) -> list[Token]:
    """Direct object(s); a passive's subject."""
    if tok.pos_ in ("NOUN", "PROPN"):
        return []
    if is_passive(tok):
        return with_conjuncts(_passive_subjects(tok))
    # "forces shelled Azerbaijan": the small model sometimes reads a bare proper-noun object as npadvmod
    own = [c for c in tok.children if c.dep_ == "dobj" or (c.dep_ == "npadvmod" and c.pos_ == "PROPN")]
    if own and all(_time_given(o) for o in own):  # "gave the diplomats 72 hours to leave": the diplomats
        own = children(tok, ("dative",)) or own
    return with_conjuncts(own)


# "gave the diplomats 72 hours to leave", "gave Kyiv a week to respond": a span of time given is a deadline;
# the one given it is the object, and what it is given for ("to leave") the clause
_TIME_SPANS: Final = frozenset({"minute", "hour", "day", "week", "month"})


def _time_given(tok: Token) -> bool:
    return tok.lemma_.lower() in _TIME_SPANS and any(c.dep_ in ("relcl", "acl") for c in tok.children)


def datives(tok: Token) -> list[Token]:
    return with_conjuncts(children(tok, ("dative",)))


def prep_objects(tok: Token, word: str, through_object: bool = True) -> list[Token]:
    """Objects of preposition ``word`` attached to ``tok`` (or, ``through_object``, to its object:
    "broke off relations with Congo" may hang "with" on either)."""
    heads = [tok]
    objs: list[Token] = []
    if through_object:
        objs = objects(tok) if tok.pos_ not in ("NOUN", "PROPN") else []
        # "sent a team of paratroopers to Lebanon", "signed a series of deals with China": the parser hangs
        # the verb's preposition on the noun after the object's "of"; "lifted sanctions imposed on China":
        # on the past participle that modifies the object
        heads += objs + [o for x in objs for o in prep_objects(x, "of", False)]
        heads += [a for x in objs for a in children(x, ("acl",)) if a.tag_ == "VBN"]
    out: list[Token] = []
    said = get_string_id(word)  # (ids compared, not strings: see ``children``)
    for h in heads:
        index, ids = _child_ids(h)
        for j in ids:
            if index.lowers[j] == said and index.labels[j] in _PREPOSITION_LABELS:
                p = h.doc[j]
                out.extend(with_conjuncts(children(p, ("pobj",)) or _clause_subjects(p)))
    # ("issued an ultimatum for Kyiv's troops to withdraw": the "for" clause may hang on the object)
    return out + with_conjuncts([s for h in (tok, *objs) for s in marked_subjects(h, word)])


_PREPOSITION_LABELS: Final = frozenset(get_string_id(d) for d in ("prep", "dative", "agent"))


def preposition_nouns(tok: Token, words: frozenset[str] | tuple[str, ...]) -> list[Token]:
    """The nouns a pattern's named prepositions on ``tok`` point at. A two-word preposition ("pulled out of
    the deal", "walked away from the talks") is parsed as a preposition governing another: its noun is the
    inner one's object ("away" is parsed as an adverb, so it counts only with a preposition of its own)."""
    out: list[Token] = []
    for p in tok.children:
        if p.dep_ in ("prep", "prt", "dative", "agent", "advmod") and p.lower_ in words:
            own = children(p, ("pobj",))
            out.extend(own or [o for q in children(p, ("prep",)) for o in children(q, ("pobj",))])
    return out


def marked_subjects(tok: Token, word: str) -> list[Token]:
    """ "called for Hamas to halt its attacks": the subject of a to-clause that ``word`` introduces (the small
    model makes "for" the clause's marker, not a preposition of ``tok``)."""
    return [
        s
        for c in children(tok, ("advcl",))
        if any(m.dep_ == "mark" and m.lower_ == word for m in c.children)
        for s in children(c, ("nsubj",))
    ]


def _clause_subjects(prep: Token) -> list[Token]:
    """ "called on Russian authorities to release ...": the parser reads the preposition's object as the
    subject of an infinitive clause it governs (pcomp); that subject is what the preposition points at. So
    with a gerund: "collaborated with Mexican officers working a joint operation" -> the officers (not an
    absolute phrase set off by a comma: ", with the minister asserting that ..." names no party)."""
    absolute = prep.i > 0 and prep.doc[prep.i - 1].is_punct
    return [
        s
        for c in children(prep, ("pcomp",))
        if _infinitive(c) or (c.tag_ == "VBG" and not absolute)
        for s in children(c, ("nsubj",))
        if s.pos_ in ("NOUN", "PROPN")
    ]


def clauses(tok: Token) -> list[Token]:
    """The open and clausal complements ``tok`` governs ("threatened to attack", "warned that ...")."""
    out = children(tok, CLAUSE_DEPS)
    out += [c for o in children(tok, ("dobj",)) if _time_given(o) for c in children(o, ("relcl", "acl"))]
    for c in list(out):
        out.extend(x for x in c.conjuncts if x.i > c.i)
    return out


# verbs that name a thing in a free relative clause: "what it called a violation", "what they described as
# a vessel", "what they said were two ships"
_NAMING: Final = frozenset(
    {"call", "describe", "term", "label", "dub", "brand", "say", "claim", "believe", "consider", "allege"}
)  # fmt: skip


def named_by_what(tok: Token) -> list[Token]:
    """The noun(s) a free relative "what X called/described as/said were Y" names: ``tok`` is its naming
    verb, hung on the main verb as its object clause ("attacked what they said were ships": ccomp) or on a
    preposition ("an attack on what they described as a vessel": pcomp). [] if ``tok`` is not one."""
    if tok.lemma_.lower() not in _NAMING or tok.dep_ not in ("ccomp", "pcomp"):
        return []
    if not any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in tok.children):
        return []
    named = children(tok, ("oprd",))  # "called it a violation"
    named += [o for p in children(tok, ("prep",)) if p.lower_ == "as" for o in children(p, ("pobj",))]
    for c in children(tok, ("ccomp", "xcomp")):  # "said were two ships", "believed to be": the copula's
        named += children(c, ("attr",)) if c.lemma_ == "be" else []
    return with_conjuncts([n for n in named if n.pos_ in ("NOUN", "PROPN")])


# "will have to face sanctions", "would need to respond": the modal of the verb whose "to" clause it is
_OBLIGED: Final = frozenset({"have", "need"})


def modals(tok: Token) -> set[str]:
    """The auxiliaries (lowercased) on ``tok``, or on the "have"/"need" whose to-infinitive it is."""
    out = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _OBLIGED:
        out |= {c.lower_ for c in tok.head.children if c.dep_ == "aux"}
    return out
