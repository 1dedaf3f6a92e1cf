"""Casualties: armed violence a sentence reports as fact without a perpetrator the coder can name.

"Nine militants were killed in airstrikes", "At least 23 soldiers were martyred in clashes along the
border", "The terror attack resulted in the deaths of 26 civilians": the gold coding rules
(tests/gold/README.md) code no event for such a clause (an event needs an identifiable perpetrator), yet
an article that reports it reports armed violence, and "violence reported without a named perpetrator still
counts for the level". This module finds those clauses in a sentence's parse; the coder lists them on the
coded article (``CodedArticle.casualties``) beside its events, and they feed no escalation index.

A clause is kept when a kill verb (verb classes @kill, @massacre, @shoot, @assault and ``verbs`` of
data/casualties.yaml), a verb of dying ("died in clashes") or an outcome phrase ("resulted in the deaths
of") has a violent cause in its own clause — a passive's "in / by / during / amid" phrase, an active verb's
subject, or the attack a participle hangs on ("launched airstrikes, killing nine") — or the verb says so by
itself ("were massacred", "shot dead"). People die in earthquakes, floods and road accidents too: "killed in
the quake" is no violence. The clause must be asserted as fact (brink/coder/modality.py: not negated,
conditional, hypothetical or future, no infinitive or modal) and not dated long before publication
(brink/coder/history.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Token

from brink.coder.compact import compact
from brink.coder.data_files import read_model
from brink.coder.found import Found
from brink.coder.history import may_recall, recalled
from brink.coder.modality import modality_of
from brink.coder.segment import Sentence
from brink.coder.verb_classes import VerbClasses

_DATA: Final = Path(__file__).parent / "data" / "casualties.yaml"
# the prepositions a passive kill verb names its cause with ("killed in clashes", "wounded by gunfire")
_CAUSE_PREPS: Final = frozenset({"in", "by", "during", "amid", "after", "following", "from", "under"})
# auxiliaries of a clause that may not have happened ("could be killed", "would have died")
_UNREAL: Final = frozenset(
    {"will", "would", "could", "may", "might", "should", "must", "shall", "'ll", "can"}
)


class CasualtyWords(BaseModel):
    """data/casualties.yaml (its header says what each list is)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    verbs: list[str]
    deaths: list[str]
    violent_verbs: list[str]
    nouns: list[str]
    qualified_nouns: list[str]
    weapon_words: list[str]
    outcome_verbs: list[str]
    outcome_nouns: list[str]
    allegations: list[str]


class _Words:
    def __init__(self, data: CasualtyWords, classes: VerbClasses) -> None:
        self.kill = frozenset(data.verbs).union(
            *(classes.members(c) for c in ("kill", "massacre", "shoot", "assault"))
        )
        self.deaths = frozenset(data.deaths)
        self.violent_verbs = frozenset(data.violent_verbs)
        self.nouns = frozenset(data.nouns) | classes.members("attack_event")
        self.qualified = frozenset(data.qualified_nouns)
        self.weapons = frozenset(data.weapon_words)
        self.outcome_verbs = frozenset(data.outcome_verbs)
        self.outcome_nouns = frozenset(data.outcome_nouns)
        self.accusing = classes.members("accuse")
        self.allegations = frozenset(data.allegations)
        # the lemmas ``_reports_violence`` can say yes to: any other verb is passed over unread
        self.reporting = self.outcome_verbs | self.deaths | self.kill


@cache
def _words() -> _Words:
    data = read_model(CasualtyWords, _DATA)
    return _Words(data, VerbClasses.load())


def casualty_clauses(doc: Doc, published: date) -> list[Token]:
    """The verbs of ``doc`` (one parsed sentence) that report armed violence as fact, whoever did it."""
    words = _words()
    # (the verbs found from the arrays of parts of speech and lemmas: a Token built and read for every word
    # of every parsed sentence cost more than the rest of the walk)
    strings = doc.vocab.strings
    sheet = compact(doc)
    verbs = [
        doc[i]
        for i, (pos, lemma) in enumerate(zip(sheet.pos, sheet.lemmas, strict=True))
        if pos in _VERB_POS_IDS and strings[lemma].lower() in words.reporting
    ]
    if not verbs:
        return []
    dated = may_recall(doc)
    return [
        tok
        for tok in verbs
        if _reports_violence(tok, words)
        and _asserted(tok)
        and not _alleged(tok, words)
        and not (dated and recalled(tok, published))
    ]


_VERB_POS_IDS: Final = frozenset({VERB, AUX})


