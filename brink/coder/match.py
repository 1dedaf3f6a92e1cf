"""Match: the dependency patterns (brink/coder/patterns/*.yaml) over one parsed sentence.

Each word whose lemma is a pattern's trigger is checked against the pattern's constraints (part of speech,
particle, object, governed clause); the most specific pattern that fits a word wins. Patterns with a
``complement`` ("threatened to attack") run second: they take the event another pattern found in the
clause they govern, and map its code ("19" -> "138"); that inner event is then absorbed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from brink.coder import tree
from brink.coder.asked import asked_clauses, asked_things
from brink.coder.decrees import counted, decreed, overruled
from brink.coder.modality import PERSUADING, inside_condition
from brink.coder.pattern_files import Compiled, PatternSet
from brink.coder.sums import currency_words
from brink.coder.toll import massacre_by_raid, victims_many


@dataclass(slots=True)
class Match:
    pattern: Compiled
    trigger: Token
    code: str
    inner: Match | None = None  # the complement's event a complement pattern took over
    # the other patterns that fit the same word, most specific first: tried in turn when this one's
    # roles are not found (a pattern that needs a target and has none)
    alternatives: list[Match] = field(default_factory=list)

    @property
    def noun(self) -> bool:
        return self.pattern.spec.pos == "noun"

    @property
    def decided_by(self) -> str:
        return (
            self.pattern.spec.id if self.inner is None else f"{self.pattern.spec.id}+{self.inner.decided_by}"
        )


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _specificity(c: Compiled) -> int:
    """How much a pattern asks of the parse: a constraint on the words (particle, object, clause,
    preposition, modal) counts more than needing a target; taking over a complement most."""
    s = c.spec
    words = bool(c.particle) + bool(c.object) + bool(c.clause) + bool(c.preposition) + bool(c.modal)
    return 4 * bool(s.complement) + 2 * (words + s.only_negated) + s.needs_target


class _Reading:
    """What the patterns of one trigger word read of its tree (its object words, subjects' lemmas, clause
    lemmas), walked once for all of them: a trigger word has several patterns, each of which asked again."""

    __slots__ = ("_clauses", "_objects", "_subject_words", "_subjects", "tok")

    def __init__(self, tok: Token) -> None:
        self.tok = tok
        self._objects: dict[tuple[bool, frozenset[str]], set[str]] = {}
        self._subjects: set[str] | None = None
        self._subject_words: set[str] | None = None
        self._clauses: list[Token] | None = None

    def object_words(self, noun: bool, prepositions: frozenset[str]) -> set[str]:
        key = (noun, prepositions)
        words = self._objects.get(key)
        if words is None:
            words = self._objects[key] = _object_words(self.tok, noun, prepositions)
        return words

    def subject_lemmas(self) -> set[str]:
        if self._subjects is None:
            self._subjects = {_lemma(x) for x in tree.subjects(self.tok)}
        return self._subjects

    def subject_words(self) -> set[str]:
        if self._subject_words is None:
            self._subject_words = _subject_words(self.tok)
        return self._subject_words

    def clauses(self) -> list[Token]:
        if self._clauses is None:
            self._clauses = tree.clauses(self.tok)
        return self._clauses


def _fits(c: Compiled, tok: Token, reading: _Reading | None = None) -> bool:
    """Does the pattern fit the trigger word ``tok``? (``reading``: its tree walks, shared by the word's
    patterns.)"""
    s = c.spec
    if s.pos == "verb":
        # "US strikes Iran" in a headline: a noun-tagged root with a subject reads as a verb
        if tok.pos_ not in tree.VERB_POS and not (tok.dep_ == "ROOT" and tree.children(tok, ("nsubj",))):
            return False
        if _adjective_after_to(tok):
            return False
    elif tok.pos_ not in tree.NOUN_POS:
        return False
    # the small model tags many particles advmod ("stepped down"): both count
    if c.particle and not any(
        ch.dep_ in ("prt", "advmod") and _lemma(ch) in c.particle for ch in tok.children
    ):
        return False
    if c.preposition and not _has_preposition(tok, c.preposition):
        return False
    if c.modal and not tree.modals(tok) & c.modal:
        return False
    if s.carried and not (_carried(tok) or decreed(tok, s.code)):
        return False
    if s.only_negated and not any(ch.dep_ == "neg" for ch in tok.children):
        return False
    if s.many and not victims_many(tok):
        return False
    if c.phrases and not _phrase_fits(c.phrases, tok):
        return False
    if reading is None:
        reading = _Reading(tok)
    if c.object or c.not_object:  # (the object words only when the pattern reads them: a tree walk)
        objs = reading.object_words(s.pos == "noun", c.preposition)
        if c.object and not objs & c.object:
            return False
        # "fired tear gas", "rubber bullets": a not_object word also rules out the object's modifiers
        if c.not_object and (objs | _modifiers(tok)) & c.not_object:
            return False
    if c.not_subject and reading.subject_words() & c.not_subject:
        return False
    if s.pos == "verb" and _resultative(tok):
        return False
    if c.subject and not reading.subject_lemmas() & c.subject:
        return False
    if s.clause_infinitive and not any(_infinitive(x) for x in reading.clauses()):
        return False
    return not (c.clause and not any(_lemma(x) in c.clause for x in reading.clauses()))


def _has_preposition(tok: Token, words: frozenset[str]) -> bool:
    # ("called for Hamas to halt": the small model makes "for" the marker of a clause, not a preposition)
    return (
        any(ch.dep_ in ("prep", "prt", "dative") and ch.lower_ in words for ch in tok.children)
        or bool(tree.preposition_nouns(tok, tuple(words)))
        or any(tree.marked_subjects(tok, w) for w in words)
    )


def _infinitive(clause: Token) -> bool:
    return any(a.dep_ == "aux" and a.tag_ == "TO" for a in clause.children)


def _phrase_fits(phrases: tuple[tuple[str, ...], ...], tok: Token) -> bool:
    """A trigger that is only the first word of a class's phrase needs the rest among its particles,
    objects or prepositions ("kicked out two diplomats", "called off the talks", "put behind bars")."""
    heads = [ph for ph in phrases if ph[0] == _lemma(tok)]
    if not heads:
        return True  # a single-word member
    kids = [ch for ch in tok.children if ch.dep_ in _PHRASE_DEPS]
    near = {_lemma(k) for k in kids} | {k.lower_ for k in kids}  # "join forces": the word as written
    # a preposition only with its object ("put behind bars"): a bare "on" may be "called ... on Friday"
    preps = {
        (ch.lower_, w)
        for ch in tok.children
        if ch.dep_ == "prep"
        for g in ch.children
        if g.dep_ == "pobj"
        for w in (_lemma(g), g.lower_)
    }
    return any(set(ph[1:]) <= near or (len(ph) == 3 and (ph[1], ph[2]) in preps) for ph in heads)


# nouns that only hold what their compound names ("aid package", "weapons shipment", "food convoy")
_CONTAINERS = frozenset(
    {"package", "shipment", "consignment", "convoy", "delivery", "batch", "tranche", "cargo", "airlift"}
)

_HOLDERS = _CONTAINERS | tree.BODIES

# nouns that carry words sent to someone: their compound or adjective names what is said
_MESSAGES = frozenset({"message", "letter", "cable", "telegram", "note"})

# the dependents that complete a phrasal trigger: particle (the small model often says advmod), object
_PHRASE_DEPS = frozenset({"prt", "advmod", "dobj", "acomp"})


def _carried(tok: Token) -> bool:
    """Is the noun the object of a verb that only carries it ("carried out a massacre"), directly or
    through a preposition ("engaged in a crackdown"), or by a participle behind it ("an airstrike carried out
    by")? (tree.subjects reads the doer there too.)"""
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in tree.CARRIERS:
        return True
    if tree.carrying_participle(tok) is not None:  # "an airstrike carried out by the military"
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and _lemma(tok.head.head) in _COUNTING_OF:
        return _carried(tok.head.head)  # "launched a spate of airstrikes"
    return tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in tree.CARRIERS


def _object_words(tok: Token, noun: bool, prepositions: Iterable[str] = ()) -> set[str]:
    """The words a pattern's ``object`` is checked against. A verb: its objects, the noun after a quantity
    ("killed dozens of people", "fired volleys of tear gas") and an object's apposition ("expelled Jane
    Doe, the embassy's charge d'affaires"). A noun event also: its modifiers ("a missile test", "nuclear
    tests") and its object with "of" ("the release of prisoners"). A pattern that names a preposition
    reads its object there too ("agreed to a ceasefire")."""
    objs = tree.objects(tok)
    out = {_lemma(o) for o in objs}
    # "drones launched at its territory by Russia": what a participle clause with its doer acts on is the
    # noun it modifies (read for the object words only: that noun is no target of the act)
    if tree.reduced_passive(tok):
        out.add(_lemma(tok.head))
    out |= {_lemma(p) for o in objs for p in tree.prep_objects(o, "of", through_object=False)}
    out |= {_lemma(a) for o in objs for a in o.children if a.dep_ == "appos"}
    out |= {w for o in objs for w in currency_words(o)}  # "offered Japan $50,000 in aid"
    # "sent an aid package", "delivered an arms shipment": a container's compound names what it holds; a
    # body's, what it does ("formed an inquiry committee", "sent a peacekeeping mission")
    out |= {_lemma(c) for o in objs if _lemma(o) in _HOLDERS for c in o.children if c.dep_ == "compound"}
    # "sent a congratulations message", "delivered a protest note": a message's modifier says what it says
    said = ("compound", "amod")
    out |= {_lemma(c) for o in objs if _lemma(o) in _MESSAGES for c in o.children if c.dep_ in said}
    if noun:
        out |= {_lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        out |= {_lemma(p) for p in tree.prep_objects(tok, "of", through_object=False)}
        out |= {_lemma(p) for p in counted(tok)}  # "the expulsion of dozens of diplomats"
    out |= {_lemma(p) for w in prepositions for p in tree.prep_objects(tok, w, through_object=False)}
    out |= {_lemma(p) for p in tree.preposition_nouns(tok, tuple(prepositions))}
    return out


def _adjective_after_to(tok: Token) -> bool:
    """ "access to besieged towns", "returned to occupied East Jerusalem": the small model reads "to" as an
    infinitive's marker, but an infinitive is never a bare past participle (no have/be with it)."""
    if tok.tag_ != "VBN":
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return bool(auxes) and all(a.lower_ == "to" for a in auxes)


def _subject_words(tok: Token) -> set[str]:
    """The subjects' lemmas and their compounds: "hit by Hurricane Katrina" names its doer in the compound."""
    subjects = tree.subjects(tok)
    return {_lemma(x) for x in subjects} | {
        _lemma(c) for x in subjects for c in x.children if c.dep_ == "compound"
    }


# "sending government troops fleeing", "left soldiers scrambling", "sent prices soaring": a causative
# verb whose object carries a bare participle says what became of the object, not that it was sent
_RESULTATIVES: Final = frozenset({"send", "leave", "set"})


def _resultative(tok: Token) -> bool:
    if _lemma(tok) not in _RESULTATIVES:
        return False
    objects = tree.objects(tok)
    # the small model hangs the participle on the object (acl) or on the verb itself (xcomp, oprd)
    around = [m for o in objects for m in o.children] + ([*tok.children] if objects else [])
    return any(
        m.dep_ in ("acl", "oprd", "xcomp", "ccomp") and m.tag_ == "VBG" and not tree.objects(m)
        for m in around
    )


def _modifiers(tok: Token) -> set[str]:
    return {_lemma(m) for o in tree.objects(tok) for m in o.children if m.dep_ in ("compound", "amod")}


def _mapped(mapping: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        hit = mapping.get(code[:n])
        if hit is not None:
            return hit
    return None


def match_sentence(doc: Doc, patterns: PatternSet) -> list[Match]:
    """The events the patterns find in ``doc`` (one sentence), in word order."""
    plain: dict[int, Match] = {}
    governing: list[tuple[Token, list[Compiled]]] = []
    directives: list[Token] = []  # appeal and demand words: what they ask for is not asserted
    # the lemmas as string-store hashes in one array: building a Token per word costs more than the rest
    lemmas = doc.to_array(LEMMA).tolist()
    triggers = patterns.trigger_hashes(doc.vocab.strings)
    for i, h in enumerate(lemmas):
        if h not in triggers:
            continue
        tok = doc[i]
        options = patterns.by_trigger.get(_lemma(tok))
        if not options:
            continue
        reading = _Reading(tok)
        fitting = [c for c in options if _fits(c, tok, reading)]
        # ("Obama is expected to meet Li": a passive "expected" predicts; it asks nothing of anyone)
        if any(c.spec.code[:2] in _DIRECTIVE_ROOTS for c in fitting) and not (
            tree.is_passive(tok) and _lemma(tok) not in _DIRECTIVE_VERBS
        ):
            directives.append(tok)
        simple = sorted((c for c in fitting if not c.spec.complement), key=_specificity, reverse=True)
        if simple:
            plain[tok.i] = Match(simple[0], tok, simple[0].spec.code)
            plain[tok.i].alternatives = [Match(c, tok, c.spec.code) for c in simple[1:]]
        complement = [c for c in fitting if c.spec.complement]
        if complement:
            governing.append((tok, complement))
    # "ordered the expulsion of": the decreed act, not a demand
    for i in overruled(plain):
        del plain[i]
        directives = [d for d in directives if d.i != i]
    absorbed: set[int] = set()
    for tok, options in governing:
        for clause in _inner_events(tok):
            inner = plain.get(clause.i)
            if inner is None or clause.i in absorbed:
                continue
            taken = _take(options, tok, inner)
            if taken is not None:
                mine = plain.get(tok.i)
                if mine is not None:  # the word's own plain patterns stay as fallbacks
                    taken.alternatives = [mine, *mine.alternatives]
                plain[tok.i] = taken
                absorbed.add(clause.i)
                # "vowed to attack and destroy", "accused Pakistan of training and arming militants": the
                # verbs joined to the taken clause (no subject of their own, the same verb form: "to halt its
                # attacks and has spoken to" asserts the second) are in the same complement
                absorbed.update(c.i for c in _joined(clause) if c.i in plain and c.tag_ == clause.tag_)
                break
    absorbed |= _asked_for(doc, plain, directives)
    absorbed |= _tolls(plain).keys()
    absorbed |= _motives(plain)
    absorbed |= _topics(plain)
    absorbed |= _named_only(plain)
    absorbed |= _averted(plain)
    return [plain[i] for i in sorted(plain) if i not in absorbed]


_VIOLENCE: Final = ("18", "19", "20")

# appeal (02) and demand (10): "urged X to do Y", "demanded that X do Y" asks for Y; Y is not asserted
_DIRECTIVE_ROOTS: Final = ("02", "10")
# verbs that tell someone to act, coded or not ("told India to withdraw its troops": Y is only asked for)
_DIRECTIVE_VERBS: Final = PERSUADING | frozenset(
    {"tell", "urge", "ask", "call", "press", "instruct", "implore", "beg", "request"}
)

# the nouns of an appeal or demand ("Norway's call for Russia to free the activists", "its plea for aid")
_DIRECTIVE_NOUNS: Final = frozenset({"call", "appeal", "plea", "demand", "request", "ultimatum"})


def _asked_for(doc: Doc, plain: dict[int, Match], directives: list[Token]) -> set[int]:
    """The events an appeal or demand only asks for (gold README: "urge X to do Y" is the appeal alone):
    the to-infinitive or subjunctive clause it governs ("called on Russia to withdraw", "demanded that
    India withdraw", "called for Hamas to halt"), that clause's conjoined verbs and the noun events the
    clause's verb takes ("to engage in negotiations"). A finite clause ("insisted that it had withdrawn")
    reports; it stays."""
    words = [
        *directives,
        *(t for t in doc if t.pos_ == "VERB" and _lemma(t) in _DIRECTIVE_VERBS),
        *(t for t in doc if t.pos_ == "NOUN" and _lemma(t) in _DIRECTIVE_NOUNS),
    ]
    out: set[int] = set()
    for w in words:
        out.update(t.i for t in asked_things(w))
        for clause in asked_clauses(w):
            # (a conjoined finite verb is a new assertion: "called for Hamas to halt ... and has spoken to";
            # the open complement of what is asked is asked too: "urged X to stop fighting")
            joined = [v for v in _joined(clause) if v.tag_ == "VB"]
            for v in [clause, *joined, *tree.children(clause, ("xcomp",))]:
                out.add(v.i)
                out.update(o.i for o in tree.objects(v) if o.pos_ in tree.NOUN_POS)
                out.update(p.i for c in tree.children(v, ("prep",)) for p in tree.children(c, ("pobj",)))
    return {i for i in out if i in plain and plain[i].code[:2] not in _DIRECTIVE_ROOTS}


def _tolls(plain: dict[int, Match]) -> dict[int, int]:
    """The tolls (match index -> the act's index) of violent acts: part of the act, not events of their own
    (even when the act's roles are not found: dev precision said so). Told in a gerund hung on it
    ("attacked a village, killing 12 people"), in a clause on it ("the attack that killed 47 people") or
    with the act as its subject ("a drone strike killed the commander"), when it is of another root."""
    out: dict[int, int] = {}
    for i, m in plain.items():
        t = m.trigger
        root = m.code[:2]
        if root not in _VIOLENCE:
            continue
        acts = [c.i for c in t.children if c.dep_ == "nsubj"]
        # a gerund or clause hung on the act tells its toll whatever its root ("blew himself up ..., killing
        # seven people": one bombing, not a bombing and a killing)
        hung = (t.dep_ == "advcl" and t.tag_ == "VBG") or t.dep_ == "relcl"
        if hung:
            acts.append(t.head.i)
        for a in acts:
            act = plain.get(a)
            # (an act of the same kind is the act told again: "an Israeli strike targeted a building")
            if (
                a != i
                and act is not None
                and a not in out
                and act.code[:2] in _VIOLENCE
                and (act.code[:2] != root or (hung and a == t.head.i))
            ):
                raid = hung and a == t.head.i and massacre_by_raid(m.code, act.code, act.trigger)
                if raid and i not in out:
                    out[a] = i  # "attacked a village, killing 38 civilians": the raid is part of the killing
                else:
                    out[i] = a
                break
    return out


def _motives(plain: dict[int, Match]) -> set[int]:
    """ "summoned the ambassador to protest", "recalled its envoy to protest the war": a protest (root 14)
    told as the purpose of another act is that act's motive, not a protest of its own."""
    return {
        i
        for i, m in plain.items()
        if any(x.code[:2] == "14" for x in (m, *m.alternatives))
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in m.trigger.children)
        and m.trigger.head.i in plain
        and m.trigger.head.i != i
    }


# prepositions that name what an event is about ("talks on aid", "ties cut over its attacks", "a probe into
# the massacre") and those that set a scene in time ("after the invasion", "amid fighting")
_TOPIC_PREPS: Final = frozenset({"over", "into", "about", "on", "regarding", "concerning", "against"})
_SCENE_PREPS: Final = frozenset({"after", "following", "amid", "amidst", "since", "before", "despite"})


def _topics(plain: dict[int, Match]) -> set[int]:
    """Noun events told as the topic of another event, or as its scene: not reported events of their own.
    A nominal event in a topic phrase of another event's word or object ("held talks on aid" is consult,
    "severed ties over its attacks in Gaza" is the severing) is what that event is about; a violent
    nominal event after "after", "amid" ... is the backdrop of the sentence, told earlier."""
    out: set[int] = set()
    for i, m in plain.items():
        t = m.trigger
        if m.pattern.spec.pos != "noun" or t.dep_ != "pobj":
            continue
        prep = t.head
        word = prep.lower_
        if word in _SCENE_PREPS and m.code[:2] in _VIOLENCE:
            out.add(i)
            continue
        if word not in _TOPIC_PREPS:
            continue
        gov = prep.head
        if gov.dep_ in ("dobj", "nsubjpass") and gov.head.i in plain:
            gov = gov.head
        if gov.i != i and gov.i in plain and plain[gov.i].code[:2] != m.code[:2]:
            out.add(i)
    return out


# "a wave of strikes", "the resumption of talks": a noun that only counts or restarts the event after "of"
_COUNTING_OF: Final = frozenset({"round", "series", "wave", "spate", "barrage", "resumption"})
# the verbs that carry a noun event: the light verbs, and those that finish one ("after completing their
# exercises near Ukraine")
_CARRYING: Final = tree.CARRIERS | {"complete", "finish", "conclude"}
# a noun event after these is still told: its doer ("killed by a missile strike"), the doer's instrument
# ("harassing Taiwan with incursions") or a purpose or reason ("plans for a strike", "condemned Iran for
# its shelling of Iraqi towns")
_KEPT_PREPS: Final = frozenset({"by", "with", "through", "via", "for"})
# a speech act's noun is the act reported as made ("rejected Washington's demand on Taiwan": it was made)
_SPEECH_ROOTS: Final = frozenset({"01", "02", "10", "11", "12", "13"})


def _named_only(plain: dict[int, Match]) -> set[int]:
    """Noun events named in another clause's argument, not reported (gold README: "Clauses, not noun
    phrases"): the object of a verb that does not carry it ("condemned the chlorine attack", "monitors
    military operations") and the object of a preposition ("during its surprise attack", "Japan's
    criticism of China's manoeuvres"). Kept: a noun a light verb carries ("launched strikes", "engaged in
    talks"), one after _KEPT_PREPS ("killed by a missile strike"), a subject ("talks resumed") and what a
    counting noun holds ("a new round of talks"), and a speech act's noun (the act was made)."""
    out: set[int] = set()
    for i, m in plain.items():
        t = m.trigger
        if m.pattern.spec.pos != "noun" or m.pattern.spec.carried or m.code[:2] in _SPEECH_ROOTS:
            continue  # (a carried pattern has its own check)
        if _in_argument(t) and not decreed(t, m.code) and not _done_by(t):
            out.add(i)  # ("executed the release of": done by decree)
    return out


def _done_by(noun: Token) -> bool:
    """Is the noun event told with its doer by a light verb's participle ("killed in airstrikes conducted by
    US forces", "condemned the strikes carried out by Israel")? A participle clause with an actor reports
    the act (gold README, "Clauses, not noun phrases")."""
    participle = tree.carrying_participle(noun)
    return participle is not None and tree.reduced_passive(participle)


def _in_argument(t: Token) -> bool:
    head = t.head
    if t.dep_ == "dobj":
        return head.pos_ in tree.VERB_POS and _lemma(head) not in _CARRYING
    if t.dep_ != "pobj" or head.lower_ in _KEPT_PREPS or _lemma(head.head) in _CARRYING:
        return False
    # "launched a commission of inquiry", "began a new round of talks": the noun before "of" is carried
    owner = head.head
    return not (
        head.lower_ == "of"
        and (_lemma(owner) in _COUNTING_OF or (owner.dep_ == "dobj" and _lemma(owner.head) in _CARRYING))
    )


# verbs that keep an act from happening or counsel against it: "warned Kosovo against deploying police",
# "barred settlers from entering", "deterred Hamas from firing rockets": the act after "against" or "from"
# is not done (the averting verb is coded on its own; the actor's own "refrained from attacking" is told as
# a negated act by modality.py)
_AVERTING: Final = frozenset(
    {"warn", "caution", "advise", "counsel", "deter", "dissuade", "discourage", "prevent", "stop", "block",
     "bar", "ban", "prohibit", "forbid", "keep", "restrain"}
)  # fmt: skip


def _averted(plain: dict[int, Match]) -> set[int]:
    """The acts a verb of _AVERTING keeps from happening, told in its "against" or "from" phrase (a gerund
    or a noun event): not events of their own."""
    out: set[int] = set()
    for i, m in plain.items():
        t = m.trigger
        if t.dep_ == "dobj" and _lemma(t.head) in _CARRYING:  # "against launching a ground offensive"
            t = t.head
        prep = t.head
        if t.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" or prep.lower_ not in ("against", "from"):
            continue
        if prep.head.i != i and _lemma(prep.head) in _AVERTING:
            out.add(i)
    return out


def _joined(tok: Token) -> list[Token]:
    """The verbs coordinated with ``tok`` that share its subject ("attack and destroy")."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in tree.VERB_POS and not tree.children(c, ("nsubj", "nsubjpass")):
            out.append(c)
            out.extend(_joined(c))
    return out


def _take(options: list[Compiled], tok: Token, inner: Match) -> Match | None:
    for c in sorted(options, key=_specificity, reverse=True):
        code = _mapped(c.spec.complement, inner.code)
        if code is not None:
            return Match(c, tok, code, inner)
    return None


def _inner_events(tok: Token) -> list[Token]:
    """Where the event a complement pattern takes over may stand: each clause of ``tok``'s chain, and the
    noun event its verb only carries ("agreed to hold talks", "vowed to launch strikes")."""
    out: list[Token] = []
    for clause in _clause_chain(tok):
        if inside_condition(
            clause
        ):  # "vowed to retaliate should Seoul hold drills": a condition, not the aim
            continue
        out.append(clause)
        if clause.lemma_.lower() in tree.CARRIERS:
            out.extend(o for o in tree.objects(clause) if o.pos_ in tree.NOUN_POS)
    return out


def _clause_chain(tok: Token, depth: int = 3) -> list[Token]:
    """The clauses ``tok`` governs, and theirs through open complements ("vowed to continue to attack")."""
    out: list[Token] = []
    for c in tree.clauses(tok):
        out.append(c)
        if depth > 1:
            out.extend(x for x in _clause_chain(c, depth - 1) if x.dep_ == "xcomp")
    return out
