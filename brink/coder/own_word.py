"""Own word: a "would" act is a threat only when its doer's side says it of itself.

"Moscow said it would retaliate against Britain", "Ethiopia said it would use force against Egypt": the
act's clause hangs directly (ccomp) on a non-negated verb of saying (WordNet ``verb.communication``) whose
subject is the act's own subject, or the act's subject is a pronoun standing for it. What another says of
someone ("analysts said Iran would hit back") is a prediction, what is awaited ("awaited how Iran would
retaliate"), negated ("did not indicate that the U.S. would retaliate") or denied ("Sudan denied that it
would use force") is no threat: those fail here.
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder.classifier_features import verb_lexname
from brink.coder.verb_classes import VerbClasses

_SAYING: Final = "verb.communication"
# pronouns an act's subject may use for the sayer itself ("Moscow said it would ...")
_OWN_PRONOUNS: Final = frozenset({"it", "they", "we", "i", "he", "she"})
_SUBJECTS: Final = frozenset({"nsubj", "nsubjpass"})


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in _SUBJECTS), None)


def said_of_itself(trigger: Token) -> bool:
    """Is ``trigger``'s clause said by its own doer: a ccomp of a non-negated verb of saying whose subject is
    the trigger's subject (the same word) or which the trigger's subject refers back to by a pronoun?"""
    if trigger.dep_ != "ccomp":
        return False
    says = trigger.head
    if says.pos_ not in {"VERB", "AUX"} or verb_lexname(says.lemma_.lower()) != _SAYING:
        return False
    if any(c.dep_ == "neg" for c in says.children):
        return False
    if says.lemma_.lower() in VerbClasses.load().members("deny"):  # "denied that it would use force"
        return False
    sayer, doer = _subject(says), _subject(trigger)
    if sayer is None or doer is None:
        return False
    if doer.lower_ in _OWN_PRONOUNS:
        return doer.i > sayer.i
    return doer.lemma_.lower() == sayer.lemma_.lower()
