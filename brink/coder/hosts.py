"""Hosted forces: "fired missiles at two Iraqi air bases that house U.S. forces" is an attack on the U.S.
forces, not on Iraq. A place attacked whose relative or participle clause says it hosts someone's forces
(grammar.yaml ``hosting_verbs``: "that house", "housing", "hosting") stands, as the target of violence, for
those forces; the place's own country is only where it happened."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from brink.coder import tree


@functools.cache
def hosting_verbs() -> frozenset[str]:
    """grammar.yaml's hosting verbs, read once per process."""
    from brink.coder.lexicon import load_grammar  # (the dictionaries' loader; only its grammar file here)

    return frozenset(load_grammar().hosting_verbs)


def hosted(place: Token) -> list[Token]:
    """The names of the forces ``place`` is said to host ("bases that house U.S. troops" -> U.S.), or [].
    Only named forces: "bases housing troops" says nothing of whose."""
    verbs = hosting_verbs()
    for clause in place.children:
        if clause.dep_ in ("relcl", "acl") and _hosting(clause, verbs):
            found = _names(tree.with_conjuncts(tree.children(clause, ("dobj",))))
            if found:
                return found
        # the small model reads "bases that house U.S. forces" as a noun "house" compounded to "forces", in
        # apposition to the place; the relative pronoun it hangs on "house" shows that "house" is the verb
        if clause.dep_ == "appos" and any(_relative_verb(c, verbs) for c in clause.children):
            return _names(tree.with_conjuncts([clause]))
    # ... and may hang that noun on the verb, as a second object: then only the relative pronoun right after
    # the place ("bases that house") ties the clause to it
    after = place.i + 1
    if after < len(place.doc) and place.doc[after].lower_ in tree.RELATIVE_PRONOUNS:
        verb = place.doc[after].head
        if _relative_verb(verb, verbs):
            return _names(tree.with_conjuncts([verb.head]))
    return []


def _names(forces: list[Token]) -> list[Token]:
    """Whose the forces are: a name itself ("housing U.S. and coalition forces": U.S.), or the name or
    national adjective before a noun ("U.S. troops", "American soldiers")."""
    out: list[Token] = []
    for f in forces:
        if f.pos_ == "PROPN":
            out.append(f)
            continue
        out.extend(
            c
            for c in f.children
            if c.dep_ in ("compound", "nmod", "amod", "poss")
            and c.pos_ in ("PROPN", "ADJ")
            and c.text[:1].isupper()
        )
    return out


def _relative_verb(tok: Token, verbs: frozenset[str]) -> bool:
    return (
        tok.dep_ == "compound"
        and _hosting(tok, verbs)
        and any(c.dep_ == "nsubj" and c.lower_ in tree.RELATIVE_PRONOUNS for c in tok.children)
    )


def through_hosts(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each place that hosts forces replaced by those forces."""
    return [x for t in tokens for x in (hosted(t) or [t])]


def _hosting(tok: Token, verbs: frozenset[str]) -> bool:
    return tok.lemma_.lower() in verbs or tok.lower_ in verbs