def uncoded_casualties(
    sentence: Sentence, doc: Doc, published: date, coded: Iterable[Found]
) -> list[tuple[Sentence, tuple[int, int]]]:
    """The casualty clauses of a parsed sentence that no event coded from it stands for (an event whose
    trigger is the clause's verb says who did it): the sentence and each verb's span in the article."""
    taken = {f.trigger_span for f in coded}
    out = []
    for verb in casualty_clauses(doc, published):
        start = sentence.start + verb.idx
        span = (start, start + len(verb.text))
        if span not in taken:
            out.append((sentence, span))
    return out


def _reports_violence(verb: Token, words: _Words) -> bool:
    lemma = verb.lemma_.lower()
    if lemma in words.outcome_verbs:
        return _outcome(verb, words) and any(_violent(c, words) for c in _causes(verb))
    if lemma in words.deaths:
        return any(_violent(c, words) for c in _cause_phrases(verb))
    if lemma not in words.kill:
        return False
    if lemma in words.violent_verbs or _shot_dead(verb):
        return True
    return any(_violent(c, words) for c in _causes(verb))


def _subjects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]


def _passive(verb: Token) -> bool:
    """ "were killed", and a bare participle with no subject ("nine people killed in clashes")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("conj", "acl", "relcl") and not _subjects(verb)
    )


def _cause_phrases(verb: Token) -> Iterator[Token]:
    """The nouns of the verb's "in / by / during ..." phrases ("killed in clashes", "died in airstrikes")."""
    for prep in verb.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in _CAUSE_PREPS:
            yield from (c for c in prep.children if c.dep_ == "pobj")


def _causes(verb: Token) -> Iterator[Token]:
    """The nouns that may say what killed: a passive's cause phrases, an active verb's subject, or (for a
    participle with no subject of its own) the subject and object of the clause it hangs on."""
    if _passive(verb):
        yield from _cause_phrases(verb)
        return
    own = _subjects(verb)
    yield from own
    if own or verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj"):
        return
    # "launched a spate of airstrikes, killing nine militants", "the attacks hit ..., leaving nine dead"
    yield from (c for c in verb.head.children if c.dep_ in ("nsubj", "dobj"))


def _outcome(verb: Token, words: _Words) -> bool:
    """ "resulted in the deaths of", "claimed 30 lives", "left 12 dead", "caused casualties": an outcome
    noun as the verb's object or complement, or in one of its phrases."""
    for c in verb.children:
        if c.lemma_.lower() in words.outcome_nouns:
            return True
        if c.dep_ == "prep" and any(p.lemma_.lower() in words.outcome_nouns for p in c.children):
            return True
        if c.dep_ in ("dobj", "ccomp", "xcomp") and any(
            g.lemma_.lower() in words.outcome_nouns for g in c.children if g.dep_ in ("amod", "oprd", "acomp")
        ):
            return True  # "left nine insurgents dead"
    return False


def _shot_dead(verb: Token) -> bool:
    """ "was shot dead", "shot to death", "gunned down" ("shot down" may be a plane or a proposal)."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if lemma == "shoot" and c.lower_ == "dead":
            return True
        if lemma == "shoot" and c.dep_ == "prep" and c.lower_ == "to":
            return any(p.lower_ == "death" for p in c.children)
        if lemma == "gun" and c.lower_ == "down" and c.dep_ in ("prt", "advmod"):
            return True
    return False


def _violent(noun: Token, words: _Words) -> bool:
    """A noun of armed violence ("clashes", "a bomb blast"), its "of" phrase's ("a spate of airstrikes"), or
    one of its conjuncts'."""
    for n in (noun, *(c for c in noun.children if c.dep_ == "conj")):
        lemma = n.lemma_.lower()
        if lemma in words.nouns:
            return True
        if lemma in words.qualified and any(
            c.lemma_.lower() in words.weapons for c in n.children if c.dep_ in ("compound", "amod", "nmod")
        ):
            return True
        if any(
            _violent(p, words)
            for prep in n.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for p in prep.children
            if p.dep_ == "pobj"
        ):
            return True
    return False


def _alleged(verb: Token, words: _Words) -> bool:
    """The content of an accusation, not a fact the report states: "amid allegations that civilians have died
    in raids", "accused the army of killing protesters" (an accusing verb or allegation noun above it)."""
    tok = verb
    while tok.head.i != tok.i:
        tok = tok.head
        lemma = tok.lemma_.lower()
        if lemma in (
            words.accusing if tok.pos_ == "VERB" else words.allegations if tok.pos_ == "NOUN" else ()
        ):
            return True
    return False


def _asserted(verb: Token) -> bool:
    """Said to have happened: not negated, conditional, hypothetical or future, nor an infinitive or under
    a modal ("vowed to kill", "there to be massacred", "could be killed")."""
    mod = modality_of(verb)
    if mod.negated or mod.conditional or mod.hypothetical or mod.future:
        return False
    return not any(c.dep_ == "aux" and c.lower_ in _UNREAL | {"to"} for c in verb.children)
