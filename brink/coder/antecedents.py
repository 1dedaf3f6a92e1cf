"""Which mentions a pronoun may stand for: "he" a person or an office, "it"/"they" anything else; and not
a country named only by an adjective on a thing ("if a country continues to buy Iranian oil ..., it will face
sanctions": "it" is the country, never "Iranian"). An adjective on a word that names a role stays one ("Iraqi
militia groups said they ...": the adjective is all the dictionary found of the groups). And the order a
later pronoun looks through a sentence's mentions in: its subject last (``subject_last``)."""

from __future__ import annotations

from collections.abc import Container
from typing import Final

from spacy.tokens import Doc

from brink.coder import tree
from brink.coder.actor_values import Mention
from brink.coder.segment import Sentence

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
    root = tree.span_root(doc, start, end)
    if root is None:
        return False
    if root.pos_ != "ADJ" or root.dep_ != "amod":
        return False
    noun = root.head
    return noun.lower_ not in role_words and noun.lemma_.lower() not in role_words


def subject_last(sentence: Sentence, mentions: list[Mention], doc: Doc | None) -> list[Mention]:
    """The sentence's mentions with its subject moved last, where a later pronoun looks first: the
    parsed subject, else a mention among the first five words ("Now Iran is ...")."""
    if not mentions:
        return []
    subject: Mention | None = None
    if doc is not None:
        for tok in doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                s = sentence.start + tok.idx
                subject = next((m for m in mentions if m.start <= s < m.end), None)
                break
    else:
        head = sentence.start + sum(len(w) + 1 for w in sentence.text.split()[:5])
        subject = next((m for m in mentions if m.start < head), None)
    if subject is None:
        return mentions
    return [m for m in mentions if m is not subject] + [subject]
