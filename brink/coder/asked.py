"""What an appeal or demand asks for: the noun events after its "for" and the bare-infinitive or
subjunctive clauses it governs ("called for the release of", "urged X to withdraw", "demanded that India
withdraw"). What is asked for is not done; the matcher absorbs those events."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from brink.coder import tree


def asked_things(word: Token) -> list[Token]:
    """The noun events a directive word asks for with "for" ("called for the release of the fishermen",
    "asked Germany for help", "pressed for a withdrawal", "a demand for the return of the land"): what is
    asked for is not done (a verb's own "for" phrase: "criticised Iran for its strikes" is no directive)."""
    found = [
        o
        for p in word.children
        if p.dep_ == "prep" and p.lower_ == "for"
        for o in tree.children(p, ("pobj",))
    ]
    found += [c for o in found for c in o.conjuncts if c.i > o.i]
    return [o for o in found if o.pos_ in tree.NOUN_POS]


def asked_clauses(word: Token) -> list[Token]:
    """The bare-infinitive clauses (tag VB: "to withdraw", subjunctive "that India withdraw") ``word``
    governs: as its complement, after a preposition ("called on X to release": pcomp) or with "for"
    ("called for Hamas to halt": advcl)."""
    found = list(tree.clauses(word))
    found += [c for p in word.children if p.dep_ == "prep" for c in p.children if c.dep_ == "pcomp"]
    # (a noun's "for" clause is often hung on the verb that carries it: "renewed its demand for Colombia
    # to withdraw" parses the clause under "renewed")
    owners = [word, word.head] if word.pos_ == "NOUN" and word.dep_ == "dobj" else [word]
    found += [
        c
        for o in owners
        for c in o.children
        if c.dep_ == "advcl"
        and any(m.lower_ in ("for", "to") and m.dep_ in ("mark", "aux") for m in c.children)
    ]
    # someone is asked: the clause's own subject, the word's object or "on" object, or a passive's subject
    # ("sought to march", "asked to speak" with no one asked is the actor's own aim, told elsewhere)
    addressed = tree.is_passive(word) or any(
        c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("on", "upon", "with", "to"))
        for c in word.children
    )
    # a noun's "that" clause in the subjunctive ("Russian demands that Turkey withdraw its troops"): the
    # small model tags the bare verb VBP there
    that = [
        c
        for c in word.children
        if word.pos_ == "NOUN" and c.dep_ == "acl" and c.tag_ in ("VB", "VBP")
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
    ]  # fmt: skip
    return that + [
        c
        for c in found
        if c.tag_ == "VB"
        and c.pos_ in tree.VERB_POS
        and not _open_question(c)
        and (addressed or any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children))
    ]


_PREDICTING: Final = frozenset({"will", "would", "can", "could", "may", "might", "'ll", "wo"})


def _open_question(clause: Token) -> bool:
    """ "asked if he would attack", "asked whether Iran will talks": a question or a prediction, not the
    act asked for (a modal of obligation, "demanded that Moscow should withdraw", still asks)."""
    return any(
        (c.dep_ == "mark" and c.lower_ in ("if", "whether")) or (c.dep_ == "aux" and c.lower_ in _PREDICTING)
        for c in clause.children
    )
