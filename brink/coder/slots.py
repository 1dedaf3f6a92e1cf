"""Slots: which words of the parse fill a pattern's slot (subject, object, dative, ``prep:<word>``, a
clause's subject or object, a possessor) for a matched trigger. Which actor those words stand for is
roles.py's job."""

from __future__ import annotations

from spacy.tokens import Token

from brink.coder import flags, tree
from brink.coder.companions import with_companions
from brink.coder.hosts import through_hosts
from brink.coder.match import Match
from brink.coder.proximity import near_objects
from brink.coder.sum_recipients import counted_in_objects

_VIOLENCE = ("18", "19", "20")


def slot_tokens(match: Match, slot: str) -> list[Token]:
    """The tokens ``slot`` names for the match's trigger (a complement's own slots: see ``Roles``); the
    target of violence at a place that hosts another's forces is those forces (hosts.py)."""
    found = _slot_tokens(match, slot)
    if match.code[:2] in _VIOLENCE and slot.startswith("prep:"):
        return through_hosts(found)
    return found


def _slot_tokens(match: Match, slot: str) -> list[Token]:
    found = _own_slot(match.trigger, slot)
    prepositions = match.pattern.preposition
    if not found and prepositions and (slot in ("possessor", "party") or slot.startswith("prep:")):
        # a pattern that names a preposition reads its object there, so that noun's own partner and
        # possessor are the event's, as a direct object's are ("withdrew from talks with Iran", "pulled out
        # of the Iran nuclear deal")
        found = [
            x for n in tree.preposition_nouns(match.trigger, tuple(prepositions)) for x in _slot_of(n, slot)
        ]
    return found


def _own_slot(t: Token, slot: str) -> list[Token]:
    found = _slot_of(t, slot)
    # a noun event carried by a verb ("gave Tehran an ultimatum", "launched strikes on Iran"): the verb's
    # dependents are the event's too
    if found or t.pos_ not in ("NOUN", "PROPN") or slot in ("subject", "object", "possessor", "party"):
        return found
    if t.dep_ in ("dobj", "nsubjpass"):
        return _slot_of(t.head, slot)
    # "launched a wave of strikes on Gaza": a counted event noun's carrier is the counting noun's verb,
    # and the parser may hang the event's complements on either
    counter = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "of" else None
    if counter is not None and counter.lemma_ in tree.COUNTING and counter.dep_ in ("dobj", "nsubjpass"):
        return _slot_of(counter, slot) or _slot_of(counter.head, slot)
    return found


def _slot_of(t: Token, slot: str) -> list[Token]:
    if slot == "subject":  # ("A together with B", "A, along with B,": both)
        return with_companions(tree.subjects(t), t)
    if slot == "object":  # "attacked what they said were two ships": the ships
        return tree.objects(t) or [n for c in tree.children(t, ("ccomp",)) for n in tree.named_by_what(c)]
    if slot == "dative":
        return tree.datives(t)
    if slot.startswith("prep:"):  # "an attack on what they described as a vessel": the vessel
        word = slot[5:]
        found = tree.prep_objects(t, word) or [
            n
            for p in t.children
            if p.dep_ == "prep" and p.lower_ == word
            for c in tree.children(p, ("pcomp",))
            for n in tree.named_by_what(c)
        ]
        if not found and word == "near":  # "deployed close to the border": a "to" of nearness (proximity.py)
            found = near_objects(t)
        if not found and word == "to":  # "pledged $1 billion in assistance to Nepal" (sum_recipients.py)
            found = counted_in_objects(t, word)
        if not found and word == "by":  # "accusations leveled by Britain": the doer of a participle on it
            found = _participle_doers(t)
        if not found and t.pos_ == "NOUN" and word == "between":  # "the signing of a pact between A and B"
            of = tree.prep_objects(t, "of", through_object=False)
            found = [x for o in of for x in tree.prep_objects(o, word, through_object=False)]
        if not found and word == "involving":  # "talks involving US and Iranian officials": a participle
            heads = [t, *tree.objects(t)] if t.pos_ not in ("NOUN", "PROPN") else [t]
            found = [
                o
                for h in heads
                for a in tree.children(h, ("acl",))
                if a.lower_ == word
                for o in tree.objects(a)
            ]
        return found
    if slot in ("clause_subject", "clause_object"):
        out: list[Token] = []
        for c in tree.clauses(t):
            own = tree.children(c, tree.SUBJECT_DEPS) if slot == "clause_subject" else tree.objects(c)
            out.extend(tree.with_conjuncts(own))
        return out
    if slot == "owner":  # "seized two tankers flying the flags of Panama and Tanzania"
        heads = [t, *tree.objects(t)] if t.pos_ not in ("NOUN", "PROPN") else [t]
        return [o for h in heads for o in flags.owners(h)]
    if slot == "answered":  # "announced the suspension of the treaty in response to Russia's pullout"
        return _answered(t)
    if slot == "possessor":  # "Israel's offer", "the US plan", "the American proposal"
        heads = [t, *tree.objects(t)] if t.pos_ not in ("NOUN", "PROPN") else [t]
        return [c for h in heads for c in h.children if c.dep_ in ("poss", "compound", "amod")]
    if (
        slot == "party"
    ):  # "the Iran nuclear deal" (a name before an adjective is parsed nmod), "Russia's deal"
        heads = [t, *tree.objects(t)] if t.pos_ not in ("NOUN", "PROPN") else [t]
        # not an adjective ("all military agreements": the army is no party) nor "its" (the subject itself)
        return [
            c
            for h in heads
            for c in h.children
            if c.dep_ in ("poss", "compound", "nmod") and c.pos_ != "PRON"
        ]
    return []


# "in response to", "in retaliation for", "in reaction to": the act after them is what the trigger answers
_ANSWERS = frozenset({"response", "retaliation", "reaction", "reprisal", "answer"})


def _answered(t: Token) -> list[Token]:
    """The doer of the act the trigger (or the verb that carries it) answers: "in response to Russia's
    pullout" -> Russia."""
    heads = [t, t.head] if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "nsubjpass") else [t]
    return [
        doer
        for h in heads
        for p in tree.children(h, ("prep",))
        if p.lower_ == "in"
        for n in tree.children(p, ("pobj",))
        if n.lemma_.lower() in _ANSWERS
        for q in tree.children(n, ("prep",))
        if q.lower_ in ("to", "for")
        for act in tree.children(q, ("pobj",))
        for doer in tree.subjects(act)
    ]


def _participle_doers(t: Token) -> list[Token]:
    """The "by" doers of the past participles that modify ``t``'s noun or its object ("rejected the
    accusations leveled by Britain", "condemned the strikes carried out by Israel"): the "by" phrase of the
    noun's own participle is the noun's."""
    heads = [t, *tree.objects(t)] if t.pos_ not in ("NOUN", "PROPN") else [t]
    return [
        o
        for h in heads
        for a in tree.children(h, ("acl",))
        if a.tag_ == "VBN"
        for g in tree.children(a, ("agent",))
        for o in tree.with_conjuncts(tree.children(g, ("pobj",)))
    ]
