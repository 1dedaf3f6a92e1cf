"""A guessed actor (ADR 0010) for a noun phrase no dictionary mention covers: where its name begins and ends
in the parse, and whether ``NameGuesser``'s rules or a role word make it an actor. ``SentenceActors`` asks
this for a subject or object no mention covers.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder.actor_values import NAMED, Mention
from brink.coder.name_guesser import NameGuesser

# the words of a noun phrase a guessed actor's name is read from: "Gov. Jane Doe", "the Acme company"
_NAME_DEPS: Final = frozenset({"compound", "flat", "nmod", "amod", "det", "punct"})
# role words that, as common nouns, are mostly places ("bombed a mosque"): only a name makes them actors
_BUILDINGS: Final = frozenset(
    {"mosque", "church", "temple", "synagogue", "shrine", "school", "university", "college", "academy",
     "embassy", "consulate", "bank", "hospital"}
)  # fmt: skip
_NAME_OF: Final = frozenset({"of", "for"})


def guessed_actor(
    tok: Token, names: NameGuesser | None, offset: int, places: list[tuple[int, int]]
) -> Mention | None:
    """A guessed actor (ADR 0010) for a noun phrase no dictionary mention covers: a name ("Gov. Jane
    Doe", "the Earth Liberation Front", "Ministry of Mines") read by ``NameGuesser``'s rules, or a common
    noun whose word names a role ("the ministry", "the tribunal"). Places, ordinary words and things
    ("the attack", "Camp David") are not actors."""
    assert names is not None
    doc = tok.doc
    lo = tok.i  # the name's first token: the head's run of modifiers to its left
    while lo > 0 and doc[lo - 1].dep_ in _NAME_DEPS and _within(doc[lo - 1], tok):
        lo -= 1
    while lo < tok.i and (doc[lo].dep_ in ("det", "punct") or not _name_like(doc[lo], tok)):
        lo += 1  # "the", "a", "its"; a lower-case modifier of a name ("the banned Acme Front")
    hi = tok.i + 1
    if tok.pos_ == "PROPN":  # "Ministry of Mines", "Office for Civil Rights": "of" and its name
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in _NAME_OF and c.i == hi:
                objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
                if objs:
                    hi = max(x.i for x in objs[0].subtree) + 1
    if tok.pos_ == "PROPN":  # "Sunni Waqf Board" reads from "Waqf" (dates, faiths: not names)
        while lo < tok.i and doc[lo].lower_ in names.not_names:
            lo += 1
    toks = doc[lo:hi]
    start = offset + toks[0].idx
    end = offset + toks[-1].idx + len(toks[-1].text)
    if any(ps < end and start < pe for ps, pe in places):
        return None
    words = [w for t in toks if not t.is_punct and (w := t.lower_.rstrip("."))]
    if not words or words[-1] in names.thing_words or words[0] in names.not_names:
        return None
    if tok.pos_ == "NOUN":  # a common noun is an actor only by a role word: "the ministry"
        lemma = tok.lemma_.lower()
        role = names.role_words.get(tok.lower_) or names.role_words.get(lemma)
        if role is None or lemma in _BUILDINGS:
            return None
        if not (lo < tok.i and doc[lo].pos_ == "PROPN"):  # "the Acme company" keeps its name
            lo = tok.i  # (lower-case modifiers say what kind, not who: "a local court")
            toks = doc[lo:hi]
            start = offset + tok.idx
            words = [tok.lower_]
    else:
        if any(not t.text[:1].isupper() for t in toks if not t.is_punct and t.lower_ not in names.connectors):
            return None  # a lower-case word in it: the parser's PROPN is wrong
        single = len(words) == 1
        ordinary = len(words[0]) == 1 or (not tok.text.isupper() and bool(names._pos(words[0])))
        if single and ordinary and words[0] not in names.role_words:
            return None  # one ordinary English word capitalised ("Officials", "Kingdom"), an initial
    surface = doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)]
    actor = names._actor(surface, words)
    if actor is None:
        return None
    return Mention(start, end, actor, NAMED, 0, actor.name)


def _within(t: Token, head: Token) -> bool:
    """Is ``t`` in ``head``'s phrase (a dependent of it, or of one of its dependents)?"""
    for _ in range(3):
        if t.dep_ in ("conj", "appos") or t.head.i == t.i:
            return False
        t = t.head
        if t.i == head.i:  # (spaCy makes a new Token object at each access: compare indexes)
            return True
    return False


def _name_like(t: Token, head: Token) -> bool:
    """May ``t`` open the name ``head`` ends? A capitalised word, or any word before a common noun."""
    return head.pos_ != "PROPN" or t.text[:1].isupper()
