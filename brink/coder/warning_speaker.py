"""Who says what a participle of warning reports: "'Those who play with fire will get burned,' he said,
warning that Taiwan independence means war", "Iran fired missiles, warning that any reply would be met
with force". The participle ("warning") has no subject of its own; the one who warns is the subject of the
clause it hangs on. roles.SentenceActors.speaker reads only verbs of saying ("said that ..."); a threat
whose words are its speaker's ("... means war", "will be met with") lost its source without this."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree
from brink.coder.roles import Resolved, SentenceActors

WARNING_VERBS: Final = frozenset({"warn", "caution", "threaten"})
_PARTICIPLE_DEPS: Final = frozenset({"advcl", "xcomp", "conj"})


def participle_warner(trigger: Token, actors: SentenceActors) -> Resolved | None:
    """The subject of the clause a subjectless "warning (that) ..." participle hangs on, when ``trigger`` is
    in what it reports; None otherwise."""
    tok = trigger
    while tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ == "ccomp" and head.lemma_.lower() in WARNING_VERBS:
            if head.tag_ != "VBG" or head.dep_ not in _PARTICIPLE_DEPS:
                return None
            if tree.children(head, tree.SUBJECT_DEPS):
                return None
            for subject in tree.subjects(head.head):
                r = actors.of_token(subject, None)
                if r is not None:
                    return r
            return None
        tok = head
    return None
