"""A threat whose subject is a pronoun that its own clause says is a thing, not an actor: "It was the most
serious blow to the group in two decades and threatened to push the exchanges into a regional war" ("it"
is the blow: a thing that "threatens to" spill over is a risk, not an actor's threat, as "the war threatens
to spread" is). Read from the parse: the pronoun is the subject of "be" whose attribute is a common noun
that names no actor (no mention covers it and it is no role word: "It is the largest militia in Iraq and
threatened ..." keeps its threat)."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.roles import SentenceActors

_THING_PRONOUNS: Final = frozenset({"it", "this", "that"})


def subject_is_a_thing(trigger: Token, actors: SentenceActors) -> bool:
    """Is the subject of ``trigger`` (its own or the one it shares through "and") "it"/"this"/"that" said,
    by the copula it is the subject of, to be a thing?"""
    roles = actors.names.role_words if actors.names is not None else {}
    for subject in tree.subjects(trigger):
        if subject.pos_ != "PRON" or subject.lower_ not in _THING_PRONOUNS:
            continue
        copula = subject.head
        if copula.lemma_.lower() != "be":
            continue
        for attr in tree.children(copula, ("attr",)):
            if attr.pos_ != "NOUN" or actors.mention_at(attr) is not None:
                continue
            if attr.lower_ not in roles and attr.lemma_.lower() not in roles:
                return True
    return False
