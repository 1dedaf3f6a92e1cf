"""Who did it to whom when the learned second opinion says what happened (ADR 0014): the actors come
from the parse, never from the classifier."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Doc, Token

from brink.coder import tree
from brink.coder.pattern_files import PatternSet
from brink.coder.roles import REPORTING, Resolved, SentenceActors


def opinion_actors(
    doc: Doc, actors: SentenceActors, any_verb: bool = False
) -> tuple[Resolved, Resolved, Token] | None:
    """Source, target and predicate for the classifier's event: the main clause's verb (under a verb of
    saying, the reported clause's), an actor among its subjects, and the first other actor among its
    objects, datives, prepositional objects and its complements' objects; dictionary actors only. None
    when either is missing: the classifier says what happened, only the parse says who did it to whom.
    ``any_verb``: failing the main clause, the first other verb that has both (measured, not used: its
    added events were no more precise, ADR 0014)."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return None
    predicate = roots[0]
    if predicate.lemma_.lower() in REPORTING:
        reported = [c for c in predicate.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in _VERBS]
        if reported:
            predicate = reported[0]
    found = _pair(actors, predicate)
    if found is not None or not any_verb:
        return found
    for verb in doc:
        if verb.pos_ == "VERB" and verb.dep_ != "ROOT" and verb.lemma_.lower() not in REPORTING:
            found = _pair(actors, verb)
            if found is not None:
                return found
    return None


def _pair(actors: SentenceActors, predicate: Token) -> tuple[Resolved, Resolved, Token] | None:
    source = next((r for r in (_named(actors, t) for t in tree.subjects(predicate)) if r is not None), None)
    if source is None:
        return None
    for tok in _object_side(predicate):
        r = _named(actors, tok)
        if r is not None and r.mention.actor.code != source.mention.actor.code:
            return source, r, predicate
    return None


def _named(actors: SentenceActors, tok: Token) -> Resolved | None:
    """The dictionary actor a token stands for: a guessed one ("the team") on top of a learned guess is one
    guess too many."""
    r = actors.of_token(tok, None)
    return r if r is not None and not r.mention.actor.guessed else None


_VERBS: Final = frozenset({"VERB", "AUX"})
# prepositions whose object an action is aimed at ("to Iraq", "against China", "with Russia"), unlike a
# setting's ("near the Syrian border", "in Gaza", "after talks")
_TOWARD: Final = frozenset({"to", "against", "with", "on", "at", "into", "toward", "towards", "upon", "for"})


def _object_side(predicate: Token) -> list[Token]:
    """The predicate's objects, datives and objects of a preposition of direction, then its complements'
    ("urged Japan to stop provocations against China")."""
    out: list[Token] = []
    for verb in (predicate, *tree.clauses(predicate)):
        out += tree.objects(verb) + tree.datives(verb)
        out += [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in _TOWARD
            for g in c.children
            if g.dep_ == "pobj"
        ]
    return out


def refused_roots(doc: Doc, patterns: PatternSet) -> frozenset[int]:
    """The roots of the patterns whose trigger word the sentence has: where they matched nothing or filled no
    event, they refused it ("called Iran a terrorist state" is no appeal, "denied that it had sent" no
    statement of it), so a root among them is not the classifier's to give on its own."""
    return frozenset(
        int(c.spec.code[:2]) for tok in doc for c in patterns.by_trigger.get(tok.lemma_.lower(), ())
    )
