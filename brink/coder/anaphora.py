"""A definite description that stands for a state its sentence named before it: "British warplanes bombed
the country" (Iraq, named earlier), "a Syrian delegation will visit the kingdom" (Jordan). News repeats a
state this way rather than by name; without it such a target is lost. Used by roles.SentenceActors for
"country", "nation" and "kingdom" with "the" and no owner of their own ("its territory" is the owner's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import pycountry
from spacy.tokens import Token

from brink.coder import tree
from brink.coder.actor_values import Mention
from brink.coder.key_forms import AGENT

# monarchies by their ISO official names ("Kingdom of Saudi Arabia", "Hashemite Kingdom of Jordan")
KINGDOMS: Final = frozenset(
    c.alpha_3 for c in pycountry.countries if "Kingdom" in getattr(c, "official_name", "")
)
_STATE_NOUNS: Final = frozenset({"country", "nation", "kingdom"})
# a modifier that makes the noun something else than the state last named: "the whole country" is fine,
# "the Asian nation" or "the country's" (an owner) are read elsewhere, "the country where ..." is described
_OWN_WORDS: Final = frozenset({"poss", "compound", "nmod", "prep", "relcl", "acl", "appos"})

# a state named after one of these is where something happens, not who: "the negotiating table in Qatar"
_LOCATIVE: Final = frozenset(
    {"in", "at", "inside", "near", "across", "throughout", "within", "into", "around"}
)

Covering = Callable[[Token], Mention | None]


def definite_state(tok: Token, covering: Covering) -> Mention | None:
    """The state "the country"/"the nation"/"the kingdom" (``tok``, an object) stands for: the last state
    actor its sentence names before it as an actor, not as a place ("talks in Qatar"), that is not the side
    doing the act it is the object of ("US warplanes bombed the country": not the US); for "kingdom", the
    last kingdom."""
    if tok.lemma_.lower() not in _STATE_NOUNS or tok.dep_ not in ("dobj", "pobj"):
        return None
    if [c.lower_ for c in tok.children if c.dep_ == "det"] != ["the"]:
        return None
    if any(c.dep_ in _OWN_WORDS or (c.dep_ == "amod" and c.text[:1].isupper()) for c in tok.children):
        return None
    # (every state in the doer's phrase: "British and French warplanes" are two)
    doers = {m.actor.country for d in _doers(tok) for m in map(covering, d.subtree) if m is not None}
    kingdom = tok.lemma_.lower() == "kingdom"
    for t in reversed(tok.doc[tok.sent.start : tok.i]):
        m = covering(t)
        # (a generic agent whose country came from a place names no state: "envoys gathered in Qatar")
        if (
            m is None
            or (t.dep_ == "pobj" and t.head.lower_ in _LOCATIVE)
            or (m.cat == AGENT and not m.has_country)
        ):
            continue
        country = m.actor.country
        if m.actor.kind != "state" or not country or country in doers:
            continue
        if not kingdom or country in KINGDOMS:
            return m
    return None


def _doers(tok: Token) -> list[Token]:
    """The subjects of the verb the object ``tok`` hangs on (through prepositions and nouns: "launched an
    attack on the country" -> the launcher)."""
    t = tok
    while t.pos_ != "VERB" and t.head.i != t.i:
        t = t.head
    return tree.subjects(t) if t.pos_ == "VERB" else []
