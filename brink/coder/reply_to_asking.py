"""A reply to being asked is no threat: "Japan will respond swiftly to any request from New Zealand", "will
give a response to the union's demands", "would react to the proposal". A promised response threatens only
what it answers; when that is a question, a request or an offer, nobody is threatened. The reply verbs and
the asking nouns are brink/coder/data/threat_made.yaml's (``reply_verbs``, ``asking_nouns``)."""

from __future__ import annotations

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.threat_words import threat_words


def answers_an_asking(trigger: Token) -> bool:
    """Does the reply verb ``trigger`` answer a question, request or offer ("respond to any request", "give
    a response to the demands": the "to" on the verb or on its object)?"""
    words = threat_words()
    if trigger.lemma_.lower() not in words.reply_verbs:
        return False
    answered = tree.prep_objects(trigger, "to")
    return any(noun.lemma_.lower() in words.asking_nouns for noun in answered)
