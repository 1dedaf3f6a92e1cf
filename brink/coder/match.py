"""Match: the dependency patterns (brink/coder/patterns/*.yaml) over one parsed sentence.

Each word whose lemma is a pattern's trigger is checked against the pattern's constraints (part of speech,
particle, object, governed clause); the most specific pattern that fits a word wins. Patterns with a
``complement`` ("threatened to attack") run second: they take the event another pattern found in the
clause they govern, and map its code ("19" -> "138"); that inner event is then absorbed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from spacy.parts_of_speech import NOUN, VERB
from spacy.tokens import Doc, Token

from brink.coder import tree
from brink.coder.agreement_terms import agreement_code
from brink.coder.asked import asked_clauses, asked_things
from brink.coder.compact import compact
from brink.coder.decrees import decreed, overruled
from brink.coder.judgements import condemning_frame
from brink.coder.modality import PERSUADING, inside_condition
from brink.coder.pattern_files import Compiled, PatternSet
from brink.coder.pledged_sums import pledged_sum_code
from brink.coder.toll import massacre_by_raid, victims_many
from brink.coder.trigger_reading import (
    COUNTING_OF,
    TriggerReading,
    adjective_after_to,
    carried,
    modifiers,
    negated,
    nominal,
    resultative,
    verb_like,
)
from brink.coder.trigger_reading import (
    lemma as _lemma,
)


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


def _specificity(c: Compiled) -> int:
    """How much a pattern asks of the parse: a constraint on the words (particle, object, clause,
    preposition, modal) counts more than needing a target; taking over a complement most."""
    s = c.spec
    words = bool(c.particle) + bool(c.object) + bool(c.clause) + bool(c.preposition) + bool(c.modal)
    words += s.judged
    return 4 * bool(s.complement) + 2 * (words + s.only_negated) + s.needs_target


def _fits(c: Compiled, tok: Token, reading: TriggerReading | None = None) -> bool:
    """Does the pattern fit the trigger word ``tok``? (``reading``: its tree walks, shared by the word's
    patterns.)"""
    s = c.spec
    if reading is None:
        reading = TriggerReading(tok)
    if s.pos == "verb":
        if not reading.flag(verb_like) or reading.flag(adjective_after_to):
            return False
    elif not reading.flag(nominal):
        return False
    if c.particle and reading.particles().isdisjoint(c.particle):
        return False
    if c.preposition and not _has_preposition(tok, c.preposition):
        return False
    if c.modal and not reading.modals() & c.modal:
        return False
    if s.carried and not (reading.flag(carried) or decreed(tok, s.code)):
        return False
    if s.only_negated and not reading.flag(negated):
        return False
    if s.many and not reading.flag(victims_many):
        return False
    if c.phrases and not _phrase_fits(c.phrases, tok):
        return False
    if c.object or c.not_object:  # (the object words only when the pattern reads them: a tree walk)
        objs = reading.object_words(s.pos == "noun", c.preposition)
        if c.object and not objs & c.object:
            return False
        # "fired tear gas", "rubber bullets": a not_object word also rules out the object's modifiers
        if c.not_object and (objs | modifiers(tok)) & c.not_object:
            return False
    if c.not_subject and reading.subject_words() & c.not_subject:
        return False
    if s.judged and not condemning_frame(tok):
        return False
    if s.pos == "verb" and reading.flag(resultative):
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


# the dependents that complete a phrasal trigger: particle (the small model often says advmod), object
_PHRASE_DEPS = frozenset({"prt", "advmod", "dobj", "acomp"})


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
    # the lemmas as string-store hashes (compact.py): building a Token per word costs more than the rest
    lemmas = compact(doc).lemmas
    triggers = patterns.trigger_hashes(doc.vocab.strings)
    for i, h in enumerate(lemmas):
        if h not in triggers:
            continue
        tok = doc[i]
        options = patterns.by_trigger.get(_lemma(tok))
        if not options:
            continue
        reading = TriggerReading(tok)
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
    for m in plain.values():  # "reached an agreement to withdraw" is intent, "signed a contract" business
        m.code = agreement_code(m.trigger, m.code)
        if m.inner is not None:  # "pledged to provide $50 million": announced aid, not an intent
            m.code = pledged_sum_code(m.trigger, m.code, m.inner.code, m.inner.trigger)
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
    # (the words found from the arrays of parts of speech and lemmas, without a Token for every word)
    strings = doc.vocab.strings
    sheet = compact(doc)
    tagged = list(enumerate(zip(sheet.pos, sheet.lemmas, strict=True)))
    words = [
        *directives,
        *(doc[i] for i, (pos, h) in tagged if pos == VERB and strings[h].lower() in _DIRECTIVE_VERBS),
        *(doc[i] for i, (pos, h) in tagged if pos == NOUN and strings[h].lower() in _DIRECTIVE_NOUNS),
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
        and (_lemma(owner) in COUNTING_OF or (owner.dep_ == "dobj" and _lemma(owner.head) in _CARRYING))
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
