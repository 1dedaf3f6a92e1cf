"""Which mentions a pronoun may stand for: "he" a person or an office, "it"/"they" anything else; and not
a country named only by an adjective on a thing ("if a country continues to buy Iranian oil ..., it will face
sanctions": "it" is the country, never "Iranian"). An adjective on a word that names a role stays one ("Iraqi
militia groups said they ...": the adjective is all the dictionary found of the groups)."""

from __future__ import annotations

from collections.abc import Container
from typing import Final

from spacy.tokens import Doc

from brink.coder.actor_values import Mention

_PERSON_PRONOUNS: Final = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS: Final = frozenset({"they", "them", "it", "its", "their"})


def fits(pronoun: str, m: Mention) -> bool:
    """May ``pronoun`` stand for ``m`` ("he" a person or an office: "the prime minister"; "it"/"they" anything
    else)?"""
    person = m.actor.kind == "person"
    if pronoun in _PERSON_PRONOUNS:
        return person or m.actor.title
    return pronoun in _GROUP_PRONOUNS and not person


def modifier_only(m: Mention, doc: Doc, offset: int, role_words: Container[str]) -> bool:
    """Is ``m`` (article offsets; ``doc`` is the parse of the sentence that starts at ``offset``) an
    adjective modifying a noun of ``doc`` that is no role word? False for a mention outside the sentence."""
    start, end = m.start - offset, m.end - offset
    if start < 0 or end > len(doc.text):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    if root.pos_ != "ADJ" or root.dep_ != "amod":
        return False
    noun = root.head
    return noun.lower_ not in role_words and noun.lemma_.lower() not in role_words
