"""Attributed acts: an act named as an accusation's matter, a purpose or a reason is not coded as done.

"Ukraine accused Russia of attacking civilians" reports an accusation (root 11), not an attack; "India alleged
that Pakistani troops fired" the same. "South Korea remains on high alert for a North Korean missile test" and
"the ship teamed up with the Philippine vessel for drills" name an act to come; "arrested ten fishermen for
allegedly crossing the boundary" an act charged; "reports on social media claiming that the army had deployed
troops" an act only claimed (hearsay: a report noun or a verb of claiming governs it). Read from the parse
(the act's head chain), the words from ``data/attributed_acts.yaml``. An accused or claimed act someone denies
stays, negated (the denial stage reads it).

A relative clause on an event noun ("an attack on a mosque in Afghanistan that killed 47 people") describes
that event's toll: its doer is the event's, and the actors inside the noun phrase (the place, the target) are
not (``lent_by_antecedent``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Token

from brink.coder.data_files import read_model

ATTRIBUTED_FILE: Final = Path(__file__).parent / "data" / "attributed_acts.yaml"
# the links from an act up to the word that governs it: a preposition's object or gerund, the preposition
# itself, a complement clause, a clause on a noun ("accusations that ships had intruded")
_UP: Final = frozenset({"pobj", "pcomp", "prep", "ccomp", "acl"})
_CONTENT: Final = frozenset({"VERB", "NOUN", "AUX"})
# how many links up the governing word is looked for ("accused Russia of attacking": attacking -pcomp-> of
# -prep-> accused)
_DEPTH: Final = 3


class AttributedWords(BaseModel):
    """``data/attributed_acts.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    accusing_words: frozenset[str]
    purpose_prepositions: frozenset[str]
    planning_nouns: frozenset[str]
    relative_things: frozenset[str]
    hearsay_nouns: frozenset[str]
    hearsay_verbs: frozenset[str]


@cache
def words() -> AttributedWords:
    return read_model(AttributedWords, ATTRIBUTED_FILE)


def governor(trigger: Token) -> Token | None:
    """The first verb or noun above the act along ``_UP`` links (None: the act hangs on nothing such)."""
    tok = trigger
    for _ in range(_DEPTH):
        if tok.dep_ not in _UP or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in _CONTENT:
            return tok
    return None


def is_purpose(trigger: Token) -> bool:
    """Is the act the object or gerund of a preposition of purpose ("for a missile test"), not of a plan?"""
    prep = trigger.head
    if trigger.dep_ not in ("pobj", "pcomp") or prep.lower_ not in words().purpose_prepositions:
        return False
    # "plans for a military strike": a plan (hypothetical), not a purpose
    return prep.head.lemma_.lower() not in words().planning_nouns


def is_accused(trigger: Token) -> bool:
    """Is the act the matter of an accusation ("accused X of attacking", "alleged that X fired")?"""
    gov = governor(trigger)
    return gov is not None and gov.lemma_.lower() in words().accusing_words


def is_hearsay(trigger: Token) -> bool:
    """Is the act the content of a report or a claim no one vouches for ("reports that X had deployed troops",
    "posts claiming that the army crossed")? A report noun, or a verb of claiming; not the verb "report"
    ("Reuters reported that jets struck": the outlet vouches for it)."""
    gov = governor(trigger)
    if gov is None:
        return False
    lemma = gov.lemma_.lower()
    return lemma in (words().hearsay_nouns if gov.pos_ == "NOUN" else words().hearsay_verbs)


def accused_by_noun(trigger: Token) -> bool:
    """Is the act the matter of an accusing noun ("rejected accusations that ships had intruded", "denies
    allegations of a chemical attack")? Such an act is not coded even under a denial: the denier asserts no
    clause with an agent, the accusation names the act (gold: a denied act named only through the accusation
    is not coded; the denial itself, 016, is)."""
    gov = governor(trigger)
    return gov is not None and gov.pos_ == "NOUN" and gov.lemma_.lower() in words().accusing_words


def attributed(trigger: Token) -> str | None:
    """Why the act is only attributed ("purpose", "accused", "hearsay"), or None when it is reported."""
    if is_purpose(trigger):
        return "purpose"
    if is_accused(trigger):
        return "accused"
    if is_hearsay(trigger):
        return "hearsay"
    return None


def lent_by_antecedent(trigger: Token, source: Token, mention: tuple[int, int]) -> bool:
    """Is the act a relative clause whose subject is "that"/"which" (an event or a thing, not "who") and its
    source read through the noun it hangs on (``source``, the slot's word) from a name that is not that noun
    ("an attack on a Moscow concert hall that killed": the hall is no actor, and Moscow is not its doer)?
    ``mention``: the source name's character span in the sentence."""
    if trigger.dep_ != "relcl" or source.i != trigger.head.i:
        return False
    if not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words().relative_things for c in trigger.children
    ):
        return False
    return not (mention[0] <= source.idx < mention[1])
