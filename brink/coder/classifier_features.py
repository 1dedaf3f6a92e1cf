"""Clause features for the sentence classifier: WordNet lexicographer files and the main clause's modality.

``classify.parse_features`` adds these to its lemma and dependency features. Why each one:
- ``W=verb.contact`` for every verb, from ``data/verb_lexnames.tsv`` (WordNet's lexicographer file of the
  verb's first sense): fifteen coarse classes that generalise over verbs the dev sentences lack, where
  ``verb_classes.yaml`` knows only the patterns' verbs. ``RW=`` is the same for the sentence's predicate.
- The predicate is the root, or under a verb of saying (a ``verb.communication`` root with a clausal
  complement) the reported clause's verb: "X said it would strike Y" is about striking.
- ``N=neg`` (the predicate is negated), ``M=would`` (its modal auxiliary) and ``M=if`` (it sits in or
  governs an ``if``/``unless`` clause): a classifier that sees them can learn that a negated or
  conditional act is not the event, instead of reading only its verb.
Plain Python over spaCy-like tokens; reads one data file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Final, Protocol

LEXNAMES_FILE: Final = Path(__file__).parent / "data" / "verb_lexnames.tsv"
SAYING: Final = "verb.communication"
CONDITION_MARKS: Final = frozenset({"if", "unless"})


class ClauseToken(Protocol):
    """What these features read of a spaCy token."""

    @property
    def lemma_(self) -> str: ...
    @property
    def pos_(self) -> str: ...
    @property
    def dep_(self) -> str: ...
    @property
    def tag_(self) -> str: ...
    @property
    def head(self) -> ClauseToken: ...
    @property
    def children(self) -> Iterator[ClauseToken]: ...


@cache
def verb_lexnames() -> dict[str, str]:
    """Verb lemma -> WordNet lexicographer file (``verb.contact``), from the generated TSV."""
    out: dict[str, str] = {}
    for line in LEXNAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            lemma, name = line.split("\t")
            out[lemma] = name
    return out


def verb_lexname(lemma: str) -> str | None:
    return verb_lexnames().get(lemma.lower())


def predicate(root: ClauseToken) -> ClauseToken:
    """The clause the sentence is about: the root, or what a root verb of saying reports."""
    if root.pos_ in {"VERB", "AUX"} and verb_lexname(root.lemma_) == SAYING:
        for child in root.children:
            if child.dep_ == "ccomp" and child.pos_ in {"VERB", "AUX"}:
                return child
    return root


def clause_features(tokens: Iterable[ClauseToken]) -> list[str]:
    """``W=``/``RW=`` lexicographer files and the predicate's ``N=``/``M=`` flags (module docstring)."""
    out: list[str] = []
    root: ClauseToken | None = None
    for token in tokens:
        if token.pos_ == "VERB":
            name = verb_lexname(token.lemma_)
            if name is not None:
                out.append(f"W={name}")
        if token.dep_ == "ROOT" and root is None:
            root = token
    if root is None:
        return out
    main = predicate(root)
    name = verb_lexname(main.lemma_) if main.pos_ in {"VERB", "AUX"} else None
    if name is not None:
        out.append(f"RW={name}")
    for child in main.children:
        if child.dep_ == "neg":
            out.append("N=neg")
        elif child.dep_ in {"aux", "auxpass"} and child.tag_ == "MD":
            out.append(f"M={child.lemma_.lower()}")
        elif child.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lemma_.lower() in CONDITION_MARKS for m in child.children
        ):
            out.append("M=if")
    if main.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lemma_.lower() in CONDITION_MARKS for m in main.children
    ):
        out.append("M=if")
    return out
