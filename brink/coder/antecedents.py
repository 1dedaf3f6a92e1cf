"""Which mentions a pronoun may stand for: not a country named only by an adjective on a thing ("if a
country continues to buy Iranian oil ..., it will face sanctions": "it" is the country, never "Iranian").
An adjective on a word that names a role stays one ("Iraqi militia groups said they ...": the adjective is
all the dictionary found of the groups)."""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Doc

from brink.coder.actor_values import Mention


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
