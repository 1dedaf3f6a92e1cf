"""What the patterns of one trigger word read of the parse around it (match.py's ``_fits``): its tests of
the word alone (is it used as a verb, negated, carried by a light verb), its objects' and subjects' words
and its clauses, each read once per word for all of the word's patterns (a common trigger has a dozen)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.decrees import counted
from brink.coder.sums import currency_words

# "a wave of strikes", "the resumption of talks": a noun that only counts or restarts the event after "of"
COUNTING_OF: Final = frozenset({"round", "series", "wave", "spate", "barrage", "resumption"})


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


class TriggerReading:
    """What the patterns of one trigger word read of its tree (its object words, subjects' lemmas, clause
    lemmas), walked once for all of them: a trigger word has several patterns, each of which asked again."""

    __slots__ = (
        "_clauses",
        "_flags",
        "_modals",
        "_objects",
        "_particles",
        "_subject_words",
        "_subjects",
        "tok",
    )

    def __init__(self, tok: Token) -> None:
        self.tok = tok
        self._objects: dict[tuple[bool, frozenset[str]], set[str]] = {}
        self._subjects: set[str] | None = None
        self._subject_words: set[str] | None = None
        self._clauses: list[Token] | None = None
        self._flags: dict[Callable[[Token], bool], bool] = {}
        self._particles: set[str] | None = None
        self._modals: set[str] | None = None

    def flag(self, test: Callable[[Token], bool]) -> bool:
        """``test(tok)``, asked once: a test of the word alone, whatever the pattern."""
        got = self._flags.get(test)
        if got is None:
            got = self._flags[test] = test(self.tok)
        return got

    def particles(self) -> set[str]:
        """The lemmas of its particles (the small model tags many particles advmod: "stepped down")."""
        if self._particles is None:
            self._particles = {lemma(ch) for ch in self.tok.children if ch.dep_ in ("prt", "advmod")}
        return self._particles

    def modals(self) -> set[str]:
        if self._modals is None:
            self._modals = tree.modals(self.tok)
        return self._modals

    def object_words(self, noun: bool, prepositions: frozenset[str]) -> set[str]:
        key = (noun, prepositions)
        words = self._objects.get(key)
        if words is None:
            words = self._objects[key] = read_object_words(self.tok, noun, prepositions)
        return words

    def subject_lemmas(self) -> set[str]:
        if self._subjects is None:
            self._subjects = {lemma(x) for x in tree.subjects(self.tok)}
        return self._subjects

    def subject_words(self) -> set[str]:
        if self._subject_words is None:
            self._subject_words = read_subject_words(self.tok)
        return self._subject_words

    def clauses(self) -> list[Token]:
        if self._clauses is None:
            self._clauses = tree.clauses(self.tok)
        return self._clauses


def verb_like(tok: Token) -> bool:
    # "US strikes Iran" in a headline: a noun-tagged root with a subject reads as a verb
    return tok.pos_ in tree.VERB_POS or (tok.dep_ == "ROOT" and bool(tree.children(tok, ("nsubj",))))


def nominal(tok: Token) -> bool:
    return tok.pos_ in tree.NOUN_POS


def negated(tok: Token) -> bool:
    return any(ch.dep_ == "neg" for ch in tok.children)


# nouns that only hold what their compound names ("aid package", "weapons shipment", "food convoy")
_CONTAINERS = frozenset(
    {"package", "shipment", "consignment", "convoy", "delivery", "batch", "tranche", "cargo", "airlift"}
)

_HOLDERS = _CONTAINERS | tree.BODIES

# nouns that carry words sent to someone: their compound or adjective names what is said
_MESSAGES = frozenset({"message", "letter", "cable", "telegram", "note"})
# nouns that name no act until their modifier does: "retaliatory measures", "punitive steps"
_GENERIC_ACTS = frozenset({"measure", "action", "step"})
# nouns of striving whose compound names the act striven for: "mediation efforts", "relief efforts"
_EFFORTS = frozenset({"effort"})


def carried(tok: Token) -> bool:
    """Is the noun the object of a verb that only carries it ("carried out a massacre"), directly or
    through a preposition ("engaged in a crackdown"), or by a participle behind it ("an airstrike carried out
    by")? (tree.subjects reads the doer there too.)"""
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in tree.CARRIERS:
        return True
    if tree.carrying_participle(tok) is not None:  # "an airstrike carried out by the military"
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and lemma(tok.head.head) in COUNTING_OF:
        return carried(tok.head.head)  # "launched a spate of airstrikes"
    return tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in tree.CARRIERS


def read_object_words(tok: Token, noun: bool, prepositions: Iterable[str] = ()) -> set[str]:
    """The words a pattern's ``object`` is checked against. A verb: its objects, the noun after a quantity
    ("killed dozens of people", "fired volleys of tear gas") and an object's apposition ("expelled Jane
    Doe, the embassy's charge d'affaires"). A noun event also: its modifiers ("a missile test", "nuclear
    tests") and its object with "of" ("the release of prisoners"). A pattern that names a preposition
    reads its object there too ("agreed to a ceasefire")."""
    objs = tree.objects(tok)
    out = {lemma(o) for o in objs}
    # "drones launched at its territory by Russia": what a participle clause with its doer acts on is the
    # noun it modifies (read for the object words only: that noun is no target of the act)
    if tree.reduced_passive(tok):
        out.add(lemma(tok.head))
    out |= {lemma(p) for o in objs for p in tree.prep_objects(o, "of", through_object=False)}
    out |= {lemma(a) for o in objs for a in o.children if a.dep_ == "appos"}
    out |= {w for o in objs for w in currency_words(o)}  # "offered Japan $50,000 in aid"
    # "sent an aid package", "delivered an arms shipment": a container's compound names what it holds; a
    # body's, what it does ("formed an inquiry committee", "sent a peacekeeping mission")
    out |= {lemma(c) for o in objs if lemma(o) in _HOLDERS for c in o.children if c.dep_ == "compound"}
    # "sent a congratulations message", "delivered a protest note": a message's modifier says what it says
    said = ("compound", "amod")
    out |= {lemma(c) for o in objs if lemma(o) in _MESSAGES for c in o.children if c.dep_ in said}
    # "will take retaliatory measures": a generic act's adjective says which act it is
    out |= {lemma(c) for o in objs if lemma(o) in _GENERIC_ACTS for c in o.children if c.dep_ == "amod"}
    out |= {lemma(c) for o in objs if lemma(o) in _EFFORTS for c in o.children if c.dep_ == "compound"}
    if noun:
        out |= {lemma(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        out |= {lemma(p) for p in tree.prep_objects(tok, "of", through_object=False)}
        out |= {lemma(p) for p in counted(tok)}  # "the expulsion of dozens of diplomats"
    out |= {lemma(p) for w in prepositions for p in tree.prep_objects(tok, w, through_object=False)}
    out |= {lemma(p) for p in tree.preposition_nouns(tok, tuple(prepositions))}
    return out


def adjective_after_to(tok: Token) -> bool:
    """ "access to besieged towns", "returned to occupied East Jerusalem": the small model reads "to" as an
    infinitive's marker, but an infinitive is never a bare past participle (no have/be with it)."""
    if tok.tag_ != "VBN":
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return bool(auxes) and all(a.lower_ == "to" for a in auxes)


def read_subject_words(tok: Token) -> set[str]:
    """The subjects' lemmas and their compounds: "hit by Hurricane Katrina" names its doer in the compound."""
    subjects = tree.subjects(tok)
    return {lemma(x) for x in subjects} | {
        lemma(c) for x in subjects for c in x.children if c.dep_ == "compound"
    }


# "sending government troops fleeing", "left soldiers scrambling", "sent prices soaring": a causative
# verb whose object carries a bare participle says what became of the object, not that it was sent
_RESULTATIVES: Final = frozenset({"send", "leave", "set"})


def resultative(tok: Token) -> bool:
    if lemma(tok) not in _RESULTATIVES:
        return False
    objects = tree.objects(tok)
    # the small model hangs the participle on the object (acl) or on the verb itself (xcomp, oprd)
    around = [m for o in objects for m in o.children] + ([*tok.children] if objects else [])
    return any(
        m.dep_ in ("acl", "oprd", "xcomp", "ccomp") and m.tag_ == "VBG" and not tree.objects(m)
        for m in around
    )


def modifiers(tok: Token) -> set[str]:
    return {lemma(m) for o in tree.objects(tok) for m in o.children if m.dep_ in ("compound", "amod")}
